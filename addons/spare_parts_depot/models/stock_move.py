# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from odoo import _, fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    depot_replenishment_line_id = fields.Many2one(
        "depot.replenishment.line", string="Replenishment Line", index=True, readonly=True, copy=False)
    depot_defect_line_id = fields.Many2one(
        "depot.defect.return.line", string="Defect Return Line", index=True, readonly=True, copy=False)

    def _action_done(self):
        """S2-二-3: stock above a depot's value cap blocks incoming transfers.

        Checked after the quants moved (inside the same transaction, so a
        refusal rolls everything back), with the depot rows locked so that
        concurrent receipts into one depot are serialized. Count adjustments
        are not transfers and are never refused.
        """
        moves_done = super()._action_done()
        incoming = defaultdict(float)
        Warehouse = self.env["stock.warehouse"]
        transfers = moves_done.filtered(lambda m: m.state == "done" and not m.inventory_id and not m.scrapped)
        if transfers:
            depot_of = Warehouse._find_depot_of_locations(
                transfers.mapped("location_dest_id") | transfers.mapped("location_id"))
            for move in transfers:
                dest = depot_of.get(move.location_dest_id.id)
                if dest and dest.value_cap > 0 and depot_of.get(move.location_id.id) != dest:
                    incoming[dest] += move.product_qty * move.product_id.hq_price
        if incoming:
            depots = Warehouse.browse([depot.id for depot in incoming])
            # the goods are in the quants already, and what a replenishment
            # received no longer counts as committed (qty_received)
            depots.sudo()._check_value_cap(
                received_values={depot.id: value for depot, value in incoming.items()},
                operation=_("Incoming transfer"))
        return moves_done
