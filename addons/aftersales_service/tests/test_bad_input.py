# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input on the documents of aftersales_service, sent as the web client
sends it, by the role that does the step (SPEC §9, issue 14). Each case is
refused with its exact exception and a message that says what to do, and
writes nothing (see common_bad_input)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_bad_input import BadInputCase, Case, make_case_tests


# Known defect (reported, not fixed here): the form sends these fields as False on
# create, and AftersalesPartRequest._check_protected_fields refuses them for anyone but
# a supervisor / quality director ("in vals", not their value). The cases below leave
# them out when empty; test_valid_request_from_the_full_form shows the defect.
PROTECTED_ON_CREATE = ("promise_extension_approved", "charge_override", "charge_override_reason")


def today(offset=0):
    return fields.Date.to_string(fields.Date.from_string(fields.Date.today()) + timedelta(days=offset))


class TestServiceBadInput(BadInputCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.specialist = cls.role("specialist")
        cls.supervisor = cls.role("supervisor")
        cls.director = cls.role("director")
        cls.manager = cls.role("manager")
        cls.employee = env["hr.employee"].create({"name": "坏输入 王芳", "user_id": cls.specialist.id})
        cls.dealer = env["res.partner"].create({"name": "坏输入 郑州经销部", "customer": True})
        cls.other_dealer = env["res.partner"].create({"name": "坏输入 洛阳家居", "customer": True})
        cls.part = env["product.product"].create({
            "name": "坏输入 沙发扶手", "type": "product", "list_price": 50.0, "standard_price": 20.0,
            "taxes_id": [(5,)]})
        cls.sofa = env["product.product"].create({
            "name": "坏输入 真皮沙发", "type": "consu", "list_price": 2800.0, "taxes_id": [(5,)]})
        cls.warehouse = env.ref("stock.warehouse0")
        # a submitted request (phone-confirmed, tiers requested, promise timer running)
        cls.submitted = cls.new_request()
        cls.submitted.action_confirm_by_phone()
        cls.submitted.action_submit()
        cls.draft = cls.new_request()
        # another company's request (company rules, SPEC §2)
        cls.company2 = env["res.company"].create({"name": "坏输入 另一公司"})
        warehouse2 = env["stock.warehouse"].search([("company_id", "=", cls.company2.id)], limit=1) or \
            env["stock.warehouse"].create({"name": "另一公司仓", "code": "BIX", "company_id": cls.company2.id})
        cls.foreign = env["aftersales.part.request"].create({
            "partner_id": cls.dealer.id, "reason": "production_defect", "company_id": cls.company2.id,
            "warehouse_id": warehouse2.id, "responsible_id": cls.employee.id,
            "line_ids": [(0, 0, {"product_id": cls.part.id, "qty": 1, "product_uom_id": cls.part.uom_id.id})]})
        # four sofas delivered to the dealer, and a return of them
        picking = env["stock.picking"].create({
            "picking_type_id": env.ref("stock.picking_type_out").id, "partner_id": cls.dealer.id,
            "location_id": env.ref("stock.stock_location_stock").id,
            "location_dest_id": env.ref("stock.stock_location_customers").id,
            "move_lines": [(0, 0, {
                "name": cls.sofa.name, "product_id": cls.sofa.id, "product_uom": cls.sofa.uom_id.id,
                "product_uom_qty": 4, "location_id": env.ref("stock.stock_location_stock").id,
                "location_dest_id": env.ref("stock.stock_location_customers").id})]})
        picking.action_confirm()
        picking.action_assign()
        picking.move_lines.quantity_done = 4
        picking.action_done()
        cls.ret = cls.new_return()
        cls.ret_submitted = cls.new_return(qty=1)
        cls.ret_submitted.action_submit()
        cls.writeoff = env["aftersales.writeoff"].create({
            "return_id": cls.ret.id, "partner_id": cls.dealer.id, "amount": 100.0,
            "writeoff_type": "loss", "reason": "运输损坏"})
        cls.writeoff_submitted = env["aftersales.writeoff"].create({
            "partner_id": cls.dealer.id, "amount": 80.0, "writeoff_type": "loss", "reason": "丢件"})
        cls.writeoff_submitted.action_submit()
        # complaints, corrective actions, penalties, callbacks
        cls.category = env["aftersales.complaint.category"].create({
            "name": "坏输入 服务态度", "route": "supervisor", "user_id": cls.supervisor.id})
        cls.complaint = env["aftersales.complaint"].create({
            "partner_id": cls.dealer.id, "description": "服务态度差"})
        cls.routed = env["aftersales.complaint"].create({
            "partner_id": cls.dealer.id, "description": "送货晚了", "category_id": cls.category.id,
            "user_id": cls.supervisor.id})
        cls.routed.sudo(cls.supervisor).action_route()
        cls.capa = env["aftersales.capa"].create({
            "title": "包装改进", "problem": "纸箱受潮", "owner_id": cls.supervisor.id})
        cls.rule = env["aftersales.penalty.rule"].get_by_code("complaint")
        cls.penalty = env["aftersales.penalty"].create({
            "employee_id": cls.employee.id, "rule_id": cls.rule.id, "amount": 200.0, "date": today(),
            "reason": "客户投诉"})
        cls.penalty_confirmed = env["aftersales.penalty"].create({
            "employee_id": cls.employee.id, "rule_id": cls.rule.id, "amount": 300.0, "date": today(),
            "reason": "客户投诉"})
        cls.penalty_confirmed.sudo(cls.manager).action_confirm()
        cls.sla_rule = env["aftersales.sla.rule"].get_by_code("return_inspection")
        cls.callback = env["aftersales.callback"].create({"partner_id": cls.dealer.id, "channel": "phone"})

    @classmethod
    def new_request(cls, **vals):
        values = {
            "partner_id": cls.dealer.id, "reason": "production_defect", "request_date": today(),
            "promised_date": today(10), "consumer_name": "张先生", "consumer_phone": "13838001234",
            "responsible_id": cls.employee.id, "warehouse_id": cls.warehouse.id,
            "line_ids": [(0, 0, {"product_id": cls.part.id, "qty": 2, "product_uom_id": cls.part.uom_id.id,
                                 "warehouse_id": cls.warehouse.id})]}
        values.update(vals)
        return cls.env["aftersales.part.request"].create(dict(values, user_id=cls.specialist.id))

    @classmethod
    def new_return(cls, qty=2, **vals):
        values = {
            "partner_id": cls.dealer.id, "description": "坐垫开裂", "alternative_offered": "parts",
            "alternative_outcome": "declined",
            "line_ids": [(0, 0, {"product_id": cls.sofa.id, "qty": qty, "reason": "quality"})]}
        values.update(vals)
        return cls.env["aftersales.return"].create(dict(values, user_id=cls.specialist.id))

    # -- building blocks of the cases ----------------------------------
    def request_form(self, line=None, **values):
        line_vals = {"product_id": self.part.id, "qty": 2, "product_uom_id": self.part.uom_id.id,
                     "route": "stock", "warehouse_id": self.warehouse.id, "name": False,
                     "package_product_id": False, "responsible_id": False}
        line_vals.update(line or {})
        vals = {"partner_id": self.dealer.id, "reason": "production_defect", "request_date": today(),
                "promised_date": today(10), "responsible_id": self.employee.id,
                "line_ids": [[0, False, line_vals]]}
        vals.update(values)
        return self.web_create("aftersales.part.request", self.specialist, vals, unsent=PROTECTED_ON_CREATE)

    def test_valid_request_from_the_full_form(self):
        """A valid request saved from the whole form (every field, False included) is accepted
        (issue 11 defect 1: the False of a group-hidden field is not a change)."""
        vals = self.form_values("aftersales.part.request", self.specialist, {
            "partner_id": self.dealer.id, "reason": "production_defect", "request_date": today(),
            "promised_date": today(10), "responsible_id": self.employee.id, "line_ids": [[0, False, {
                "product_id": self.part.id, "qty": 2, "product_uom_id": self.part.uom_id.id,
                "route": "stock", "warehouse_id": self.warehouse.id}]]})
        self.assertIn("promise_extension_approved", vals)
        request_id = self.rpc(self.as_user("aftersales.part.request", self.specialist), "create", vals)
        self.assertTrue(request_id)

    def test_text_in_number_fields_of_other_models_is_left_to_odoo(self):
        """The suite checks its own models only: Odoo's (here a product's price) keep Odoo's behaviour."""
        with self.assertRaises(ValueError), self.env.cr.savepoint():
            self.part.product_tmpl_id.write({"list_price": "fifty"})

    def test_text_in_a_number_field_refused_in_chinese(self):
        line = self.draft.line_ids[0].sudo(self.specialist).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, r"此处应填数字，而不是“两个”"):
            line.write({"qty": "两个"})

    def test_edit_under_review_refused_in_chinese(self):
        request = self.submitted.sudo(self.specialist).with_context(lang="zh_CN")
        with self.assertRaisesRegex(ValidationError, r"正在审批中，等待 .* 审批：现在不能修改。如需修改，请先取消，再重置为草稿"):
            request.write({"consumer_name": "李先生"})

    def return_form(self, line=None, **values):
        line_vals = {"product_id": self.sofa.id, "qty": 1, "reason": "quality", "lot_id": False,
                     "reason_note": False}
        line_vals.update(line or {})
        vals = {"partner_id": self.dealer.id, "description": "扶手开裂", "alternative_offered": "parts",
                "alternative_outcome": "declined", "line_ids": [[0, False, line_vals]]}
        vals.update(values)
        return self.web_create("aftersales.return", self.specialist, vals)

    def writeoff_form(self, **values):
        vals = {"partner_id": self.dealer.id, "amount": 50.0, "writeoff_type": "loss", "reason": "运输损坏"}
        vals.update(values)
        return self.web_create("aftersales.writeoff", self.supervisor, vals)  # write-offs are the lead's


