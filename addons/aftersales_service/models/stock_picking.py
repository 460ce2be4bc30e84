# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    part_request_id = fields.Many2one(
        "aftersales.part.request", "Spare-part Request", index=True, readonly=True, copy=False)
