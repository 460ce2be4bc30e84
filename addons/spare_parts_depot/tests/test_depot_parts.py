# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Parts, bins, FIFO, the HQ price floor, keeper rules and the depot lists."""
import xlrd

from odoo.exceptions import UserError, ValidationError

from .common import DepotCase


class TestBinsAndFifo(DepotCase):

    def setUp(self):
        super().setUp()
        Location = self.env["stock.location"]
        self.bin_a = Location.create({
            "name": "A-03-2-05", "location_id": self.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "A", "bin_shelf": "03", "bin_layer": "2", "bin_position": "05"})
        self.bin_b = Location.create({
            "name": "B-01-1-01", "location_id": self.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "B", "bin_shelf": "01", "bin_layer": "1", "bin_position": "01"})

    def test_bin_code(self):
        self.assertEqual(self.bin_a.bin_code, "A-03-2-05")
        self.assertIn("[A-03-2-05]", self.bin_a.display_name)
        self.assertEqual(self.env["stock.location"].name_search("A-03")[0][0], self.bin_a.id)
        with self.assertRaisesRegex(ValidationError, "zone and shelf"):
            self.bin_b.bin_shelf = False

    def test_fifo_removal(self):
        category = self.env.ref("spare_parts_depot.product_category_spare_parts")
        self.assertEqual(category.removal_strategy_id.method, "fifo")
        # older belts in bin B, newer in bin A: FIFO takes bin B first
        self.receive(self.level3, self.belt, 5, location=self.bin_b)
        self.env["stock.quant"].search([("location_id", "=", self.bin_b.id)]).write({"in_date": "2025-01-01 00:00:00"})
        self.receive(self.level3, self.belt, 5, location=self.bin_a)
        picking = self.delivery(self.level3, self.belt, 3)
        self.assertEqual(picking.move_line_ids.location_id, self.bin_b)


class TestBranchPriceFloor(DepotCase):
    """S2-二-1: a branch resells at the HQ price or above, unless a manager approves."""

    def _order(self, price, warehouse=None):
        customer = self.env["res.partner"].create({"name": "无锡万科物业", "customer": True})
        return self.env["sale.order"].sudo(self.manager).create({
            "partner_id": customer.id,
            "warehouse_id": (warehouse or self.level3).id,
            "order_line": [(0, 0, {"product_id": self.belt.id, "product_uom_qty": 2, "price_unit": price})],
        })

    def test_below_hq_price_refused_then_approved(self):
        order = self._order(30.0)
        self.assertTrue(order.below_hq_price)
        with self.assertRaisesRegex(UserError, "below the HQ price"):
            order.action_confirm()
        with self.assertRaisesRegex(UserError, "Only an after-sales manager"):
            order.sudo(self.supervisor).action_approve_below_hq_price()
        order.action_approve_below_hq_price()
        self.assertEqual(order.hq_price_approved_by, self.manager)
        # a price change needs a new approval
        order.order_line.price_unit = 25.0
        self.assertFalse(order.hq_price_approved_by)
        order.action_approve_below_hq_price()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_at_hq_price_or_outside_branches(self):
        order = self._order(35.0)
        self.assertFalse(order.below_hq_price)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        hq_sale = self._order(20.0, warehouse=self.level1)   # no branch: no floor
        self.assertFalse(hq_sale.below_hq_price)
        hq_sale.action_confirm()


class TestKeeperRules(DepotCase):

    def test_keeper_sees_and_moves_only_own_depot(self):
        self.receive(self.level3, self.belt, 4)
        self.receive(self.level2, self.belt, 6)
        Quant = self.env["stock.quant"]
        domain = [("product_id", "=", self.belt.id), ("location_id.usage", "=", "internal")]
        own = Quant.sudo(self.keeper3).search(domain)
        self.assertEqual(own.mapped("location_id"), self.level3.lot_stock_id)
        self.assertEqual(len(Quant.sudo(self.supervisor).search(domain)), 2)
        moves = self.env["stock.move"].sudo(self.keeper3).search([("product_id", "=", self.belt.id)])
        self.assertEqual(moves.mapped("location_dest_id"), self.level3.lot_stock_id)
        # the keeper of level 3 cannot create a transfer out of level 2
        from odoo.exceptions import AccessError
        with self.assertRaises(AccessError):
            self.env["stock.picking"].sudo(self.keeper3).create({
                "picking_type_id": self.level2.int_type_id.id,
                "location_id": self.level2.lot_stock_id.id,
                "location_dest_id": self.customers.id,
            })


class TestDepotLists(DepotCase):

    def setUp(self):
        super().setUp()
        self.bin_a = self.env["stock.location"].create({
            "name": "A-01", "location_id": self.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "A", "bin_shelf": "01"})
        self.env["stock.warehouse.orderpoint"].create({
            "warehouse_id": self.level3.id, "location_id": self.level3.lot_stock_id.id,
            "product_id": self.belt.id, "product_min_qty": 10, "product_max_qty": 30})
        self.belt.product_tmpl_id.write({"part_usage": "层门门机传动", "part_origin": "上海",
                                         "substitute_ids": [(6, 0, self.curtain.product_tmpl_id.ids)]})

    def _xlsx_rows(self, report_xmlid, records):
        content, fmt = self.env.ref(report_xmlid).render_xlsx(records.ids, {})
        self.assertEqual(fmt, "xlsx")
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        return [sheet.row_values(i) for i in range(sheet.nrows)]

    def test_standard_list_xlsx(self):
        self.receive(self.level3, self.belt, 12, location=self.bin_a)
        rows = self._xlsx_rows("spare_parts_depot.action_report_depot_parts_list_xlsx", self.level3)
        belt_row = next(row for row in rows if row and row[0] == self.belt.default_code)
        self.assertEqual(belt_row[1:4], [self.belt.name, "HTD-8M", "8M-1200"])
        self.assertIn(self.curtain.name, belt_row[4])
        self.assertEqual(belt_row[6:12], [35.0, 10.0, 30.0, 12.0, 18.0, "A-01"])

    def test_depot_ledger_xlsx(self):
        self.receive(self.level3, self.belt, 12, date=self.days_ago(400), location=self.bin_a)
        self.receive(self.level3, self.belt, 8, date=self.days_ago(5), location=self.bin_a)
        self.move(self.belt, self.bin_a, self.customers, 3, date=self.days_ago(2))
        wizard = self.env["depot.ledger.wizard"].create({
            "depot_id": self.level3.id,
            "date_from": self.days_ago(30).strftime("%Y-%m-%d"),
            "date_to": self.days_ago(0).strftime("%Y-%m-%d")})
        rows = self._xlsx_rows("spare_parts_depot.action_report_depot_ledger_xlsx", wizard)
        body = [row for row in rows[4:] if row[0]]
        # opening 12, in 8 -> 20, out 3 -> 17, at HQ price 35
        self.assertEqual([row[7] for row in body], [12.0, 20.0, 17.0])
        self.assertEqual([row[8] for row in body], [420.0, 700.0, 595.0])
        self.assertEqual(body[1][4], 8.0)
        self.assertEqual(body[2][5], 3.0)
        self.assertEqual(body[0][1], "上海")
        self.assertEqual(body[2][10], "A-01")
        self.assertEqual(len(rows[3]), 12)
