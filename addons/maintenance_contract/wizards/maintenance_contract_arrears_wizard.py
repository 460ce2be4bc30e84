# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class MaintenanceContractArrearsWizard(models.TransientModel):
    """S2-一-4.2.2: the branch's written reason for an unpaid fee and the date it will be collected."""
    _name = "maintenance.contract.arrears.wizard"
    _description = "Arrears Reason"

    contract_id = fields.Many2one("maintenance.contract", required=True, readonly=True)
    arrears_due_date = fields.Date(related="contract_id.arrears_due_date", readonly=True)
    reason = fields.Text(required=True)
    promised_date = fields.Date("Promised Collection Date", required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.contract_id.record_arrears_reason(self.reason, self.promised_date)
        return {"type": "ir.actions.act_window_close"}
