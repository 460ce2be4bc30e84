# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    below_hq_price = fields.Boolean(compute="_compute_below_hq_price")

    @api.depends("price_reduce", "product_id", "order_id.warehouse_id")
    def _compute_below_hq_price(self):
        for line in self:
            line.below_hq_price = line.order_id.warehouse_id.is_branch_depot and line._is_below_hq_price()

    @api.multi
    def _price_in_company_currency(self):
        self.ensure_one()
        order = self.order_id
        return order.currency_id.with_context(date=order.date_order).compute(
            self.price_reduce, order.company_id.currency_id, round=False)

    @api.multi
    def _is_below_hq_price(self):
        self.ensure_one()
        template = self.product_id.product_tmpl_id
        if not template.is_spare_part or not template.hq_price:
            return False
        price = self._price_in_company_currency()
        return self.order_id.company_id.currency_id.compare_amounts(price, template.hq_price) < 0

    @api.multi
    def write(self, vals):
        # a changed price needs a new approval
        if {"price_unit", "discount", "product_id", "product_uom"} & set(vals):
            self.mapped("order_id").filtered(
                lambda o: o.state in ("draft", "sent") and o.hq_price_approved_by).write(
                {"hq_price_approved_by": False})
        return super().write(vals)

    @api.model
    def create(self, vals):
        line = super().create(vals)
        if line.order_id.hq_price_approved_by and line.order_id.state in ("draft", "sent"):
            line.order_id.hq_price_approved_by = False
        return line
