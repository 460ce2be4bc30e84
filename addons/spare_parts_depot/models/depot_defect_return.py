# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.models.roles import QUALITY_GROUP, SUPERVISOR_GROUP


class DepotDefectReturn(models.Model):
    """Defective parts sent back to HQ (S2-二-6.2 不合格品备件的回收).

    The branch packs the parts with a packing list (装箱单, S2-二-6.1: qty,
    spec, model, packer, checker, receiver) and ships them to HQ's defective
    parts location. HQ quality control gives a verdict per part: a product
    defect is replaced (a transfer back to the depot); a part damaged by site
    causes is charged to whoever caused it (S2 三-1: 责任者按价赔偿), by an
    invoice to a partner or a penalty on an employee.
    """
    _name = "depot.defect.return"
    _description = "Defective Part Return"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_transitions = {
        "sent": ("draft",),
        "inspected": ("received",),
        "resolved": ("inspected",),
        "cancelled": ("draft", "sent"),
    }
    _order = "date desc, id desc"

    depot_id = fields.Many2one(
        "stock.warehouse", string="Sending Depot", required=True, index=True, track_visibility="onchange",
        domain=[("depot_level", "!=", False)], readonly=True, states={"draft": [("readonly", False)]})
    hq_depot_id = fields.Many2one(
        "stock.warehouse", string="Receiving Depot", required=True, default=lambda self: self._default_hq_depot(),
        domain=[("depot_level", "=", "hq")], readonly=True, states={"draft": [("readonly", False)]},
        help="The headquarters depot whose quality control inspects the parts.")
    origin = fields.Selection(
        [("depot", "Depot stock"), ("site", "Customer site")], default="depot", required=True,
        readonly=True, states={"draft": [("readonly", False)]},
        help="Parts taken from the depot's shelves, or replaced parts coming straight from a site.")
    partner_id = fields.Many2one(
        "res.partner", string="Customer / Site", readonly=True, states={"draft": [("readonly", False)]})
    project = fields.Char(
        "Project", readonly=True, states={"draft": [("readonly", False)]},
        help="Site or project the parts come from (工程名称).")
    date = fields.Date(
        default=fields.Date.context_today, required=True, readonly=True, states={"draft": [("readonly", False)]})
    date_received = fields.Datetime("Received On", readonly=True, copy=False)
    packer_id = fields.Many2one(
        "hr.employee", string="Packed By", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    checker_id = fields.Many2one(
        "hr.employee", string="Checked By", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)], "sent": [("readonly", False)]})
    receiver_id = fields.Many2one(
        "hr.employee", string="Received By", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)], "sent": [("readonly", False)]})
    line_ids = fields.One2many(
        "depot.defect.return.line", "return_id", string="Parts", copy=True,
        readonly=True, states={"draft": [("readonly", False)], "received": [("readonly", False)]})
    picking_id = fields.Many2one("stock.picking", string="Shipment to HQ", readonly=True, copy=False)
    replacement_picking_id = fields.Many2one("stock.picking", string="Replacement Transfer", readonly=True,
                                             copy=False)
    invoice_ids = fields.Many2many(
        "account.invoice", "depot_defect_return_invoice_rel", "return_id", "invoice_id",
        string="Charge Invoices", readonly=True, copy=False)
    penalty_ids = fields.One2many("aftersales.penalty", compute="_compute_penalty_ids", string="Penalties")
    company_id = fields.Many2one(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    state = fields.Selection(
        [("draft", "Draft"), ("sent", "Sent"), ("received", "Received"), ("inspected", "Inspected"),
         ("done", "Done"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    note = fields.Text()

    @api.model
    def _default_hq_depot(self):
        return self.env["stock.warehouse"].search(
            [("depot_level", "=", "hq"), ("company_id", "=", self.env.user.company_id.id)], limit=1)

    _document_can_depends = ("line_ids.verdict",)

    def _document_can(self, key):
        if key == "sent":
            return bool(self.line_ids)
        if key == "inspected":
            return bool(self.line_ids) and all(self.line_ids.mapped("verdict"))
        return True

    @api.multi
    def _compute_penalty_ids(self):
        Penalty = self.env["aftersales.penalty"]
        readable = Penalty.check_access_rights("read", raise_exception=False)   # keepers do not see them
        for ret in self:
            ret.penalty_ids = Penalty.search([("source_ref", "=", "%s,%d" % (self._name, ret.id))]) \
                if ret.id and readable else Penalty

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.multi
    def _source_location(self):
        self.ensure_one()
        if self.origin == "site":
            return self.partner_id.property_stock_customer or self.env.ref("stock.stock_location_customers")
        return self.depot_id.lot_stock_id

    @api.multi
    def action_send(self):
        """Ship the packed parts to HQ's defective parts location."""
        Picking = self.env["stock.picking"].sudo()
        for ret in self:
            if not ret.can_be_sent:
                raise UserError(_("Defect return %s: only a draft with parts can be sent.") % ret.name)
            if ret.depot_id == ret.hq_depot_id and ret.origin == "depot":
                raise UserError(_("Defect return %s: the parts are already at headquarters.") % ret.name)
            if not ret.packer_id:
                raise UserError(_("Defect return %s: say who packed the parts (装箱人).") % ret.name)
            source = ret._source_location()
            destination = ret.hq_depot_id.sudo()._get_defect_location()
            picking_type = ret.hq_depot_id.in_type_id if ret.origin == "site" else ret.depot_id.int_type_id
            picking = Picking.create({
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "partner_id": ret.partner_id.id or ret.depot_id.branch_partner_id.id,
                "origin": ret.name,
                "company_id": ret.company_id.id,
                "move_lines": [(0, 0, {
                    "name": line.product_id.display_name,
                    "product_id": line.product_id.id,
                    "product_uom": line.product_id.uom_id.id,
                    "product_uom_qty": line.product_qty,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "picking_type_id": picking_type.id,
                    "depot_defect_line_id": line.id,
                    "origin": ret.name,
                }) for line in ret.line_ids],
            })
            picking.action_confirm()
            picking.action_assign()
            ret.write({"picking_id": picking.id, "state": "sent"})
        return True

    @api.multi
    def _on_received(self):
        self.write({"state": "received", "date_received": fields.Datetime.now()})
        for ret in self:
            ret._schedule_inspection_activity()

    @api.multi
    def _schedule_inspection_activity(self):
        user = self.env.ref(QUALITY_GROUP).users[:1]
        self._document_activity(user, _("Inspect the defective parts of %s") % self.name)

    @api.multi
    def action_receive(self):
        """HQ receives the parcel: validate its transfer (Odoo's immediate transfer wizard)."""
        self.ensure_one()
        if self.state != "sent":
            raise UserError(_("Defect return %s has not been sent.") % self.name)
        if not self.receiver_id:
            raise UserError(_("Defect return %s: say who receives the parts (接收人).") % self.name)
        return self.picking_id.button_validate()

    @api.multi
    def action_inspect(self):
        """QC confirms the verdicts (quality office)."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise UserError(_("Only the quality office or after-sales supervisors give the inspection verdict."))
        for ret in self:
            if ret.state != "received":
                raise UserError(_("Defect return %s: inspect the parts once HQ has received them.") % ret.name)
            ret.line_ids._ensure_verdict_complete()
        self.write({"state": "inspected"})
        return True

    @api.multi
    def action_resolve(self):
        """Replace product defects; charge site-caused damage to who caused it (HQ quality office)."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise UserError(_("Only the quality office or after-sales supervisors resolve a defect return "
                              "(replacement or charge)."))
        for ret in self:
            if not ret.can_be_resolved:
                raise UserError(_("Defect return %s: confirm the inspection first.") % ret.name)
            defects = ret.line_ids.filtered(lambda l: l.verdict == "product_defect")
            if defects:
                ret._send_replacements(defects)
            site = ret.line_ids.filtered(lambda l: l.verdict == "site_caused")
            site.filtered(lambda l: l.charge_to == "invoice")._charge_by_invoice()
            site.filtered(lambda l: l.charge_to == "penalty")._charge_by_penalty()
        self.write({"state": "done"})
        return True

    @api.multi
    def _send_replacements(self, lines):
        self.ensure_one()
        depot = self.depot_id
        items = [(line.product_id, line.product_qty, {"name": _("Replacement: %s") % line.product_id.display_name})
                 for line in lines]
        picking = self.hq_depot_id._depot_transfer(
            depot, items, self.name, self.company_id, depot.branch_partner_id or depot.partner_id)
        self.replacement_picking_id = picking
        self.message_post(body=_("Replacement transfer %s sent to %s for the product defects.")
                          % (picking.name, depot.name))

    @api.multi
    def action_cancel(self):
        for ret in self:
            if not ret.can_be_cancelled:
                raise UserError(_("Defect return %s was received at HQ: it cannot be cancelled.") % ret.name)
            if ret.picking_id and ret.picking_id.state != "done":
                ret.picking_id.action_cancel()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_view_pickings(self):
        pickings = self.mapped("picking_id") | self.mapped("replacement_picking_id")
        return self._document_window_action("stock.action_picking_tree_all", [("id", "in", pickings.ids)])

    @api.multi
    def action_view_invoices(self):
        return self._document_window_action(
            "account.action_invoice_tree1", [("id", "in", self.mapped("invoice_ids").ids)])
