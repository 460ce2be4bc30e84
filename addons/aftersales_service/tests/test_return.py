# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Customer returns (SPEC §4.2, S1-4.8 to 4.11), walked with controlled time."""
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common_return import ReturnCase, make_user


class TestReturnApplication(ReturnCase):
    """S1-4.8: application, alternatives, delivered quantities, approval."""

    def test_return_above_delivered_qty_is_refused(self):
        self.deliver(self.product, 5)
        with self.assertRaisesRegex(ValidationError, "only 5.0 were delivered"):
            self.new_return(qty=6)
        ret = self.new_return(qty=5)
        self.assertEqual(ret.line_ids.qty, 5)
        # the 5 are now claimed: a second application for the same goods is refused
        with self.assertRaises(ValidationError):
            self.new_return(qty=1)
        # raising the quantity of the draft line is refused too
        with self.assertRaises(ValidationError):
            ret.line_ids.sudo(self.specialist).qty = 7
        # nothing delivered at all
        with self.assertRaises(ValidationError):
            self.new_return(qty=1, product=self.chair)

    def test_delivered_qty_counts_the_origin_order_only(self):
        order = self.env["sale.order"].create({
            "partner_id": self.dealer.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2, "price_unit": 2600.0})],
        })
        order.action_confirm()
        picking = order.picking_ids
        picking.action_assign()
        picking.move_lines.quantity_done = 2
        picking.action_done()
        self.deliver(self.product, 10)  # delivered outside the order
        with self.assertRaises(ValidationError):
            self.new_return(qty=3, sale_order_id=order.id)
        ret = self.new_return(qty=2, sale_order_id=order.id)
        # the unit value comes from the order
        self.assertEqual(ret.line_ids.price_unit, 2600.0)
        self.assertEqual(ret.amount_total, 5200.0)

    def test_alternative_first(self):
        self.deliver(self.product, 5)
        ret = self.new_return(alternative_offered=False, alternative_outcome=False)
        with self.assertRaisesRegex(UserError, "alternative"):
            ret.sudo(self.specialist).action_submit()
        ret.write({"alternative_offered": "discount", "alternative_outcome": "accepted"})
        with self.assertRaises(UserError):
            ret.sudo(self.specialist).action_submit()
        ret.sudo(self.specialist).action_settle_by_alternative()
        self.assertEqual(ret.state, "cancel")
        self.assertTrue(ret.settled_by_alternative)

    def test_specialist_cannot_approve(self):
        self.deliver(self.product, 5)
        ret = self.new_return()
        ret.sudo(self.specialist).action_submit()
        self.assertEqual(ret.state, "to_approve")
        self.assertEqual(len(ret.review_ids), 1)
        self.assertIn(self.director, ret.review_ids.reviewer_ids)
        self.assertNotIn(self.specialist, ret.review_ids.reviewer_ids)
        # the specialist's "validate" is refused with who may approve, so is a direct approval
        with self.assertRaisesRegex(AccessError, "Quality Director"):
            ret.sudo(self.specialist).validate_tier()
        self.assertEqual(ret.state, "to_approve")
        with self.assertRaises(AccessError):
            ret.sudo(self.specialist).action_approve()
        # the after-sales lead (supervisor) cannot either
        with self.assertRaises(AccessError):
            ret.sudo(self.lead).action_approve()
        self.assertEqual(ret.state, "to_approve")
        # quality office director OR quality centre director: either one approves alone
        centre_director = make_user(self.env, "ret_he", "何总监 (quality centre director)",
                                    "director")
        self.assertIn(centre_director, ret.review_ids.reviewer_ids)
        ret.sudo(centre_director).validate_tier()
        self.assertEqual(ret.state, "approved")
        self.assertEqual(ret.approved_by_id, centre_director)
        self.assertEqual(ret.location_id, self.returns_location)

    def test_rejected_by_the_director(self):
        self.deliver(self.product, 5)
        ret = self.new_return()
        ret.sudo(self.specialist).action_submit()
        ret.sudo(self.director).reject_tier()
        self.assertEqual(ret.state, "rejected")
        # a rejected application frees the quantities and can be redone
        ret.sudo(self.specialist).action_draft()
        self.assertEqual(ret.state, "draft")
        self.assertFalse(ret.review_ids)

    def test_submitted_return_cannot_be_deleted_or_edited(self):
        self.deliver(self.product, 5)
        ret = self.new_return()
        ret.sudo(self.specialist).action_submit()
        with self.assertRaises(UserError):
            ret.sudo(self.manager).unlink()
        with self.assertRaises(UserError):
            ret.line_ids.sudo(self.specialist).write({"qty": 1})


