# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare
from .roles import MANAGER_GROUP


WRITEOFF_STATES = [
    ("draft", "Draft"),
    ("to_approve", "To Approve"),
    ("approved", "Approved"),
    ("posted", "Posted"),
    ("rejected", "Rejected"),
    ("cancel", "Cancelled"),
]


class AftersalesWriteoff(models.Model):
    """Write-off report (冲账申请报告, S1-4.11).

    A manager approves (tier review); the approval prepares exactly one
    accounting document for the accountant: a draft customer credit note,
    or, for a loss without an invoice, a draft journal entry on the
    configured write-off account. Posting it closes the write-off.
    """
    _name = "aftersales.writeoff"
    _description = "Write-off Report"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "tier.validation"]
    _document_transitions = {
        "submitted": ("draft",),
        "posted": ("approved",),
        "cancelled": ("draft", "to_approve", "rejected", "approved"),
        "reset": ("rejected", "cancel"),
    }
    _document_draft_values = {"refund_id": False, "move_id": False}
    _order = "date desc, id desc"

    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    state = fields.Selection(WRITEOFF_STATES, default="draft", required=True, readonly=True, copy=False,
                             index=True, track_visibility="onchange")
    date = fields.Date(required=True, default=fields.Date.context_today, readonly=True,
                       states={"draft": [("readonly", False)]})
    company_id = fields.Many2one(readonly=True, states={"draft": [("readonly", False)]})
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    return_id = fields.Many2one("aftersales.return", "Return", index=True, readonly=True,
                                states={"draft": [("readonly", False)]}, ondelete="restrict")
    origin = fields.Char("Case", readonly=True, states={"draft": [("readonly", False)]},
                         help="The lost or damaged part case when the write-off comes from no return.")
    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True, readonly=True,
                                 states={"draft": [("readonly", False)]}, track_visibility="onchange")
    writeoff_type = fields.Selection(
        [("credit_note", "Customer Credit Note"), ("loss", "Loss without Invoice")],
        "Type", required=True, default="credit_note", readonly=True, states={"draft": [("readonly", False)]},
        help="Credit note: the customer's account is credited through a credit note the accountant "
             "validates. Loss: the amount is posted on the company's write-off account.")
    invoice_id = fields.Many2one(
        "account.invoice", "Invoice to Credit", readonly=True, states={"draft": [("readonly", False)]},
        domain="[('type', '=', 'out_invoice'), ('state', 'in', ('open', 'paid')), "
               "('commercial_partner_id', '=', partner_id)]")
    amount = fields.Monetary(required=True, currency_field="currency_id", track_visibility="onchange",
                             readonly=True, states={"draft": [("readonly", False)]})
    reason = fields.Text(required=True, readonly=True, states={"draft": [("readonly", False)]})
    user_id = fields.Many2one("res.users", "Requested by", default=lambda self: self.env.user, readonly=True)
    approved_by_id = fields.Many2one("res.users", "Approved by", readonly=True, copy=False)
    approved_date = fields.Datetime(readonly=True, copy=False)
    refund_id = fields.Many2one("account.invoice", "Credit Note", readonly=True, copy=False, index=True)
    move_id = fields.Many2one("account.move", "Journal Entry", readonly=True, copy=False, index=True)
    refund_state = fields.Selection(related="refund_id.state", readonly=True, string="Credit Note Status")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The write-off number must be unique per company."),
    ]

    @api.model_cr
    def init(self):
        # At most one open write-off per return, even when two users create or
        # reset them at the same time (SPEC §4.3).
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS aftersales_writeoff_one_open_per_return
                ON aftersales_writeoff (return_id)
             WHERE return_id IS NOT NULL AND state NOT IN ('cancel', 'rejected')
        """)

    _document_can_depends = ("writeoff_type",)

    def _document_can(self, key):
        if key == "posted":
            return self.env.user.has_group("account.group_account_invoice")
        if key == "cancelled":  # an approved one while its accounting document is not posted
            return self.state != "approved" or self._accounting_document_cancellable()
        return True

    def _accounting_document_cancellable(self):
        self.ensure_one()
        if self.refund_id:
            return self.refund_id.state in ("draft", "cancel")
        if self.move_id:
            return self.move_id.state == "draft"
        return True

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("return_id") and vals.get("state", "draft") not in ("cancel", "rejected"):
            self._ensure_no_open_writeoff(self.env["aftersales.return"].browse(vals["return_id"]))
        return super().create(vals)

    def _ensure_no_open_writeoff(self, ret, exclude=None):
        domain = [("return_id", "=", ret.id), ("state", "not in", ("cancel", "rejected"))]
        if exclude:
            domain.append(("id", "!=", exclude.id))
        if self.sudo().search_count(domain):
            raise ValidationError(_("Return %s already has an open write-off; a return is written off once.")
                                  % ret.name)

    @api.constrains("return_id", "state")
    def _check_one_open_per_return(self):
        for wo in self.filtered(lambda w: w.return_id and w.state not in ("cancel", "rejected")):
            self._ensure_no_open_writeoff(wo.return_id, exclude=wo)

    @api.constrains("amount", "invoice_id", "writeoff_type", "partner_id")
    def _check_amount(self):
        for wo in self.sudo():  # derived facts: the invoice's customer and total (issue 11)
            if float_compare(wo.amount, 0.0, precision_rounding=wo.currency_id.rounding or 0.01) <= 0:
                raise ValidationError(_("Write-off %s: the amount must be positive.") % wo.name)
            if wo.invoice_id:
                if wo.writeoff_type != "credit_note":
                    raise ValidationError(_("Write-off %s: a loss without invoice cannot name an invoice.")
                                          % wo.name)
                if wo.invoice_id.commercial_partner_id != wo.partner_id.commercial_partner_id:
                    raise ValidationError(_("Invoice %s is not an invoice of %s.")
                                          % (wo.invoice_id.number, wo.partner_id.display_name))
                if float_compare(wo.amount, wo.invoice_id.amount_total,
                                 precision_rounding=wo.currency_id.rounding or 0.01) > 0:
                    raise ValidationError(_("Write-off %s: %.2f is more than invoice %s (%.2f).")
                                          % (wo.name, wo.amount, wo.invoice_id.number, wo.invoice_id.amount_total))

    def _check_allow_write_under_validation(self, vals):
        if vals.get("state") in ("rejected", "draft", "cancel"):
            return True
        return super()._check_allow_write_under_validation(vals)

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    @api.multi
    def action_submit(self):
        """Present the report to the company's management (S1-4.11)."""
        self._ensure_can("submitted", _("submitted"))
        self.write({"state": "to_approve"})
        self.request_validation()
        return True

    def _on_tiers_approved(self):
        self.filtered(lambda w: w.state == "to_approve").action_approve()

    def _on_tiers_rejected(self):
        self.filtered(lambda w: w.state == "to_approve").write({"state": "rejected"})

    @api.multi
    def action_approve(self):
        """Manager approval; prepares the credit note or journal entry.

        Race-safe: the write-off row is locked first, so two managers
        approving at once cannot both create a credit note (under Odoo's
        repeatable-read transactions the second one fails with a
        serialization error and is retried, then finds the work done)."""
        if not self:
            return True
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Write-offs are approved by the company's management (S1-4.11)."))
        for wo in self:
            self.env.cr.execute("SELECT state FROM aftersales_writeoff WHERE id = %s FOR UPDATE", (wo.id,))
            wo.invalidate_cache(["state", "refund_id", "move_id"], [wo.id])
            if wo.state != "to_approve":
                raise UserError(_("Write-off %s is %s: it cannot be approved now.")
                                % (wo.name, dict(WRITEOFF_STATES)[wo.state]))
            vals = {"state": "approved", "approved_by_id": self.env.uid, "approved_date": fields.Datetime.now()}
            if not (wo.refund_id or wo.move_id):
                vals.update(wo._create_accounting_document())
            wo.write(vals)
        return True

    def _writeoff_account(self):
        self.ensure_one()
        account = self.company_id.aftersales_writeoff_account_id
        if not account:
            raise UserError(_("Configure the write-off account of company %s (After-sales accounting settings) "
                              "before approving write-offs of losses.") % self.company_id.name)
        return account

    def _create_accounting_document(self):
        """Draft credit note or draft journal entry for the accountant; returns
        the write-off values linking it.

        Created as superuser: the managers who approve write-offs do not need
        accounting rights; posting stays with the accountant."""
        self.ensure_one()
        if self.writeoff_type == "credit_note":
            refund = self.env["account.invoice"].sudo().create(self._prepare_refund_vals())
            refund.compute_taxes()
            refund.message_post(body=_("Credit note prepared from write-off %s, approved by %s.")
                                % (self.name, self.env.user.name))
            self.message_post(body=_("Draft credit note created for the accountant to validate."))
            return {"refund_id": refund.id}
        move = self.env["account.move"].sudo().create(self._prepare_move_vals())
        self.message_post(body=_("Draft journal entry created on the write-off account for the accountant "
                                 "to post."))
        return {"move_id": move.id}

    def _prepare_refund_vals(self):
        # the approving manager holds no accounting rights: the invoice is read as superuser
        self = self.sudo()
        partner = self.partner_id.commercial_partner_id
        company = self.company_id
        journal = self.env["account.journal"].sudo().search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
        if not journal:
            raise UserError(_("Company %s has no sales journal for credit notes.") % company.name)
        if self.invoice_id:
            line_account = self.invoice_id.invoice_line_ids[:1].account_id
        else:
            line_account = company.aftersales_writeoff_account_id or journal.default_credit_account_id
        if not line_account:
            raise UserError(_("Configure the write-off account of company %s.") % company.name)
        origin = ", ".join(filter(None, [self.name, self.return_id.name, self.origin]))
        return {
            "type": "out_refund",
            "partner_id": partner.id,
            "company_id": company.id,
            "journal_id": journal.id,
            "currency_id": company.currency_id.id,
            "account_id": (self.invoice_id.account_id or partner.property_account_receivable_id).id,
            "date_invoice": fields.Date.context_today(self),
            "origin": origin,
            "name": self.reason[:64] if self.reason else self.name,
            "refund_invoice_id": self.invoice_id.id or False,
            "aftersales_writeoff_id": self.id,
            "invoice_line_ids": [(0, 0, {
                "name": _("Write-off %s: %s") % (self.name, self.reason or ""),
                "account_id": line_account.id,
                "quantity": 1.0,
                "price_unit": self.amount,
            })],
        }

    def _prepare_move_vals(self):
        company = self.company_id
        partner = self.partner_id.commercial_partner_id
        journal = company.aftersales_writeoff_journal_id or self.env["account.journal"].sudo().search(
            [("type", "=", "general"), ("company_id", "=", company.id)], limit=1)
        if not journal:
            raise UserError(_("Configure the write-off journal of company %s.") % company.name)
        label = _("Write-off %s: %s") % (self.name, self.reason or "")
        return {
            "journal_id": journal.id,
            "date": fields.Date.context_today(self),
            "ref": self.name,
            "company_id": company.id,
            "line_ids": [
                (0, 0, {"name": label, "account_id": self._writeoff_account().id, "partner_id": partner.id,
                        "debit": self.amount, "credit": 0.0}),
                (0, 0, {"name": label, "account_id": partner.property_account_receivable_id.id,
                        "partner_id": partner.id, "debit": 0.0, "credit": self.amount}),
            ],
        }

    @api.multi
    def action_post(self):
        """The accountant validates the credit note / posts the entry."""
        if not self.env.user.has_group("account.group_account_invoice"):
            raise AccessError(_("Only the accounting department posts write-offs."))
        self._ensure_not_approved_by(self.env.user)
        self._ensure_can("posted", _("posted"))
        for wo in self:
            if wo.refund_id:
                wo.refund_id.action_invoice_open()
            elif wo.move_id:
                wo.move_id.post()
        return True

    @api.multi
    def _ensure_not_approved_by(self, user):
        """Segregation of duties (S1-4.11): whoever approved a write-off does not post it
        as well, even when another role of theirs gives them Billing (Inventory / Manager
        implies it through stock_account)."""
        if user.id == SUPERUSER_ID:
            return
        for wo in self.sudo():
            if user in wo.review_ids.filtered(lambda r: r.status == "approved").mapped("done_by"):
                raise AccessError(_("%(writeoff)s: you approved it, so you may not post it as well; "
                                    "another member of the accounting department posts it.")
                                  % {"writeoff": wo.name})

    @api.multi
    def _on_accounting_posted(self):
        """Called when the credit note or the entry is posted (from accounting)."""
        writeoffs = self.sudo().filtered(lambda w: w.state == "approved")
        writeoffs.write({"state": "posted"})
        for wo in writeoffs:
            wo.message_post(body=_("Posted by %s.") % self.env.user.name)
            ret = wo.return_id
            if ret.state == "accepted" and not ret._resolution_blockers():
                ret.action_resolve()
            if ret.state == "resolved":
                ret.action_done()

    @api.multi
    def action_cancel(self):
        for wo in self:
            if wo.state not in ("draft", "to_approve", "rejected", "approved"):
                raise UserError(_("Write-off %s is posted: reverse it in accounting instead.") % wo.name)
            if wo.state == "approved" and not wo._accounting_document_cancellable():
                raise UserError(_("Write-off %s: its accounting document is already posted.") % wo.name)
        for wo in self:
            if wo.refund_id and wo.refund_id.state == "draft":
                wo.refund_id.sudo().action_invoice_cancel()
            if wo.move_id and wo.move_id.state == "draft":
                wo.move_id.sudo().unlink()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_draft(self):
        self._ensure_can("reset", _("reset to draft"))
        for wo in self.filtered("return_id"):
            self._ensure_no_open_writeoff(wo.return_id, exclude=wo)
        return super().action_draft()

    @api.multi
    def action_view_refund(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.invoice",
            "res_id": self.refund_id.id,
            "view_mode": "form",
            "views": [(self.env.ref("account.invoice_form").id, "form")],
        }
