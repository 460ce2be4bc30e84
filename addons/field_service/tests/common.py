# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared arrangement of the field service tests: a dispatcher (supervisor), two
technicians with their logins and van depots, a customer with an elevator under
warranty, spare parts with a cost price."""
from odoo.addons.aftersales_service.tests.common_roles import role_user
from odoo.tests.common import TransactionCase

TINY_PNG = (b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA"
            b"60e6kgAAAABJRU5ErkJggg==")


class FieldServiceCase(TransactionCase):

    def setUp(self):
        super().setUp()
        self.company = self.env.user.company_id
        self.company.write({"fs_callback_rate": 0.0, "fs_cycle_horizon_days": 30})
        # the arrangement needs no chatter: keep it fast
        env = self.env(context=dict(self.env.context, tracking_disable=True, no_reset_password=True))
        self.supervisor_user = role_user(env, "fs_supervisor", "supervisor", name="陈主管", tz="Asia/Shanghai")
        self.tech_user = role_user(env, "fs_tech_wang", "technician", name="王师傅", tz="Asia/Shanghai")
        self.tech2_user = role_user(env, "fs_tech_li", "technician", name="李师傅", tz="Asia/Shanghai")
        Location = env["stock.location"]
        parent = self.env.ref("stock.stock_location_locations")
        self.van = Location.create({"name": "王师傅工具车", "usage": "internal", "location_id": parent.id})
        self.van2 = Location.create({"name": "李师傅工具车", "usage": "internal", "location_id": parent.id})
        Employee = env["hr.employee"]
        self.supervisor = Employee.create({"name": "陈主管", "user_id": self.supervisor_user.id})
        self.technician = Employee.create({
            "name": "王师傅", "user_id": self.tech_user.id, "van_location_id": self.van.id,
            "parent_id": self.supervisor.id})
        self.technician2 = Employee.create({
            "name": "李师傅", "user_id": self.tech2_user.id, "van_location_id": self.van2.id,
            "parent_id": self.supervisor.id})
        Partner = env["res.partner"]
        self.customer = Partner.create({"name": "上海锦江大厦物业管理有限公司", "customer": True,
                                        "phone": "021-62580000"})
        self.site = Partner.create({"name": "锦江大厦", "parent_id": self.customer.id, "type": "other",
                                    "city": "上海", "street": "茂名南路59号"})
        self.elevator = env["maintenance.equipment"].create({
            "name": "1号客梯", "serial_no": "SH-E-0001", "customer_id": self.customer.id,
            "site_id": self.site.id, "technician_id": self.technician.id,
            "acceptance_date": "2026-01-10", "service_status": "warranty"})
        Product = env["product.product"]
        self.part = Product.create({
            "name": "门机控制板", "type": "product", "standard_price": 120.0, "list_price": 200.0,
            "taxes_id": [(6, 0, [])]})
        self.part2 = Product.create({
            "name": "层门滚轮", "type": "product", "standard_price": 15.0, "list_price": 30.0,
            "taxes_id": [(6, 0, [])]})
        for name in ("supervisor_user", "tech_user", "tech2_user", "van", "van2", "supervisor", "technician",
                     "technician2", "customer", "site", "elevator", "part", "part2"):
            setattr(self, name, getattr(self, name).with_env(self.env))
        self.Order = self.env["field.service.order"]

    def _stock(self, product, location, quantity):
        self.env["stock.quant"]._update_available_quantity(product, location, quantity)

    def _repair(self, **kw):
        vals = {
            "order_type": "repair",
            "equipment_id": self.elevator.id,
            "caller_name": "张经理",
            "caller_phone": "13800000000",
            "symptom": "电梯停在三楼不动, 门打不开",
        }
        vals.update(kw)
        return self.Order.create(vals)

    def _complete_report(self, order):
        order.write({
            "fault_cause": "门机控制板烧毁",
            "solution": "更换门机控制板, 调试门机",
            "customer_opinion": "满意, 维修及时",
            "customer_signed_by": "张经理",
            "customer_signature": TINY_PNG,
        })
        for line in order.checklist_ids:
            line.result = "ok"
        return order

    def _timer(self, order, code):
        return self.env["aftersales.sla.timer"].search([
            ("res_model", "=", order._name), ("res_id", "=", order.id), ("rule_id.code", "=", code)])

    def _penalties(self, order, code):
        return self.env["aftersales.penalty"].search([
            ("source_ref", "=", "%s,%s" % (order._name, order.id)), ("rule_id.code", "=", code)])
