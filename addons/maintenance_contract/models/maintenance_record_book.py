# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class MaintenanceRecordBook(models.Model):
    """电/扶梯维护保养记录 — one record book per equipment per 3 months (S2-一-2.2.5).

    The branch returns it filled in and signed by the customer; after-sales checks
    that it is complete, accurate and that the customer's signature is genuine."""
    _name = "maintenance.record.book"
    _description = "Maintenance Record Book"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_deletable_states = ()
    _order = "date_start desc, id desc"

    contract_id = fields.Many2one("maintenance.contract", "Contract", required=True, index=True,
                                  ondelete="restrict")
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", required=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, readonly=True)
    project_name = fields.Char(related="contract_id.project_name", readonly=True)
    branch_id = fields.Many2one(related="contract_id.branch_id", store=True, readonly=True)
    date_start = fields.Date("From", required=True)
    date_end = fields.Date("To", required=True)
    state = fields.Selection(
        [("open", "Open"), ("collected", "Collected"), ("checked", "Checked")],
        default="open", required=True, readonly=True, copy=False, track_visibility="onchange", index=True)
    date_collected = fields.Date("Collected On", readonly=True, copy=False)
    complete = fields.Boolean("Complete and Accurate", track_visibility="onchange")
    signature_verified = fields.Boolean("Customer Signature Verified", track_visibility="onchange")
    checked_by = fields.Many2one("res.users", readonly=True, copy=False)
    note = fields.Text("Findings")
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True, required=False, default=None)
    active = fields.Boolean(default=True)

    def _visit_orders(self):
        """Visits of the equipment in the book's period, for the printed record."""
        self.ensure_one()
        orders = self.env["field.service.order"].search([
            ("equipment_id", "=", self.equipment_id.id), ("state", "!=", "cancel"),
            "|", "&", ("planned_date", ">=", self.date_start), ("planned_date", "<=", self.date_end),
            "&", ("planned_date", "=", False),
            "&", ("date_received", ">=", self.date_start), ("date_received", "<", self.date_end + " 23:59:59"),
        ])
        return orders.sorted(lambda o: o.planned_date or o.date_received[:10])

    @api.multi
    def action_collect(self):
        """S2-一-2.2.2: the book came back from the branch (every 3 months)."""
        if any(book.state != "open" for book in self):
            raise UserError(_("Only open record books are collected."))
        self.write({"state": "collected", "date_collected": fields.Date.context_today(self)})

    @api.multi
    def action_check(self):
        """S2-一-2.2.5: filled in completely and accurately, customer signature genuine."""
        for book in self:
            if book.state != "collected":
                raise UserError(_("Record book %s must be collected before it is checked.") % book.name)
            if not (book.complete and book.signature_verified):
                raise UserError(_(
                    "Record book %s: confirm it is complete and accurate and that the customer's "
                    "signature is genuine, or write the findings and send it back.") % book.name)
        self.write({"state": "checked", "checked_by": self.env.uid})

    @api.multi
    def action_reopen(self):
        self.write({"state": "open", "date_collected": False, "checked_by": False})

    def _document_unlink_refusal(self):
        return _("Maintenance records are never deleted; they are archived 12 months after "
                 "the end of maintenance (S2-一-7.3).")
