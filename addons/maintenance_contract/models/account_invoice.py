# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AccountInvoice(models.Model):
    _inherit = "account.invoice"

    maintenance_contract_id = fields.Many2one(
        "maintenance.contract", "Maintenance Contract", readonly=True, index=True, copy=False,
        ondelete="restrict")
    maintenance_schedule_ids = fields.One2many(
        "maintenance.contract.schedule", "invoice_id", "Contract Periods", readonly=True)

    @api.multi
    def action_invoice_paid(self):
        """S2-一-4.2: a paid maintenance fee clears the contract's arrears (and resumes it)."""
        res = super().action_invoice_paid()
        contract_invoices = self.filtered("maintenance_contract_id")
        if contract_invoices:
            self.env["maintenance.contract"].sudo()._on_invoices_paid(contract_invoices.sudo())
        return res
