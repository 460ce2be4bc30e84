# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input on the field-service documents, sent as the web client sends it, by the
role that does the step (SPEC §6, §9, issue 14): dispatch, arrival, the service
report, parts, installations, cycles and daily logs. See
aftersales_service/tests/common_bad_input."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_service.tests.common_bad_input import BadInputCase, Case, make_case_tests


def today(offset=0):
    return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=offset))


class TestFieldServiceBadInput(BadInputCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        env.user.company_id.write({"fs_callback_rate": 0.0})
        cls.dispatcher = cls.role("supervisor", tz="Asia/Shanghai")
        cls.tech = cls.role("technician", login="bad_fs_tech_wang", tz="Asia/Shanghai")
        cls.tech2 = cls.role("technician", login="bad_fs_tech_li", tz="Asia/Shanghai")
        parent = env.ref("stock.stock_location_locations")
        van = env["stock.location"].create({"name": "坏输入 王师傅工具车", "usage": "internal", "location_id": parent.id})
        Employee = env["hr.employee"]
        cls.technician = Employee.create({"name": "坏输入 王师傅", "user_id": cls.tech.id, "van_location_id": van.id})
        cls.technician2 = Employee.create({"name": "坏输入 李师傅", "user_id": cls.tech2.id})
        cls.customer = env["res.partner"].create({"name": "坏输入 锦江大厦物业", "customer": True})
        cls.elevator = env["maintenance.equipment"].create({
            "name": "坏输入 1号客梯", "serial_no": "BAD-E-0001", "customer_id": cls.customer.id,
            "technician_id": cls.technician.id, "acceptance_date": "2026-01-10", "service_status": "warranty"})
        cls.part = env["product.product"].create({
            "name": "坏输入 门机控制板", "type": "product", "standard_price": 120.0, "list_price": 200.0,
            "taxes_id": [(6, 0, [])]})
        Order = env["field.service.order"]

        def repair(**vals):
            values = {"order_type": "repair", "equipment_id": cls.elevator.id, "partner_id": cls.customer.id,
                      "caller_name": "张经理", "caller_phone": "13800000000", "symptom": "电梯停在三楼"}
            values.update(vals)
            return Order.create(values)
        cls.unassigned = repair()
        cls.unassigned.technician_id = False  # the equipment's technician is proposed; the dispatcher cleared it
        cls.patrol = Order.create({"order_type": "patrol", "equipment_id": cls.elevator.id,
                                   "partner_id": cls.customer.id, "technician_id": cls.technician.id})
        cls.dispatched = repair(technician_id=cls.technician.id)
        cls.dispatched.action_dispatch()
        cls.on_site = repair(technician_id=cls.technician.id)
        cls.on_site.action_dispatch()
        cls.on_site.action_arrive()
        cls.installation = Order.create({
            "order_type": "installation", "equipment_id": cls.elevator.id, "partner_id": cls.customer.id,
            "technician_id": cls.technician.id, "team_lead_id": cls.technician.id, "entry_date": today(3)})
        cls.cycle = env["field.service.cycle"].create({
            "name": "坏输入 巡检", "equipment_id": cls.elevator.id, "partner_id": cls.customer.id,
            "order_type": "patrol", "interval_days": 5, "technician_id": cls.technician.id,
            "next_date": today(30)})
        cls.log = env["field.service.daily.log"].create({"technician_id": cls.technician.id, "date": today()})
        cls.log_submitted = env["field.service.daily.log"].create({
            "technician_id": cls.technician.id, "date": today(-1), "work_done": "巡检 3 台"})
        cls.log_submitted.action_submit()
        cls.company2 = env["res.company"].create({"name": "坏输入 另一公司 (维保)"})
        cls.foreign = repair(company_id=cls.company2.id)

    def part_line(self, quantity):
        return {"part_ids": [[0, False, {"product_id": self.part.id, "quantity": quantity,
                                         "product_uom": self.part.uom_id.id}]]}


CASES = [
    # --- dispatch (the dispatcher, a supervisor) ----------------------------
    Case("order dispatched without technician", lambda t: t.web_button(t.unassigned, t.dispatcher, "action_dispatch"),
         UserError, r"Choose the technician of order .* before dispatching"),
    Case("planned visit dispatched without date", lambda t: t.web_button(t.patrol, t.dispatcher, "action_dispatch"),
         UserError, r"needs a planned date"),
    Case("order dispatched twice", lambda t: t.web_button(t.dispatched, t.dispatcher, "action_dispatch"),
         UserError, r"was already dispatched"),
    Case("order without customer (required link)",
         lambda t: t.web_create("field.service.order", t.dispatcher, {
             "order_type": "repair", "equipment_id": False, "partner_id": False, "symptom": "不运行"}),
         ValidationError, r"mandatory field is not correctly set"),
    Case("dispatched order deleted", lambda t: t.web_unlink(t.dispatched, t.dispatcher),
         UserError, r"is Dispatched and kept for the record: only documents in state Received can be deleted"),
    Case("order on site cancelled", lambda t: t.web_button(t.on_site, t.dispatcher, "action_cancel"),
         UserError, r"already under way or closed: it cannot be cancelled"),
    Case("another company's order edited", lambda t: t.web_write(t.foreign, t.dispatcher, {"symptom": "改"}),
         AccessError, r"security restrictions"),
    # --- on site (the technician) -------------------------------------------
    Case("arrival on an order not dispatched", lambda t: t.web_button(t.unassigned, t.dispatcher, "action_arrive"),
         UserError, r"is Received: it cannot be marked as arrived on site now"),
    Case("arrival on another technician's order", lambda t: t.web_button(t.dispatched, t.tech2, "action_arrive"),
         AccessError, r"security restrictions|dispatched to another technician"),
    Case("order finished with an incomplete report", lambda t: t.web_button(t.on_site, t.tech, "action_finish"),
         UserError, r"service report of .* is incomplete: .* Complete it"),
    Case("order finished before arrival", lambda t: t.web_button(t.dispatched, t.tech, "action_finish"),
         UserError, r"can be finished only on site"),
    Case("replaced part quantity zero", lambda t: t.web_write(t.on_site, t.tech, t.part_line(0)),
         ValidationError, r"quantity of a replaced part must be positive"),
    Case("replaced part quantity negative", lambda t: t.web_write(t.on_site, t.tech, t.part_line(-1)),
         ValidationError, r"quantity of a replaced part must be positive"),
    Case("replaced part quantity as a negative string (JSON-RPC)",
         lambda t: t.web_write(t.on_site, t.tech, t.part_line("-2")),
         ValidationError, r"quantity of a replaced part must be positive"),
    Case("repair sent to the factory before arrival",
         lambda t: t.web_button(t.dispatched, t.tech, "action_send_to_factory"),
         UserError, r"Only a repair on site can be sent to the factory"),
    # --- billing ------------------------------------------------------------
    Case("quotation of a free repair", lambda t: t.web_button(t.on_site, t.dispatcher, "action_create_quotation"),
         UserError, r"no charged parts: in warranty the repair is free"),
    Case("invoice without quotation", lambda t: t.web_button(t.on_site, t.dispatcher, "action_create_invoice"),
         UserError, r"Create the quotation of order .* first"),
    # --- installation (S1 第五篇 一) ------------------------------------------
    Case("installation team chosen less than 7 days before entry",
         lambda t: t.web_button(t.installation, t.dispatcher, "action_confirm_team"),
         UserError, r"at least 7 days before entering the site .* Move the entry date"),
    Case("installation entry check before the team is chosen",
         lambda t: t.web_button(t.installation, t.dispatcher, "action_readiness_pass"),
         UserError, r"this step is not possible now"),
    Case("installation step on a repair", lambda t: t.web_button(t.dispatched, t.dispatcher, "action_confirm_team"),
         UserError, r"is not an installation"),
    # --- equipment, cycles, daily logs --------------------------------------
    Case("warranty ending before the acceptance",
         lambda t: t.web_write(t.elevator, t.dispatcher, {"warranty_end": "2025-12-31"}),
         ValidationError, r"warranty cannot end before the acceptance date"),
    Case("cycle without interval",
         lambda t: t.web_write(t.cycle, t.dispatcher, {"interval_days": 0, "interval_months": 0}),
         ValidationError, r"give an interval in days or in months"),
    Case("cycle with a negative interval", lambda t: t.web_write(t.cycle, t.dispatcher, {"interval_days": -5}),
         ValidationError, r"interval"),
    Case("daily log submitted without the work done", lambda t: t.web_button(t.log, t.tech, "action_submit"),
         UserError, r"Describe the work done"),
    Case("daily log submitted twice", lambda t: t.web_button(t.log_submitted, t.tech, "action_submit"),
         UserError, r"is Submitted: it cannot be submitted now"),
    Case("submitted daily log deleted", lambda t: t.web_unlink(t.log_submitted, t.tech),
         UserError, r"is Submitted and kept for the record: only documents in state Draft can be deleted"),
    Case("replaced part quantity as text (JSON-RPC)", lambda t: t.web_write(t.on_site, t.tech, t.part_line("one")),
         ValidationError, r"Quantity: a number is expected, not \"one\""),
]

make_case_tests(TestFieldServiceBadInput, CASES)
