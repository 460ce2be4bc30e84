# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-二-3: lower depots are replenished from their parent at HQ price,
within the value cap of their level; branch depots pay for what they get."""
import threading
import time

import psycopg2

from odoo import api
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import TransactionCase

from .common import DepotCase, create_depot_tree, purge_warehouses


class TestDepotLevels(DepotCase):

    def test_default_caps_by_level(self):
        self.assertEqual(self.hq.value_cap, 0.0)
        self.assertEqual(self.level1.value_cap, 50000.0)
        self.assertEqual(self.level2.value_cap, 30000.0)
        self.assertEqual(self.level3.value_cap, 5000.0)
        self.assertTrue(self.level3.is_branch_depot)
        self.assertFalse(self.level1.is_branch_depot)
        self.assertEqual(self.level3.depot_path, "%s / %s / %s / %s" % (
            self.hq.name, self.level1.name, self.level2.name, self.level3.name))

    def test_parent_must_be_higher_level(self):
        with self.assertRaisesRegex(ValidationError, "higher-level depot"):
            self.level1.parent_depot_id = self.level3

    def test_stock_value_at_hq_price(self):
        self.receive(self.level3, self.belt, 10)
        self.receive(self.level3, self.curtain, 1)
        self.level3.invalidate_cache()
        self.assertAlmostEqual(self.level3.stock_value, 10 * 35.0 + 1200.0)
        self.assertAlmostEqual(self.level3.cap_usage, 100.0 * 1550.0 / 5000.0)


class TestReplenishment(DepotCase):

    def setUp(self):
        super().setUp()
        self.receive(self.level2, self.belt, 100)
        self.receive(self.level2, self.drive, 5)
        self.receive(self.level3, self.belt, 100)   # 3,500.00 on hand at HQ price
        self.Replenishment = self.env["depot.replenishment"].sudo(self.keeper3)

    def _request(self, lines, depot=None):
        return self.Replenishment.create({
            "depot_id": (depot or self.level3).id,
            "line_ids": [(0, 0, {"product_id": product.id, "product_qty": qty}) for product, qty in lines],
        })

    def test_over_cap_refused_with_depot_cap_and_value(self):
        replenishment = self._request([(self.drive, 1)])
        self.assertEqual(replenishment.amount_total, 2800.0)
        with self.assertRaises(UserError) as error:
            replenishment.action_submit()
        message = str(error.exception.name)
        self.assertIn(self.level3.name, message)
        self.assertIn("5,000.00", message)    # the cap
        self.assertIn("6,300.00", message)    # 3,500 on hand + 2,800 asked
        self.assertEqual(replenishment.state, "draft")

    def test_within_cap_transfer_and_invoice_at_hq_price(self):
        replenishment = self._request([(self.belt, 20)])
        self.assertEqual(replenishment.parent_depot_id, self.level2)
        self.assertEqual(replenishment.branch_partner_id, self.wuxi)
        replenishment.action_submit()
        self.assertEqual(replenishment.state, "submitted")
        self.assertTrue(replenishment.review_ids, "submitting requests the tier review")
        with self.assertRaises(UserError):
            replenishment.action_approve()   # the keeper is no reviewer
        replenishment.sudo(self.supervisor).action_approve()
        self.assertEqual(replenishment.state, "approved")
        picking = replenishment.picking_id
        self.assertEqual(picking.location_id, self.level2.lot_stock_id)
        self.assertEqual(picking.location_dest_id, self.level3.lot_stock_id)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(self.level3.committed_value, 700.0)

        self.validate_picking(picking.sudo(self.keeper3))   # the receiving keeper validates
        self.assertEqual(replenishment.state, "done")
        self.assertEqual(replenishment.line_ids.qty_received, 20)
        invoice = replenishment.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.partner_id, self.wuxi)
        self.assertEqual(invoice.type, "out_invoice")
        self.assertEqual(invoice.invoice_line_ids.price_unit, 35.0)
        self.assertEqual(invoice.invoice_line_ids.quantity, 20)
        self.assertAlmostEqual(invoice.amount_untaxed, 700.0)
        self.level3.invalidate_cache()
        self.assertAlmostEqual(self.level3.stock_value, 4200.0)
        self.assertEqual(self.level3.committed_value, 0.0)
        tracked = replenishment.sudo().message_ids.mapped("tracking_value_ids").filtered(
            lambda t: t.field == "state").mapped("new_value_char")
        self.assertIn("Received", tracked)

    def test_level1_replenishment_is_not_invoiced(self):
        self.receive(self.hq, self.curtain, 3)
        replenishment = self.env["depot.replenishment"].create({
            "depot_id": self.level1.id,
            "line_ids": [(0, 0, {"product_id": self.curtain.id, "product_qty": 2})]})
        self.assertFalse(replenishment.branch_partner_id)
        replenishment.action_submit()
        replenishment.sudo(self.supervisor).action_approve()
        self.validate_picking(replenishment.picking_id)
        self.assertEqual(replenishment.state, "done")
        self.assertFalse(replenishment.invoice_ids)

    def test_approved_replenishments_count_against_the_cap(self):
        first = self._request([(self.belt, 30)])          # 1,050: 4,550 committed
        first.action_submit()
        first.sudo(self.supervisor).action_approve()
        second = self._request([(self.belt, 20)])         # 700 more: 5,250 > 5,000
        with self.assertRaisesRegex(UserError, "approved replenishments not received 1,050.00"):
            second.action_submit()

    def test_lines_proposed_from_standard_list_minus_on_hand(self):
        Orderpoint = self.env["stock.warehouse.orderpoint"]
        Orderpoint.create({"warehouse_id": self.level3.id, "location_id": self.level3.lot_stock_id.id,
                           "product_id": self.belt.id, "product_min_qty": 50, "product_max_qty": 120})
        Orderpoint.create({"warehouse_id": self.level3.id, "location_id": self.level3.lot_stock_id.id,
                           "product_id": self.curtain.id, "product_min_qty": 1, "product_max_qty": 1})
        replenishment = self.Replenishment.create({"depot_id": self.level3.id})
        replenishment.action_propose_lines()
        lines = {line.product_id: line for line in replenishment.line_ids}
        self.assertEqual(lines[self.belt].product_qty, 20)       # 120 standard - 100 on hand
        self.assertEqual(lines[self.belt].on_hand_qty, 100)
        self.assertEqual(lines[self.curtain].product_qty, 1)
        self.assertEqual(lines[self.curtain].price_unit, 1200.0)
        self.assertAlmostEqual(replenishment.amount_total, 20 * 35.0 + 1200.0)

    def test_incoming_transfer_over_cap_refused(self):
        picking = self.env["stock.picking"].create({
            "picking_type_id": self.level2.int_type_id.id,
            "location_id": self.level2.lot_stock_id.id,
            "location_dest_id": self.level3.lot_stock_id.id,
            "move_lines": [(0, 0, {
                "name": "drive", "product_id": self.drive.id, "product_uom": self.drive.uom_id.id,
                "product_uom_qty": 1, "location_id": self.level2.lot_stock_id.id,
                "location_dest_id": self.level3.lot_stock_id.id})],
        })
        picking.action_confirm()
        picking.action_assign()
        with self.assertRaisesRegex(UserError, "Incoming transfer refused: depot .*%s.* 6,300.00.* 5,000.00" %
                                    self.level3.name):
            self.validate_picking(picking)

    def test_bad_input(self):
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            self._request([(self.belt, 0)])
        with self.assertRaisesRegex(ValidationError, "Only level 1, 2 or 3"):
            self.env["depot.replenishment"].create({"depot_id": self.hq.id, "parent_depot_id": self.level1.id})
        replenishment = self._request([(self.belt, 5)])
        replenishment.action_submit()
        with self.assertRaisesRegex(UserError, "is Submitted and kept for the record: only documents in state "
                                               "Draft can be deleted"):
            replenishment.unlink()
        replenishment.action_cancel()
        self.assertEqual(replenishment.state, "cancel")


class TestReplenishmentConcurrency(TransactionCase):
    """Two approvals of the same depot in parallel cannot together exceed its cap.

    Real cursors: the data is committed first and removed in ``finally``.
    """

    def _approve(self, replenishment_id, uid, outcome):
        with api.Environment.manage():
            with self.registry.cursor() as cr:
                cr.execute("SET LOCAL lock_timeout = '5s'")  # a wait on the depot lock ends, never hangs
                env = api.Environment(cr, uid, {})
                try:
                    env["depot.replenishment"].browse(replenishment_id).action_approve()
                    cr.commit()
                    outcome.append("approved")
                except (UserError, psycopg2.OperationalError) as error:
                    cr.rollback()
                    outcome.append(error)

    def test_concurrent_approvals_cannot_exceed_cap(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, 1, {})
            data = create_depot_tree(env, suffix="并发Z")
            data["level3"].value_cap = 1000.0
            requests = env["depot.replenishment"]
            for __ in range(2):   # 700 each: one fits under 1,000, both do not
                requests |= env["depot.replenishment"].create({
                    "depot_id": data["level3"].id,
                    "line_ids": [(0, 0, {"product_id": data["belt"].id, "product_qty": 20})]})
            for request in requests:
                request.action_submit()
            cr.commit()
        first, second = requests.ids
        supervisor = data["supervisor"].id
        try:
            outcome_first, outcome_second = [], []
            with self.registry.cursor() as cr_first:
                env_first = api.Environment(cr_first, supervisor, {})
                env_first["depot.replenishment"].browse(first).action_approve()   # holds the depot lock
                thread = threading.Thread(target=self._approve, args=(second, supervisor, outcome_second))
                thread.start()
                self._wait_for_lock_waiter(cr_first)
                cr_first.commit()
                outcome_first.append("approved")
            thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertEqual(outcome_first, ["approved"])
            # the second waited for the lock, then could not serialize: Odoo retries it (a lock
            # timeout, the wait bounded by lock_timeout, is an OperationalError but no such outcome) ...
            self.assertIsInstance(outcome_second[0], (psycopg2.extensions.TransactionRollbackError, UserError),
                                  outcome_second)
            # ... and the retry, on fresh data, is refused by the cap
            retry = []
            self._approve(second, supervisor, retry)
            self.assertIsInstance(retry[0], UserError)
            self.assertIn("1,000.00", str(retry[0].name))
            with self.registry.cursor() as cr:
                cr.execute("SELECT id, state FROM depot_replenishment WHERE id IN %s ORDER BY id",
                           [(first, second)])
                self.assertEqual(cr.fetchall(), [(first, "approved"), (second, "submitted")])
        finally:
            self._cleanup(data, requests.ids)

    def _wait_for_lock_waiter(self, cr):
        for __ in range(100):
            cr.execute("SELECT count(*) FROM pg_stat_activity "
                       "WHERE wait_event_type = 'Lock' AND datname = current_database()")
            if cr.fetchone()[0]:
                return
            time.sleep(0.1)
        self.fail("the second approval never waited for the depot lock")

    def _cleanup(self, data, replenishment_ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, 1, {})
            data = {key: env[value._name].browse(value.ids) for key, value in data.items()}
            replenishments = env["depot.replenishment"].browse(replenishment_ids)
            moves = replenishments.mapped("line_ids.move_ids")
            pickings = moves.mapped("picking_id")
            moves._action_cancel()
            moves.unlink()
            pickings.unlink()
            env["tier.review"].search([("model", "=", "depot.replenishment"),
                                       ("res_id", "in", replenishment_ids)]).unlink()
            cr.execute("DELETE FROM depot_replenishment WHERE id IN %s", [tuple(replenishment_ids)])
            env["mail.message"].search([("model", "=", "depot.replenishment"),
                                        ("res_id", "in", replenishment_ids)]).unlink()
            env["mail.followers"].search([("res_model", "=", "depot.replenishment"),
                                          ("res_id", "in", replenishment_ids)]).unlink()
            products = data["belt"] | data["curtain"] | data["drive"]
            templates = products.mapped("product_tmpl_id")
            products.unlink()
            templates.unlink()
            purge_warehouses(env, data["level3"] | data["level2"] | data["level1"] | data["hq"])
            env["hr.employee"].browse([data["keeper3_employee"].id, data["keeper2_employee"].id]).unlink()
            users = data["keeper3"] | data["keeper2"] | data["supervisor"] | data["manager"]
            partners = users.mapped("partner_id") | data["suzhou"] | data["wuxi"]
            users.unlink()
            partners.unlink()
            cr.commit()
