# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError


class StockPicking(models.Model):
    _inherit = "stock.picking"

    @api.multi
    def _check_depot_transfer_rights(self):
        """Only stock people move a depot's parts: its keepers (restricted to the depots
        they keep by their record rules) and Inventory users. Odoo lets Billing write
        transfers (stock_account), so an accountant could otherwise validate a depot's
        delivery; the parts and the value cap are the keeper's responsibility (S2-二-4)."""
        if self.env.uid == SUPERUSER_ID or self.env.user.has_group("stock.group_stock_user"):
            return
        depot_pickings = self.filtered(lambda p: p.sudo().picking_type_id.warehouse_id.depot_level)
        if depot_pickings:
            picking = depot_pickings[0]
            raise AccessError(_(
                "Transfer %(transfer)s moves the parts of depot %(depot)s: only its keepers or "
                "Inventory users may validate it.") % {
                    "transfer": picking.name, "depot": picking.sudo().picking_type_id.warehouse_id.name})

    @api.multi
    def button_validate(self):
        self._check_depot_transfer_rights()
        return super().button_validate()

    @api.multi
    def action_done(self):
        self._check_depot_transfer_rights()
        res = super().action_done()
        done = self.filtered(lambda p: p.state == "done")
        if done:
            self.env["depot.replenishment"].sudo().search(
                [("line_ids.move_ids.picking_id", "in", done.ids), ("state", "=", "approved")])._on_transfer_done()
            self.env["depot.defect.return"].sudo().search(
                [("picking_id", "in", done.ids), ("state", "=", "sent")])._on_received()
        return res
