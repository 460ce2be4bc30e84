# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Billing mode from coverage (S1 第二篇 三-(三)) and the charged parts' quotation and
invoice at the parts-at-cost price list."""
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import FieldServiceCase


class TestBilling(FieldServiceCase):

    def setUp(self):
        super().setUp()
        self._stock(self.part, self.van, 5)
        self._stock(self.part2, self.van, 10)

    def _repaired(self, received, **kw):
        with freeze_time(received):
            order = self._repair(**kw)
            order.sudo(self.supervisor_user).action_dispatch()
            order.sudo(self.tech_user).action_arrive()
            order.sudo(self.tech_user).write({"part_ids": [
                (0, 0, {"product_id": self.part.id, "quantity": 2, "old_part_serial": "MB-2025-118"}),
                (0, 0, {"product_id": self.part2.id, "quantity": 4, "old_part_disposition": "scrap"}),
            ]})
            self._complete_report(order)
            order.sudo(self.tech_user).action_finish()
        return order

    def _invoice(self, order):
        supervisor = order.sudo(self.supervisor_user)
        action = supervisor.action_create_quotation()
        sale = order.sale_order_id
        self.assertEqual(action["res_id"], sale.id)
        self.assertEqual(sale.pricelist_id, self.env.ref("field_service.pricelist_parts_at_cost"))
        self.assertIn(sale.pricelist_id.name, sale.note, "the price list is shown to the customer")
        self.assertFalse(sale.picking_ids, "the parts already left the van: no warehouse delivery")
        supervisor.action_create_invoice()
        self.assertEqual(sale.state, "sale")
        invoice = sale.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.partner_id, self.customer)
        self.assertIn(sale.pricelist_id.name, invoice.comment)
        return invoice

    def test_in_warranty_is_free(self):
        order = self._repaired("2026-06-01 02:00:00")
        self.assertEqual(order.coverage, "warranty")
        self.assertEqual(order.billing_mode, "free")
        self.assertFalse(any(order.part_ids.mapped("charged")))
        self.assertEqual(order.charged_amount, 0.0)
        self.assertFalse(order.can_be_quoted)
        with self.assertRaises(UserError):
            order.sudo(self.supervisor_user).action_create_quotation()
        # the parts left the technician's van all the same
        moves = order.part_ids.mapped("move_id")
        self.assertEqual(set(moves.mapped("state")), {"done"})
        self.assertEqual(set(moves.mapped("location_id").ids), {self.van.id})
        self.assertEqual(moves.mapped("location_dest_id"), self.customer.property_stock_customer)
        self.assertEqual(self.part.with_context(location=self.van.id).qty_available, 3)
        self.assertEqual(self.part2.with_context(location=self.van.id).qty_available, 6)
        self.assertEqual(order.part_ids[0].old_part_disposition, "defect_return",
                         "the old part goes back to HQ as a defect return by default")

    def test_abnormal_damage_in_warranty_pays_parts_at_cost(self):
        order = self._repaired("2026-06-01 02:00:00", abnormal_damage=True)
        self.assertEqual(order.coverage, "warranty")
        self.assertEqual(order.billing_mode, "parts_at_cost")
        self.assertEqual(order.charged_amount, 2 * 120.0 + 4 * 15.0)
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_untaxed, 300.0, "parts at cost price, no service fee")
        self.assertEqual(sorted(invoice.invoice_line_ids.mapped("price_unit")), [15.0, 120.0])

    def test_out_of_warranty_no_labour_parts_at_cost(self):
        order = self._repaired("2027-02-01 02:00:00")
        self.assertEqual(order.coverage, "none", "the warranty ended on 2027-01-10")
        self.assertEqual(order.billing_mode, "out_of_warranty")
        invoice = self._invoice(order)
        self.assertEqual(invoice.amount_total, 300.0)
        self.assertEqual(len(invoice.invoice_line_ids), 2, "parts only: no labour line")
        self.assertEqual(order.sale_order_id.order_line.mapped("qty_delivered"), [2.0, 4.0])

    def test_coverage_uses_the_local_day_of_reception(self):
        # the warranty ends 2027-01-10; 17:00 UTC that day is already 01:00 on the 11th in Shanghai
        self.Order = self.Order.with_context(tz="Asia/Shanghai")
        with freeze_time("2027-01-10 15:59:00"):
            self.assertEqual(self._repair().coverage, "warranty")
        with freeze_time("2027-01-10 17:00:00"):
            self.assertEqual(self._repair().coverage, "none")

    def test_warranty_end_defaults_to_one_year(self):
        self.assertEqual(self.elevator.warranty_end, "2027-01-10")
        self.assertTrue(self.elevator.covered_by_warranty("2027-01-10"))
        self.assertFalse(self.elevator.covered_by_warranty("2027-01-11"))

    def test_parts_missing_in_van_are_refused(self):
        with freeze_time("2026-06-01 02:00:00"):
            order = self._repair()
            order.sudo(self.supervisor_user).action_dispatch()
            order.sudo(self.tech_user).action_arrive()
            order.sudo(self.tech_user).write({"part_ids": [(0, 0, {"product_id": self.part.id, "quantity": 9})]})
            self._complete_report(order)
            with self.assertRaisesRegex(UserError, "holds only"):
                order.sudo(self.tech_user).action_finish()

    def test_old_parts_go_into_a_draft_defect_return_of_the_depot(self):
        Warehouse = self.env["stock.warehouse"]
        if not Warehouse.search([("depot_level", "=", "hq")]):
            Warehouse.create({"name": "总部备件库 (测试)", "code": "FSHQ", "depot_level": "hq"})
        branch = Warehouse.create({"name": "上海二级站 (测试)", "code": "FSB2", "depot_level": "level_2"})
        self.van.location_id = branch.lot_stock_id
        order = self._repaired("2026-06-01 02:00:00")
        defect = order.defect_return_id
        self.assertTrue(defect, "the old control board goes back to HQ")
        self.assertEqual(defect.state, "draft")
        self.assertEqual(defect.depot_id, branch)
        self.assertEqual(defect.origin, "site")
        self.assertEqual(defect.line_ids.product_id, self.part, "the scrapped rollers stay out")
        self.assertEqual(defect.line_ids.product_qty, 2)
        self.assertIn("MB-2025-118", defect.line_ids.fault)
