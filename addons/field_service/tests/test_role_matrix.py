# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Role matrix of the field service documents (issue 11, SPEC §2): specialists take the
call, supervisors dispatch, plan cycles and accept installations, the technician records
what happens on site on his own orders, the keeper reads the orders whose parts his depot
issues, managers own the settings. See aftersales_service/tests/common_matrix.py."""
from datetime import timedelta

from odoo import fields
from odoo.addons.aftersales_service.tests.common_matrix import RoleMatrixMixin, web_create

from .common import TINY_PNG, FieldServiceCase

OFFICE = {"specialist", "supervisor", "director", "manager"}
DISPATCH = {"supervisor", "director", "manager"}
ON_SITE = {"technician", "supervisor", "director", "manager"}


class TestFieldServiceRoleMatrix(RoleMatrixMixin, FieldServiceCase):
    MATRIX_NAME = "fs"
    MATRIX = [
        ("field.service.order", "intake", OFFICE),
        ("field.service.order", "open", OFFICE | {"technician", "keeper"}),
        ("field.service.order", "dispatch", DISPATCH),
        ("field.service.order", "arrive", ON_SITE),
        ("field.service.order", "parts", ON_SITE),
        ("field.service.order", "report", ON_SITE),
        ("field.service.order", "signature", ON_SITE),
        ("field.service.order", "finish", ON_SITE),
        ("field.service.order", "cancel", OFFICE),
        ("field.service.order", "send_to_factory", ON_SITE),
        ("field.service.order", "install_team", DISPATCH),
        ("field.service.order", "install_entry_check", ON_SITE),
        ("field.service.order", "install_rectify", ON_SITE),
        ("field.service.order", "install_ask_acceptance", ON_SITE),
        ("field.service.order", "install_training", ON_SITE),
        ("field.service.order", "install_settle", DISPATCH),
        ("field.service.cycle", "cycle_create", DISPATCH),
        ("field.service.daily.log", "daily_log_submit", ON_SITE),
        ("field.service.daily.log", "daily_log_review", DISPATCH),
        ("field.service.daily.log", "daily_log_reset", DISPATCH),
        ("field.service.acceptance", "acceptance", DISPATCH),
        ("maintenance.equipment", "equipment_create", OFFICE),
        ("field.service.settings", "settings", {"manager"}),
    ]

    def setUp(self):
        super().setUp()
        self.users = self._step_matrix_users()
        # the matrix technician's van hangs under a depot the matrix keeper keeps
        depot = self.env["stock.warehouse"].search([("depot_level", "!=", False)], limit=1)
        depot.write({"keeper_ids": [(4, self.users["keeper"].id)]})
        self.mx_van = self.env["stock.location"].create({
            "name": "矩阵工具车", "usage": "internal", "location_id": depot.lot_stock_id.id})
        self.mx_technician = self.env["hr.employee"].create({
            "name": "矩阵师傅", "user_id": self.users["technician"].id, "van_location_id": self.mx_van.id})
        self.elevator.technician_id = self.mx_technician
        self._stock(self.part, self.mx_van, 5)

    def test_role_matrix(self):
        self.assertStepMatrix(self.users)

    # -- arrangements (administrator) --------------------------------------
    def _order(self, state="new"):
        order = self._repair()
        if state in ("dispatched", "on_site"):
            order.action_dispatch()
        if state == "on_site":
            order.action_arrive()
        return order

    def _installation(self, stage="team"):
        """An installation of the matrix technician brought to ``stage`` by the administrator."""
        today = fields.Date.from_string(fields.Date.context_today(self.env["field.service.order"]))
        order = self.env["field.service.order"].create({
            "order_type": "installation", "equipment_id": self.elevator.id,
            "technician_id": self.mx_technician.id, "team_lead_id": self.mx_technician.id,
            "entry_date": fields.Date.to_string(today + timedelta(days=10))})
        stages = ["team", "readiness", "installing", "acceptance", "training", "settlement"]
        if stages.index(stage) >= 1:
            order.action_confirm_team()
            order.write({"ready_drawings": True, "ready_civil": True, "ready_power": True,
                         "ready_materials": True, "ready_safety": True, "work_plan": "第1-3天 导轨, 第4-6天 主机",
                         "readiness_note": "机房无电源"})
        if stages.index(stage) >= 2:
            order.action_readiness_pass()
        if stages.index(stage) >= 3:
            order.action_request_acceptance()
        if stages.index(stage) >= 4:
            order.record_acceptance("pass", rating="pass")
            order.write({"training_date": fields.Date.to_string(today), "training_trainees": "物业电工 刘强",
                         "training_signature": TINY_PNG})
        if stages.index(stage) >= 5:
            order.action_training_signed()
        self.assertEqual(order.install_stage, stage)
        return order

    # -- steps -------------------------------------------------------------
    def _step_send_to_factory(self, user):
        order = self._order("on_site").sudo(user)
        order.action_send_to_factory()
        self.assertEqual(order.state, "factory")

    def _step_install_team(self, user):
        order = self._installation("team").sudo(user)
        order.action_confirm_team()
        self.assertEqual(order.install_stage, "readiness")

    def _step_install_entry_check(self, user):
        order = self._installation("readiness").sudo(user)
        order.action_readiness_pass()
        self.assertEqual(order.install_stage, "installing")

    def _step_install_rectify(self, user):
        order = self._installation("readiness").sudo(user)
        order.action_readiness_rectify()
        self.assertEqual(order.readiness_result, "rectify")

    def _step_install_ask_acceptance(self, user):
        order = self._installation("installing").sudo(user)
        order.action_request_acceptance()
        self.assertEqual(order.install_stage, "acceptance")

    def _step_install_training(self, user):
        order = self._installation("training").sudo(user)
        order.action_training_signed()
        self.assertEqual(order.install_stage, "settlement")

    def _step_install_settle(self, user):
        order = self._installation("settlement").sudo(user)
        order.action_settle()
        self.assertEqual(order.install_stage, "done")

    def _step_intake(self, user):
        order = web_create(self.env["field.service.order"].sudo(user), {
            "order_type": "repair", "equipment_id": self.elevator.id, "caller_name": "张经理",
            "symptom": "电梯停在三楼不动"})
        self.assertEqual(order.partner_id, self.customer)
        self.assertEqual(order.state, "new")

    def _step_open(self, user):
        order = self._order("on_site").sudo(user)
        view = order.fields_view_get(view_type="form")
        values = order.read(list(view["fields"]))
        self.assertEqual(values[0]["name"], order.name)

    def _step_dispatch(self, user):
        order = self._order().sudo(user)
        order.action_dispatch()
        self.assertEqual(order.state, "dispatched")

    def _step_arrive(self, user):
        order = self._order("dispatched").sudo(user)
        order.action_arrive()
        self.assertEqual(order.state, "on_site")

    def _step_parts(self, user):
        order = self._order("on_site").sudo(user)
        order.write({"part_ids": [(0, 0, {
            "product_id": self.part.id, "quantity": 1, "product_uom": self.part.uom_id.id,
            "location_id": False, "charged": False, "old_part_disposition": "scrap"})]})
        self.assertEqual(len(order.part_ids), 1)

    def _step_report(self, user):
        order = self._order("on_site").sudo(user)
        order.write({"fault_cause": "门机控制板烧毁", "solution": "更换门机控制板",
                     "customer_opinion": "满意"})
        self.assertEqual(order.report_missing, "customer signature")

    def _step_signature(self, user):
        order = self._order("on_site").sudo(user)
        order.write({"customer_signed_by": "张经理", "customer_signature": TINY_PNG})
        self.assertTrue(order.customer_signature)

    def _step_finish(self, user):
        order = self._complete_report(self._order("on_site"))
        order.write({"part_ids": [(0, 0, {"product_id": self.part.id, "quantity": 1,
                                          "product_uom": self.part.uom_id.id})]})
        order.sudo(user).action_finish()
        self.assertEqual(order.state, "done")
        self.assertTrue(order.part_ids.move_id, "the part left the van depot")

    def _step_cancel(self, user):
        order = self._order("dispatched").sudo(user)
        order.action_cancel()
        self.assertEqual(order.state, "cancel")

    def _step_cycle_create(self, user):
        cycle = web_create(self.env["field.service.cycle"].sudo(user), {
            "equipment_id": self.elevator.id, "order_type": "lubrication", "next_date": "2031-03-01"})
        self.assertEqual(cycle.interval_days, 15)

    def _step_daily_log_submit(self, user):
        log = web_create(self.env["field.service.daily.log"].sudo(user), {
            "technician_id": self.mx_technician.id, "date": "2031-03-01", "work_done": "锦江大厦巡检"})
        log.action_submit()
        self.assertEqual(log.state, "submitted")

    def _submitted_log(self):
        log = self.env["field.service.daily.log"].create({
            "technician_id": self.mx_technician.id, "date": "2031-03-01", "work_done": "锦江大厦巡检"})
        log.action_submit()
        return log

    def _step_daily_log_review(self, user):
        log = self._submitted_log()
        log.sudo(user).action_review()
        self.assertEqual(log.state, "reviewed")

    def _step_daily_log_reset(self, user):
        log = self._submitted_log()
        log.sudo(user).action_reset()
        self.assertEqual(log.state, "draft")

    def _step_acceptance(self, user):
        order = self.env["field.service.order"].create({
            "order_type": "installation", "equipment_id": self.elevator.id})
        order.write({"install_stage": "acceptance", "state": "on_site"})
        wizard = web_create(self.env["field.service.acceptance.wizard"].sudo(user), {
            "order_id": order.id, "result": "pass"})
        wizard.action_confirm()
        self.assertEqual(order.install_stage, "training")

    def _step_equipment_create(self, user):
        equipment = web_create(self.env["maintenance.equipment"].sudo(user), {
            "name": "3号客梯", "serial_no": "MX-E-0003", "customer_id": self.customer.id})
        self.assertEqual(equipment.customer_id, self.customer)

    def _step_settings(self, user):
        settings = web_create(self.env["field.service.settings"].sudo(user), {"fs_cycle_horizon_days": 45})
        settings.execute()
        self.assertEqual(self.company.fs_cycle_horizon_days, 45)
