# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A furniture maker's after-sales office: the people, parts and depots the
spare-part request tests walk through (SPEC §4.1)."""
from datetime import timedelta

from odoo import fields
from odoo.tests.common import SavepointCase

from .common_roles import role_user


class PartRequestCase(SavepointCase):
    """Fixtures are made once per class (warehouses are slow to create);
    each test runs in its own savepoint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_office()

    @classmethod
    def _setup_office(cls):
        env = cls.env
        cls.Request = env["aftersales.part.request"]
        ref = env.ref

        cls.specialist = role_user(env, "pr_specialist", "specialist", name="售后专员 王芳")
        cls.supervisor = role_user(env, "pr_supervisor", "supervisor", name="售后主办 刘强")
        cls.director = role_user(env, "pr_director", "director", name="品质办主任 陈建国")
        cls.technician = role_user(env, "pr_technician", "technician", name="维修员 赵磊")
        cls.finance = role_user(env, "pr_finance", "accountant", name="销售财务 孙丽")
        cls.keeper = role_user(env, "pr_keeper", "keeper", name="仓管 周涛")
        cls.qc = role_user(env, "pr_qc", "inspector", name="驻补配组质检员 黄敏")
        Employee = env["hr.employee"]
        cls.employee = Employee.create({"name": "王芳", "user_id": cls.specialist.id})
        cls.workshop_lead = Employee.create({"name": "补配组 李师傅"})
        cls.inspector = Employee.create({"name": "驻补配组质检员 黄敏", "user_id": cls.qc.id})

        Partner = env["res.partner"]
        cls.dealer = Partner.create({"name": "郑州美家家具经销部", "customer": True, "city": "郑州"})
        cls.dealer2 = Partner.create({"name": "洛阳福源家居", "customer": True, "city": "洛阳"})

        cls.warehouse = ref("stock.warehouse0")
        cls.branch = env["stock.warehouse"].create({"name": "郑州分库", "code": "ZZ1"})
        cls.fg_warehouse = env["stock.warehouse"].create({"name": "成品仓", "code": "FG1"})
        Product = env["product.product"]

        def part(name, code):
            return Product.create({"name": name, "default_code": code, "type": "product",
                                   "list_price": 50.0, "standard_price": 20.0, "taxes_id": [(5,)]})

        cls.armrest = part("沙发扶手 (左)", "SF-FS-L")
        cls.headboard = part("床头靠板", "CT-KB-01")
        cls.drawer = part("抽屉滑轨", "CT-HG-02")
        cls.package = part("三人位真皮沙发 成品包", "SF-3P-PKG")
        cls.quant = env["stock.quant"]
        cls.unpacked = ref("aftersales_service.stock_location_unpacked")

        rule = env["aftersales.penalty.rule"].search([("code", "=", "overdue_part")], limit=1)
        cls.overdue_rule = rule or env["aftersales.penalty.rule"].create({
            "code": "overdue_part", "name": "Overdue part after closing grace", "amount_min": 100,
            "amount_max": 100})

    # ------------------------------------------------------------------
    def stock(self, product, qty, warehouse=None, location=None):
        location = location or (warehouse or self.warehouse).lot_stock_id
        self.quant._update_available_quantity(product, location, qty)

    def on_hand(self, product, location):
        return sum(self.quant.search([("product_id", "=", product.id), ("location_id", "=", location.id)])
                   .mapped("quantity"))

    def make_request(self, lines, reason="production_defect", partner=None, **vals):
        today = fields.Date.from_string(fields.Date.context_today(self.Request))
        values = {
            "partner_id": (partner or self.dealer).id,
            "reason": reason,
            "request_date": fields.Date.to_string(today),
            "promised_date": fields.Date.to_string(today + timedelta(days=10)),
            "consumer_name": "张先生",
            "consumer_phone": "13838001234",
            "responsible_id": self.employee.id,
            "line_ids": [],
        }
        for item in lines:
            extra = item[2] if len(item) > 2 else {}
            values["line_ids"].append((0, 0, dict({"product_id": item[0].id, "qty": item[1]}, **extra)))
        values.update(vals)
        request = self.Request.sudo(self.specialist).create(values)
        return self.Request.browse(request.id)

    def submit(self, request):
        request.sudo(self.specialist).write({"phone_confirmation_note": "张先生确认"})
        request.sudo(self.specialist).action_confirm_by_phone()
        request.sudo(self.specialist).action_submit()
        return request

    def approve(self, request):
        """Supervisor review, quality director approval, and sales finance for packages."""
        request.sudo(self.supervisor).validate_tier()
        request.sudo(self.director).validate_tier()
        if request.has_fg_line:
            request.sudo(self.finance).validate_tier()
        return request

    def timer(self, record, code):
        return self.env["aftersales.sla.timer"].search([
            ("res_model", "=", record._name), ("res_id", "=", record.id), ("rule_id.code", "=", code)])

    def assertTimerRunning(self, record, code, duration, responsible):
        """``record``'s ``code`` timer runs for ``duration`` (a timedelta), owed by ``responsible``."""
        timer = self.timer(record, code)
        self.assertEqual(timer.state, "running")
        self.assertEqual(fields.Datetime.from_string(timer.deadline) - fields.Datetime.from_string(timer.start),
                         duration)
        self.assertEqual(timer.responsible_id, responsible)
        return timer
