# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPenaltyCancel(models.TransientModel):
    """Collects the reason; the penalty decides whether it may be cancelled."""
    _name = "aftersales.penalty.cancel"
    _description = "Cancel Penalty"

    penalty_ids = fields.Many2many("aftersales.penalty", string="Penalties", required=True)
    reason = fields.Text(required=True)

    @api.multi
    def action_cancel(self):
        self.ensure_one()
        self.penalty_ids.action_cancel(self.reason)
        return {"type": "ir.actions.act_window_close"}