class TestReturnReceipt(ReturnCase):
    """S1-4.9: counting, packaging, deliverer sign-off, return picking."""

    def setUp(self):
        super().setUp()
        self.deliver(self.product, 5)
        self.ret = self.approve(self.new_return(qty=5))

    def test_counted_qty_differing_is_recorded_and_flagged(self):
        ret = self.ret
        ret.line_ids.sudo(self.lead).qty_received = 4
        ret.sudo(self.lead).write({
            "packaging_condition": "intact", "deliverer_name": "王师傅", "deliverer_signed": True})
        self.assertTrue(ret.qty_mismatch)
        # not silently accepted: the difference must be explained
        with self.assertRaisesRegex(UserError, "differ from the application"):
            ret.sudo(self.lead).action_receive()
        ret.sudo(self.lead).qty_mismatch_note = "客户称另一件随下批发回"
        with freeze_time("2026-03-02 02:00:00"):
            ret.sudo(self.lead).action_receive()
        self.assertEqual(ret.state, "received")
        self.assertEqual(ret.receipt_date, "2026-03-02 02:00:00")
        # recorded: both quantities kept, the line and the return flagged
        self.assertEqual((ret.line_ids.qty, ret.line_ids.qty_received), (5, 4))
        self.assertTrue(ret.line_ids.qty_mismatch)
        self.assertIn(ret, self.return_model.search([("qty_mismatch", "=", True)]))
        self.assertTrue(any("applied 5.0, counted 4.0" in body for body in ret.message_ids.mapped("body")))
        activity = ret.activity_ids.filtered(lambda a: a.user_id == self.lead)
        self.assertEqual(len(activity), 1)
        # the goods counted entered the returns location
        self.assertEqual(ret.picking_id.state, "done")
        self.assertEqual(ret.picking_id.location_dest_id, self.returns_location)
        self.assertEqual(ret.picking_id.move_lines.quantity_done, 4)
        # counted quantities are frozen after receipt
        with self.assertRaises(UserError):
            ret.line_ids.sudo(self.lead).qty_received = 5

    def test_matching_count_is_not_flagged(self):
        self.receive(self.ret)
        self.assertFalse(self.ret.qty_mismatch)
        self.assertNotIn(self.ret, self.return_model.search([("qty_mismatch", "=", True)]))

    def test_receipt_requires_packaging_notes_and_signoff(self):
        ret = self.ret
        ret.line_ids.sudo(self.lead).qty_received = 5
        ret.sudo(self.lead).write({"packaging_condition": "wet", "deliverer_name": "王师傅"})
        with self.assertRaisesRegex(UserError, "packaging notes"):
            ret.sudo(self.lead).action_receive()
        ret.sudo(self.lead).packaging_notes = "纸箱被雨水淋湿"
        with self.assertRaisesRegex(UserError, "sign"):
            ret.sudo(self.lead).action_receive()
        ret.sudo(self.lead).deliverer_signed = True
        ret.sudo(self.lead).action_receive()
        self.assertEqual(ret.state, "received")
        self.assertTrue(any("纸箱被雨水淋湿" in body for body in ret.message_ids.mapped("body")))

    def test_specialist_cannot_receive_goods(self):
        self.ret.line_ids.sudo(self.lead).qty_received = 5
        self.ret.sudo(self.lead).write({
            "packaging_condition": "intact", "deliverer_name": "王师傅", "deliverer_signed": True})
        with self.assertRaises(AccessError):
            self.ret.sudo(self.specialist).action_receive()


