# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AftersalesReturnAnalysisWizard(models.TransientModel):
    """Choose the month of the returns and complaints analysis (S1-4.12, 4.16)."""
    _name = "aftersales.return.analysis.wizard"
    _inherit = "aftersales.month.wizard"
    _description = "Monthly Returns and Complaints Analysis"

    @api.multi
    def action_export_xlsx(self):
        data = self._period_data()
        returns = self.env["aftersales.return"].search([
            ("date_request", ">=", self.date_from), ("date_request", "<=", self.date_to),
            ("company_id", "=", self.company_id.id)])
        return self.env.ref("aftersales_service.action_report_return_analysis_xlsx").report_action(
            returns, data=data, config=False)
