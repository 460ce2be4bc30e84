# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The role matrix of issue 11: one table (document step -> roles that own it) drives
the tests. Every role of the suite tries every step: a step its role owns succeeds,
a step it does not own fails with AccessError/UserError saying who may do it.

Steps are called as the web client calls them (``web_create``: default_get, the
onchanges of the fields the user fills, create with every field of the form,
False included; buttons without arguments). Each case runs in its own savepoint
on an arrangement made by the administrator, so the cases are independent.
"""
import sys

from odoo.addons.aftersales_service.tests.common_roles import REFUSED, role_user

ROLES = ("specialist", "technician", "keeper", "supervisor", "director", "manager", "accountant")


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


class RoleMatrixMixin(object):
    """Mix into a SavepointCase/TransactionCase; define ``MATRIX`` = [(document, step, owners)]
    and for each step a method ``_step_<step>(user)`` that arranges (as admin) and then
    does the step as ``user``."""

    MATRIX = ()
    MATRIX_NAME = "matrix"

    def _matrix_users(self):
        users = {}
        for role in ROLES:
            users[role] = role_user(self.env, "mx_%s_%s" % (self.MATRIX_NAME, role), role,
                                    name="%s %s" % (self.MATRIX_NAME, role), tz="Asia/Shanghai")
        return users

    def _run_matrix(self, users):
        failures = []
        count = 0
        cr = self.env.cr
        for document, step, owners in self.MATRIX:
            assert owners <= set(ROLES), owners
            for role in ROLES:
                count += 1
                user = users[role]
                cr.execute("SAVEPOINT role_matrix")
                error = None
                try:
                    getattr(self, "_step_%s" % step)(user)
                except REFUSED as exc:
                    error = exc
                except Exception as exc:  # a crash is a failure of the case, reported below
                    failures.append("%s/%s as %s: crashed: %r" % (document, step, role, exc))
                    error = False
                finally:
                    cr.execute("ROLLBACK TO SAVEPOINT role_matrix")
                    self.env.clear()
                if error is False:
                    continue
                message = "" if error is None else str(getattr(error, "name", None) or error)
                if role in owners and error is not None:
                    failures.append("%s/%s as %s: refused but owned: %s" % (document, step, role, message))
                elif role not in owners and error is None:
                    failures.append("%s/%s as %s: allowed but not owned" % (document, step, role))
                elif role not in owners and "only" not in message.lower():
                    failures.append("%s/%s as %s: refused without saying who may: %s"
                                    % (document, step, role, message))
        # the issue asks the matrix to report how many cases it ran (visible with pytest -s)
        sys.stdout.write("role matrix %s: %d cases (%d steps x %d roles)\n"
                         % (self.MATRIX_NAME, count, len(self.MATRIX), len(ROLES)))
        self.assertFalse(failures, "\n".join(failures))
        return count