class TestReturnDeadlines(ReturnCase):
    """S1-4.10: 48-hour inspection, 3 days to send, 2 days to confirm."""

    def setUp(self):
        super().setUp()
        self.deliver(self.product, 5)
        self.ret = self.receive(self.approve(self.new_return(qty=2)), when="2026-03-02 02:00:00")
        self.work_instruction = self.env["aftersales.penalty.rule"].get_by_code("work_instruction")
        self.inspection_rule.write({"penalty_rule_id": self.work_instruction.id, "breach_activity": True})

    def test_inspection_timer_starts_at_receipt(self):
        timer = self.timers(self.ret, "return_inspection")
        self.assertEqual(timer.state, "running")
        self.assertEqual(timer.start, "2026-03-02 02:00:00")
        self.assertEqual(timer.deadline, "2026-03-04 02:00:00")
        self.assertEqual(timer.responsible_id, self.lead_employee)

    def test_inspection_not_done_in_48h_breaches(self):
        sweep = self.env["aftersales.sla.timer"]._cron_sweep
        self.assertFalse(sweep(now=datetime(2026, 3, 4, 1, 59)).filtered(lambda t: t.res_id == self.ret.id))
        breached = sweep(now=datetime(2026, 3, 4, 3, 0))
        timer = self.timers(self.ret, "return_inspection")
        self.assertIn(timer, breached)
        self.assertEqual(timer.state, "breached")
        # activity for the quality director (the lead's manager)
        activities = self.ret.activity_ids.filtered(lambda a: a.summary and "Deadline missed" in a.summary)
        self.assertEqual(activities.mapped("user_id"), self.director)
        # the configured penalty proposed on the after-sales lead, sourced on the return
        penalty = self.env["aftersales.penalty"].search([
            ("source_ref", "=", "aftersales.return,%d" % self.ret.id)])
        self.assertEqual(len(penalty), 1)
        self.assertEqual(penalty.employee_id, self.lead_employee)
        self.assertEqual(penalty.rule_id, self.work_instruction)
        self.assertEqual(penalty.state, "proposed")
        # a second sweep does nothing more; the late inspection keeps the breach
        sweep(now=datetime(2026, 3, 5, 0, 0))
        self.inspect(self.ret, when="2026-03-05 01:00:00")
        self.assertEqual(self.ret.state, "inspected")
        self.assertEqual(timer.state, "breached")
        self.assertEqual(len(self.env["aftersales.penalty"].search([
            ("source_ref", "=", "aftersales.return,%d" % self.ret.id)])), 1)

    def test_inspection_in_time_is_met(self):
        self.inspect(self.ret, when="2026-03-03 10:00:00")
        self.assertEqual(self.timers(self.ret, "return_inspection").state, "met")
        self.assertEqual(self.ret.inspection_date, "2026-03-03 10:00:00")

    def test_no_customer_answer_in_2_days_is_deemed_accepted(self):
        self.decide(self.inspect(self.ret), when="2026-03-03 06:00:00")
        with freeze_time("2026-03-04 08:00:00"):
            self.ret.sudo(self.lead).action_mark_sent()
        self.assertEqual(self.ret.state, "sent")
        self.assertEqual(self.timers(self.ret, "return_result_sent").state, "met")
        confirm_timer = self.timers(self.ret, "return_customer_confirm")
        self.assertEqual(confirm_timer.deadline, "2026-03-06 08:00:00")
        sweep = self.env["aftersales.sla.timer"]._cron_sweep
        with freeze_time("2026-03-06 07:00:00"):
            sweep()
        self.assertEqual(self.ret.state, "sent")
        with freeze_time("2026-03-06 09:00:00"):
            sweep()
        self.assertEqual(self.ret.state, "accepted")
        self.assertTrue(self.ret.deemed)
        self.assertEqual(confirm_timer.state, "breached")
        self.assertTrue(any("deemed accepted" in body for body in self.ret.message_ids.mapped("body")))
        # no penalty for the customer's silence, and the 15-day resolution runs
        self.assertFalse(self.env["aftersales.penalty"].search([
            ("source_ref", "=", "aftersales.return,%d" % self.ret.id)]))
        resolution = self.timers(self.ret, "return_resolution")
        self.assertEqual(resolution.state, "running")
        self.assertEqual(resolution.deadline, "2026-03-21 09:00:00")

    def test_customer_answer_in_time_is_confirmed(self):
        self.decide(self.inspect(self.ret))
        with freeze_time("2026-03-04 08:00:00"):
            self.ret.sudo(self.lead).action_mark_sent()
        with freeze_time("2026-03-05 08:00:00"):
            self.ret.sudo(self.lead).action_customer_confirm()
        self.assertEqual(self.ret.state, "accepted")
        self.assertFalse(self.ret.deemed)
        self.assertEqual(self.timers(self.ret, "return_customer_confirm").state, "met")
        with freeze_time("2026-03-09 00:00:00"):
            self.env["aftersales.sla.timer"]._cron_sweep()
        self.assertFalse(self.ret.deemed)

    def test_customer_dispute_goes_back_to_the_director(self):
        self.decide(self.inspect(self.ret))
        self.ret.sudo(self.lead).action_mark_sent()
        with self.assertRaises(UserError):
            self.ret.sudo(self.lead).action_customer_dispute()
        self.ret.sudo(self.lead).customer_feedback = "客户认为是运输损坏，要求换货"
        self.ret.sudo(self.lead).action_customer_dispute()
        self.assertEqual(self.ret.state, "inspected")
        self.assertEqual(self.timers(self.ret, "return_customer_confirm").state, "cancelled")

    def test_sending_the_inspection_record_by_email(self):
        self.decide(self.inspect(self.ret))
        action = self.ret.sudo(self.lead).action_send_result()
        composer = self.env["mail.compose.message"].sudo(self.lead).with_context(action["context"]).create({})
        composer.onchange_template_id_wrapper()
        self.assertTrue(composer.attachment_ids, "the inspection record PDF is attached")
        with freeze_time("2026-03-04 08:00:00"):
            composer.send_mail()
        self.assertEqual(self.ret.state, "sent")
        self.assertEqual(self.ret.sent_date, "2026-03-04 08:00:00")
        message = self.ret.message_ids.filtered(lambda m: m.attachment_ids)[:1]
        self.assertIn(self.dealer, message.partner_ids)
        self.assertIn("inspection", message.attachment_ids.name)


