# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesMonthWizard(models.AbstractModel):
    """The period and company of a monthly analysis (S1-4.12): last month by default,
    in the user's timezone. The monthly XLSX analyses inherit it."""
    _name = "aftersales.month.wizard"
    _description = "Monthly Analysis Period"

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
