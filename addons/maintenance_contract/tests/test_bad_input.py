# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input on the paid-maintenance documents, sent as the web client sends it, by
the role that does the step (SPEC §7, §9, issue 14): contracts and their pricing
approval, consumables, record books, customer evaluations and contract types.
See aftersales_service/tests/common_bad_input."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_service.tests.common_bad_input import BadInputCase, Case, make_case_tests


class TestContractBadInput(BadInputCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.specialist = cls.role("specialist")
        cls.supervisor = cls.role("supervisor")
        cls.manager = cls.role("manager")
        cls.customer = env["res.partner"].create({"name": "坏输入 华联商厦", "customer": True})
        Equipment = env["maintenance.equipment"]
        cls.elevator = Equipment.create({"name": "坏输入 3号客梯", "serial_no": "BAD-C-0003",
                                         "customer_id": cls.customer.id, "acceptance_date": "2025-01-10"})
        cls.escalator = Equipment.create({"name": "坏输入 1号扶梯", "serial_no": "BAD-C-0004",
                                          "customer_id": cls.customer.id, "acceptance_date": "2025-01-10"})
        cls.contract_type = env.ref("maintenance_contract.contract_type_elevator")
        Contract = env["maintenance.contract"]

        def contract(lines=((None, 12000.0),), **vals):
            values = {"partner_id": cls.customer.id, "contract_type_id": cls.contract_type.id,
                      "date_start": "2027-01-01", "date_end": "2027-12-31",
                      "line_ids": [(0, 0, {"equipment_id": (equipment or cls.elevator).id, "fee": fee})
                                   for equipment, fee in lines]}
            values.update(vals)
            return Contract.create(values)
        cls.draft = contract()
        cls.empty = contract(lines=())
        cls.free = contract(lines=((cls.escalator, 0.0),))
        cls.submitted = contract(lines=((cls.escalator, 15000.0),))
        cls.submitted.action_submit()
        cls.lamp = env["product.product"].create({"name": "坏输入 轿厢灯管", "type": "consu", "list_price": 12.0})
        Consumable = env["maintenance.contract.consumable"]
        cls.consumable = Consumable.create({"contract_id": cls.submitted.id, "equipment_id": cls.escalator.id,
                                            "product_id": cls.lamp.id, "quantity": 2, "unit_price": 12.0})
        cls.consumable.action_confirm()
        cls.book = env["maintenance.record.book"].create({
            "contract_id": cls.submitted.id, "equipment_id": cls.escalator.id,
            "date_start": "2027-01-01", "date_end": "2027-03-31"})
        cls.evaluation = env["maintenance.customer.evaluation"].create({
            "contract_id": cls.submitted.id, "date_start": "2027-01-01", "date_end": "2027-12-31"})
        cls.company2 = env["res.company"].create({"name": "坏输入 另一公司 (保养)"})
        cls.foreign = contract(company_id=cls.company2.id)

    def contract_form(self, fee=12000.0, **values):
        vals = {"partner_id": self.customer.id, "contract_type_id": self.contract_type.id,
                "date_start": "2027-01-01", "date_end": "2027-12-31",
                "line_ids": [[0, False, {"equipment_id": self.elevator.id, "fee": fee}]]}
        vals.update(values)
        return self.web_create("maintenance.contract", self.supervisor, vals)

    def consumable_form(self, **values):
        vals = {"contract_id": self.submitted.id, "equipment_id": self.escalator.id, "product_id": self.lamp.id,
                "quantity": 1, "unit_price": 12.0}
        vals.update(values)
        return self.web_create("maintenance.contract.consumable", self.specialist, vals)


CASES = [
    # --- contracts (the after-sales lead prepares, a manager approves the price) ---
    Case("contract ending before it starts", lambda t: t.contract_form(date_end="2026-12-31"),
         ValidationError, r"end date .* is before the start date .* Enter an end date on or after the start"),
    Case("contract fee negative", lambda t: t.contract_form(fee=-100),
         ValidationError, r"Fees cannot be negative"),
    Case("contract fee as a negative string (JSON-RPC)", lambda t: t.contract_form(fee="-100"),
         ValidationError, r"Fees cannot be negative"),
    Case("contract without customer (required link)", lambda t: t.contract_form(partner_id=False),
         ValidationError, r"mandatory field is not correctly set"),
    Case("contract submitted without equipment", lambda t: t.web_button(t.empty, t.supervisor, "action_submit"),
         UserError, r"has no equipment: add the covered equipment and its fee"),
    Case("contract submitted with a zero fee", lambda t: t.web_button(t.free, t.supervisor, "action_submit"),
         UserError, r"every equipment needs a fee above zero"),
    Case("contract submitted twice", lambda t: t.web_button(t.submitted, t.supervisor, "action_submit"),
         UserError, r"only drafts are submitted for pricing approval"),
    Case("contract activated before the pricing approval",
         lambda t: t.web_button(t.submitted, t.manager, "action_activate"),
         UserError, r"without an approved pricing approval form .* ask a manager to approve it"),
    Case("draft contract activated", lambda t: t.web_button(t.draft, t.manager, "action_activate"),
         UserError, r"must be submitted for pricing approval before it is activated"),
    Case("fee of a submitted contract changed (a line written directly, JSON-RPC)",
         lambda t: t.web_write(t.submitted.line_ids[0], t.supervisor, {"fee": 9000}),
         UserError, r"set it back to draft \(or propose a new contract\) to change them"),
    Case("fee of a submitted contract changed in its form",
         lambda t: t.web_write(t.submitted, t.supervisor, {
             "line_ids": [[1, t.submitted.line_ids[0].id, {"fee": 9000}]]}),
         ValidationError, r"is under validation, waiting for approval by .*: it cannot be changed now. "
                          r"To change it, cancel it, set it back to draft"),
    Case("submitted contract deleted", lambda t: t.web_unlink(t.submitted, t.manager),
         UserError, r"kept for the record: only documents in state Draft, Cancelled can be deleted; cancel it instead"),
    Case("contract suspended by the after-sales lead", lambda t: t.web_button(t.draft, t.supervisor, "action_suspend"),
         UserError, r"Only a manager may suspend a contract"),
    Case("contract not suspended resumed", lambda t: t.web_button(t.draft, t.manager, "action_resume"),
         UserError, r"is not suspended"),
    Case("another company's contract edited",
         lambda t: t.web_write(t.foreign, t.supervisor, {"date_end": "2027-06-30"}),
         AccessError, r"security restrictions"),
    # --- consumables and site purchases (S2-一-4.1.3) -----------------------------
    Case("consumable quantity zero", lambda t: t.consumable_form(quantity=0),
         ValidationError, r"quantity of a consumable must be above zero"),
    Case("consumable quantity as a negative string (JSON-RPC)", lambda t: t.consumable_form(quantity="-1"),
         ValidationError, r"quantity of a consumable must be above zero"),
    Case("consumable unit price negative", lambda t: t.consumable_form(unit_price=-12),
         ValidationError, r"unit price cannot be negative"),
    Case("consumable for equipment the contract does not cover",
         lambda t: t.consumable_form(equipment_id=t.elevator.id),
         ValidationError, r"is not covered by contract"),
    Case("consumable without contract (required link)", lambda t: t.consumable_form(contract_id=False),
         ValidationError, r"mandatory field is not correctly set"),
    Case("confirmed consumable deleted", lambda t: t.web_unlink(t.consumable, t.specialist),
         UserError, r"is Confirmed and kept for the record: only documents in state Draft, Cancelled can be deleted"),
    # --- records (S2-一-2.2, 7.3) --------------------------------------------------
    Case("record book checked before it is collected", lambda t: t.web_button(t.book, t.specialist, "action_check"),
         UserError, r"must be collected before it is checked"),
    Case("record book deleted", lambda t: t.web_unlink(t.book, t.specialist),
         UserError, r"never deleted; they are archived 12 months"),
    Case("customer evaluation closed without scores",
         lambda t: t.web_button(t.evaluation, t.specialist, "action_done"),
         UserError, r"give every score and the name of the customer's representative"),
    Case("customer evaluation deleted", lambda t: t.web_unlink(t.evaluation, t.specialist),
         UserError, r"never deleted; they are archived 12 months"),
    # --- contract types (managers' configuration) ---------------------------------
    Case("contract type with a negative patrol interval",
         lambda t: t.web_write(t.contract_type, t.manager, {"patrol_interval": -5}),
         ValidationError, r"Cycle intervals are days: enter 0 \(no cycle\) or more"),
    Case("contract type with a term of zero months",
         lambda t: t.web_write(t.contract_type, t.manager, {"term_months": 0}),
         ValidationError, r"default term of a contract must be at least one month"),
    Case("contract fee as text (JSON-RPC)", lambda t: t.contract_form(fee="一万二"),
         ValidationError, r"Annual Fee: a number is expected, not \"一万二\""),
    Case("consumable quantity as text (JSON-RPC)", lambda t: t.consumable_form(quantity="two"),
         ValidationError, r"Quantity: a number is expected, not \"two\""),
]

make_case_tests(TestContractBadInput, CASES)
