# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

LOWER_LEVELS = ("level_1", "level_2", "level_3")


class DepotReplenishment(models.Model):
    """Replenishment of a lower depot from its parent (S2-二-3 有偿补充备件).

    The depot asks for the parts its standard stock list lacks, at HQ price;
    the request is checked against the depot's value cap, approved (tier
    review), shipped as an internal transfer from the parent depot, and, for
    a branch depot, invoiced to the branch for what it received.
    """
    _name = "depot.replenishment"
    _description = "Depot Replenishment"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "tier.validation"]
    _document_transitions = {
        "submitted": ("draft",),
        "approved": ("submitted",),
        "cancelled": ("draft", "submitted", "approved"),
        "reset": ("cancel",),
    }
    _order = "date desc, id desc"

    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    depot_id = fields.Many2one(
        "stock.warehouse", string="Depot", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        domain=[("depot_level", "in", LOWER_LEVELS), ("parent_depot_id", "!=", False)],
        help="The lower depot that asks to be replenished.")
    parent_depot_id = fields.Many2one(
        "stock.warehouse", string="Supplying Depot", required=True, index=True,
        readonly=True, states={"draft": [("readonly", False)]},
        help="The parent depot the parts come from.")
    branch_partner_id = fields.Many2one(
        "res.partner", string="Invoiced Branch", readonly=True, states={"draft": [("readonly", False)]},
        help="Branch invoiced for a paid replenishment (S2-二-3); empty for company-run depots.")
    date = fields.Date(
        "Request Date", required=True, default=fields.Date.context_today, readonly=True,
        states={"draft": [("readonly", False)]})
    user_id = fields.Many2one(
        "res.users", string="Requested By", default=lambda self: self.env.user, readonly=True,
        states={"draft": [("readonly", False)]})
    line_ids = fields.One2many(
        "depot.replenishment.line", "replenishment_id", string="Parts", copy=True,
        readonly=True, states={"draft": [("readonly", False)]})
    company_id = fields.Many2one(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    amount_total = fields.Monetary(
        "Total at HQ Price", compute="_compute_amount_total", store=True, currency_field="currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("approved", "Approved"),
         ("done", "Received"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    picking_ids = fields.Many2many(
        "stock.picking", compute="_compute_picking_ids", string="Transfers")
    picking_id = fields.Many2one("stock.picking", string="Transfer", readonly=True, copy=False)
    picking_count = fields.Integer(compute="_compute_picking_ids")
    invoice_ids = fields.Many2many(
        "account.invoice", "depot_replenishment_invoice_rel", "replenishment_id", "invoice_id",
        string="Invoices", readonly=True, copy=False)
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    note = fields.Text()

    @api.depends("line_ids.subtotal")
    def _compute_amount_total(self):
        for replenishment in self:
            replenishment.amount_total = sum(replenishment.line_ids.mapped("subtotal"))

    @api.multi
    def _compute_picking_ids(self):
        for replenishment in self:
            pickings = replenishment.mapped("line_ids.move_ids.picking_id")
            replenishment.picking_ids = pickings
            replenishment.picking_count = len(pickings)

    @api.depends("invoice_ids")
    def _compute_invoice_count(self):
        for replenishment in self:
            replenishment.invoice_count = len(replenishment.invoice_ids)

    _document_can_depends = ("line_ids",)

    def _document_can(self, key):
        if key == "submitted":
            return bool(self.line_ids)
        if key == "cancelled":  # an approved one until its first part arrived
            return self.state != "approved" or not any(self.line_ids.mapped("qty_received"))
        return True

    @api.onchange("depot_id")
    def _onchange_depot_id(self):
        if self.depot_id:
            self.parent_depot_id = self.depot_id.parent_depot_id
            self.branch_partner_id = self.depot_id.branch_partner_id
            self.company_id = self.depot_id.company_id

    @api.model
    def create(self, vals):
        if vals.get("depot_id"):
            depot = self.env["stock.warehouse"].browse(vals["depot_id"])
            vals.setdefault("parent_depot_id", depot.parent_depot_id.id)
            vals.setdefault("branch_partner_id", depot.branch_partner_id.id)
            vals.setdefault("company_id", depot.company_id.id)
        return super().create(vals)

    @api.constrains("depot_id", "parent_depot_id")
    def _check_depots(self):
        for replenishment in self:
            depot = replenishment.depot_id
            if depot.depot_level not in LOWER_LEVELS:
                raise ValidationError(_("Only level 1, 2 or 3 depots are replenished; %s is not one.") % depot.name)
            if replenishment.parent_depot_id == depot:
                raise ValidationError(_("Depot %s cannot replenish itself.") % depot.name)

    # ------------------------------------------------------------------
    # Lines from the standard stock list
    # ------------------------------------------------------------------
    @api.multi
    def action_propose_lines(self):
        """Propose the standard quantity minus what the depot has or already asked for."""
        for replenishment in self:
            if replenishment.state != "draft":
                raise UserError(_("Lines can only be proposed on a draft replenishment."))
            depot = replenishment.depot_id
            orderpoints = depot.orderpoint_ids.filtered(lambda o: o.active)
            products = orderpoints.mapped("product_id")
            on_hand = depot._depot_on_hand(products)
            pending = replenishment._pending_quantities(products)
            commands = [(5, 0, 0)]
            for orderpoint in orderpoints:
                product = orderpoint.product_id
                qty = orderpoint.product_max_qty - on_hand.get(product.id, 0.0) - pending.get(product.id, 0.0)
                if qty > 0:
                    commands.append((0, 0, {
                        "product_id": product.id,
                        "product_qty": qty,
                        "standard_qty": orderpoint.product_max_qty,
                        "on_hand_qty": on_hand.get(product.id, 0.0),
                        "price_unit": product.hq_price,
                    }))
            replenishment.line_ids = commands
            if len(commands) == 1:
                replenishment.message_post(body=_("The depot holds its whole standard stock list: nothing to ask for."))
        return True

    @api.multi
    def _pending_quantities(self, products):
        """{product id: quantity of other open replenishments of the depot not received yet}."""
        self.ensure_one()
        lines = self.env["depot.replenishment.line"].search([
            ("replenishment_id.depot_id", "=", self.depot_id.id),
            ("replenishment_id.state", "in", ("submitted", "approved")),
            ("replenishment_id", "!=", self.id),
            ("product_id", "in", products.ids)])
        pending = {}
        for line in lines:
            pending[line.product_id.id] = pending.get(line.product_id.id, 0.0) + line.product_qty - line.qty_received
        return pending

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.multi
    def _ensure_can_be_submitted(self):
        for replenishment in self:
            if not replenishment.can_be_submitted:
                raise UserError(_("Replenishment %s: only a draft with parts can be submitted.") % replenishment.name)
            if not replenishment.parent_depot_id:
                raise UserError(_("Depot %s has no parent depot to be replenished from.")
                                % replenishment.depot_id.name)
            if replenishment.depot_id.depot_level in ("level_2", "level_3") and not replenishment.branch_partner_id:
                raise UserError(_("Depot %s is a branch depot: set its branch so the replenishment can be invoiced.")
                                % replenishment.depot_id.name)
            missing_price = replenishment.line_ids.filtered(lambda l: not l.price_unit)
            if missing_price:
                raise UserError(_("Set the HQ price of %s before asking for it.")
                                % ", ".join(missing_price.mapped("product_id.display_name")))

    @api.multi
    def _check_cap(self):
        """Value cap of the requesting depot with this replenishment added (locks the depot rows)."""
        extra = {}
        for replenishment in self:
            extra[replenishment.depot_id.id] = extra.get(replenishment.depot_id.id, 0.0) + replenishment.amount_total
        self.mapped("depot_id").sudo()._check_value_cap(
            extra_values=extra, exclude_replenishments=self, operation=_("Replenishment %s") % (
                ", ".join(self.mapped("name"))))

    @api.multi
    def action_submit(self):
        self._ensure_can_be_submitted()
        self._check_cap()
        self.write({"state": "submitted"})
        self.request_validation()
        return True

    @api.multi
    def _ensure_can_be_approved(self):
        for replenishment in self:
            if not replenishment.can_be_approved:
                raise UserError(_("Replenishment %s: only a submitted replenishment can be approved.")
                                % replenishment.name)

    @api.multi
    def action_approve(self):
        """Approve (tier review), then ship from the parent depot.

        The cap is checked again under the depot row lock, counting the other
        approved replenishments not received yet: two approvals of the same
        depot in parallel cannot together exceed its cap.
        """
        self._ensure_can_be_approved()
        for replenishment in self.filtered("review_ids"):
            if not replenishment.validated and replenishment.can_review:
                replenishment.validate_tier()
            if not replenishment.validated:
                raise UserError(_("Replenishment %(name)s waits for the approval of: %(reviewers)s; only they "
                                  "may approve it.") % {
                    "name": replenishment.name,
                    "reviewers": ", ".join(replenishment.reviewer_ids.mapped("name")) or _("a reviewer")})
        self._check_cap()
        self.write({"state": "approved"})
        self._create_transfer()
        return True

    @api.multi
    def _create_transfer(self):
        for replenishment in self:
            parent = replenishment.parent_depot_id
            items = [(line.product_id, line.product_qty, {"depot_replenishment_line_id": line.id})
                     for line in replenishment.line_ids]
            picking = parent._depot_transfer(
                replenishment.depot_id, items, replenishment.name, replenishment.company_id,
                replenishment.branch_partner_id or replenishment.depot_id.partner_id)
            replenishment.picking_id = picking
            replenishment.message_post(body=_("Transfer %s from %s created.") % (picking.name, parent.name))

    @api.multi
    def _on_transfer_done(self):
        """Parts received: invoice the branch for them; done when nothing is left to receive."""
        for replenishment in self:
            replenishment._create_invoice()
            moves = replenishment.mapped("line_ids.move_ids")
            if moves and all(m.state in ("done", "cancel") for m in moves):
                replenishment.state = "done"

    @api.multi
    def _create_invoice(self):
        """Invoice at HQ price the quantities received and not invoiced yet (paid replenishment)."""
        Invoice = self.env["account.invoice"].sudo()
        for replenishment in self.filtered("branch_partner_id"):
            lines = replenishment.line_ids.filtered(lambda l: float_compare(
                l.qty_received, l.qty_invoiced, precision_rounding=l.product_id.uom_id.rounding) > 0)
            if not lines:
                continue
            invoice = Invoice.with_context(type="out_invoice").create({
                "partner_id": replenishment.branch_partner_id.id,
                "type": "out_invoice",
                "origin": replenishment.name,
                "company_id": replenishment.company_id.id,
                "date_invoice": fields.Date.context_today(self),
                "comment": _("Paid replenishment of depot %s from %s (S2-二-3).") % (
                    replenishment.depot_id.name, replenishment.parent_depot_id.name),
            })
            invoice_lines = []
            for line in lines:
                qty = line.qty_received - line.qty_invoiced
                invoice_lines.append((0, 0, line._prepare_invoice_line(invoice, qty)))
                line.qty_invoiced += qty
            invoice.write({"invoice_line_ids": invoice_lines})
            invoice.compute_taxes()
            replenishment.invoice_ids = [(4, invoice.id)]
            replenishment.message_post(body=_("Invoice for %.2f at HQ price prepared for %s.") % (
                invoice.amount_untaxed, replenishment.branch_partner_id.name))

    @api.multi
    def action_cancel(self):
        for replenishment in self:
            if not replenishment.can_be_cancelled:
                raise UserError(_("Replenishment %s has parts received already: it cannot be cancelled.")
                                % replenishment.name)
        self.mapped("line_ids.move_ids").filtered(lambda m: m.state not in ("done", "cancel"))._action_cancel()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_view_pickings(self):
        return self._document_window_action(
            "stock.action_picking_tree_all", [("id", "in", self.mapped("picking_ids").ids)])

    @api.multi
    def action_view_invoices(self):
        return self._document_window_action(
            "account.action_invoice_tree1", [("id", "in", self.mapped("invoice_ids").ids)])
