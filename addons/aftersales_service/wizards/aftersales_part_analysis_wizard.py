# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _last_month():
    first_this_month = date.today().replace(day=1)
    last = first_this_month - timedelta(days=1)
    return last.replace(day=1), last


class AftersalesPartAnalysisWizard(models.TransientModel):
    """Choose the month of the spare-part analysis (月度补件分析, S1-4.12)."""
    _name = "aftersales.part.analysis.wizard"
    _description = "Monthly Spare-part Analysis"

    date_from = fields.Date(required=True, default=lambda self: fields.Date.to_string(_last_month()[0]))
    date_to = fields.Date(required=True, default=lambda self: fields.Date.to_string(_last_month()[1]))
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The analysis starts after it ends."))
        data = {"date_from": self.date_from, "date_to": self.date_to, "company_id": self.company_id.id}
        rows = self.env["aftersales.part.analysis"].search([
            ("date", ">=", self.date_from), ("date", "<=", self.date_to), ("company_id", "=", self.company_id.id)])
        return self.env.ref("aftersales_service.action_report_part_analysis_xlsx").report_action(rows, data=data)
