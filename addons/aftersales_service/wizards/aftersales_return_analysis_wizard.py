# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _last_month():
    last = date.today().replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


class AftersalesReturnAnalysisWizard(models.TransientModel):
    """Choose the month of the returns and complaints analysis (S1-4.12, 4.16)."""
    _name = "aftersales.return.analysis.wizard"
    _description = "Monthly Returns and Complaints Analysis"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.to_string(_last_month()[0]))
    date_to = fields.Date(required=True, default=lambda self: fields.Date.to_string(_last_month()[1]))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The analysis starts after it ends."))
        data = {"date_from": self.date_from, "date_to": self.date_to, "company_id": self.company_id.id}
        returns = self.env["aftersales.return"].search([
            ("date_request", ">=", self.date_from), ("date_request", "<=", self.date_to),
            ("company_id", "=", self.company_id.id)])
        return self.env.ref("aftersales_service.action_report_return_analysis_xlsx").report_action(
            returns, data=data, config=False)
