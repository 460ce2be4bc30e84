# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class StockLocation(models.Model):
    """Bin locations (库位): zone / shelf / layer / position.

    S1 第三篇 四-3: every part has its zone, shelf, layer and position, printed
    on the issue slip so that nobody has to search for it; S2-二-4.1 the
    ledger's "库、存、架、层、位" column.
    """
    _inherit = "stock.location"

    bin_zone = fields.Char("Zone", help="Zone (区) of the store room, e.g. A.")
    bin_shelf = fields.Char("Shelf", help="Shelf (架) in the zone, e.g. 03.")
    bin_layer = fields.Char("Layer", help="Layer (层) of the shelf, counted from the floor.")
    bin_position = fields.Char("Position", help="Position (位) on the layer.")
    bin_code = fields.Char(
        "Bin Code", compute="_compute_bin_code", store=True, index=True,
        help="Zone-shelf-layer-position, printed on picking slips and bin labels.")

    _sql_constraints = [
        ("bin_code_uniq", "unique(location_id, bin_code)",
         "This bin code is already used in the same stock location."),
    ]

    @api.depends("bin_zone", "bin_shelf", "bin_layer", "bin_position")
    def _compute_bin_code(self):
        for location in self:
            parts = [location.bin_zone, location.bin_shelf, location.bin_layer, location.bin_position]
            location.bin_code = "-".join(p.strip() for p in parts if p and p.strip()) or False

    @api.constrains("bin_zone", "bin_shelf", "bin_layer", "bin_position", "usage")
    def _check_bin(self):
        for location in self.filtered("bin_code"):
            if location.usage != "internal":
                raise ValidationError(_("Only internal locations can be bins (%s).") % location.display_name)
            if not location.bin_zone or not location.bin_shelf:
                raise ValidationError(_("Bin %s: give at least its zone and shelf.") % location.display_name)

    @api.multi
    def name_get(self):
        res = super().name_get()
        bins = {location.id: location.bin_code for location in self if location.bin_code}
        if not bins:
            return res
        return [(location_id, "%s [%s]" % (name, bins[location_id]) if location_id in bins else name)
                for location_id, name in res]

    @api.model
    def name_search(self, name, args=None, operator="ilike", limit=100):
        if name:
            bins = self.search([("bin_code", "=ilike", name + "%")] + (args or []), limit=limit)
            if bins:
                return bins.name_get()
        return super().name_search(name, args=args, operator=operator, limit=limit)
