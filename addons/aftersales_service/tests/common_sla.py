# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures of the timer tests.

``test_sla_timer`` tests the mixin on a document model of its own, built for
those tests only (``aftersales.sla.tester``, the way OCA's base_tier_validation
tests its mixin). The sweep, follow-up and retry tests give the mixin's API to
``res.partner`` (chatter, activities, a comment to write) for their duration
instead: most of them commit their timers and documents for a second cursor,
which never sees the table of a model built in the test's own transaction.
"""
from datetime import datetime, timedelta

from mock import patch

from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase

from odoo.addons.aftersales_service.models.aftersales_sla_mixin import AftersalesSlaMixin
from odoo.addons.aftersales_service.tests.common_roles import role_user

MIXIN_METHODS = [
    "_sla_start", "_sla_stop", "_sla_cancel", "_sla_open_timers", "_sla_rule",
    "_sla_responsible", "_sla_values", "_sla_documents_with", "_search_sla_state", "_search_sla_deadline",
]


def patch_partner_as_document(test):
    partner_class = type(test.env["res.partner"])
    for name in MIXIN_METHODS:
        patcher = patch.object(partner_class, name, getattr(AftersalesSlaMixin, name), create=True)
        patcher.start()
        test.addCleanup(patcher.stop)


def insert_partners(cr, count, prefix="SLA客户"):
    """Customers by SQL (fast); returns their ids."""
    cr.execute("""
        INSERT INTO res_partner (name, display_name, active, type, customer, company_id,
                                 invoice_warn, picking_warn, sale_warn, create_date, write_date)
        SELECT %(prefix)s || n, %(prefix)s || n, true, 'contact', true, 1,
               'no-message', 'no-message', 'no-message', now(), now()
          FROM generate_series(1, %(count)s) n
        RETURNING id
    """, {"prefix": prefix, "count": count})
    return [row[0] for row in cr.fetchall()]


def insert_timers(cr, rule_id, res_ids, grace_deadline, employee_ids=None, res_model="res.partner"):
    """Running timers by SQL, one per res_id, responsible employees taken in turn."""
    employee_ids = employee_ids or [None]
    cr.execute("""
        INSERT INTO aftersales_sla_timer (rule_id, res_model, res_id, start, deadline, grace_deadline,
                                          at_risk_date, state, company_id, responsible_id,
                                          create_date, write_date, create_uid, write_uid)
        SELECT %(rule)s, %(model)s, r.res_id, %(start)s, %(gd)s, %(gd)s, %(start)s, 'running', 1,
               (%(employees)s)[1 + (r.n %% %(n_employees)s)], now(), now(), 1, 1
          FROM unnest(%(res_ids)s) WITH ORDINALITY AS r(res_id, n)
    """, {"rule": rule_id, "model": res_model, "res_ids": list(res_ids), "start": grace_deadline - timedelta(days=1),
          "gd": grace_deadline, "employees": employee_ids, "n_employees": len(employee_ids)})


def commit_breach_fixture(registry, code, count, now, rule_values, employee_values,
                          partner_prefix, penalty_amount):
    """Commit, by a cursor of its own (a second cursor sees only committed rows), a penalty
    rule and a timer rule ``code`` (``rule_values`` added), an employee and ``count``
    customers whose timers were due an hour before ``now``. Returns the ids
    ({rule, penalty_rule, employee, partners}) for ``delete_breach_fixture``."""
    with registry.cursor() as cr:
        cr.execute("SET LOCAL lock_timeout = '10s'")  # a lock of the test's own transaction fails, never hangs
        env = api.Environment(cr, SUPERUSER_ID, {})
        penalty_rule = env["aftersales.penalty.rule"].create({
            "code": code, "name": "%s (test)" % rule_values["name"], "amount_min": penalty_amount})
        rule = env["aftersales.sla.rule"].create(dict(
            {"code": code, "duration": 1, "unit": "hours", "penalty_rule_id": penalty_rule.id}, **rule_values))
        employee = env["hr.employee"].create(employee_values)
        partner_ids = insert_partners(cr, count, prefix=partner_prefix)
        insert_timers(cr, rule.id, partner_ids, now - timedelta(hours=1), employee.ids)
        cr.commit()  # pylint: disable=invalid-commit
        return {"rule": rule.id, "penalty_rule": penalty_rule.id, "employee": employee.id, "partners": partner_ids}


def delete_breach_fixture(registry, fixture):
    """Delete what ``commit_breach_fixture`` committed and what the sweeps made of it."""
    with registry.cursor() as cr:
        cr.execute("SET LOCAL lock_timeout = '10s'")
        partners = tuple(fixture["partners"]) or (0,)
        cr.execute("SELECT id FROM aftersales_penalty WHERE rule_id = %s", (fixture["penalty_rule"],))
        penalty_ids = tuple(r[0] for r in cr.fetchall()) or (0,)
        cr.execute("DELETE FROM mail_message WHERE model = 'aftersales.penalty' AND res_id IN %s", (penalty_ids,))
        cr.execute("DELETE FROM mail_followers WHERE (res_model = 'aftersales.penalty' AND res_id IN %s) "
                   "OR (res_model = 'res.partner' AND res_id IN %s)", (penalty_ids, partners))
        cr.execute("DELETE FROM aftersales_penalty WHERE id IN %s", (penalty_ids,))
        cr.execute("DELETE FROM mail_activity WHERE res_model = 'res.partner' AND res_id IN %s", (partners,))
        cr.execute("DELETE FROM mail_message WHERE model = 'res.partner' AND res_id IN %s", (partners,))
        cr.execute("DELETE FROM aftersales_sla_timer WHERE rule_id = %s", (fixture["rule"],))
        cr.execute("DELETE FROM aftersales_sla_rule WHERE id = %s", (fixture["rule"],))
        cr.execute("DELETE FROM aftersales_penalty_rule WHERE id = %s", (fixture["penalty_rule"],))
        api.Environment(cr, SUPERUSER_ID, {})["hr.employee"].browse(fixture["employee"]).unlink()
        cr.execute("DELETE FROM res_partner WHERE id IN %s", (partners,))
        cr.commit()  # pylint: disable=invalid-commit


def utc(*args):
    return datetime(*args)


def create_sla_fixtures(env):
    """A company in Shanghai with a Mon-Fri 8:00-17:00 calendar, a manager and his
    technician (users with one role each) and a penalty rule; returns a dict."""
    company = env.ref("base.main_company")
    company.partner_id.tz = "Asia/Shanghai"  # UTC+8, no daylight saving
    calendar = env["resource.calendar"].create({
        "name": "Mon-Fri 8-17",
        "attendance_ids": [(0, 0, {"name": "Day %s" % d, "dayofweek": str(d), "hour_from": 8.0,
                                   "hour_to": 17.0}) for d in range(5)],
    })
    company.resource_calendar_id = calendar
    manager_user = role_user(env, "sla_wang_qiang", "supervisor", name="Wang Qiang")
    tech_user = role_user(env, "sla_li_ming", "technician", name="Li Ming")
    manager = env["hr.employee"].create({"name": "王强", "user_id": manager_user.id})
    technician = env["hr.employee"].create({"name": "李明", "user_id": tech_user.id, "parent_id": manager.id})
    penalty_rule = env["aftersales.penalty.rule"].create({
        "code": "test_sla_late", "name": "Late (test)", "amount_min": 50.0})
    return {"company": company, "calendar": calendar, "manager_user": manager_user, "tech_user": tech_user,
            "manager": manager, "technician": technician, "penalty_rule": penalty_rule,
            "rule_model": env["aftersales.sla.rule"], "timer_model": env["aftersales.sla.timer"]}


class SlaAssertions(object):
    """The breach actions of a test's documents (on ``self.env`` and ``self.penalty_rule``)."""

    def penalties(self, documents=None):
        domain = [("rule_id", "=", self.penalty_rule.id)]
        if documents is not None:
            domain.append(("source_ref", "in", ["%s,%s" % (d._name, d.id) for d in documents]))
        return self.env["aftersales.penalty"].search(domain)

    def activities(self, documents, summary_rule):
        return self.env["mail.activity"].search([
            ("res_model", "=", documents._name), ("res_id", "in", documents.ids),
            ("summary", "=", "Deadline missed: %s" % summary_rule.name)])


class SlaCase(SlaAssertions, TransactionCase):
    """The fixtures of ``create_sla_fixtures`` and three customers (res.partner) using the timers."""

    def setUp(self):
        super().setUp()
        patch_partner_as_document(self)
        for key, value in create_sla_fixtures(self.env).items():
            setattr(self, key, value)
        self.customers = self.env["res.partner"]
        for name in ("上海华安电梯有限公司", "杭州宏达家具城", "苏州金鼎物业"):
            self.customers |= self.env["res.partner"].create({"name": name})
