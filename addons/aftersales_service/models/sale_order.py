# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    part_request_id = fields.Many2one(
        "aftersales.part.request", "Spare-part Request", index=True, readonly=True, copy=False,
        help="Finished-goods shipment or charge of this spare-part request (S1-4.1, 4.3).")
