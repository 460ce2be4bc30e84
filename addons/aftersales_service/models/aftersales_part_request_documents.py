# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class AftersalesPartRequestDocuments(models.Model):
    """The documents a spare-part request creates and opens: transfers, the quotation
    of charged requests and finished-goods packages (S1-4.1, 4.3), its invoices."""
    _inherit = "aftersales.part.request"

    # ------------------------------------------------------------------
    # Fulfilment helpers (batch)
    # ------------------------------------------------------------------
    def _all_pickings(self):
        """Own transfers plus the deliveries of the finished-goods sale orders."""
        return self.mapped("picking_ids") | self.mapped("sale_order_ids.picking_ids")

    def _charge_product(self):
        return self.env.ref("aftersales_service.product_part_charge")

    def _create_sale_orders(self):
        """One quotation per request: finished-goods packages zero-priced (S1-4.3)
        and, when charged, one line for the charged amount (S1-4.1)."""
        SaleOrder = self.env["sale.order"]
        charge_product = self._charge_product()
        for request in self.filtered(lambda r: not r.sale_order_ids.filtered(lambda o: o.state != "cancel")):
            fg_lines = request.line_ids.filtered(lambda l: l.route == "fg_package")
            order_lines = [(0, 0, {
                "product_id": line.product_id.id,
                "name": line.name or line.product_id.display_name,
                "product_uom_qty": line.qty,
                "product_uom": line.product_uom_id.id,
                "price_unit": 0.0,
                "tax_id": [(6, 0, [])],
                "part_request_line_id": line.id,
            }) for line in fg_lines]
            if request.charge_type == "charged":
                order_lines.append((0, 0, {
                    "product_id": charge_product.id,
                    "name": _("Spare parts for request %s (%s)") % (
                        request.name, dict(self._fields["reason"]._description_selection(self.env)).get(
                            request.reason)),
                    "product_uom_qty": 1.0,
                    "product_uom": charge_product.uom_id.id,
                    "price_unit": request.amount,
                    "tax_id": [(6, 0, [])],
                }))
            warehouse = fg_lines[:1].warehouse_id or request.warehouse_id
            SaleOrder.create({
                "partner_id": request.partner_id.id,
                "partner_shipping_id": (request.partner_shipping_id or request.partner_id).id,
                "company_id": request.company_id.id,
                "warehouse_id": warehouse.id,
                "origin": request.name,
                "client_order_ref": request.name,
                "user_id": request.user_id.id,
                "part_request_id": request.id,
                "order_line": order_lines,
            })

    def _create_invoices(self):
        """Charged requests: a draft customer invoice for exactly the amount
        (the charge line only; zero-priced packages are not billed)."""
        charge_product = self._charge_product()
        Invoice = self.env["account.invoice"]
        for request in self:
            orders = request.sale_order_ids.filtered(lambda o: o.state in ("sale", "done"))
            if orders.mapped("invoice_ids").filtered(lambda i: i.state != "cancel"):
                continue
            charge_line = orders.mapped("order_line").filtered(lambda l: l.product_id == charge_product)[:1]
            if not charge_line:
                raise UserError(_("Request %s is charged but its sale order has no charge line.") % request.name)
            invoice = Invoice.create(charge_line.order_id._prepare_invoice())
            charge_line.invoice_line_create(invoice.id, charge_line.product_uom_qty)
            invoice.compute_taxes()
            if abs(invoice.amount_total - request.amount) > 0.005:
                raise UserError(_("Request %s: the invoice total %.2f differs from the charged amount %.2f; "
                                  "check the taxes of the spare-part charge product.")
                                % (request.name, invoice.amount_total, request.amount))
            request.message_post(
                body=_("Draft invoice of %.2f prepared for the charged amount.") % invoice.amount_total)

    # ------------------------------------------------------------------
    # Smart buttons
    # ------------------------------------------------------------------
    def _action_view(self, xmlid, records):
        action = self.env.ref(xmlid).read()[0]
        if len(records) == 1:
            action["views"] = [(False, "form")]
            action["res_id"] = records.id
        else:
            action["domain"] = [("id", "in", records.ids)]
        action["context"] = {}
        return action

    @api.multi
    def action_view_sale_orders(self):
        return self._action_view("sale.action_orders", self.mapped("sale_order_ids"))

    @api.multi
    def action_view_pickings(self):
        return self._action_view("stock.action_picking_tree_all", self._all_pickings())

    @api.multi
    def action_view_invoices(self):
        return self._action_view("account.action_invoice_tree1", self.mapped("invoice_ids"))

    @api.multi
    def action_view_jobs(self):
        return self._action_view("aftersales_service.aftersales_part_job_action", self.mapped("job_ids"))

    @api.multi
    def action_view_borrows(self):
        return self._action_view("aftersales_service.aftersales_fg_borrow_action", self.mapped("borrow_ids"))
