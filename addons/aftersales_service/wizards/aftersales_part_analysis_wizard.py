# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AftersalesPartAnalysisWizard(models.TransientModel):
    """Choose the month of the spare-part analysis (月度补件分析, S1-4.12)."""
    _name = "aftersales.part.analysis.wizard"
    _inherit = "aftersales.month.wizard"
    _description = "Monthly Spare-part Analysis"

    @api.multi
    def action_export_xlsx(self):
        data = self._period_data()
        rows = self.env["aftersales.part.analysis"].search([
            ("date", ">=", self.date_from), ("date", "<=", self.date_to), ("company_id", "=", self.company_id.id)])
        return self.env.ref("aftersales_service.action_report_part_analysis_xlsx").report_action(rows, data=data)
