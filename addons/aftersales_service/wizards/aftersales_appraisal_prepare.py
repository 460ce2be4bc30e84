# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.aftersales_appraisal import month_bounds


class AftersalesAppraisalPrepare(models.TransientModel):
    """Prepare (or export) the appraisals of a month; the model does the work."""
    _name = "aftersales.appraisal.prepare"
    _description = "Prepare Monthly Appraisals"

    def _default_month(self):
        first = month_bounds(fields.Date.context_today(self))[0] - relativedelta(months=1)
        return fields.Date.to_string(first)

    date = fields.Date("Month", required=True, default=_default_month,
                       help="Any day of the month to appraise.")

    @api.multi
    def _month_appraisals(self):
        first = fields.Date.to_string(month_bounds(self.date)[0])
        return self.env["aftersales.appraisal"].search([("date_from", "=", first)])

    @api.multi
    def action_prepare(self):
        self.ensure_one()
        appraisals = self.env["aftersales.appraisal"].prepare_month(self.date)
        action = self.env.ref("aftersales_service.action_aftersales_appraisal").read()[0]
        action.update({
            "name": _("Appraisals %s") % month_bounds(self.date)[0].strftime("%Y-%m"),
            "domain": [("id", "in", appraisals.ids)],
            "context": {},
        })
        return action

    @api.multi
    def action_export_xlsx(self):
        self.ensure_one()
        appraisals = self._month_appraisals()
        if not appraisals:
            raise UserError(_("There is no appraisal for this month yet: prepare the month first."))
        return self.env.ref("aftersales_service.action_report_appraisal_xlsx").with_context(
            active_model="aftersales.appraisal", active_ids=appraisals.ids).report_action(appraisals, config=False)
