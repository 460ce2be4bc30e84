# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import ValidationError


class DepotReplenishmentLine(models.Model):
    _name = "depot.replenishment.line"
    _description = "Depot Replenishment Line"
    _order = "replenishment_id, sequence, id"

    replenishment_id = fields.Many2one(
        "depot.replenishment", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", string="Part", required=True, domain=[("is_spare_part", "=", True)])
    part_model = fields.Char(related="product_id.part_model", readonly=True)
    part_spec = fields.Char(related="product_id.part_spec", readonly=True)
    product_qty = fields.Float(
        "Quantity", required=True, default=1.0, digits=dp.get_precision("Product Unit of Measure"))
    standard_qty = fields.Float(
        "Standard Qty", digits=dp.get_precision("Product Unit of Measure"), readonly=True,
        help="Quantity of the depot's standard stock list when the line was proposed.")
    on_hand_qty = fields.Float(
        "On Hand", digits=dp.get_precision("Product Unit of Measure"), readonly=True,
        help="Quantity on hand in the depot when the line was proposed.")
    price_unit = fields.Monetary(
        "HQ Price", currency_field="currency_id", readonly=True,
        help="The HQ price of the part when it was asked for (S2-二-1).")
    subtotal = fields.Monetary(compute="_compute_subtotal", store=True, currency_field="currency_id")
    currency_id = fields.Many2one(related="replenishment_id.currency_id", readonly=True)
    move_ids = fields.One2many("stock.move", "depot_replenishment_line_id", string="Stock Moves", readonly=True)
    qty_received = fields.Float(
        "Received", compute="_compute_qty_received", store=True,
        digits=dp.get_precision("Product Unit of Measure"))
    qty_invoiced = fields.Float(
        "Invoiced", readonly=True, copy=False, digits=dp.get_precision("Product Unit of Measure"))

    @api.depends("product_qty", "price_unit")
    def _compute_subtotal(self):
        for line in self:
            line.subtotal = line.product_qty * line.price_unit

    @api.depends("move_ids.state", "move_ids.product_qty")
    def _compute_qty_received(self):
        for line in self:
            line.qty_received = sum(line.move_ids.filtered(lambda m: m.state == "done").mapped("product_qty"))

    @api.constrains("product_qty")
    def _check_product_qty(self):
        for line in self:
            if line.product_qty <= 0:
                raise ValidationError(_("Replenishment %s: the quantity of %s must be positive.") % (
                    line.replenishment_id.name, line.product_id.display_name))

    @api.onchange("product_id")
    def _onchange_product_id(self):
        self.price_unit = self.product_id.hq_price

    @api.model
    def create(self, vals):
        # always the current HQ price: the requester does not set prices
        if vals.get("product_id"):
            vals["price_unit"] = self.env["product.product"].browse(vals["product_id"]).hq_price
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("product_id"):
            vals["price_unit"] = self.env["product.product"].browse(vals["product_id"]).hq_price
        return super().write(vals)

    @api.multi
    def _prepare_invoice_line(self, invoice, qty):
        self.ensure_one()
        product = self.product_id
        fpos = invoice.fiscal_position_id
        account = product.product_tmpl_id.get_product_accounts(fiscal_pos=fpos)["income"]
        if not account:
            raise ValidationError(_("Set an income account on %s or its category to invoice it.")
                                  % product.display_name)
        taxes = product.taxes_id.filtered(lambda t: t.company_id == invoice.company_id)
        if fpos:
            taxes = fpos.map_tax(taxes, product, invoice.partner_id)
        return {
            "product_id": product.id,
            "name": "%s %s" % (self.replenishment_id.name, product.display_name),
            "quantity": qty,
            "uom_id": product.uom_id.id,
            "price_unit": self.price_unit,
            "account_id": account.id,
            "invoice_line_tax_ids": [(6, 0, taxes.ids)],
        }
