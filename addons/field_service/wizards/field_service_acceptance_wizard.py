# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FieldServiceAcceptanceWizard(models.TransientModel):
    """Collects the quality group's acceptance verdict on an installation."""
    _name = "field.service.acceptance.wizard"
    _description = "Record a QC Acceptance"

    order_id = fields.Many2one("field.service.order", required=True)
    result = fields.Selection([("pass", "Passed"), ("fail", "Failed")], required=True, default="pass")
    rating = fields.Selection([("excellent", "Excellent"), ("pass", "Pass")], default="pass")
    cause = fields.Selection(
        [("installation", "Installation Work"), ("other", "Other (product, customer, design)")],
        default="installation")
    on_plan = fields.Boolean("Finished on Plan", default=True)
    note = fields.Text("Acceptance Report")

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.order_id.record_acceptance(
            self.result, rating=self.rating if self.result == "pass" else "fail", cause=self.cause,
            on_plan=self.on_plan, note=self.note)
        return {"type": "ir.actions.act_window_close"}
