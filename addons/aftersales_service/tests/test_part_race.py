# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two users act on the same request at once: the second is refused, nothing doubles;
a short hold by another transaction (a cron's) is waited out."""
import threading
from contextlib import contextmanager

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase


class TestPartRequestRace(TransactionCase):

    def _commit_approved_request(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create({"name": "竞态测试 经销商"})
            product = env["product.product"].create({"name": "竞态测试 沙发扶手", "type": "product"})
            request = env["aftersales.part.request"].create({
                "partner_id": partner.id, "reason": "production_defect",
                "line_ids": [(0, 0, {"product_id": product.id, "qty": 1})]})
            # Approved as after the tier review (the race is about what follows).
            cr.execute("UPDATE aftersales_part_request SET state = 'approved' WHERE id = %s", (request.id,))
            cr.execute("UPDATE aftersales_part_request_line SET state = 'approved' WHERE request_id = %s",
                       (request.id,))
            cr.commit()
            return partner.id, product.id, product.product_tmpl_id.id, request.id

    def _cleanup(self, partner_id, product_id, template_id, request_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM aftersales_part_request_line WHERE request_id = %s", (request_id,))
            cr.execute("DELETE FROM aftersales_part_request WHERE id = %s", (request_id,))
            cr.execute("DELETE FROM product_product WHERE id = %s", (product_id,))
            cr.execute("DELETE FROM product_template WHERE id = %s", (template_id,))
            cr.execute("DELETE FROM res_partner WHERE id = %s", (partner_id,))
            cr.commit()

    @contextmanager
    def _two_cursors(self):
        """(request id, cursor A, cursor B) on a committed approved request, deleted again
        afterwards; B waits at most 5 s for a lock, so a missing lock fails, never hangs."""
        ids = self._commit_approved_request()
        try:
            with self.registry.cursor() as cr_a, self.registry.cursor() as cr_b:
                cr_b.execute("SET LOCAL lock_timeout = '5s'")
                yield ids[3], cr_a, cr_b
        finally:
            self._cleanup(*ids)

    def test_second_concurrent_start_is_refused(self):
        with self._two_cursors() as (request_id, cr_a, cr_b):
            env_a = api.Environment(cr_a, SUPERUSER_ID, {})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            env_a["aftersales.part.request"].browse(request_id).action_start()
            self.assertEqual(env_a["aftersales.part.request"].browse(request_id).state, "in_progress")
            with self.assertRaisesRegex(UserError, "being processed by someone else"):
                env_b["aftersales.part.request"].browse(request_id).action_start()
            cr_b.execute("SELECT count(*) FROM stock_picking WHERE part_request_id = %s", (request_id,))
            self.assertEqual(cr_b.fetchone()[0], 0, "the refused start created nothing")
            cr_a.rollback()
            cr_b.rollback()

    def _hold(self, cr, request_id, seconds, change=False):
        """Another transaction holds the request's row for ``seconds`` (changing it if
        ``change``, then committing), as a cron's batch does; returns the releasing timer."""
        if change:
            cr.execute("UPDATE aftersales_part_request SET description = 'held by a cron' WHERE id = %s",
                       (request_id,))
        else:
            cr.execute("SELECT id FROM aftersales_part_request WHERE id = %s FOR UPDATE", (request_id,))
        timer = threading.Timer(seconds, cr.commit if change else cr.rollback)
        timer.start()
        return timer

    def test_a_short_hold_is_waited_out(self):
        with self._two_cursors() as (request_id, cr_a, cr_b):
            timer = self._hold(cr_a, request_id, 0.6)
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            env_b["aftersales.part.request"].browse(request_id).action_start()
            timer.join()
            self.assertEqual(env_b["aftersales.part.request"].browse(request_id).state, "in_progress")
            cr_b.rollback()

    def test_a_hold_that_changed_the_request_makes_odoo_retry(self):
        """The holder changed the row: the serialization failure propagates (Odoo retries the
        request on the new state), it is not turned into a refusal."""
        with self._two_cursors() as (request_id, cr_a, cr_b):
            cr_b.execute("SELECT 1 FROM aftersales_part_request WHERE id = %s", (request_id,))  # snapshot
            timer = self._hold(cr_a, request_id, 0.6, change=True)
            env_b = api.Environment(cr_b, SUPERUSER_ID, {})
            with self.assertRaises(SerializationFailure):
                env_b["aftersales.part.request"].browse(request_id).action_start()
            timer.join()
            cr_b.rollback()
            cr_b.execute("SELECT count(*) FROM stock_picking WHERE part_request_id = %s", (request_id,))
            self.assertEqual(cr_b.fetchone()[0], 0, "the failed start created nothing")
