# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesMonthWizard(models.AbstractModel):
    """The period and company of a monthly analysis (S1-4.12): last month by default,
    in the user's timezone. The monthly XLSX analyses inherit it and name what they
    export: the report action (``_month_report``) printed for the records of
    ``_month_model`` whose ``_month_date_field`` falls in the period."""
    _name = "aftersales.month.wizard"
    _description = "Monthly Analysis Period"

    _month_report = None
    _month_model = None
    _month_date_field = "date"

    date_from = fields.Date(required=True, default=lambda self: self._default_period()[0])
    date_to = fields.Date(required=True, default=lambda self: self._default_period()[1])
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)

    @api.model
    def _default_period(self):
        """(first day, last day) of the month before the user's today."""
        today = fields.Date.from_string(fields.Date.context_today(self))
        last = today.replace(day=1) - timedelta(days=1)
        return fields.Date.to_string(last.replace(day=1)), fields.Date.to_string(last)

    @api.multi
    def _period_data(self):
        """The report data of the chosen period; refuses a period that ends before it starts."""
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(_("The analysis starts after it ends."))
        return {"date_from": self.date_from, "date_to": self.date_to, "company_id": self.company_id.id}

    @api.multi
    def action_export_xlsx(self):
        data = self._period_data()
        records = self.env[self._month_model].search([
            (self._month_date_field, ">=", self.date_from), (self._month_date_field, "<=", self.date_to),
            ("company_id", "=", self.company_id.id)])
        return self.env.ref(self._month_report).report_action(records, data=data, config=False)
