# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.models.roles import MANAGER_GROUP


class SaleOrder(models.Model):
    """S2-二-1: a branch resells parts at the HQ price or above; selling below
    it needs a manager's approval, recorded (tracked) on the order."""
    _inherit = "sale.order"

    is_branch_sale = fields.Boolean(related="warehouse_id.is_branch_depot", readonly=True)
    below_hq_price = fields.Boolean(
        compute="_compute_below_hq_price",
        help="A spare part of this branch sale is priced below its HQ price.")
    hq_price_approved_by = fields.Many2one(
        "res.users", string="Below-HQ-Price Approved By", readonly=True, copy=False,
        track_visibility="onchange")

    @api.depends("order_line.price_reduce", "order_line.product_id", "warehouse_id")
    def _compute_below_hq_price(self):
        for order in self:
            order.below_hq_price = bool(order._lines_below_hq_price())

    @api.multi
    def _lines_below_hq_price(self):
        self.ensure_one()
        if not self.warehouse_id.is_branch_depot:
            return self.env["sale.order.line"]
        return self.order_line.filtered(lambda l: l._is_below_hq_price())

    @api.multi
    def _ensure_hq_price_respected(self):
        for order in self:
            lines = order._lines_below_hq_price()
            if lines and not order.hq_price_approved_by:
                raise UserError(_(
                    "Branch sale %s from depot %s sells spare parts below the HQ price (S2-二-1):\n%s\n"
                    "Raise the prices or ask an after-sales manager to approve the order.") % (
                    order.name, order.warehouse_id.name, "\n".join(
                        _("- %s: %.2f < HQ price %.2f") % (
                            line.product_id.display_name, line._price_in_company_currency(),
                            line.product_id.hq_price)
                        for line in lines)))

    @api.multi
    def action_approve_below_hq_price(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(_("Only an after-sales manager may approve a sale below the HQ price."))
        for order in self.filtered(lambda o: o.state in ("draft", "sent")):
            order.hq_price_approved_by = self.env.user
            order.message_post(body=_("Sale below the HQ price approved by %s.") % self.env.user.name)
        return True

    @api.multi
    def action_confirm(self):
        self._ensure_hq_price_respected()
        return super().action_confirm()
