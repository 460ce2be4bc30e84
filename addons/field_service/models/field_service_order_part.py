# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class FieldServiceOrderPart(models.Model):
    """A part replaced on site (更换零件), taken from the technician's van depot.

    The old part is noted for the defect return to HQ (S2-二-6.2: 现场不合格备件的回收)
    unless it was scrapped or kept by the customer.
    """
    _name = "field.service.order.part"
    _description = "Part Replaced on Site"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("field.service.order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one(related="order_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="order_id.currency_id", readonly=True)
    product_id = fields.Many2one(
        "product.product", "Part", required=True, domain=[("type", "in", ("product", "consu"))])
    quantity = fields.Float(required=True, default=1.0, digits=(16, 3))
    product_uom = fields.Many2one("product.uom", "Unit", required=True)
    location_id = fields.Many2one(
        "stock.location", "From", domain=[("usage", "=", "internal")],
        help="Stock location the part leaves; empty means the technician's van depot.")
    unit_cost = fields.Float(
        "Unit Cost", digits=(16, 2), help="Cost price of the part when recorded: the customer pays "
                                          "this when the part is charged (按成本价收费).")
    charged = fields.Boolean(compute="_compute_charged", help="Charged to the customer (billing mode of the order).")
    price_subtotal = fields.Monetary(compute="_compute_charged", currency_field="currency_id", string="Charged")
    old_part_disposition = fields.Selection(
        [("defect_return", "Defect Return to HQ"), ("scrap", "Scrapped"), ("customer", "Kept by Customer")],
        "Old Part", default="defect_return", required=True)
    old_part_serial = fields.Char("Old Part Serial / Lot")
    old_part_note = fields.Char("Old Part Condition")
    move_id = fields.Many2one("stock.move", "Stock Move", readonly=True, copy=False)
    sale_line_id = fields.Many2one("sale.order.line", "Quotation Line", readonly=True, copy=False)

    @api.depends("order_id.billing_mode", "quantity", "unit_cost")
    def _compute_charged(self):
        for line in self:
            line.charged = line.order_id.billing_mode not in (False, "free")
            line.price_subtotal = line.quantity * line.unit_cost if line.charged else 0.0

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.product_uom = self.product_id.uom_id
            self.unit_cost = self.product_id.standard_price

    @api.constrains("quantity")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity of a replaced part must be positive (%s).")
                                      % line.product_id.display_name)

    @api.model
    def create(self, vals):
        if vals.get("product_id") and (not vals.get("product_uom") or "unit_cost" not in vals):
            product = self.env["product.product"].browse(vals["product_id"])
            vals.setdefault("product_uom", product.uom_id.id)
            vals.setdefault("unit_cost", product.standard_price)
            if not vals.get("product_uom"):
                vals["product_uom"] = product.uom_id.id
        return super().create(vals)
