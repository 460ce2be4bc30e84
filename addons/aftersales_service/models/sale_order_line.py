# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    part_request_line_id = fields.Many2one(
        "aftersales.part.request.line", "Spare-part Request Line", index=True, readonly=True, copy=False)
