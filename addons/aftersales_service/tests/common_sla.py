# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures of the timer tests.

No document of this module uses the timers yet, so the tests give the mixin's
API to ``res.partner`` (which has chatter and activities) for their duration.
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


class SlaCase(TransactionCase):
    """A company in Shanghai with a Mon-Fri 8:00-17:00 calendar, a manager and a technician."""

    def setUp(self):
        super().setUp()
        patch_partner_as_document(self)
        self.company = self.env.ref("base.main_company")
        self.company.partner_id.tz = "Asia/Shanghai"  # UTC+8, no daylight saving
        self.calendar = self.env["resource.calendar"].create({
            "name": "Mon-Fri 8-17",
            "attendance_ids": [(0, 0, {"name": "Day %s" % d, "dayofweek": str(d), "hour_from": 8.0,
                                       "hour_to": 17.0}) for d in range(5)],
        })
        self.company.resource_calendar_id = self.calendar
        self.manager_user = role_user(self.env, "sla_wang_qiang", "supervisor", name="Wang Qiang")
        self.tech_user = role_user(self.env, "sla_li_ming", "technician", name="Li Ming")
        self.manager = self.env["hr.employee"].create({"name": "王强", "user_id": self.manager_user.id})
        self.technician = self.env["hr.employee"].create({
            "name": "李明", "user_id": self.tech_user.id, "parent_id": self.manager.id})
        self.penalty_rule = self.env["aftersales.penalty.rule"].create({
            "code": "test_sla_late", "name": "Late (test)", "amount_min": 50.0})
        self.rule_model = self.env["aftersales.sla.rule"]
        self.timer_model = self.env["aftersales.sla.timer"]
        self.customers = self.env["res.partner"]
        for name in ("上海华安电梯有限公司", "杭州宏达家具城", "苏州金鼎物业"):
            self.customers |= self.env["res.partner"].create({"name": name})

    def penalties(self, documents=None):
        domain = [("rule_id", "=", self.penalty_rule.id)]
        if documents is not None:
            domain.append(("source_ref", "in", ["%s,%s" % (d._name, d.id) for d in documents]))
        return self.env["aftersales.penalty"].search(domain)

    def activities(self, documents, summary_rule):
        return self.env["mail.activity"].search([
            ("res_model", "=", documents._name), ("res_id", "in", documents.ids),
            ("summary", "=", "Deadline missed: %s" % summary_rule.name)])
