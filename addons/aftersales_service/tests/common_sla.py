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
from datetime import datetime

from mock import patch

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
