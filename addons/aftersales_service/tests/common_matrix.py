# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The role matrix (issue 11): role x document step, one mechanism for the four addons.

One table per document says which roles own each step of its state machine. Every
case runs as a user holding ONLY base.group_user and that one role
(common_roles.role_user): an owned step succeeds; any other fails with
AccessError/UserError/ValidationError and a message that says who may do it.
Steps are called as the web client calls them (``web_create`` or
common_form.form_create: defaults, onchanges, create with every field of the form,
False included; buttons with no argument).

``MatrixMixin.assertRoleMatrix(document, table)``: each step's document is brought to
the step's state once; each role then acts on it in a savepoint of its own, rolled
back before the next role. ``RoleMatrixMixin`` runs tables whose steps arrange and act
in one method (``_step_<step>(user)``), each case in its own savepoint.
"""
import logging
import re

from .common_roles import REFUSED, ROLES, role_user

_logger = logging.getLogger(__name__)

ALL = tuple(ROLES)
SPECIALIST_UP = ("specialist", "supervisor", "director", "manager")
SUPERVISOR_UP = ("supervisor", "director", "manager")
DIRECTOR_UP = ("director", "manager")

# Words by which a refusal names who may do the step: a role, a standard group
# the ORM lists ("allowed for the groups"), the reviewers of a tier, or "only ...".
WHO = re.compile(r"Specialist|Supervisor|Quality Director|quality director|quality office|Manager|manager|management|"
                 r"supervisor|specialist|QC inspector|QC Inspector|keeper|Keeper|accounting|Billing|"
                 r"allowed for the groups|reviewer|Technician|technician|lead|Inventory|Sales|\bonly\b", re.I)


def web_create(Model, values, view_id=None):
    """Create a record as the web client's form does: defaults, then for each field the
    user fills its onchange, then create with every writable field of the form view."""
    # the client offers "Create" only to users with the create right on the model
    Model.check_access_rights("create")
    view = Model.fields_view_get(view_id=view_id, view_type="form")
    names = list(view["fields"])
    record_values = dict.fromkeys(names, False)
    record_values.update(Model.default_get(names))
    spec = Model._onchange_spec(view_info=view)
    for name, value in values.items():
        record_values[name] = value
        if spec.get(name):
            result = Model.onchange(dict(record_values), name, spec)
            for key, new in result.get("value", {}).items():
                if key not in values:
                    record_values[key] = new[0] if isinstance(new, tuple) else new
    sent = {}
    for name in names:
        field = Model._fields.get(name)
        if field is None or (field.readonly and not field.states) or (field.compute and not field.inverse):
            continue  # the client does not send readonly fields
        value = record_values.get(name, False)
        if field.type in ("one2many", "many2many") and not value:
            value = []
        sent[name] = value
    sent.update(values)
    return Model.create(sent)


class MatrixMixin(object):
    """``users[role]``: one role user per role of ``MATRIX_ROLES``; ``assertRoleMatrix``."""

    MATRIX_ROLES = ALL

    def _matrix_users(self, prefix, known=None):
        users = dict(known or {})
        for role in self.MATRIX_ROLES:
            if role not in users:
                users[role] = role_user(self.env, "%s_%s" % (prefix, role), role)
        return users

    def assertRoleMatrix(self, document, table):
        """``table``: [(step, owners, prepare, act)]; ``prepare()`` brings a
        document to the step's state (as superuser or its owners) and returns
        it; ``act(target, user)`` does the step as ``user``. Returns the number of cases."""
        failures = []
        cr = self.env.cr
        for step, owners, prepare, act in table:
            assert set(owners) <= set(self.MATRIX_ROLES), owners
            # one arrangement per step, shared by the roles: each role acts in a savepoint
            # of its own on the arranged document, rolled back before the next role
            cr.execute("SAVEPOINT role_matrix_step")
            try:
                target = prepare()
                for role in self.MATRIX_ROLES:
                    outcome, message = self._matrix_case(cr, act, target, self.users[role])
                    expected = "allowed" if role in owners else "refused"
                    if outcome != expected:
                        failures.append("%s / %s / %s: expected %s, got %s %s"
                                        % (document, step, role, expected, outcome, message[:200]))
                    elif outcome == "refused" and not WHO.search(message):
                        failures.append("%s / %s / %s: refused without saying who may: %s"
                                        % (document, step, role, message[:200]))
            finally:
                cr.execute("ROLLBACK TO SAVEPOINT role_matrix_step")
                self.env.clear()
        cases = len(table) * len(self.MATRIX_ROLES)
        _logger.info("role matrix: %s, %d steps x %d roles = %d cases",
                     document, len(table), len(self.MATRIX_ROLES), cases)
        self.assertFalse(failures, "\n".join(failures))
        return cases

    def _matrix_case(self, cr, act, target, user):
        """(outcome, message) of ``act(target, user)``, rolled back; any other error fails the test."""
        outcome, message = None, ""
        cr.execute("SAVEPOINT role_matrix_case")
        try:
            act(target, user)
            outcome = "allowed"
        except REFUSED as exc:
            outcome = "refused"
            message = exc.args[0] if exc.args else ""
            if not isinstance(message, str) or not message:
                message = str(getattr(exc, "name", None) or exc)
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT role_matrix_case")
            self.env.clear()
        return outcome, message


class RoleMatrixMixin(MatrixMixin):
    """Mix into a SavepointCase/TransactionCase; define ``MATRIX`` = [(document, step, owners)]
    and for each step a method ``_step_<step>(user)`` that arranges (as admin) and then
    does the step as ``user``; each case arranges its own document."""

    MATRIX = ()
    MATRIX_NAME = "matrix"
    MATRIX_ROLES = ("specialist", "technician", "keeper", "supervisor", "director", "manager", "accountant")

    def _step_matrix_users(self):
        return {role: role_user(self.env, "mx_%s_%s" % (self.MATRIX_NAME, role), role,
                                name="%s %s" % (self.MATRIX_NAME, role), tz="Asia/Shanghai")
                for role in self.MATRIX_ROLES}

    def assertStepMatrix(self, users):
        """Every row of ``MATRIX`` for every role of ``MATRIX_ROLES``; returns the number of cases."""
        self.users = users
        cases = 0
        documents = []
        for document, _step, _owners in self.MATRIX:
            if document not in documents:
                documents.append(document)
        for document in documents:
            table = [(step, owners, lambda: None,
                      lambda _target, user, step=step: getattr(self, "_step_%s" % step)(user))
                     for doc, step, owners in self.MATRIX if doc == document]
            cases += self.assertRoleMatrix("%s %s" % (self.MATRIX_NAME, document), table)
        return cases
