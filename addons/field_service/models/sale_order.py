# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    field_service_order_id = fields.Many2one(
        "field.service.order", "Service Order", index=True, readonly=True, copy=False,
        help="Parts replaced on this service order are charged by this quotation.")


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    @api.multi
    def _action_launch_procurement_rule(self):
        """Parts charged by a service order already left the technician's van depot
        (the order's stock moves): no delivery from a warehouse for them."""
        return super(SaleOrderLine, self.filtered(lambda line: not line.order_id.field_service_order_id)) \
            ._action_launch_procurement_rule()
