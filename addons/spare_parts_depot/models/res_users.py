# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResUsers(models.Model):
    _inherit = "res.users"

    # Same relation as stock.warehouse.keeper_ids, seen from the keeper; the
    # keeper record rules read it (security/spare_parts_depot_security.xml).
    depot_ids = fields.Many2many(
        "stock.warehouse", "stock_warehouse_keeper_rel", "user_id", "warehouse_id",
        string="Kept Depots")

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "depot_ids" in vals:
            # record rules are cached per user
            self.env["ir.rule"].clear_caches()
        return res