class TestReturnInspectionAccess(ReturnCase):

    def setUp(self):
        super().setUp()
        self.deliver(self.product, 5)
        self.ret = self.receive(self.approve(self.new_return(qty=2)))

    def test_accountant_cannot_change_verdicts(self):
        self.accountant = make_user(self.env, "ret_qian", "钱会计 (accountant)", "accountant")
        self.ret.line_ids.sudo(self.lead).write({"verdict": "customer_damage"})
        with self.assertRaises(AccessError):
            self.ret.line_ids.sudo(self.accountant).write({"verdict": "quality_defect"})
        with self.assertRaises(AccessError):
            self.ret.line_ids.sudo(self.specialist).write({"verdict": "quality_defect"})
        self.assertEqual(self.ret.line_ids.verdict, "customer_damage")
        # the accountant still reads the return
        self.assertEqual(self.ret.sudo(self.accountant).name, self.ret.name)

    def test_inspection_needs_every_verdict(self):
        with self.assertRaisesRegex(UserError, "verdict"):
            self.ret.sudo(self.lead).action_inspect()
        self.inspect(self.ret)
        # verdicts are final once decided
        self.decide(self.ret)
        with self.assertRaises(UserError):
            self.ret.line_ids.sudo(self.director).write({"verdict": "no_fault"})

    def test_only_the_quality_director_decides(self):
        self.inspect(self.ret)
        self.ret.sudo(self.lead).decision = "repair"
        with self.assertRaises(AccessError):
            self.ret.sudo(self.lead).action_decide()
        self.ret.sudo(self.director).action_decide()
        self.assertEqual(self.ret.state, "decided")
        self.assertEqual(self.timers(self.ret, "return_result_sent").state, "running")


