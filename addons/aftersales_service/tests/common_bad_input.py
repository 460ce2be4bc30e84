# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input sent the way the web client sends it (SPEC §9, issue 14).

Each addon's ``test_bad_input.py`` holds one table of cases. A case names the
role that would normally do the step, performs the call as the web client
(or a JSON-RPC client) sends it, and states the exact exception class and a
phrase of the message that tells the user what to do:

- a new form: ``default_get`` of the form view's fields, every field of the
  view sent on ``create`` (``False`` for the empty ones), as Odoo 11's web
  client does;
- a save: ``write`` of the changed fields;
- a button: ``/web/dataset/call_button``, i.e. ``call_kw`` with
  ``args = [[ids], context]`` and no kwargs;
- all of it under ``odoo.service.model.check``, the wrapper of every RPC
  call, which turns SQL constraint violations into ``ValidationError``.

The RPC layer rolls the request's transaction back on an error; a savepoint
does the same here. Then every table of the suite's documents (and the core
rows they create: transfers, sale orders, invoices, tier reviews, activities,
messages) is compared with its state before the call, row by row: a refused
input writes nothing, anywhere.

``make_case_tests(cls, CASES)`` turns the table into one test method per case
(``test_bad_input_NNN_<name>``), so each refusal is reported on its own line.
"""
import re
import unittest

from psycopg2 import sql

from odoo import api
from odoo.service.model import check
from odoo.tests.common import SavepointCase

from .common_roles import role_user

SUITE_MODULES = ("aftersales_service", "spare_parts_depot", "field_service", "maintenance_contract")
# Core tables the suite's documents create rows in.
CORE_TABLES = (
    "stock_picking", "stock_move", "stock_move_line", "stock_quant", "stock_inventory", "sale_order",
    "sale_order_line", "account_invoice", "account_invoice_line", "account_move", "account_move_line",
    "tier_review", "mail_activity", "mail_message", "maintenance_equipment", "stock_warehouse",
    "product_template", "hr_employee",
)


class Case(object):
    """One bad input: ``call(test)`` performs it; it must raise ``exception``
    whose message contains ``phrase`` (a regular expression, case-insensitive).

    ``defect``: the rule is not (or not helpfully) enforced today; the case states the
    expected behaviour and runs as an expected failure, with this reason."""

    def __init__(self, name, call, exception, phrase, defect=None):
        self.name = name
        self.call = call
        self.exception = exception
        self.phrase = phrase
        self.defect = defect


def make_case_tests(cls, cases):
    """Add one test method per case to ``cls`` (a ``BadInputCase``)."""
    names = set()
    for number, case in enumerate(cases, 1):
        assert case.name not in names, "duplicate bad-input case %s" % case.name
        names.add(case.name)

        def test(self, case=case):
            self.assert_refused(case)
        test.__doc__ = "bad input: %s" % case.name
        if case.defect:
            test.__doc__ += " (known defect: %s)" % case.defect
            test = unittest.expectedFailure(test)
        setattr(cls, "test_bad_input_%03d_%s" % (number, re.sub(r"\W+", "_", case.name)), test)
    cls.BAD_INPUT_COUNT = len([case for case in cases if not case.defect])
    cls.BAD_INPUT_DEFECTS = len([case for case in cases if case.defect])
    return cls


class BadInputCase(SavepointCase):
    """Role users, the web-client call helpers and the before/after comparison."""

    BAD_INPUT_COUNT = 0

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, no_reset_password=True))
        cls.users = {}
        cls._watched = cls._watched_tables()

    @classmethod
    def role(cls, role, login=None, **values):
        """The user of ``role`` for this class (one per role, made with role_user)."""
        login = login or "bad_%s_%s" % (cls.__name__.lower(), role)
        if login not in cls.users:
            cls.users[login] = role_user(cls.env, login, role, **values)
        return cls.users[login]

    @classmethod
    def _watched_tables(cls):
        cr = cls.env.cr
        cr.execute("""
            SELECT DISTINCT replace(m.model, '.', '_')
              FROM ir_model m JOIN ir_model_data d ON d.model = 'ir.model' AND d.res_id = m.id
             WHERE d.module IN %s""", [SUITE_MODULES])
        tables = {row[0] for row in cr.fetchall()} | set(CORE_TABLES)
        cr.execute("SELECT relname FROM pg_class WHERE relkind = 'r' AND relname IN %s", [tuple(tables)])
        return sorted(row[0] for row in cr.fetchall())

    def snapshot(self):
        """{table: (row count, hash of every row)} of the watched tables."""
        result = {}
        for table in self._watched:
            self.env.cr.execute(sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {} t"
            ).format(sql.Identifier(table)))
            result[table] = self.env.cr.fetchone()
        return result

    # -- the web client's calls ----------------------------------------
    def as_user(self, model, user):
        return self.env[model].sudo(user) if isinstance(model, str) else model.sudo(user)

    def form_values(self, model, user, values, view_id=None):
        """What a new form sends on save: every field of the form view, its
        default or False, then what the user typed (``values``)."""
        Model = self.as_user(model, user)
        view = Model.fields_view_get(view_id=view_id, view_type="form")
        names = [name for name, info in view["fields"].items()
                 if not (info.get("readonly") and not info.get("states"))
                 and not (Model._fields[name].compute and not Model._fields[name].inverse)]
        defaults = Model.default_get(names)
        vals = {}
        for name in names:
            field = Model._fields[name]
            if name in defaults:
                vals[name] = defaults[name]
            elif field.type in ("one2many", "many2many"):
                vals[name] = []
            else:
                vals[name] = False
        vals.update(values)
        return vals

    def rpc(self, records, method, *args):
        """call_kw as /web/dataset/call_kw sends it (the context travels last)."""
        context = dict(records.env.context)
        if method in ("create", "default_get", "name_create") or getattr(
                getattr(type(records), method), "_api", None) == "model":
            return api.call_kw(records, method, list(args), {"context": context})
        return api.call_kw(records, method, [records.ids] + list(args), {"context": context})

    def web_create(self, model, user, values, view_id=None, unsent=()):
        """Save a new form. ``unsent``: fields left out when they are empty (False), for
        a known defect where a guard on create takes the form's False for a change."""
        vals = self.form_values(model, user, values, view_id)
        for name in unsent:
            if name in vals and vals[name] is False:
                del vals[name]
        return self.rpc(self.as_user(model, user), "create", vals)

    def web_write(self, record, user, values):
        return self.rpc(self.as_user(record, user), "write", values)

    def web_unlink(self, record, user):
        return self.rpc(self.as_user(record, user), "unlink")

    def web_button(self, record, user, method):
        """/web/dataset/call_button: args = [[ids], context], no kwargs."""
        records = self.as_user(record, user)
        return api.call_kw(records, method, [records.ids, dict(records.env.context)], {})

    # -- the check -----------------------------------------------------
    def assert_refused(self, case):
        before = self.snapshot()

        def call(dbname):
            with self.env.cr.savepoint():
                case.call(self)

        with self.assertRaises(case.exception) as caught:
            check(call)(self.env.cr.dbname)
        self.env.cache.invalidate()
        error = caught.exception
        self.assertIs(type(error), case.exception, "%s: raised %r" % (case.name, error))
        message = getattr(error, "name", None) or str(error)
        self.assertRegex(message, re.compile(case.phrase, re.I | re.S),
                         "%s: the message does not say what to do" % case.name)
        after = self.snapshot()
        changed = sorted(table for table in before if before[table] != after[table])
        self.assertFalse(changed, "%s: refused, yet rows changed in %s" % (case.name, ", ".join(changed)))
