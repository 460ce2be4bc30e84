# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AftersalesReturnAnalysisWizard(models.TransientModel):
    """Choose the month of the returns and complaints analysis (S1-4.12, 4.16)."""
    _name = "aftersales.return.analysis.wizard"
    _inherit = "aftersales.month.wizard"
    _description = "Monthly Returns and Complaints Analysis"
    _month_report = "aftersales_service.action_report_return_analysis_xlsx"
    _month_model = "aftersales.return"
    _month_date_field = "date_request"
