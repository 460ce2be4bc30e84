# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FieldServiceForceClose(models.TransientModel):
    """Collects the supervisor's reason for closing without a complete report."""
    _name = "field.service.force.close"
    _description = "Force Close a Service Order"

    order_id = fields.Many2one("field.service.order", required=True)
    report_missing = fields.Char(related="order_id.report_missing", readonly=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        self.order_id.action_force_close(self.reason)
        return {"type": "ir.actions.act_window_close"}
