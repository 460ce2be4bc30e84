# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""New installation (S1 第五篇 一): team fixed 7 days before entry, entry review,
work plan, QC acceptance with rework, training sign-off, settlement; ±300 for the
team and two failed acceptances in a row flag the team lead."""
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import TINY_PNG, FieldServiceCase


class TestInstallation(FieldServiceCase):

    def setUp(self):
        super().setUp()
        self.new_elevator = self.env["maintenance.equipment"].create({
            "name": "3号货梯", "customer_id": self.customer.id, "site_id": self.site.id,
            "service_status": "installing"})

    def _installation(self, entry_date="2026-03-12"):
        return self.Order.create({
            "order_type": "installation", "equipment_id": self.new_elevator.id,
            "technician_id": self.technician.id, "team_lead_id": self.technician.id,
            "technician_ids": [(6, 0, self.technician2.ids)], "project_manager_id": self.supervisor.id,
            "entry_date": entry_date})

    def _ready(self, order):
        order.write({"ready_drawings": True, "ready_civil": True, "ready_power": True, "ready_materials": True,
                     "ready_safety": True, "work_plan": "第1-3天 导轨, 第4-6天 主机, 第7天 调试"})

    def _to_acceptance(self, order):
        with freeze_time("2026-03-02 02:00:00"):
            order.action_confirm_team()
        self._ready(order)
        with freeze_time("2026-03-12 01:00:00"):
            order.action_readiness_pass()
        order.action_request_acceptance()

    def test_team_chosen_at_least_seven_days_before_entry(self):
        order = self._installation(entry_date="2026-03-06")
        with freeze_time("2026-03-02 02:00:00"):
            with self.assertRaisesRegex(UserError, "7 days"):
                order.action_confirm_team()
            order.entry_date = "2026-03-09"
            order.action_confirm_team()
        self.assertEqual(order.state, "dispatched")
        self.assertEqual(order.install_stage, "readiness")
        self.assertEqual(order.team_confirmed_date, "2026-03-02")
        self.assertIn(self.tech2_user.partner_id, order.message_partner_ids, "the team follows the installation")
        # the team member sees the installation
        order.sudo(self.tech2_user).read(["name"])

    def test_site_not_ready_is_rectified_then_passes(self):
        order = self._installation()
        with freeze_time("2026-03-02 02:00:00"):
            order.action_confirm_team()
        order.ready_drawings = True
        with self.assertRaisesRegex(UserError, "not ready for entry"):
            order.action_readiness_pass()
        with self.assertRaisesRegex(UserError, "rectify"):
            order.action_readiness_rectify()
        order.readiness_note = "土建未完工, 机房无电源"
        order.action_readiness_rectify()
        self.assertEqual(order.readiness_result, "rectify")
        self.assertEqual(order.install_stage, "readiness")
        self.assertTrue(order.activity_ids, "the project manager is asked to rectify")
        self._ready(order)
        order.action_readiness_pass()
        self.assertEqual(order.readiness_result, "pass")
        self.assertEqual(order.readiness_count, 2)
        self.assertEqual(order.install_stage, "installing")
        self.assertEqual(order.state, "on_site")

    def test_failed_acceptance_goes_back_to_rework_and_fines_the_team(self):
        order = self._installation()
        self._to_acceptance(order)
        order.record_acceptance("fail", cause="installation", note="导轨垂直度超差")
        self.assertEqual(order.install_stage, "installing", "rework")
        self.assertEqual(order.rework_count, 1)
        fine = self.env["aftersales.penalty"].search([
            ("employee_id", "=", self.technician.id), ("rule_id.code", "=", "install_quality_fine")])
        self.assertEqual(fine.amount, 300.0)
        self.assertFalse(self.technician.install_lead_flag, "one failure does not flag the lead")
        order.action_request_acceptance()
        order.record_acceptance("fail", cause="installation", note="门机噪音过大")
        self.assertTrue(self.technician.install_lead_flag, "two consecutive failures flag the team lead")
        self.assertEqual(len(self.env["aftersales.penalty"].search([
            ("employee_id", "=", self.technician.id), ("rule_id.code", "=", "install_quality_fine")])), 2)
        self.assertTrue(order.activity_ids.filtered(lambda a: self.technician.name in (a.summary or "")))

    def test_excellent_acceptance_rewards_then_training_and_settlement(self):
        order = self._installation()
        self._to_acceptance(order)
        with self.assertRaises(UserError):
            order.action_settle()
        order.record_acceptance("pass", rating="excellent", on_plan=True, note="验收评审: 优")
        self.assertEqual(order.install_stage, "training")
        reward = self.env["aftersales.penalty"].search([
            ("employee_id", "=", self.technician.id), ("rule_id.code", "=", "install_quality_reward")])
        self.assertEqual(reward.amount, 300.0)
        with self.assertRaisesRegex(UserError, "training"):
            order.action_training_signed()
        order.write({"training_date": "2026-03-20", "training_trainees": "物业电工 刘强, 孙伟",
                     "training_signature": TINY_PNG})
        order.action_training_signed()
        self.assertEqual(order.install_stage, "settlement")
        order.settlement_amount = 8600.0
        with freeze_time("2026-03-21 08:00:00"):
            order.action_settle()
        self.assertEqual(order.state, "done")
        self.assertEqual(order.install_stage, "done")
        self.assertEqual(self.new_elevator.service_status, "warranty")
        self.assertEqual(self.new_elevator.acceptance_date, "2026-03-21")
        self.assertEqual(self.new_elevator.warranty_end, "2027-03-21")
