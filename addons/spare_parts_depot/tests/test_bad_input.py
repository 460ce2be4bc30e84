# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input on the depot documents, sent as the web client sends it, by the role
that does the step (SPEC §5, §9, issue 14): value caps, HQ prices, replenishments,
defect returns, counts and bins. See aftersales_service/tests/common_bad_input."""
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.aftersales_service.tests.common_bad_input import BadInputCase, Case, make_case_tests


class TestDepotBadInput(BadInputCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.keeper2 = cls.role("keeper", login="bad_depot_keeper2")
        cls.keeper3 = cls.role("keeper", login="bad_depot_keeper3")
        cls.supervisor = cls.role("supervisor")
        cls.manager = cls.role("manager")
        cls.packer = env["hr.employee"].create({"name": "坏输入 装箱人", "user_id": cls.keeper3.id})
        Partner = env["res.partner"]
        cls.suzhou = Partner.create({"name": "坏输入 苏州分公司", "is_company": True, "customer": True})
        cls.wuxi = Partner.create({"name": "坏输入 无锡分公司", "is_company": True, "customer": True})
        Warehouse = env["stock.warehouse"]
        cls.hq = Warehouse.create({"name": "坏输入 总部备件库", "code": "BHQ", "depot_level": "hq"})
        cls.level1 = Warehouse.create({"name": "坏输入 一级站", "code": "BL1", "depot_level": "level_1",
                                       "parent_depot_id": cls.hq.id})
        cls.level2 = Warehouse.create({
            "name": "坏输入 苏州二级站", "code": "BL2", "depot_level": "level_2", "parent_depot_id": cls.level1.id,
            "branch_partner_id": cls.suzhou.id, "keeper_ids": [(6, 0, [cls.keeper2.id])]})
        cls.level3 = Warehouse.create({
            "name": "坏输入 无锡三级站", "code": "BL3", "depot_level": "level_3", "parent_depot_id": cls.level2.id,
            "branch_partner_id": cls.wuxi.id, "value_cap": 5000.0, "keeper_ids": [(6, 0, [cls.keeper3.id])]})
        category = env.ref("spare_parts_depot.product_category_spare_parts")

        def part(name, code, price):
            return env["product.product"].create({
                "name": name, "default_code": code, "type": "product", "categ_id": category.id,
                "is_spare_part": True, "hq_price": price, "list_price": price * 1.2, "taxes_id": [(6, 0, [])]})
        cls.belt = part("坏输入 门机皮带", "B-DB-01", 35.0)
        cls.drive = part("坏输入 变频器", "B-BP-03", 2800.0)
        # level 3 holds one drive (2,800 of its 5,000 cap)
        env["stock.quant"]._update_available_quantity(cls.drive, cls.level3.lot_stock_id, 1.0)
        Replenishment = env["depot.replenishment"]
        cls.draft = Replenishment.create({"depot_id": cls.level3.id, "line_ids": [
            (0, 0, {"product_id": cls.belt.id, "product_qty": 4, "price_unit": 35.0})]})
        cls.empty = Replenishment.create({"depot_id": cls.level3.id})
        cls.submitted = Replenishment.create({"depot_id": cls.level3.id, "line_ids": [
            (0, 0, {"product_id": cls.belt.id, "product_qty": 2, "price_unit": 35.0})]})
        cls.submitted.action_submit()
        cls.level2_draft = Replenishment.create({"depot_id": cls.level2.id, "line_ids": [
            (0, 0, {"product_id": cls.belt.id, "product_qty": 1, "price_unit": 35.0})]})
        DefectReturn = env["depot.defect.return"]
        cls.defect = DefectReturn.create({"depot_id": cls.level3.id, "hq_depot_id": cls.hq.id, "line_ids": [
            (0, 0, {"product_id": cls.drive.id, "product_qty": 1, "fault": "上电无输出"})]})
        cls.defect_sent = DefectReturn.create({
            "depot_id": cls.level3.id, "hq_depot_id": cls.hq.id, "packer_id": cls.packer.id,
            "line_ids": [(0, 0, {"product_id": cls.drive.id, "product_qty": 1, "fault": "过流报警"})]})
        cls.defect_sent.action_send()
        # a receipt of two more drives into level 3: 8,400 against the 5,000 cap
        receipt_type = cls.level3.in_type_id
        supplier = env.ref("stock.stock_location_suppliers")
        cls.receipt = env["stock.picking"].create({
            "picking_type_id": receipt_type.id, "location_id": supplier.id,
            "location_dest_id": cls.level3.lot_stock_id.id, "move_lines": [(0, 0, {
                "name": cls.drive.name, "product_id": cls.drive.id, "product_uom": cls.drive.uom_id.id,
                "product_uom_qty": 2, "location_id": supplier.id, "location_dest_id": cls.level3.lot_stock_id.id})]})
        cls.receipt.action_confirm()
        cls.receipt.move_lines.quantity_done = 2
        # a branch sale from the level 2 depot below the HQ price
        cls.branch_sale = env["sale.order"].create({
            "partner_id": cls.suzhou.id, "warehouse_id": cls.level2.id, "user_id": cls.supervisor.id,
            "order_line": [(0, 0, {"product_id": cls.belt.id, "product_uom_qty": 2, "price_unit": 30.0,
                                   "tax_id": [(6, 0, [])]})]})
        cls.bin = env["stock.location"].create({
            "name": "坏输入 A-01", "usage": "internal", "location_id": cls.level3.lot_stock_id.id})
        cls.level3.action_prepare_count()

    def replenishment_form(self, user=None, line=None, **values):
        line_vals = {"product_id": self.belt.id, "product_qty": 3, "price_unit": 35.0, "standard_qty": 0,
                     "on_hand_qty": 0}
        line_vals.update(line or {})
        vals = {"depot_id": self.level3.id, "parent_depot_id": self.level2.id, "line_ids": [[0, False, line_vals]]}
        vals.update(values)
        return self.web_create("depot.replenishment", user or self.keeper3, vals)


CASES = [
    # --- replenishment (the lower depot's keeper asks, S2-二-3) --------------
    Case("replenishment line quantity zero", lambda t: t.replenishment_form(line={"product_qty": 0}),
         ValidationError, r"quantity of .* must be positive"),
    Case("replenishment line quantity negative", lambda t: t.replenishment_form(line={"product_qty": -4}),
         ValidationError, r"must be positive"),
    Case("replenishment line quantity as a negative string (JSON-RPC)",
         lambda t: t.replenishment_form(line={"product_qty": "-4"}),
         ValidationError, r"must be positive"),
    Case("replenishment of the headquarters depot",
         lambda t: t.replenishment_form(user=t.manager, depot_id=t.hq.id, parent_depot_id=t.level1.id),
         ValidationError, r"Only level 1, 2 or 3 depots are replenished"),
    Case("replenishment of a depot from itself",
         lambda t: t.replenishment_form(parent_depot_id=t.level3.id),
         ValidationError, r"cannot replenish itself"),
    Case("replenishment without depot (required link)",
         lambda t: t.replenishment_form(user=t.manager, depot_id=False),
         ValidationError, r"mandatory field is not correctly set"),
    Case("replenishment over the depot's value cap",
         lambda t: (t.web_write(t.draft, t.keeper3, {"line_ids": [
             [0, False, {"product_id": t.drive.id, "product_qty": 1, "price_unit": 2800.0}]]}),
             t.web_button(t.draft, t.keeper3, "action_submit")),
         UserError, r"above its value cap .* Reduce the quantities or ask a manager to raise the cap"),
    Case("replenishment submitted without parts", lambda t: t.web_button(t.empty, t.keeper3, "action_submit"),
         UserError, r"only a draft with parts can be submitted"),
    Case("replenishment approved while still draft", lambda t: t.web_button(t.draft, t.manager, "action_approve"),
         UserError, r"only a submitted replenishment can be approved"),
    Case("submitted replenishment deleted", lambda t: t.web_unlink(t.submitted, t.keeper3),
         UserError, r"kept for the record: only documents in state Draft can be deleted; cancel it instead"),
    Case("another depot's replenishment edited by a keeper",
         lambda t: t.web_write(t.level2_draft, t.keeper3, {"note": "改数量"}),
         AccessError, r"security restrictions"),
    # --- value cap on incoming transfers, depot tree ------------------------
    Case("incoming transfer over the depot's value cap",
         lambda t: t.web_button(t.receipt, t.keeper3, "button_validate"),
         UserError, r"Incoming transfer refused: .* above its value cap .* ask a manager to raise the cap"),
    Case("depot value cap negative", lambda t: t.web_write(t.level3, t.manager, {"value_cap": -1000}),
         ValidationError, r"value cap cannot be negative"),
    Case("depot value cap as a negative string (JSON-RPC)",
         lambda t: t.web_write(t.level3, t.manager, {"value_cap": "-1000"}),
         ValidationError, r"value cap cannot be negative"),
    Case("depot replenished by a lower level",
         lambda t: t.web_write(t.level1, t.manager, {"parent_depot_id": t.level2.id}),
         ValidationError, r"must be replenished by a higher-level depot"),
    Case("headquarters depot given a parent",
         lambda t: t.web_write(t.hq, t.manager, {"parent_depot_id": t.level1.id}),
         ValidationError, r"headquarters depot .* has no parent depot"),
    # --- HQ price (S2-二-1) --------------------------------------------------
    Case("branch sale below the HQ price confirmed",
         lambda t: t.web_button(t.branch_sale, t.supervisor, "action_confirm"),
         UserError, r"below the HQ price .* ask an after-sales manager to approve"),
    Case("sale below the HQ price approved by a supervisor",
         lambda t: t.web_button(t.branch_sale, t.supervisor, "action_approve_below_hq_price"),
         UserError, r"Only an after-sales manager may approve a sale below the HQ price"),
    Case("HQ price negative", lambda t: t.web_write(t.belt.product_tmpl_id, t.manager, {"hq_price": -5}),
         ValidationError, r"HQ price of .* cannot be negative"),
    Case("part its own substitute",
         lambda t: t.web_write(t.belt.product_tmpl_id, t.manager,
                               {"substitute_ids": [[6, False, [t.belt.product_tmpl_id.id]]]}),
         ValidationError, r"cannot be its own substitute"),
    # --- defect returns (S2-二-6.2) ------------------------------------------
    Case("defect return line quantity zero",
         lambda t: t.web_create("depot.defect.return", t.keeper3, {
             "depot_id": t.level3.id, "hq_depot_id": t.hq.id,
             "line_ids": [[0, False, {"product_id": t.drive.id, "product_qty": 0, "fault": "坏"}]]}),
         ValidationError, r"quantity of .* must be positive"),
    Case("defect return sent without the packer", lambda t: t.web_button(t.defect, t.keeper3, "action_send"),
         UserError, r"say who packed the parts"),
    Case("defect return received before it is sent", lambda t: t.web_button(t.defect, t.supervisor, "action_receive"),
         UserError, r"has not been sent"),
    Case("defect return inspected by a keeper", lambda t: t.web_button(t.defect_sent, t.keeper3, "action_inspect"),
         UserError, r"Only the quality office or after-sales supervisors give the inspection verdict"),
    Case("sent defect return deleted", lambda t: t.web_unlink(t.defect_sent, t.keeper3),
         UserError, r"kept for the record: only documents in state Draft can be deleted; cancel it instead"),
    # --- bins and counts ----------------------------------------------------
    Case("bin without shelf", lambda t: t.web_write(t.bin, t.manager, {"bin_zone": "A"}),
         ValidationError, r"give at least its zone and shelf"),
    Case("second count while one is in progress",
         lambda t: t.web_button(t.level3, t.keeper3, "action_prepare_count"),
         UserError, r"Validate or cancel the count in progress first"),
    Case("replenishment line quantity as text (JSON-RPC)",
         lambda t: t.replenishment_form(line={"product_qty": "三"}),
         ValidationError, r"Quantity: a number is expected, not \"三\""),
]

make_case_tests(TestDepotBadInput, CASES)
