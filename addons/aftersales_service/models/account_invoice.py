# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    aftersales_writeoff_id = fields.Many2one(
        "aftersales.writeoff", "After-sales Write-off", readonly=True, copy=False, index=True,
        help="The write-off report (冲账申请报告) this credit note was prepared from.")

    @api.model_cr
    def init(self):
        # one live credit note per write-off, whatever the concurrency (SPEC §4.3)
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS account_invoice_one_refund_per_aftersales_writeoff
                ON account_invoice (aftersales_writeoff_id)
             WHERE aftersales_writeoff_id IS NOT NULL AND state != 'cancel'
        """)

    @api.multi
    def invoice_validate(self):
        self.mapped("aftersales_writeoff_id")._ensure_not_approved_by(self.env.user)
        res = super().invoice_validate()
        self.mapped("aftersales_writeoff_id")._on_accounting_posted()
        return res
