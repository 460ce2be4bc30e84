# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


def _first_of_previous_month(self):
    today = fields.Date.from_string(fields.Date.context_today(self))
    return fields.Date.to_string(today.replace(day=1) - relativedelta(months=1))


def _last_of_previous_month(self):
    today = fields.Date.from_string(fields.Date.context_today(self))
    return fields.Date.to_string(today.replace(day=1) - relativedelta(days=1))


class FieldServiceStatsWizard(models.TransientModel):
    """Period of the monthly statistics workbook (S1 第五篇 二-(三)-8: each month the head
    of department sums up last month's repairs and patrols)."""
    _name = "field.service.stats.wizard"
    _description = "Field Service Monthly Statistics"

    date_from = fields.Date(required=True, default=_first_of_previous_month)
    date_to = fields.Date(required=True, default=_last_of_previous_month)

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The period ends before it starts."))
        return self.env.ref("field_service.action_report_fs_monthly_xlsx").report_action(self)
