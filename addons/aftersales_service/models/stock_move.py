# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class StockMove(models.Model):
    _inherit = "stock.move"

    part_request_line_id = fields.Many2one(
        "aftersales.part.request.line", "Spare-part Request Line", index=True, readonly=True, copy=False)
    fg_borrow_id = fields.Many2one(
        "aftersales.fg.borrow", "Borrowed Package", index=True, readonly=True, copy=False,
        help="Ledger of the unpacked products area (S1-4.4).")
