# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from .roles import QUALITY_GROUP, SPECIALIST_GROUP, SUPERVISOR_GROUP


RETURN_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("received", "Received"),
    ("inspected", "Inspected"),
    ("decided", "Decided"),
    ("sent", "Result Sent"),
    ("accepted", "Accepted"),
    ("resolved", "Resolved"),
    ("done", "Done"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]


class AftersalesReturn(models.Model):
    """A customer return, from the application (退货申请单) to the
    inspection record (退货检验记录表) and its resolution (SPEC §4.2).

    Flow (S1-4.8 to 4.11): alternatives are offered first; the quality office
    director or the quality centre director approves (tier review); the goods
    are counted at receipt; QA inspects within 48 hours; the quality director
    decides; the result goes to the customer within 3 days, who confirms
    within 2 days or is deemed to accept; the case is resolved within 15 days.
    """
    _name = "aftersales.return"
    _description = "Customer Return"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin",
                "aftersales.sla.mixin", "tier.validation"]
    _document_transitions = {
        "submitted": ("draft",),
        "settled": ("draft",),
        "approved": ("to_approve",),
        "rejected": ("to_approve",),
        "received": ("approved",),
        "inspected": ("received",),
        "decided": ("inspected",),
        "sent": ("decided",),
        "mailed": ("decided", "sent"),  # the inspection record may be e-mailed again
        "confirmed": ("sent",),
        "disputed": ("sent",),
        "exchanged": ("accepted",),
        "refunded": ("accepted", "resolved"),
        "resolved": ("accepted",),
        "done": ("resolved",),
        "cancelled": ("draft", "to_approve", "approved", "rejected"),
        "reset": ("rejected", "cancel"),
    }
    _document_draft_values = {"settled_by_alternative": False, "rejection_reason": False}
    _order = "date_request desc, id desc"

    # tier.validation: the application waits in to_approve for its reviews
    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    state = fields.Selection(
        RETURN_STATES, default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    company_id = fields.Many2one(readonly=True, states={"draft": [("readonly", False)]})
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        help="Dealer or customer returning the goods.")
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, readonly=True, string="Customer Entity")
    consumer_name = fields.Char("Consumer", readonly=True, states={"draft": [("readonly", False)]})
    consumer_phone = fields.Char("Consumer Phone", readonly=True, states={"draft": [("readonly", False)]})
    sale_order_id = fields.Many2one(
        "sale.order", "Origin Sale Order", index=True, readonly=True,
        states={"draft": [("readonly", False)]},
        help="When set, only what was delivered on this order can be returned.")
    date_request = fields.Date(
        "Application Date", required=True, default=fields.Date.context_today, readonly=True,
        states={"draft": [("readonly", False)]})
    user_id = fields.Many2one(
        "res.users", "After-sales Lead", default=lambda self: self.env.user, index=True,
        track_visibility="onchange",
        help="售后主办: handles the return and answers for its deadlines.")
    line_ids = fields.One2many("aftersales.return.line", "return_id", "Lines", copy=True)
    description = fields.Text("Customer's Reason", readonly=True, states={"draft": [("readonly", False)]})

    # S1-4.8: first try to avoid the return
    alternative_offered = fields.Selection(
        [("parts", "Replacement Parts"), ("discount", "Dealer Discount"),
         ("parts_discount", "Replacement Parts and Discount"), ("none", "None Applicable")],
        "Alternative Offered", track_visibility="onchange", readonly=True,
        states={"draft": [("readonly", False)]},
        help="S1-4.8: when replacement parts or a dealer discount can settle the case, "
             "offer them before accepting a return.")
    alternative_outcome = fields.Selection(
        [("accepted", "Accepted: No Return"), ("declined", "Declined: Return Needed")],
        track_visibility="onchange", readonly=True, states={"draft": [("readonly", False)]})
    alternative_notes = fields.Text(readonly=True, states={"draft": [("readonly", False)]})
    settled_by_alternative = fields.Boolean(
        readonly=True, copy=False, track_visibility="onchange",
        help="The customer accepted the alternative; the return was withdrawn.")
    department_opinion = fields.Text(
        "Departments' Opinion", readonly=True, states={"draft": [("readonly", False)]},
        help="Opinions signed by the departments concerned (S1-4.8).")

    # approval
    approved_by_id = fields.Many2one("res.users", "Approved by", readonly=True, copy=False)
    approved_date = fields.Datetime("Approval Date", readonly=True, copy=False)
    rejection_reason = fields.Text(readonly=True, copy=False, track_visibility="onchange")

    # S1-4.9: receipt
    receipt_date = fields.Datetime(
        "Received on", copy=False, readonly=True, states={"approved": [("readonly", False)]},
        help="When the goods arrived; the 48-hour inspection deadline counts from here.")
    received_by_id = fields.Many2one("res.users", "Received by", readonly=True, copy=False)
    packaging_condition = fields.Selection(
        [("intact", "Intact"), ("damaged", "Damaged"), ("wet", "Wet")],
        copy=False, track_visibility="onchange", readonly=True, states={"approved": [("readonly", False)]})
    packaging_notes = fields.Text(
        copy=False, readonly=True, states={"approved": [("readonly", False)]},
        help="Required when the packaging is damaged or wet (S1-4.9).")
    deliverer_name = fields.Char(
        "Delivered by", copy=False, readonly=True, states={"approved": [("readonly", False)]})
    deliverer_signed = fields.Boolean(
        "Deliverer Signed the Handover Note", copy=False, readonly=True,
        states={"approved": [("readonly", False)]})
    qty_mismatch = fields.Boolean(
        "Quantity Mismatch", compute="_compute_qty_mismatch", store=True, index=True,
        help="A counted quantity differs from the applied quantity.")
    qty_mismatch_note = fields.Text(
        "Mismatch Explanation", copy=False, readonly=True, states={"approved": [("readonly", False)]})
    location_id = fields.Many2one(
        "stock.location", "Returns Location", readonly=True, copy=False,
        states={"approved": [("readonly", False)]}, domain=[("usage", "=", "internal")])
    picking_id = fields.Many2one("stock.picking", "Return Receipt", readonly=True, copy=False)

    # S1-4.10: inspection and decision
    inspector_id = fields.Many2one(
        "hr.employee", "QA Inspector", copy=False, readonly=True,
        states={"received": [("readonly", False)]})
    inspection_date = fields.Datetime(readonly=True, copy=False)
    inspection_summary = fields.Text(
        copy=False, readonly=True, states={"received": [("readonly", False)], "inspected": [("readonly", False)]})
    decision = fields.Selection(
        [("repair", "Repair"), ("exchange", "Exchange"), ("refund", "Refund"), ("reject", "Reject Return")],
        copy=False, track_visibility="onchange", readonly=True, states={"inspected": [("readonly", False)]})
    decision_notes = fields.Text(copy=False, readonly=True, states={"inspected": [("readonly", False)]})
    decided_by_id = fields.Many2one("res.users", "Decided by", readonly=True, copy=False)
    decision_date = fields.Datetime(readonly=True, copy=False)
    sent_date = fields.Datetime("Result Sent on", readonly=True, copy=False, track_visibility="onchange")
    accepted_date = fields.Datetime("Accepted on", readonly=True, copy=False)
    deemed = fields.Boolean(
        "Deemed Accepted", readonly=True, copy=False, track_visibility="onchange",
        help="The customer did not answer within 2 days: the result counts as accepted (S1-4.10).")
    customer_feedback = fields.Text(copy=False, readonly=True, states={"sent": [("readonly", False)]})

    # S1-4.11: resolution
    repair_due_date = fields.Date(copy=False, readonly=True, states={"accepted": [("readonly", False)]})
    repair_instructions = fields.Text(copy=False, readonly=True, states={"accepted": [("readonly", False)]})
    exchange_picking_id = fields.Many2one("stock.picking", "Exchange Delivery", readonly=True, copy=False)
    writeoff_ids = fields.One2many("aftersales.writeoff", "return_id", "Write-offs", readonly=True)
    writeoff_count = fields.Integer(compute="_compute_writeoff_count")
    resolution_date = fields.Datetime(readonly=True, copy=False)
    resolution_notes = fields.Text(copy=False)
    amount_total = fields.Monetary(compute="_compute_amount_total", currency_field="currency_id",
                                   string="Value Returned")

    # buttons (form header): one boolean per action, see _compute_can_be

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The return number must be unique per company."),
    ]

    # ------------------------------------------------------------------
    # computes
    # ------------------------------------------------------------------
    @api.depends("line_ids.qty_mismatch")
    def _compute_qty_mismatch(self):
        for ret in self:
            ret.qty_mismatch = any(ret.line_ids.mapped("qty_mismatch"))

    def _compute_writeoff_count(self):
        for ret in self:
            ret.writeoff_count = len(ret.writeoff_ids)

    @api.depends("line_ids.price_subtotal")
    def _compute_amount_total(self):
        for ret in self:
            ret.amount_total = sum(ret.line_ids.mapped("price_subtotal"))

    _document_can_depends = ("alternative_outcome", "decision", "writeoff_ids.state", "exchange_picking_id.state")

    def _document_can(self, key):
        user = self.env.user
        if key == "submitted":
            return self.alternative_outcome != "accepted"
        if key == "settled":
            return self.alternative_outcome == "accepted"
        if key == "received":
            return user.has_group("stock.group_stock_user")
        if key == "inspected":
            return user.has_group(SUPERVISOR_GROUP)
        if key == "decided":
            return user.has_group(QUALITY_GROUP)
        if key == "resolved":
            return not self._resolution_blockers()
        if key == "done":
            return not self._done_blockers()
        return True

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, name="/")
        return super().copy(default)

    @api.constrains("partner_id", "sale_order_id")
    def _check_sale_order_partner(self):
        for ret in self:
            # Derived fact: the order's customer, whoever sold it (sales record
            # rules would hide other salespeople's orders, issue 11).
            order = ret.sudo().sale_order_id
            if order and order.partner_id.commercial_partner_id != ret.partner_id.commercial_partner_id:
                raise ValidationError(_("Sale order %(order)s was not sold to %(partner)s.")
                                      % {"order": order.name, "partner": ret.partner_id.display_name})
        self.mapped("line_ids")._check_qty_returnable()

    def _check_allow_write_under_validation(self, vals):
        # a pending tier review still lets the application be rejected or withdrawn
        if vals.get("state") in ("rejected", "draft", "cancel"):
            return True
        return super()._check_allow_write_under_validation(vals)

    @api.multi
    def message_post(self, **kwargs):
        # The inspection record emailed from the composer marks the result as sent.
        if self.env.context.get("mark_return_as_sent"):
            self.filtered(lambda r: r.state == "decided")._mark_sent()
        return super().message_post(**kwargs)

    # ------------------------------------------------------------------
    # timers
    # ------------------------------------------------------------------
    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        if code == "return_customer_confirm":
            return self.env["hr.employee"]  # the customer's deadline
        employee = self.user_id.employee_ids[:1] if self.user_id else self.env["hr.employee"]
        return employee

    # ------------------------------------------------------------------
    # guards
    # ------------------------------------------------------------------
    def _ensure_specialist(self):
        self._ensure_role([SPECIALIST_GROUP], _("Return applications are filed, submitted and withdrawn by "
                                                "after-sales specialists and their supervisors (S1-4.8)."))

    def _ensure_can_be_submitted(self):
        self._ensure_can("submitted", _("submitted"))
        for ret in self:
            if not ret.line_ids:
                raise UserError(_("Return %s has no lines: add the products to return.") % ret.name)
            if not ret.alternative_offered:
                raise UserError(_(
                    "Return %s: record which alternative (replacement parts, dealer discount) was offered "
                    "before accepting a return (S1-4.8), or 'None Applicable'.") % ret.name)
            if ret.alternative_offered != "none" and ret.alternative_outcome != "declined":
                raise UserError(_(
                    "Return %s: the customer has not declined the alternative offered. "
                    "When the alternative settles the case, withdraw the return instead.") % ret.name)
        self.mapped("line_ids")._check_qty_returnable()

    def _ensure_can_be_approved(self):
        self._ensure_can("approved", _("approved"))
        self._ensure_role([QUALITY_GROUP], _(
            "Only the quality office director or the quality centre director approves returns (S1-4.8)."))

    def _ensure_can_be_received(self):
        self._ensure_can("received", _("received"))
        self._ensure_role(["stock.group_stock_user"], _(
            "Receiving returned goods is a stock operation: ask a depot keeper or the after-sales lead."))
        for ret in self:
            if not ret.packaging_condition:
                raise UserError(_("Return %s: record the packaging condition (intact, damaged or wet).")
                                % ret.name)
            if ret.packaging_condition != "intact" and not (ret.packaging_notes or "").strip():
                raise UserError(_("Return %s: the packaging is %s; describe it in the packaging notes (S1-4.9).")
                                % (ret.name, dict(self._fields["packaging_condition"].selection)[
                                    ret.packaging_condition].lower()))
            if not (ret.deliverer_name or "").strip() or not ret.deliverer_signed:
                raise UserError(_("Return %s: the person delivering the goods must sign the handover note "
                                  "(S1-4.9); enter the name and tick the sign-off.") % ret.name)
            if any(line.qty_received < 0 for line in ret.line_ids):
                raise ValidationError(_("Return %s: counted quantities cannot be negative.") % ret.name)
            if not any(line.qty_received > 0 for line in ret.line_ids):
                raise UserError(_("Return %s: enter the quantities counted on arrival.") % ret.name)
            if ret.qty_mismatch and not (ret.qty_mismatch_note or "").strip():
                raise UserError(_(
                    "Return %s: the counted quantities differ from the application (%s). Explain the "
                    "difference in the mismatch explanation before confirming the receipt.")
                    % (ret.name, ret._mismatch_summary()))

    def _ensure_can_be_inspected(self):
        self._ensure_can("inspected", _("inspected"))
        self._ensure_role([SUPERVISOR_GROUP], _("The after-sales lead records the inspection result (S1-4.10)."))
        for ret in self:
            missing = ret.line_ids.filtered(lambda line: line.qty_received > 0 and not line.verdict)
            if missing:
                raise UserError(_("Return %s: give a verdict for every returned product (missing: %s).")
                                % (ret.name, ", ".join(missing.mapped("product_id.display_name"))))

    def _ensure_can_be_decided(self):
        self._ensure_can("decided", _("decided"))
        self._ensure_role([QUALITY_GROUP], _("The quality office director makes the final decision (S1-4.10)."))
        for ret in self:
            if not ret.decision:
                raise UserError(_("Return %s: choose the decision (repair, exchange, refund or reject).")
                                % ret.name)

    def _resolution_blockers(self):
        """Why this accepted return cannot be resolved yet (empty when it can)."""
        self.ensure_one()
        picking = self.sudo().exchange_picking_id  # specialists see returns, not pickings
        if self.decision == "exchange" and not (picking and picking.state == "done"):
            return _("deliver the exchange goods first")
        if self.decision == "refund" and not self.sudo().writeoff_ids.filtered(
                lambda w: w.state in ("approved", "posted")):
            return _("have the write-off approved first")
        return ""

    def _done_blockers(self):
        self.ensure_one()
        if self.decision == "refund" and not self.sudo().writeoff_ids.filtered(lambda w: w.state == "posted"):
            return _("the credit note is not posted yet")
        return ""

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    @api.multi
    def action_submit(self):
        """Draft -> to approve: request the tier review (quality director)."""
        self._ensure_specialist()
        self._ensure_can_be_submitted()
        self.write({"state": "to_approve"})
        self.request_validation()
        return True

    @api.multi
    def action_settle_by_alternative(self):
        """S1-4.8: the customer accepted parts or a discount; the return is withdrawn."""
        self._ensure_specialist()
        self._ensure_can("settled", _("withdrawn"))
        for ret in self:
            if ret.alternative_outcome != "accepted":
                raise UserError(_("Return %s: the customer has not accepted an alternative.") % ret.name)
        self.write({"state": "cancel", "settled_by_alternative": True})
        for ret in self:
            ret.message_post(body=_("Settled by the alternative offered (%s): no return needed.")
                             % dict(self._fields["alternative_offered"].selection).get(ret.alternative_offered))
        return True

    def _on_tiers_approved(self):
        # the last review approves the return
        self.filtered(lambda r: r.state == "to_approve").action_approve()

    def _on_tiers_rejected(self):
        self.filtered(lambda r: r.state == "to_approve").write({"state": "rejected"})

    @api.multi
    def action_approve(self):
        if not self:
            return True
        self._ensure_can_be_approved()
        self.write({"state": "approved", "approved_by_id": self.env.uid,
                    "approved_date": fields.Datetime.now()})
        for ret in self.filtered(lambda r: not r.location_id):
            ret.location_id = ret._default_return_location()
        return True

    @api.multi
    def action_reject(self):
        """Refuse the application (S1-4.8: 否则拒绝退货受理)."""
        self._ensure_can("rejected", _("rejected"))
        self._ensure_role([QUALITY_GROUP], _("Only the quality director rejects return applications."))
        self.reject_tier()  # _on_tiers_rejected moves it to rejected
        return True

    @api.multi
    def action_receive(self):
        """S1-4.9: count, check the packaging, have the deliverer sign; the
        goods enter the returns location and the 48-hour inspection starts."""
        self._ensure_can_be_received()
        now = fields.Datetime.now()
        for ret in self:
            receipt_date = ret.receipt_date or now
            ret.write({"state": "received", "receipt_date": receipt_date, "received_by_id": self.env.uid})
            # the checks above are the authorisation; the receipt transfer into the
            # returns location (outside every depot a keeper keeps) is their consequence
            ret.sudo()._create_return_picking()
            ret._sla_start("return_inspection", start=receipt_date)
            if ret.packaging_condition != "intact":
                ret.message_post(body=_("Packaging received %s: %s") % (
                    dict(self._fields["packaging_condition"].selection)[ret.packaging_condition].lower(),
                    ret.packaging_notes))
            if ret.qty_mismatch:
                ret._flag_qty_mismatch()
        return True

    def _mismatch_summary(self):
        self.ensure_one()
        return "; ".join(
            _("%s: applied %s, counted %s") % (line.product_id.display_name, line.qty, line.qty_received)
            for line in self.line_ids.filtered("qty_mismatch"))

    def _flag_qty_mismatch(self):
        """A counted quantity differing from the application is never silently
        accepted: it is logged and the after-sales lead gets an activity."""
        self.ensure_one()
        summary = self._mismatch_summary()
        self.message_post(body=_("Counted quantities differ from the application: %s. Explanation: %s")
                          % (summary, self.qty_mismatch_note))
        self._document_activity(self.user_id or self.env.user, _("Clarify the returned quantity with the customer"),
                                note=summary)

    @api.multi
    def action_inspect(self):
        """S1-4.10: QA verdicts recorded; stops the 48-hour timer."""
        self._ensure_can_be_inspected()
        now = fields.Datetime.now()
        self.write({"state": "inspected", "inspection_date": now})
        self._sla_stop("return_inspection", stop=now)
        return True

    @api.multi
    def action_decide(self):
        """The quality director's final decision; the result must reach the customer within 3 days."""
        self._ensure_can_be_decided()
        now = fields.Datetime.now()
        self.write({"state": "decided", "decided_by_id": self.env.uid, "decision_date": now})
        self._sla_start("return_result_sent", start=now)
        return True

    @api.multi
    def action_print_repair_notice(self):
        """产品返修通知单 for a repair decision."""
        for ret in self:
            if ret.decision != "repair":
                raise UserError(_("Return %s is not to be repaired.") % ret.name)
        return self.env.ref("aftersales_service.action_report_return_repair_notice").report_action(
            self, config=False)

    @api.multi
    def action_create_exchange(self):
        """Deliver replacement goods for an exchange decision."""
        self.ensure_one()
        self._ensure_can("exchanged", _("exchanged"))
        if self.decision != "exchange":
            raise UserError(_("Return %s is not to be exchanged.") % self.name)
        if self.exchange_picking_id and self.exchange_picking_id.state != "cancel":
            raise UserError(_("Return %s already has its exchange delivery %s.")
                            % (self.name, self.exchange_picking_id.name))
        lines = self._stockable_received_lines()
        if not lines:
            raise UserError(_("Return %s has no stockable goods to exchange.") % self.name)
        picking = self._create_exchange_picking(lines)
        self.exchange_picking_id = picking
        self.message_post(body=_("Exchange delivery %s created.") % picking.name)
        return self._action_view(picking)

    @api.multi
    def action_create_writeoff(self):
        """Refund decision: prepare the write-off report (冲账申请报告) for the manager."""
        self.ensure_one()
        self._ensure_can("refunded", _("refunded"))
        if self.decision != "refund":
            raise UserError(_("Return %s is not to be refunded.") % self.name)
        open_writeoff = self.writeoff_ids.filtered(lambda w: w.state not in ("cancel", "rejected"))
        if open_writeoff:
            return self._action_view(open_writeoff[0])
        invoices = self.sudo().sale_order_id.invoice_ids.filtered(
            lambda i: i.type == "out_invoice" and i.state in ("open", "paid"))
        writeoff = self.env["aftersales.writeoff"].create({
            "return_id": self.id,
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "writeoff_type": "credit_note",
            "invoice_id": invoices[:1].id or False,
            "amount": self.amount_total,
            "reason": _("Refund of return %s after inspection: %s") % (
                self.name, self.inspection_summary or self.decision_notes or ""),
        })
        return self._action_view(writeoff)

    def _action_view(self, record):
        return {
            "type": "ir.actions.act_window",
            "res_model": record._name,
            "res_id": record.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
        }

    @api.multi
    def action_view_writeoffs(self):
        self.ensure_one()
        return self._document_window_action(
            "aftersales_service.action_aftersales_writeoff", [("return_id", "=", self.id)],
            {"default_return_id": self.id, "default_partner_id": self.partner_id.id})

    @api.multi
    def action_resolve(self):
        """S1-4.11: the final handling is given (within 15 days)."""
        self._ensure_can("resolved", _("resolved"))
        for ret in self:
            blocker = ret._resolution_blockers()
            if blocker:
                raise UserError(_("Return %s cannot be resolved yet: %s.") % (ret.name, blocker))
        now = fields.Datetime.now()
        self.write({"state": "resolved", "resolution_date": now})
        self._sla_stop("return_resolution", stop=now)
        return True

    @api.multi
    def action_done(self):
        self._ensure_can("done", _("closed"))
        for ret in self:
            blocker = ret._done_blockers()
            if blocker:
                raise UserError(_("Return %s cannot be closed yet: %s.") % (ret.name, blocker))
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_specialist()
        self._ensure_can("cancelled", _("cancelled"))
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_draft(self):
        self._ensure_specialist()
        return super().action_draft()
