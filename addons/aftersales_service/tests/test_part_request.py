# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Spare-part requests from the customer's call to delivery (SPEC §4.1, S1-4.1..4.2, 4.7)."""
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_part_request import PartRequestCase


class TestPartRequestStockRoute(PartRequestCase):
    """A production defect replaced free from the chosen depot's stock."""

    def test_free_request_from_depot_to_done(self):
        self.stock(self.armrest, 5, warehouse=self.branch)
        request = self.make_request([(self.armrest, 2, {"warehouse_id": self.branch.id})])
        self.assertTrue(request.name.startswith("BJ/"))
        self.assertEqual(request.charge_type, "free")
        self.submit(request)
        self.assertEqual(request.state, "submitted")
        timer = self.assertTimerRunning(request, "part_promise", timedelta(days=15), self.employee)

        # S1-4.2: the after-sales lead reviews, then the quality office director approves.
        request.sudo(self.supervisor).validate_tier()
        self.assertEqual(request.state, "submitted", "the lead's review alone does not approve")
        request.sudo(self.director).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertFalse(request.sale_order_ids, "a free stock request needs no sale order")

        request.sudo(self.supervisor).action_start()
        picking = request.picking_ids
        self.assertEqual(len(picking), 1)
        self.assertEqual(picking.location_id, self.branch.lot_stock_id, "delivers from the chosen depot")
        self.assertEqual(picking.picking_type_id, self.branch.out_type_id)
        self.assertEqual(picking.location_dest_id.usage, "customer")
        self.assertEqual(picking.move_lines.part_request_line_id, request.line_ids)
        self.assertEqual(picking.state, "assigned")
        self.assertEqual(request.state, "ready", "all parts reserved: ready to load")

        request.sudo(self.supervisor).action_ship()
        self.assertEqual(picking.state, "done")
        self.assertEqual(request.state, "shipped")
        self.assertEqual(request.line_ids.delivered_qty, 2)
        self.assertEqual(request.line_ids.open_qty, 0)
        self.assertEqual(self.on_hand(self.armrest, self.branch.lot_stock_id), 3)
        self.assertEqual(timer.state, "met")
        self.assertFalse(request.invoice_ids, "a free request creates no invoice")
        self.assertFalse(self.env["account.invoice"].search([("partner_id", "=", self.dealer.id)]))

        request.sudo(self.specialist).action_done()
        self.assertEqual(request.state, "done")
        tracked = request.message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field == "state")
        self.assertIn("done", tracked.mapped("new_value_char") + [request.state])
        with self.assertRaises(UserError):
            request.unlink()

    def test_not_ready_until_stock_arrives(self):
        request = self.submit(self.make_request([(self.headboard, 1)]))
        self.approve(request)
        request.sudo(self.supervisor).action_start()
        self.assertEqual(request.state, "in_progress", "nothing in stock: not ready")
        with self.assertRaisesRegex(UserError, "not ready"):
            request.action_mark_ready()
        self.stock(self.headboard, 1)
        request.action_mark_ready()
        self.assertEqual(request.state, "ready")

    def test_loading_list_groups_ready_requests_per_pickup(self):
        self.stock(self.armrest, 10)
        first = self.approve(self.submit(self.make_request([(self.armrest, 1)])))
        second = self.approve(self.submit(self.make_request([(self.armrest, 2)])))
        other = self.approve(self.submit(self.make_request([(self.armrest, 3)], partner=self.dealer2)))
        later = self.approve(self.submit(self.make_request(
            [(self.armrest, 1)], pickup_date=fields.Date.to_string(
                fields.Date.from_string(fields.Date.context_today(self.Request)) + timedelta(days=3)))))
        (first | second | other | later).sudo(self.supervisor).action_start()
        self.assertEqual(set((first | second | other | later).mapped("state")), {"ready"})

        lists = self.env["aftersales.loading.list"].sudo(self.keeper).generate()
        # (demo requests ready today get their own lists)
        lists = lists.filtered(lambda l: l.partner_id in self.dealer | self.dealer2)
        self.assertEqual(len(lists), 2, "one list per pickup")
        dealer_list = lists.filtered(lambda l: l.partner_id == self.dealer)
        self.assertEqual(dealer_list.request_ids, first | second, "a later pickup waits for its day")
        self.assertEqual(lists.filtered(lambda l: l.partner_id == self.dealer2).request_ids, other)
        self.assertFalse(self.env["aftersales.loading.list"].generate(), "requests are listed once")

        dealer_list.sudo(self.supervisor).action_load()
        self.assertEqual(dealer_list.state, "loaded")
        self.assertEqual((first | second).mapped("state"), ["shipped", "shipped"])
        self.assertEqual(other.state, "ready")
        self.assertEqual(dealer_list.keeper_id, self.supervisor, "who loaded it")


