# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPartRequestCancel(models.TransientModel):
    """Collects the reason of a cancellation; the request decides whether it may
    be cancelled (the Cancel button takes no argument, issue 11)."""
    _name = "aftersales.part.request.cancel"
    _description = "Cancel Spare-part Request"

    request_ids = fields.Many2many("aftersales.part.request", string="Requests", required=True)
    reason = fields.Char(required=True)

    @api.multi
    def action_cancel(self):
        self.ensure_one()
        self.request_ids._cancel(self.reason.strip() or False)
        return {"type": "ir.actions.act_window_close"}
