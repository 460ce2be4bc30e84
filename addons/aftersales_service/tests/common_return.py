# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared fixtures of the return, write-off and complaint tests: the people of
the procedure (specialist, depot keeper, after-sales lead reporting to the
quality office director, manager, accountant), a dealer and delivered goods."""
import shutil

from freezegun import freeze_time

from odoo.tests.common import TransactionCase

from .common_report import report_pdf_text
from .common_roles import role_user
from .common_stock import reserved_picking


def make_user(env, login, name, role):
    return role_user(env, login, role, name=name)


class ReturnCase(TransactionCase):

    def setUp(self):
        super().setUp()
        env = self.env
        self.company = env.ref("base.main_company")
        self.specialist = make_user(env, "ret_zhou", "周丽 (specialist)", "specialist")
        self.lead = make_user(env, "ret_liu", "刘洋 (after-sales lead)",
                              "supervisor")
        self.director = make_user(env, "ret_sun", "孙伟 (quality director)",
                                  "director")
        self.manager = make_user(env, "ret_zhao", "赵总 (manager)", "manager")
        self.director_employee = env["hr.employee"].create({"name": "孙伟", "user_id": self.director.id})
        self.lead_employee = env["hr.employee"].create({
            "name": "刘洋", "user_id": self.lead.id, "parent_id": self.director_employee.id})
        self.dealer = env["res.partner"].create({
            "name": "杭州宏达家具城", "customer": True, "email": "hongda@example.com", "phone": "0571-8888 6666"})
        self.product = env["product.product"].create({
            "name": "真皮沙发 S-320", "type": "consu", "list_price": 2800.0, "default_code": "S-320"})
        self.chair = env["product.product"].create({
            "name": "餐椅 C-18", "type": "consu", "list_price": 350.0, "default_code": "C-18"})
        self.stock_location = env.ref("stock.stock_location_stock")
        self.customer_location = env.ref("stock.stock_location_customers")
        self.returns_location = env.ref("aftersales_service.stock_location_customer_returns")
        self.return_model = env["aftersales.return"]
        self.inspection_rule = env["aftersales.sla.rule"].get_by_code("return_inspection")

    # ------------------------------------------------------------------
    def deliver(self, product, qty, partner=None):
        picking = reserved_picking(self.env, self.env.ref("stock.picking_type_out"), self.stock_location,
                                   self.customer_location, product, qty, partner=partner or self.dealer)
        picking.move_lines.quantity_done = qty
        picking.action_done()
        self.assertEqual(picking.state, "done")
        return picking

    def new_return(self, qty=2.0, product=None, **vals):
        product = product or self.product
        values = {
            "partner_id": self.dealer.id,
            "user_id": self.lead.id,
            "description": "坐垫开裂",
            "alternative_offered": "parts",
            "alternative_outcome": "declined",
            "line_ids": [(0, 0, {"product_id": product.id, "qty": qty, "reason": "quality"})],
        }
        values.update(vals)
        return self.return_model.browse(self.return_model.sudo(self.specialist).create(values).id)

    def approve(self, ret):
        ret.sudo(self.specialist).action_submit()
        self.assertEqual(ret.state, "to_approve")
        ret.sudo(self.director).validate_tier()
        self.assertEqual(ret.state, "approved")
        return ret

    def receive(self, ret, counted=None, when="2026-03-02 02:00:00", **vals):
        # the after-sales lead receives (a depot keeper may be limited to the depots he keeps)
        for line in ret.line_ids:
            line.sudo(self.lead).qty_received = line.qty if counted is None else counted
        values = {"packaging_condition": "intact", "deliverer_name": "物流司机 王师傅", "deliverer_signed": True}
        values.update(vals)
        ret.sudo(self.lead).write(values)
        with freeze_time(when):
            ret.sudo(self.lead).action_receive()
        return ret

    def inspect(self, ret, verdict="quality_defect", when="2026-03-03 02:00:00"):
        ret.line_ids.sudo(self.lead).write({"verdict": verdict, "findings": "面料接缝开裂"})
        ret.sudo(self.lead).inspection_summary = "出厂缝线不良"
        with freeze_time(when):
            ret.sudo(self.lead).action_inspect()
        return ret

    def decide(self, ret, decision="repair", when="2026-03-03 06:00:00"):
        ret.sudo(self.director).write({"decision": decision, "decision_notes": "返厂维修"})
        with freeze_time(when):
            ret.sudo(self.director).action_decide()
        return ret

    def timers(self, record, code):
        return self.env["aftersales.sla.timer"].search([
            ("res_model", "=", record._name), ("res_id", "=", record.id), ("rule_id.code", "=", code)])

    def pdf_text(self, report_xmlid, records):
        if not shutil.which("pdftotext"):
            self.skipTest("pdftotext (poppler-utils) is required")
        return report_pdf_text(self, report_xmlid, records)