class TestReturnResolution(ReturnCase):
    """S1-4.11: repair notice, exchange delivery, resolution within 15 days."""

    def setUp(self):
        super().setUp()
        self.deliver(self.product, 5)

    def _accepted(self, decision):
        ret = self.decide(self.inspect(self.receive(self.approve(self.new_return(qty=2)))), decision=decision)
        ret.sudo(self.lead).action_mark_sent()
        ret.sudo(self.lead).action_customer_confirm()
        self.assertEqual(ret.state, "accepted")
        return ret

    def test_repair_flow(self):
        ret = self._accepted("repair")
        self.assertTrue(ret.repair_due_date)
        action = ret.sudo(self.lead).action_print_repair_notice()
        self.assertEqual(action["report_name"], "aftersales_service.report_return_repair_notice")
        ret.sudo(self.lead).action_resolve()
        self.assertEqual(ret.state, "resolved")
        self.assertEqual(self.timers(ret, "return_resolution").state, "met")
        ret.sudo(self.lead).action_done()
        self.assertEqual(ret.state, "done")

    def test_exchange_needs_the_delivery_done(self):
        ret = self._accepted("exchange")
        with self.assertRaisesRegex(UserError, "exchange goods"):
            ret.sudo(self.lead).action_resolve()
        ret.sudo(self.lead).action_create_exchange()
        # the specialist still opens the return (buttons computed without stock rights)
        values = ret.sudo(self.specialist).read(["can_be_resolved", "picking_id", "exchange_picking_id"])[0]
        self.assertFalse(values["can_be_resolved"])
        picking = ret.exchange_picking_id
        self.assertEqual(picking.partner_id, self.dealer)
        self.assertEqual(picking.location_dest_id.usage, "customer")
        self.assertEqual(picking.move_lines.product_uom_qty, 2)
        picking.move_lines.quantity_done = 2
        picking.action_done()
        ret.sudo(self.lead).action_resolve()
        self.assertEqual(ret.state, "resolved")

    def test_resolution_late_breaches(self):
        ret = self._accepted("repair")
        timer = self.timers(ret, "return_resolution")
        self.assertEqual(timer.state, "running")
        start = datetime.strptime(timer.start, "%Y-%m-%d %H:%M:%S")
        sweep = self.env["aftersales.sla.timer"]._cron_sweep
        self.assertNotIn(timer, sweep(now=start + timedelta(days=14)))
        breached = sweep(now=start + timedelta(days=15, hours=1))
        self.assertIn(timer, breached)

    def test_printed_forms(self):
        ret = self._accepted("repair")
        text = self.pdf_text("aftersales_service.action_report_return_inspection", ret)
        self.assertIn(ret.name, text)
        self.assertIn("杭州宏达家具城", text)
        self.assertIn("真皮沙发 S-320", text)
        self.assertIn("面料接缝开裂", text)
        for xmlid in ("aftersales_service.action_report_return_application",
                      "aftersales_service.action_report_return_repair_notice"):
            html = self.env.ref(xmlid).render_qweb_html(ret.ids)[0].decode("utf-8")
            self.assertIn(ret.name, html)
            self.assertIn("真皮沙发 S-320", html)

    def test_cancel_only_before_receipt(self):
        ret = self._accepted("reject")
        with self.assertRaises(UserError):
            ret.action_cancel()
        ret.sudo(self.lead).action_resolve()
        self.assertEqual(ret.state, "resolved")
