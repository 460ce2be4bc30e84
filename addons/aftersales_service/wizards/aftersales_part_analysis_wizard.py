# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class AftersalesPartAnalysisWizard(models.TransientModel):
    """Choose the month of the spare-part analysis (月度补件分析, S1-4.12)."""
    _name = "aftersales.part.analysis.wizard"
    _inherit = "aftersales.month.wizard"
    _description = "Monthly Spare-part Analysis"
    _month_report = "aftersales_service.action_report_part_analysis_xlsx"
    _month_model = "aftersales.part.analysis"