CASES = [
    # --- spare-part requests (specialist fills the form) -------------------
    Case("request line quantity zero", lambda t: t.request_form(line={"qty": 0}),
         ValidationError, r"quantity of .* must be positive"),
    Case("request line quantity negative", lambda t: t.request_form(line={"qty": -3}),
         ValidationError, r"must be positive"),
    Case("request line quantity as a negative string (JSON-RPC)", lambda t: t.request_form(line={"qty": "-2"}),
         ValidationError, r"must be positive"),
    Case("request line quantity as text (JSON-RPC)", lambda t: t.request_form(line={"qty": "two"}),
         ValidationError, r"Quantity: a number is expected, not \"two\". Enter digits"),
    Case("request promised before the request date", lambda t: t.request_form(promised_date=today(-1)),
         ValidationError, r"promised delivery date .* is before the request date"),
    Case("request promised beyond 15 days", lambda t: t.request_form(promised_date=today(20)),
         ValidationError, r"Promise an earlier date, or have a quality director approve"),
    Case("request: specialist approves the later date himself",
         lambda t: t.web_write(t.draft, t.specialist, {"promised_date": today(20),
                                                       "promise_extension_approved": True}),
         AccessError, r"Only a quality director may approve a promised date"),
    Case("request: specialist overrides the charge type",
         lambda t: t.web_write(t.draft, t.specialist, {"reason": "customer_damage", "charge_override": "free",
                                                       "charge_override_reason": "老客户"}),
         AccessError, r"Only an after-sales supervisor may override"),
    Case("request charged amount negative", lambda t: t.request_form(reason="customer_damage", amount=-10),
         ValidationError, r"charged amount cannot be negative"),
    Case("request without customer (required link)", lambda t: t.request_form(partner_id=False),
         ValidationError, r"mandatory field is not correctly set"),
    Case("request line without part (required link)", lambda t: t.request_form(line={"product_id": False}),
         ValidationError, r"mandatory field is not correctly set"),
    Case("request submitted without phone confirmation",
         lambda t: t.web_button(t.draft, t.specialist, "action_submit"),
         UserError, r"confirm the request contents by phone before submitting"),
    Case("request submitted without parts",
         lambda t: (t.web_write(t.draft, t.specialist, {"line_ids": [[5, False, False]]}),
                    t.web_button(t.draft, t.specialist, "action_confirm_by_phone"),
                    t.web_button(t.draft, t.specialist, "action_submit")),
         UserError, r"has no parts: add the parts"),
    Case("charged request submitted without amount",
         lambda t: (t.web_write(t.draft, t.specialist, {"reason": "customer_damage", "amount": 0}),
                    t.web_button(t.draft, t.specialist, "action_confirm_by_phone"),
                    t.web_button(t.draft, t.specialist, "action_submit")),
         UserError, r"is charged: enter the amount"),
    Case("request submitted twice", lambda t: t.web_button(t.submitted, t.specialist, "action_submit"),
         UserError, r"is Submitted: it cannot be submitted now"),
    Case("request shipped while still draft", lambda t: t.web_button(t.draft, t.supervisor, "action_ship"),
         UserError, r"it cannot be shipped now"),
    Case("request approved by a director before the tiers",
         lambda t: t.web_button(t.submitted, t.director, "action_approve"),
         UserError, r"approval tiers are not all approved yet"),
    Case("submitted request deleted", lambda t: t.web_unlink(t.submitted, t.specialist),
         UserError, r"kept for the record: only documents in state Draft can be deleted; cancel it instead"),
    Case("parts of a submitted request changed",
         lambda t: t.web_write(t.submitted, t.supervisor, {"line_ids": [[1, t.submitted.line_ids[0].id, {"qty": 9}]]}),
         ValidationError, r"is under validation, waiting for approval by .*: it cannot be changed "
                          r"now. To change it, cancel it, set it back to draft, then edit it"),
    Case("submitted request promised beyond 15 days",
         lambda t: t.web_write(t.submitted, t.supervisor, {"promised_date": today(30)}),
         ValidationError, r"have a quality director approve the later date"),
    Case("another company's request edited", lambda t: t.web_write(t.foreign, t.specialist, {"pickup_date": today(2)}),
         AccessError, r"security restrictions"),
    # --- returns (specialist applies, lead receives) ----------------------
    Case("return above the delivered quantity", lambda t: t.return_form(line={"qty": 5}),
         ValidationError, r"only .* were delivered .* Correct the quantity"),
    Case("return quantity zero", lambda t: t.return_form(line={"qty": 0}),
         ValidationError, r"quantity of .* must be positive"),
    Case("return quantity negative string (JSON-RPC)", lambda t: t.return_form(line={"qty": "-1"}),
         ValidationError, r"must be positive"),
    Case("return without customer (required link)", lambda t: t.return_form(partner_id=False),
         ValidationError, r"mandatory field is not correctly set"),
    Case("return submitted without the alternative recorded",
         lambda t: (t.web_write(t.ret, t.specialist, {"alternative_offered": False}),
                    t.web_button(t.ret, t.specialist, "action_submit")),
         UserError, r"record which alternative .* was offered"),
    Case("return received before approval", lambda t: t.web_button(t.ret, t.supervisor, "action_receive"),
         UserError, r"it cannot be"),
    Case("submitted return deleted", lambda t: t.web_unlink(t.ret_submitted, t.specialist),
         UserError, r"kept for the record: only documents in state Draft can be deleted; cancel it instead"),
    Case("lines of a submitted return changed",
         lambda t: t.web_write(t.ret_submitted, t.specialist,
                               {"line_ids": [[1, t.ret_submitted.line_ids[0].id, {"qty": 2}]]}),
         ValidationError, r"is under validation, waiting for approval by .*: it cannot be changed now. "
                          r"To change it, cancel it, set it back to draft"),
    # --- write-offs -------------------------------------------------------
    Case("second open write-off of a return", lambda t: t.writeoff_form(return_id=t.ret.id),
         ValidationError, r"already has an open write-off"),
    Case("write-off amount zero", lambda t: t.writeoff_form(amount=0),
         ValidationError, r"amount must be positive"),
    Case("write-off amount negative string (JSON-RPC)", lambda t: t.writeoff_form(amount="-50"),
         ValidationError, r"amount must be positive"),
    Case("write-off approved by the specialist",
         lambda t: t.web_button(t.writeoff_submitted, t.specialist, "action_approve"),
         AccessError, r"approved by the company's management"),
    Case("submitted write-off deleted", lambda t: t.web_unlink(t.writeoff_submitted, t.supervisor),
         UserError, r"kept for the record: only documents in state Draft can be deleted; cancel it instead"),
    # the manager has Billing through Inventory / Manager (stock_account): the state refuses it
    Case("write-off posted before approval", lambda t: t.web_button(t.writeoff, t.manager, "action_post"),
         UserError, r"cannot be posted now"),
    # --- complaints and corrective actions --------------------------------
    Case("complaint routed without category", lambda t: t.web_button(t.complaint, t.specialist, "action_route"),
         UserError, r"choose its category to route it"),
    Case("complaint answered without a response",
         lambda t: t.web_button(t.routed, t.supervisor, "action_respond"),
         UserError, r"write the response given to the customer"),
    Case("routed complaint deleted", lambda t: t.web_unlink(t.routed, t.supervisor),
         UserError, r"is Routed and kept for the record: only documents in state New can be deleted"),
    Case("complaint blamed on a unit without naming it",
         lambda t: t.web_write(t.routed, t.supervisor, {"responsibility": "unit", "responsible_department_id": False}),
         ValidationError, r"name the responsible unit"),
    Case("corrective action issued with its due date already past",
         lambda t: (t.web_write(t.capa, t.director, {"date_due": "2020-01-01", "corrective_action": "改用防潮纸箱"}),
                    t.web_button(t.capa, t.director, "action_issue")),
         ValidationError, r"due date is before the issue date"),
    Case("corrective action issued without due date",
         lambda t: t.web_button(t.capa, t.director, "action_issue"),
         UserError, r"set the owner and the due date"),
    Case("corrective action issued by the after-sales lead",
         lambda t: t.web_button(t.capa, t.supervisor, "action_issue"),
         AccessError, r"quality office director issues corrective actions"),
    # --- penalties, rules, callbacks --------------------------------------
    Case("penalty with a negative amount",
         lambda t: t.web_create("aftersales.penalty", t.supervisor, {
             "employee_id": t.employee.id, "rule_id": t.rule.id, "amount": -100, "date": today(),
             "reason": "迟到"}),
         ValidationError, r"enter them without a sign"),
    Case("penalty above the rule's maximum",
         lambda t: t.web_create("aftersales.penalty", t.supervisor, {
             "employee_id": t.employee.id, "rule_id": t.rule.id, "amount": 5000, "date": today(),
             "reason": "迟到"}),
         ValidationError, r"allows an amount between"),
    Case("penalty confirmed by a supervisor", lambda t: t.web_button(t.penalty, t.supervisor, "action_confirm"),
         AccessError, r"Only an after-sales manager can confirm"),
    Case("confirmed penalty deleted", lambda t: t.web_unlink(t.penalty_confirmed, t.manager),
         UserError, r"kept for the record: only documents in state Proposed can be deleted"),
    Case("penalty rule maximum below minimum",
         lambda t: t.web_write(t.rule, t.manager, {"amount_max": 50}),
         ValidationError, r"maximum amount is below the minimum"),
    Case("service-level rule with a negative duration",
         lambda t: t.web_write(t.sla_rule, t.manager, {"duration": -48}),
         ValidationError, r"duration and grace cannot be negative"),
    Case("callback satisfaction out of 1..5",
         lambda t: t.web_write(t.callback, t.specialist, {"satisfaction": 7}),
         ValidationError, r"Satisfaction goes from 1 .* to 5"),
    Case("callback closed without satisfaction", lambda t: t.web_button(t.callback, t.specialist, "action_done"),
         UserError, r"Record the customer's satisfaction"),
    Case("closing grace beyond 3 days",
         lambda t: t.web_create("aftersales.closing", t.supervisor, {"grace_days": 5}),
         ValidationError, r"grace of a closing cannot exceed"),
    Case("satisfaction campaign ending before it starts",
         lambda t: t.web_create("aftersales.satisfaction.campaign", t.supervisor, {
             "name": "秋季回访", "date_from": today(10), "date_to": today()}),
         ValidationError, r"ends before it starts"),
    # --- text where a number goes (JSON-RPC clients), on create and on save ---
    Case("write-off amount as text (JSON-RPC)", lambda t: t.writeoff_form(amount="五十元"),
         ValidationError, r"Write-off Report, Amount: a number is expected, not \"五十元\""),
    Case("request line quantity as text in a save (JSON-RPC)",
         lambda t: t.web_write(t.draft, t.specialist, {"line_ids": [[1, t.draft.line_ids[0].id, {"qty": "3 pcs"}]]}),
         ValidationError, r"Quantity: a number is expected, not \"3 pcs\""),
    Case("callback satisfaction as a fraction (JSON-RPC)",
         lambda t: t.web_write(t.callback, t.specialist, {"satisfaction": "4.5"}),
         ValidationError, r"Satisfaction: a whole number is expected, not \"4.5\""),
    Case("penalty amount not a finite number (JSON-RPC)",
         lambda t: t.web_write(t.penalty, t.supervisor, {"amount": "NaN"}),
         ValidationError, r"Amount: a number is expected"),
]

make_case_tests(TestServiceBadInput, CASES)
