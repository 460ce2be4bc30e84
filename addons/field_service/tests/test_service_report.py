# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The service report (售后服务报告单) must be complete to close an order (S1 第四篇 四-6);
a supervisor may force the closing, which proposes the "incomplete report" fine."""
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common import FieldServiceCase


class TestServiceReport(FieldServiceCase):

    def _on_site(self):
        with freeze_time("2026-03-02 01:00:00"):
            order = self._repair()
            order.sudo(self.supervisor_user).action_dispatch()
            order.sudo(self.tech_user).action_arrive()
        return order

    def test_closing_without_report_is_refused(self):
        order = self._on_site()
        self.assertFalse(order.report_complete)
        with self.assertRaisesRegex(UserError, "fault cause.*solution.*customer opinion.*customer signature"):
            order.sudo(self.tech_user).action_finish()
        order.sudo(self.tech_user).write({"fault_cause": "门机控制板烧毁", "solution": "更换控制板"})
        with self.assertRaisesRegex(UserError, "customer signature"):
            order.sudo(self.tech_user).action_finish()
        self.assertEqual(order.state, "on_site")

    def test_complete_report_closes(self):
        order = self._on_site()
        self._complete_report(order)
        self.assertTrue(order.report_complete)
        with freeze_time("2026-03-02 01:20:00"):
            order.sudo(self.tech_user).action_finish()
        self.assertEqual(order.state, "done")
        self.assertFalse(order.report_incomplete)
        self.assertEqual(self._timer(order, "repair_minor").state, "met")
        self.assertFalse(order.callback_id, "sampling rate 0 %: no callback")

    def test_supervisor_forces_closing_and_proposes_incomplete_report(self):
        order = self._on_site()
        order.sudo(self.tech_user).write({"fault_cause": "门机控制板烧毁"})
        with self.assertRaises(AccessError):
            order.sudo(self.tech_user)._force_close("客户不在现场")
        wizard = self.env["field.service.force.close"].sudo(self.supervisor_user).create({
            "order_id": order.id, "reason": "客户不在现场, 无法签字"})
        wizard.action_confirm()
        self.assertEqual(order.state, "done")
        self.assertTrue(order.report_incomplete)
        penalty = self._penalties(order, "incomplete_report")
        self.assertEqual(len(penalty), 1)
        self.assertEqual(penalty.employee_id, self.technician)
        self.assertEqual(penalty.amount, 20.0)
        self.assertIn("客户不在现场", order.message_ids[0].body)

    def test_callback_sampled_after_finish(self):
        self.company.fs_callback_rate = 100.0
        order = self._on_site()
        self._complete_report(order)
        order.sudo(self.tech_user).action_finish()
        callback = order.callback_id
        self.assertTrue(callback)
        self.assertEqual(callback.partner_id, self.customer)
        self.assertEqual(callback.employee_id, self.technician)
        self.assertEqual(callback.source_ref, order)
        self.assertEqual(callback.state, "planned")

    def test_dissatisfied_callback_opens_linked_rework(self):
        self.company.fs_callback_rate = 100.0
        order = self._on_site()
        self._complete_report(order)
        order.sudo(self.tech_user).action_finish()
        callback = order.callback_id
        callback.sudo(self.supervisor_user).write({"satisfaction": 2, "answers": "门又卡住了"})
        rework = order.rework_ids
        self.assertEqual(len(rework), 1)
        self.assertEqual(rework.rework_of_id, order)
        self.assertEqual(rework.state, "new")
        self.assertEqual(rework.equipment_id, self.elevator)
        self.assertEqual(rework.technician_id, self.technician)
        self.assertIn(order.name, rework.symptom)
        activity = rework.activity_ids
        self.assertEqual(activity.user_id, self.supervisor_user, "the technician's manager follows the rework")
        points = self.env["aftersales.penalty"].search([
            ("employee_id", "=", self.technician.id), ("rule_id.code", "=", "pts_complaint")])
        self.assertEqual(len(points), 1)
        # answering again does not open a second rework
        callback.sudo(self.supervisor_user).write({"satisfaction": 1})
        self.assertEqual(len(order.rework_ids), 1)
