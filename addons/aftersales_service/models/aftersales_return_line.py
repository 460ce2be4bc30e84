# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare
from .roles import SUPERVISOR_GROUP


# Which fields may change in which state of the return.
APPLICATION_FIELDS = {"product_id", "lot_id", "qty", "reason", "reason_note", "sale_line_id", "return_id"}
RECEIPT_FIELDS = {"qty_received"}
INSPECTION_FIELDS = {"verdict", "findings"}


class AftersalesReturnLine(models.Model):
    """One returned product: applied quantity (≤ delivered), counted
    quantity at receipt, QA verdict and findings (SPEC §4.2)."""
    _name = "aftersales.return.line"
    _description = "Customer Return Line"
    _order = "return_id, sequence, id"

    return_id = fields.Many2one("aftersales.return", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    state = fields.Selection(related="return_id.state", readonly=True, store=True)
    company_id = fields.Many2one(related="return_id.company_id", store=True, readonly=True)
    partner_id = fields.Many2one(related="return_id.commercial_partner_id", store=True, readonly=True,
                                 string="Customer")
    date_request = fields.Date(related="return_id.date_request", store=True, readonly=True)
    currency_id = fields.Many2one(related="return_id.currency_id", readonly=True)
    product_id = fields.Many2one(
        "product.product", required=True, index=True, domain=[("type", "in", ("product", "consu"))])
    lot_id = fields.Many2one("stock.production.lot", "Lot/Serial Number",
                             domain="[('product_id', '=', product_id)]")
    product_uom_id = fields.Many2one(related="product_id.uom_id", readonly=True, string="Unit")
    qty = fields.Float("Applied Qty", required=True, default=1.0, digits=(16, 2))
    reason = fields.Selection(
        [("quality", "Quality Defect"), ("packing", "Wrong / Missing Packing"),
         ("transport", "Transport Damage"), ("customer", "Customer Reason"), ("other", "Other")],
        required=True, default="quality", index=True)
    reason_note = fields.Char("Reason Details")
    sale_line_id = fields.Many2one("sale.order.line", "Sale Order Line", readonly=True)
    price_unit = fields.Monetary("Unit Value", currency_field="currency_id",
                                 help="Value of one returned unit, for a refund (sale price by default).")
    price_subtotal = fields.Monetary(compute="_compute_price_subtotal", store=True,
                                     currency_field="currency_id", string="Value")
    qty_received = fields.Float("Counted Qty", digits=(16, 2), copy=False,
                                help="Counted on arrival (S1-4.9).")
    qty_mismatch = fields.Boolean(compute="_compute_qty_mismatch", store=True, index=True,
                                  string="Quantity Mismatch")
    verdict = fields.Selection(
        [("quality_defect", "Quality Defect"), ("customer_damage", "Customer Damage"), ("no_fault", "No Fault Found")],
        copy=False, index=True, help="QA verdict of the inspection (S1-4.10).")
    findings = fields.Text(copy=False)
    delivered_qty = fields.Float(compute="_compute_delivered_qty", string="Returnable Qty",
                                 help="Delivered to the customer and not already returned.")

    @api.depends("qty", "qty_received", "price_unit", "state")
    def _compute_price_subtotal(self):
        for line in self:
            qty = line.qty_received if line.state not in ("draft", "to_approve", "approved", "rejected", "cancel") \
                else line.qty
            line.price_subtotal = qty * line.price_unit

    @api.depends("qty", "qty_received", "return_id.receipt_date", "state")
    def _compute_qty_mismatch(self):
        for line in self:
            counted = line.state not in ("draft", "to_approve", "rejected", "cancel") and (
                line.state != "approved" or line.qty_received)
            line.qty_mismatch = bool(counted) and float_compare(
                line.qty, line.qty_received, precision_digits=2) != 0

    def _compute_delivered_qty(self):
        for ret in self.mapped("return_id"):
            lines = self.filtered(lambda line: line.return_id == ret)
            returnable = lines._returnable_by_product()
            for line in lines:
                line.delivered_qty = returnable.get(line.product_id.id, 0.0)

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.price_unit = self._default_price_unit(self.return_id.sale_order_id, self.product_id)

    @api.model
    def _default_price_unit(self, order, product):
        sale_line = order.sudo().order_line.filtered(lambda line: line.product_id == product)[:1] if order else False
        return sale_line.price_unit if sale_line else product.lst_price

    # ------------------------------------------------------------------
    # delivered quantity (S1-4.8: only what was delivered can come back)
    # ------------------------------------------------------------------
    def _returnable_by_product(self):
        """{product id: qty delivered to the customer (on the origin order, if
        any) minus what went back already and what other open returns claim}.
        All lines of ``self`` belong to one return."""
        ret = self.mapped("return_id")
        ret.ensure_one()
        products = tuple(self.mapped("product_id").ids)
        if not products:
            return {}
        commercial = ret.partner_id.commercial_partner_id
        partners = tuple(self.env["res.partner"].with_context(active_test=False).search(
            [("id", "child_of", commercial.id)]).ids)
        params = {"products": products, "partners": partners, "order": ret.sale_order_id.id or None}
        # deliveries out minus returns in (other than the pickings of these returns)
        self.env.cr.execute("""
            SELECT sm.product_id,
                   SUM(CASE WHEN dl.usage = 'customer' THEN sm.product_qty ELSE -sm.product_qty END)
              FROM stock_move sm
              JOIN stock_location sl ON sl.id = sm.location_id
              JOIN stock_location dl ON dl.id = sm.location_dest_id
              JOIN stock_picking sp ON sp.id = sm.picking_id
             WHERE sm.state = 'done'
               AND sm.product_id IN %(products)s
               AND sp.partner_id IN %(partners)s
               AND (sl.usage = 'customer') != (dl.usage = 'customer')
               AND NOT EXISTS (SELECT 1 FROM aftersales_return r WHERE r.picking_id = sp.id)
               AND (%(order)s IS NULL OR sm.sale_line_id IN (
                        SELECT id FROM sale_order_line WHERE order_id = %(order)s))
             GROUP BY sm.product_id
        """, params)
        result = {product: qty for product, qty in self.env.cr.fetchall()}
        # what other open returns of the customer claim
        domain = [
            ("partner_id", "=", commercial.id),
            ("state", "not in", ("cancel", "rejected")),
            ("product_id", "in", list(products)),
            ("return_id", "!=", ret.id),
        ]
        if ret.sale_order_id:
            domain.append(("return_id.sale_order_id", "=", ret.sale_order_id.id))
        for other in self.sudo().search(domain):
            claimed = other.qty if other.state in ("draft", "to_approve", "approved") else other.qty_received
            result[other.product_id.id] = result.get(other.product_id.id, 0.0) - claimed
        return {product: max(qty, 0.0) for product, qty in result.items()}

    @api.constrains("qty", "product_id", "return_id")
    def _check_qty_returnable(self):
        for line in self:
            if line.qty <= 0:
                raise ValidationError(_("Return %s: the quantity of %s must be positive.")
                                      % (line.return_id.name, line.product_id.display_name))
        for ret in self.mapped("return_id").filtered(lambda r: r.state not in ("cancel", "rejected")):
            lines = ret.line_ids
            returnable = lines._returnable_by_product()
            applied = {}
            for line in lines:
                applied[line.product_id] = applied.get(line.product_id, 0.0) + line.qty
            for product, qty in applied.items():
                available = returnable.get(product.id, 0.0)
                if float_compare(qty, available, precision_digits=2) > 0:
                    origin = ret.sudo().sale_order_id.name if ret.sale_order_id else ret.partner_id.display_name
                    raise ValidationError(_(
                        "Return %s: %s × %s applied, but only %s were delivered on %s and not returned yet. "
                        "Correct the quantity or the origin sale order.")
                        % (ret.name, qty, product.display_name, available, origin))

    # ------------------------------------------------------------------
    # ORM guards
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        ret = self.env["aftersales.return"].browse(vals.get("return_id"))
        if ret and ret.state != "draft":
            raise UserError(_("Return %s is submitted: add lines in draft only.") % ret.name)
        if "price_unit" not in vals and vals.get("product_id"):
            product = self.env["product.product"].browse(vals["product_id"])
            vals["price_unit"] = self._default_price_unit(ret.sale_order_id, product)
        if not vals.get("sale_line_id") and ret.sale_order_id and vals.get("product_id"):
            sale_line = ret.sale_order_id.sudo().order_line.filtered(
                lambda line: line.product_id.id == vals["product_id"])[:1]
            vals["sale_line_id"] = sale_line.id or False
        return super().create(vals)

    @api.multi
    def write(self, vals):
        keys = set(vals)
        for line in self:
            state = line.return_id.state
            if keys & APPLICATION_FIELDS and state != "draft":
                raise UserError(_("Return %s is submitted: its application lines can no longer change. "
                                  "Reset it to draft first.") % line.return_id.name)
            if keys & RECEIPT_FIELDS and state not in ("draft", "approved"):
                raise UserError(_("Return %s: counted quantities are recorded at receipt and can no longer "
                                  "change.") % line.return_id.name)
            if keys & INSPECTION_FIELDS:
                if state not in ("received", "inspected"):
                    raise UserError(_("Return %s: verdicts are recorded during the inspection only.")
                                    % line.return_id.name)
                if not self.env.user.has_group(SUPERVISOR_GROUP):
                    raise AccessError(_("Only the after-sales lead and the quality office record inspection "
                                        "verdicts."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(line.return_id.state != "draft" for line in self):
            raise UserError(_("Lines of a submitted return cannot be deleted."))
        return super().unlink()