class TestPartRequestCharge(PartRequestCase):
    """S1-4.1: damage on the customer's side is charged, with the amount."""

    def test_charged_request_invoices_exactly_the_amount(self):
        self.stock(self.headboard, 2)
        request = self.make_request([(self.headboard, 1)], reason="customer_damage", amount=380.0)
        self.assertEqual(request.charge_type, "charged")
        self.approve(self.submit(request))
        self.assertEqual(request.state, "approved")
        order = request.sale_order_ids
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "draft", "a quotation for the customer")
        self.assertEqual(order.amount_total, 380.0)
        request.sudo(self.supervisor).action_start()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.picking_ids, "the charge itself ships nothing")
        self.assertFalse(request.invoice_ids)
        request.sudo(self.supervisor).action_ship()
        invoice = request.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertEqual(invoice.type, "out_invoice")
        self.assertEqual(invoice.state, "draft", "the accountant validates it")
        self.assertEqual(invoice.partner_id, self.dealer)
        self.assertEqual(invoice.amount_total, 380.0)
        self.assertEqual(invoice.invoice_line_ids.product_id, self.env.ref("aftersales_service.product_part_charge"))

    def test_charged_request_needs_an_amount(self):
        request = self.make_request([(self.headboard, 1)], reason="warranty_expired")
        request.sudo(self.specialist).action_confirm_by_phone()
        with self.assertRaisesRegex(UserError, "amount"):
            request.sudo(self.specialist).action_submit()
        self.assertEqual(request.state, "draft")
        self.assertFalse(self.timer(request, "part_promise"))

    def test_charge_override_only_by_supervisor_and_tracked(self):
        request = self.make_request([(self.headboard, 1)], reason="discounted_product", amount=120.0)
        with self.assertRaises(AccessError):
            request.sudo(self.specialist).write({"charge_override": "free"})
        with self.assertRaises(AccessError):
            self.make_request([(self.headboard, 1)], reason="customer_damage", charge_override="free")
        request.sudo(self.supervisor).write({"charge_override": "free", "charge_override_reason": "老客户"})
        self.assertEqual(request.charge_type, "free")
        tracking = request.message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field == "charge_override")
        self.assertTrue(tracking, "the override is tracked in the chatter")
        self.assertEqual(tracking[0].new_value_char, "Free")

    def test_reasons_decide_free_or_charged(self):
        free = ["development_defect", "process_defect", "material_defect", "production_defect"]
        charged = ["customer_damage", "discounted_product", "warranty_expired"]
        for reason in free + charged:
            request = self.make_request([(self.headboard, 1)], reason=reason)
            self.assertEqual(request.charge_type, "free" if reason in free else "charged", reason)


