# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.multi
    def action_done(self):
        res = super().action_done()
        done = self.filtered(lambda p: p.state == "done")
        if done:
            self.env["depot.replenishment"].sudo().search(
                [("line_ids.move_ids.picking_id", "in", done.ids), ("state", "=", "approved")])._on_transfer_done()
            self.env["depot.defect.return"].sudo().search(
                [("picking_id", "in", done.ids), ("state", "=", "sent")])._on_received()
        return res
