# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The fulfilment routes other than depot stock (S1-4.2, 4.3, 4.4, 4.6)."""
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from .common_part_request import PartRequestCase


class TestWorkshopRoute(PartRequestCase):
    """S1-4.2, 4.6: the parts workshop makes the part in 12 days; the after-sales
    lead checks packaging, label and QC stamp before it enters the warehouse."""

    def _started(self):
        request = self.approve(self.submit(self.make_request(
            [(self.drawer, 2, {"route": "workshop", "responsible_id": self.workshop_lead.id})])))
        request.sudo(self.supervisor).action_start()
        return request, request.job_ids

    def test_workshop_job_to_done(self):
        request, job = self._started()
        self.assertEqual(len(job), 1)
        self.assertEqual((job.state, job.product_id, job.qty), ("in_production", self.drawer, 2))
        self.assertEqual(job.responsible_id, self.workshop_lead)
        self.assertEqual(request.state, "in_progress")
        timer = self.assertTimerRunning(job, "part_production", timedelta(days=12), self.workshop_lead)

        job.sudo(self.qc).write({"qc_note": "合格"})
        job.sudo(self.qc).action_qc_pass()
        self.assertEqual((job.state, job.inspector_id, job.qc_note), ("qc_passed", self.inspector, "合格"))
        job.sudo(self.qc).action_receive(
            packaging_intact=True, label_partner=self.dealer, label_product=self.drawer, label_qty=2, qc_stamp=True)
        self.assertEqual(job.state, "received")
        self.assertEqual(timer.state, "met", "the 12-day timer stops on the QC-passed receipt")
        self.assertEqual(job.receipt_move_id.state, "done")
        self.assertEqual(job.receipt_move_id.location_dest_id, self.warehouse.lot_stock_id)
        delivery = request.picking_ids
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.state, "assigned", "the received part is reserved for the customer")
        self.assertEqual(request.state, "ready")

        request.sudo(self.supervisor).action_ship()
        self.assertEqual(request.line_ids.delivered_qty, 2)
        self.assertEqual(self.on_hand(self.drawer, self.warehouse.lot_stock_id), 0)
        request.action_done()
        self.assertEqual(request.state, "done")

    def test_receipt_checks_refuse_with_reasons(self):
        request, job = self._started()
        good = dict(packaging_intact=True, label_partner=self.dealer, label_product=self.drawer, label_qty=2,
                    qc_stamp=True)
        with self.assertRaisesRegex(UserError, "not passed the QC"):
            job.action_receive(**good)
        job.sudo(self.qc).action_qc_pass()
        for change, reason in [({"packaging_intact": False}, "packaging is damaged"),
                               ({"label_partner": self.dealer2}, "does not name the customer"),
                               ({"label_product": self.headboard}, "does not name the part"),
                               ({"label_qty": 1}, "label quantity 1"),
                               ({"qc_stamp": False}, "no QC inspector's pass stamp")]:
            with self.assertRaisesRegex(ValidationError, reason):
                job.action_receive(**dict(good, **change))
            self.assertEqual(job.state, "qc_passed")
            self.assertFalse(job.receipt_move_id)
        self.assertEqual(self.timer(job, "part_production").state, "running")
        self.assertFalse(request.picking_ids)
        # The wizard collects the same checks.
        wizard = self.env["aftersales.part.job.receive"].with_context(active_id=job.id).create({
            "packaging_intact": True, "label_partner_id": self.dealer.id, "label_product_id": self.drawer.id,
            "label_qty": 2, "qc_stamp": True})
        wizard.action_receive()
        self.assertEqual(job.state, "received")

    def test_late_receipt_breaches_the_production_timer(self):
        request, job = self._started()
        timer = self.timer(job, "part_production")
        job.sudo(self.qc).action_qc_pass()
        late = fields.Datetime.from_string(timer.start) + timedelta(days=13)
        with freeze_time(late):
            job.action_receive(packaging_intact=True, label_partner=self.dealer, label_product=self.drawer,
                               label_qty=2, qc_stamp=True)
        self.assertEqual(timer.state, "breached")


