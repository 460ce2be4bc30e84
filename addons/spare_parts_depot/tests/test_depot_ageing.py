# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S1 第三篇 四-2: a part not issued from a depot for a month is marked
yellow, for three months red. Moves are dated explicitly, relative to today."""
from .common import DepotCase


class TestDepotAgeing(DepotCase):

    def setUp(self):
        super().setUp()
        self.Ageing = self.env["depot.stock.ageing"]
        self.category = self.env.ref("spare_parts_depot.product_category_spare_parts")

    def _part(self, name):
        return self.env["product.product"].create({
            "name": name, "type": "product", "categ_id": self.category.id, "is_spare_part": True,
            "hq_price": 10.0})

    def _issued_days_ago(self, depot, product, days):
        """Receive 5 long ago, issue 1 to a customer `days` ago."""
        self.receive(depot, product, 5, date=self.days_ago(400))
        self.move(product, depot.lot_stock_id, self.customers, 1, date=self.days_ago(days))

    def _row(self, depot, product):
        self.Ageing.invalidate_cache()   # a fresh read of the view, as in a new request
        row = self.Ageing.search([("warehouse_id", "=", depot.id), ("product_id", "=", product.id)])
        self.assertEqual(len(row), 1, "one ageing row per depot and part")
        return row

    def test_flags_at_day_boundaries(self):
        expected = {29: "normal", 30: "yellow", 31: "yellow", 89: "yellow", 90: "red", 91: "red"}
        parts = {}
        for days in expected:
            parts[days] = self._part("边界件 %d" % days)
            self._issued_days_ago(self.level3, parts[days], days)
        for days, flag in expected.items():
            row = self._row(self.level3, parts[days])
            self.assertEqual(row.idle_days, days)
            self.assertEqual(row.flag, flag, "%d days without issue" % days)
            self.assertEqual(row.qty, 4)
            self.assertEqual(row.value, 40.0)
            self.assertTrue(row.last_issue_date)

    def test_other_depot_issues_do_not_reset_age(self):
        part = self._part("共用件")
        self._issued_days_ago(self.level3, part, 100)
        self._issued_days_ago(self.level2, part, 1)
        # a transfer out of level 2 into level 3 is an issue of level 2 only
        self.move(part, self.level2.lot_stock_id, self.level3.lot_stock_id, 1, date=self.days_ago(0))
        self.assertEqual(self._row(self.level3, part).flag, "red")
        self.assertEqual(self._row(self.level3, part).idle_days, 100)
        self.assertEqual(self._row(self.level2, part).flag, "normal")
        self.assertEqual(self._row(self.level3, part).qty, 5)

    def test_moves_inside_a_depot_and_counts_are_not_issues(self):
        part = self._part("库内移动件")
        bin_location = self.env["stock.location"].create({
            "name": "A-01", "location_id": self.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "A", "bin_shelf": "01"})
        self._issued_days_ago(self.level3, part, 95)
        self.move(part, self.level3.lot_stock_id, bin_location, 2, date=self.days_ago(3))
        loss = self.env.ref("stock.location_inventory")
        self.move(part, bin_location, loss, 1, date=self.days_ago(2))
        row = self._row(self.level3, part)
        self.assertEqual(row.flag, "red")
        self.assertEqual(row.bin_codes, "A-01")

    def test_never_issued_ages_from_first_receipt(self):
        part = self._part("未发放件")
        self.receive(self.level3, part, 2, date=self.days_ago(40))
        self.receive(self.level3, part, 2, date=self.days_ago(2))
        row = self._row(self.level3, part)
        self.assertFalse(row.last_issue_date)
        self.assertEqual(row.idle_days, 40)
        self.assertEqual(row.flag, "yellow")

    def test_thresholds_are_configurable(self):
        part = self._part("阈值件")
        self._issued_days_ago(self.level3, part, 20)
        self.assertEqual(self._row(self.level3, part).flag, "normal")
        self.env.user.company_id.write({"depot_ageing_yellow_days": 10, "depot_ageing_red_days": 20})
        self.assertEqual(self._row(self.level3, part).flag, "red")

    def test_no_stock_no_row_and_group_by_flag(self):
        gone = self._part("已发完件")
        self.receive(self.level3, gone, 1, date=self.days_ago(200))
        self.move(gone, self.level3.lot_stock_id, self.customers, 1, date=self.days_ago(150))
        self.assertFalse(self.Ageing.search([("product_id", "=", gone.id)]))
        slow = self._part("慢件")
        idle = self._part("呆滞件")
        self._issued_days_ago(self.level3, slow, 45)
        self._issued_days_ago(self.level3, idle, 120)
        groups = self.Ageing.read_group([("warehouse_id", "=", self.level3.id)], ["flag", "value"], ["flag"])
        by_flag = {g["flag"]: g for g in groups}
        self.assertEqual(by_flag["yellow"]["flag_count"], 1)
        self.assertEqual(by_flag["red"]["flag_count"], 1)
        self.assertEqual(by_flag["red"]["value"], 40.0)

    def test_keeper_sees_only_own_depots(self):
        part = self._part("权限件")
        self._issued_days_ago(self.level3, part, 40)
        self._issued_days_ago(self.level2, part, 40)
        rows = self.Ageing.sudo(self.keeper3).search([("product_id", "=", part.id)])
        self.assertEqual(rows.mapped("warehouse_id"), self.level3)
        rows = self.Ageing.sudo(self.supervisor).search([("product_id", "=", part.id)])
        self.assertEqual(len(rows), 2)