class TestPartRequestRules(PartRequestCase):
    """What bad input gets (SPEC §9)."""

    def test_promise_beyond_15_days_needs_quality_director(self):
        today = fields.Date.from_string(fields.Date.context_today(self.Request))
        day_16 = fields.Date.to_string(today + timedelta(days=16))
        with self.assertRaisesRegex(ValidationError, "more than 15 days"):
            self.make_request([(self.headboard, 1)], promised_date=day_16)
        request = self.make_request([(self.headboard, 1)],
                                    promised_date=fields.Date.to_string(today + timedelta(days=15)))
        with self.assertRaisesRegex(ValidationError, "quality director"):
            request.sudo(self.specialist).write({"promised_date": day_16})
        with self.assertRaises(AccessError):
            request.sudo(self.supervisor).write({"promised_date": day_16, "promise_extension_approved": True})
        request.sudo(self.director).write({"promised_date": day_16, "promise_extension_approved": True})
        self.assertEqual(request.promised_date, day_16)
        with self.assertRaisesRegex(ValidationError, "before the request"):
            request.sudo(self.specialist).write({"promised_date": fields.Date.to_string(today - timedelta(days=1))})

    def test_zero_or_negative_quantity_refused(self):
        for qty in (0, -2):
            with self.assertRaisesRegex(ValidationError, "must be positive"):
                self.make_request([(self.headboard, qty)])
        request = self.make_request([(self.headboard, 1)])
        with self.assertRaisesRegex(ValidationError, "must be positive"):
            request.line_ids.sudo(self.specialist).write({"qty": 0})

    def test_technician_and_specialist_cannot_approve(self):
        request = self.submit(self.make_request([(self.headboard, 1)]))
        for user in (self.technician, self.specialist):
            with self.assertRaisesRegex(AccessError, "After-sales Supervisor"):
                request.sudo(user).validate_tier()
            self.assertEqual(request.state, "submitted")
            self.assertFalse(request.review_ids.filtered(lambda r: r.status == "approved"))
            with self.assertRaises(UserError):
                request.sudo(user).action_approve()
        self.assertEqual(request.state, "submitted")

    def test_tiers_are_approved_in_order(self):
        fg_line = {"route": "fg_package", "warehouse_id": self.fg_warehouse.id}
        request = self.submit(self.make_request([(self.package, 1, fg_line)]))
        self.assertEqual(len(request.review_ids), 3, "lead, quality director, sales finance")
        with self.assertRaisesRegex(AccessError, "After-sales Supervisor"):
            request.sudo(self.finance).validate_tier()
        self.assertFalse(request.review_ids.filtered(lambda r: r.status == "approved"),
                         "sales finance reviews after the quality director")
        request.sudo(self.supervisor).validate_tier()
        with self.assertRaisesRegex(AccessError, "Quality Director"):
            request.sudo(self.finance).validate_tier()
        request.sudo(self.director).validate_tier()
        self.assertEqual(len(request.review_ids.filtered(lambda r: r.status == "approved")), 2)
        self.assertEqual(request.state, "submitted")
        request.sudo(self.finance).validate_tier()
        self.assertEqual(request.state, "approved")

    def test_phone_confirmation_and_parts_required(self):
        request = self.make_request([(self.headboard, 1)])
        with self.assertRaisesRegex(UserError, "by phone"):
            request.sudo(self.specialist).action_submit()
        empty = self.make_request([])
        empty.sudo(self.specialist).action_confirm_by_phone()
        with self.assertRaisesRegex(UserError, "no parts"):
            empty.sudo(self.specialist).action_submit()

    def test_submitted_request_is_locked_and_cancelled_not_deleted(self):
        request = self.submit(self.make_request([(self.headboard, 1)]))
        with self.assertRaises((UserError, ValidationError)):
            request.line_ids.sudo(self.specialist).write({"qty": 5})
        with self.assertRaises(UserError):
            request.sudo(self.specialist).unlink()
        action = request.sudo(self.specialist).action_open_cancel_wizard()
        wizard = self.env[action["res_model"]].sudo(self.specialist).with_context(action["context"]).create(
            {"reason": "客户撤回"})
        wizard.action_confirm()
        self.assertEqual(request.cancel_reason, "客户撤回")
        self.assertEqual(request.state, "cancel")
        self.assertEqual(self.timer(request, "part_promise").state, "cancelled")
        self.assertTrue(request.exists())

    def test_rejected_then_restarted_and_reset_needs_new_approvals(self):
        request = self.submit(self.make_request([(self.headboard, 1)]))
        request.sudo(self.supervisor).validate_tier()
        request.sudo(self.director).reject_tier()
        self.assertTrue(request.rejected)
        with self.assertRaises(UserError):
            request.sudo(self.director).action_approve()
        request.sudo(self.supervisor).restart_validation()
        self.assertEqual(len(request.review_ids), 2)
        self.assertEqual(set(request.review_ids.mapped("status")), {"pending"}, "the tiers start again")
        self.approve(request)
        self.assertEqual(request.state, "approved")

        other = self.approve(self.submit(self.make_request([(self.headboard, 1)])))
        other.sudo(self.specialist).action_cancel()
        other.sudo(self.specialist).action_draft()
        self.assertFalse(other.review_ids, "old approvals do not carry over")
        self.submit(other)
        self.assertEqual(other.state, "submitted")
        self.assertEqual(set(other.review_ids.mapped("status")), {"pending"})