class TestFinishedGoodsRoutes(PartRequestCase):
    """S1-4.3 finished-goods shipment and S1-4.4 borrowing a package."""

    def test_finished_goods_shipment_sale_order_and_delivery(self):
        self.stock(self.package, 3, warehouse=self.fg_warehouse)
        request = self.submit(self.make_request(
            [(self.package, 1, {"route": "fg_package", "warehouse_id": self.fg_warehouse.id})]))
        self.assertTrue(request.has_fg_line)
        request.sudo(self.supervisor).validate_tier()
        request.sudo(self.director).validate_tier()
        self.assertEqual(request.state, "submitted", "sales finance has not reviewed yet")
        self.assertFalse(request.sale_order_ids)
        request.sudo(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")
        order = request.sale_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.warehouse_id, self.fg_warehouse)
        self.assertEqual(order.order_line.product_id, self.package)
        self.assertEqual(order.order_line.price_unit, 0.0, "zero-priced when free")
        self.assertEqual(order.amount_total, 0.0)
        self.assertEqual(order.order_line.part_request_line_id, request.line_ids)

        request.sudo(self.supervisor).action_start()
        self.assertEqual(order.state, "sale")
        delivery = order.picking_ids
        self.assertEqual(len(delivery), 1)
        self.assertEqual(delivery.location_id, self.fg_warehouse.lot_stock_id)
        self.assertEqual(request.state, "ready")
        request.sudo(self.supervisor).action_ship()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(order.order_line.qty_delivered, 1)
        self.assertEqual(request.line_ids.delivered_qty, 1)
        self.assertFalse(order.invoice_ids, "a free shipment is not invoiced")
        request.action_done()
        self.assertEqual(request.state, "done")

    def test_borrowed_package_unpacked_and_returned_after_qa(self):
        self.stock(self.package, 2, warehouse=self.fg_warehouse)
        fg_stock = self.fg_warehouse.lot_stock_id
        request = self.approve(self.submit(self.make_request([(self.armrest, 1, {
            "route": "fg_borrow", "warehouse_id": self.fg_warehouse.id, "package_product_id": self.package.id})])))
        request.sudo(self.supervisor).action_start()
        borrow, job = request.borrow_ids, request.job_ids
        self.assertEqual(borrow.state, "draft")
        self.assertEqual(job.state, "in_production", "the workshop makes the part that goes back in")

        borrow.sudo(self.supervisor).action_borrow()
        self.assertEqual(borrow.state, "borrowed")
        self.assertEqual(self.on_hand(self.package, fg_stock), 1, "package out of the finished-goods stock")
        self.assertEqual(self.on_hand(self.package, self.unpacked), 1, "package in the unpacked area")
        self.assertEqual(self.on_hand(self.armrest, self.unpacked), 1, "unpacked part on the ledger")
        delivery = request.picking_ids
        self.assertEqual(delivery.location_id, self.unpacked)
        self.assertEqual(request.state, "ready")
        request.sudo(self.supervisor).action_ship()
        self.assertEqual(self.on_hand(self.armrest, self.unpacked), 0, "the part went to the customer")
        self.assertEqual(request.line_ids.delivered_qty, 1)

        with self.assertRaisesRegex(UserError, "only be returned once it is repacked"):
            borrow.action_return_package()
        job.sudo(self.qc).action_qc_pass()
        job.action_receive(packaging_intact=True, label_partner=self.dealer, label_product=self.armrest,
                           label_qty=1, qc_stamp=True)
        self.assertEqual(borrow.state, "to_qa", "the workshop's part went back into the package")
        self.assertEqual(self.on_hand(self.armrest, self.unpacked), 0)
        self.assertEqual(self.on_hand(self.armrest, self.fg_warehouse.lot_stock_id), 0)
        with self.assertRaisesRegex(UserError, "must pass finished-goods QA"):
            borrow.action_return_package()
        self.assertEqual(self.on_hand(self.package, fg_stock), 1)

        borrow.sudo(self.qc).write({"qa_note": "成品QA检验合格"})
        borrow.sudo(self.qc).action_qa_pass()
        self.assertEqual((borrow.qa_by, borrow.qa_note), (self.qc, "成品QA检验合格"))
        borrow.action_return_package()
        self.assertEqual(borrow.state, "returned")
        self.assertEqual(self.on_hand(self.package, fg_stock), 2, "package back after QA")
        self.assertEqual(self.on_hand(self.package, self.unpacked), 0)
        # The ledger: package in, part out of the package, part in, part repacked, package back.
        self.assertEqual(len(borrow.move_ids), 5)
        self.assertEqual(set(borrow.move_ids.mapped("state")), {"done"})
        ledger = self.env["aftersales.fg.borrow"].action_open_unpacked_ledger()
        moves = self.env["stock.move"].search(ledger["domain"])
        self.assertTrue(borrow.move_ids <= moves)
        self.assertIn(delivery.move_lines, moves)
        request.action_done()
        self.assertEqual(request.state, "done")

    def test_borrow_refused_without_a_package_in_stock(self):
        request = self.approve(self.submit(self.make_request([(self.armrest, 1, {
            "route": "fg_borrow", "warehouse_id": self.fg_warehouse.id, "package_product_id": self.package.id})])))
        request.sudo(self.supervisor).action_start()
        with self.assertRaisesRegex(UserError, "not enough"):
            request.borrow_ids.action_borrow()
        self.assertEqual(request.borrow_ids.state, "draft")
        self.assertFalse(request.borrow_ids.move_ids, "nothing half-moved")
        self.assertFalse(request.picking_ids)
