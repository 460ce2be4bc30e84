# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-二-2.1: every depot is counted once a month; S2-二-4.2: a shortage is a
loss the keeper pays at HQ price, proposed as a penalty (SPEC §3.3)."""
from odoo.exceptions import UserError

from .common import DepotCase


class TestMonthlyCount(DepotCase):

    def setUp(self):
        super().setUp()
        self.Penalty = self.env["aftersales.penalty"]
        self.receive(self.level3, self.belt, 10)
        self.receive(self.level3, self.curtain, 1)

    def _prepare(self, day="2026-03-01"):
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today=day)
        return self.env["stock.inventory"].search([("depot_id", "=", self.level3.id), ("count_month", "=", day)])

    def test_cron_prepares_one_count_per_depot_and_month(self):
        depots = self.hq | self.level1 | self.level2 | self.level3
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2026-03-01")
        counts = self.env["stock.inventory"].search([("depot_id", "in", depots.ids)])
        self.assertEqual(len(counts), 4)
        self.assertEqual(set(counts.mapped("state")), {"confirm"})
        self.assertEqual(set(counts.mapped("count_month")), {"2026-03-01"})
        # idempotent: later runs of the month add nothing
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2026-03-01")
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2026-03-17")
        self.assertEqual(self.env["stock.inventory"].search_count([("depot_id", "in", depots.ids)]), 4)
        # next month: a depot whose March count is still open waits for it to be validated
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2026-04-01")
        self.assertEqual(self.env["stock.inventory"].search_count([("depot_id", "in", depots.ids)]), 4)
        count = counts.filtered(lambda c: c.depot_id == self.level3)
        count.action_done()
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2026-04-02")
        april = self.env["stock.inventory"].search([("depot_id", "in", depots.ids), ("count_month", "=", "2026-04-01")])
        self.assertEqual(april.mapped("depot_id"), self.level3)
        self.assertEqual(count.keeper_id, self.keeper3)
        self.assertEqual(count.location_id, self.level3.lot_stock_id)
        lines = {line.product_id: line.theoretical_qty for line in count.line_ids}
        self.assertEqual(lines, {self.belt: 10, self.curtain: 1})
        self.assertEqual(count.activity_ids.user_id, self.keeper3, "the keeper is asked to count")

    def test_shortage_proposes_penalty_on_keeper(self):
        count = self._prepare()
        # the keeper counts: two belts missing
        belt_line = count.line_ids.filtered(lambda l: l.product_id == self.belt)
        belt_line.sudo(self.keeper3).product_qty = 8
        count.sudo(self.supervisor).action_done()
        self.assertEqual(count.state, "done")
        self.assertEqual(count.shortage_value, 70.0)
        penalty = self.Penalty.search([("source_ref", "=", "stock.inventory,%d" % count.id)])
        self.assertEqual(len(penalty), 1)
        self.assertEqual(penalty.employee_id, self.keeper3_employee)
        self.assertEqual(penalty.rule_id.code, "depot_loss")
        self.assertEqual(penalty.amount, 70.0)
        self.assertEqual(penalty.state, "proposed")
        self.assertIn(self.belt.display_name, penalty.reason)
        self.assertEqual(count.penalty_id, penalty)
        self.assertEqual(self.level3._depot_on_hand(self.belt)[self.belt.id], 8)

    def test_no_shortage_no_penalty(self):
        count = self._prepare()
        count.line_ids.filtered(lambda l: l.product_id == self.belt).product_qty = 12   # a surplus
        count.action_done()
        self.assertEqual(count.shortage_value, 0.0)
        self.assertFalse(self.Penalty.search([("source_ref", "=", "stock.inventory,%d" % count.id)]))

    def test_keeper_without_employee_cannot_be_charged(self):
        count = self._prepare()
        self.keeper3_employee.user_id = False
        count.line_ids.filtered(lambda l: l.product_id == self.curtain).product_qty = 0
        with self.assertRaisesRegex(UserError, "not linked to an employee"):
            count.action_done()
        self.assertEqual(count.state, "confirm")

    def test_keeper_counts_only_own_depot(self):
        self._prepare()
        visible = self.env["stock.inventory"].sudo(self.keeper3).search([("count_month", "=", "2026-03-01")])
        self.assertEqual(visible.mapped("depot_id"), self.level3)
