# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models
from odoo.exceptions import UserError


class AftersalesReturnStock(models.Model):
    """The stock side of a return (S1-4.9, 4.11): the receipt of the returned goods
    into the returns location, and the delivery of the goods exchanged."""
    _inherit = "aftersales.return"

    def _default_return_location(self):
        location = self.company_id.aftersales_return_location_id
        if not location:
            location = self.env.ref("aftersales_service.stock_location_customer_returns", False)
        return location

    def _stockable_received_lines(self):
        self.ensure_one()
        return self.line_ids.filtered(
            lambda line: line.qty_received > 0 and line.product_id.type in ("product", "consu"))

    def _customer_location(self):
        return self.partner_id.property_stock_customer or self.env.ref("stock.stock_location_customers")

    def _warehouse_picking_type(self, kind):
        """The company's receipt (``in_type_id``) or delivery (``out_type_id``) operation."""
        warehouse = self.env["stock.warehouse"].search([("company_id", "=", self.company_id.id)], limit=1)
        return warehouse[kind]

    def _create_picking(self, picking_type, source, destination, lines):
        """A confirmed transfer of the received quantities of ``lines``."""
        picking = self.env["stock.picking"].create({
            "picking_type_id": picking_type.id,
            "partner_id": self.partner_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "origin": self.name,
            "company_id": self.company_id.id,
            "move_lines": [(0, 0, {
                "name": "%s: %s" % (self.name, line.product_id.display_name),
                "product_id": line.product_id.id,
                "product_uom": line.product_id.uom_id.id,
                "product_uom_qty": line.qty_received,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "company_id": self.company_id.id,
            }) for line in lines],
        })
        picking.action_confirm()
        return picking

    def _create_return_picking(self):
        """Return receipt from the customer into the returns location, done at once
        with the counted quantities and lots."""
        self.ensure_one()
        lines = self._stockable_received_lines()
        if not lines:
            return self.env["stock.picking"]
        location = self.location_id or self._default_return_location()
        if not location:
            raise UserError(_("Configure a returns location on the company (After-sales settings)."))
        picking_type = self._warehouse_picking_type("in_type_id")
        if not picking_type:
            raise UserError(_("Company %s has no warehouse receipt operation for returns.") % self.company_id.name)
        source = self._customer_location()
        picking = self._create_picking(picking_type, source, location, lines)
        for move, line in zip(picking.move_lines, lines):
            move.move_line_ids.unlink()
            self.env["stock.move.line"].create({
                "move_id": move.id,
                "picking_id": picking.id,
                "product_id": move.product_id.id,
                "product_uom_id": move.product_uom.id,
                "qty_done": line.qty_received,
                "lot_id": line.lot_id.id or False,
                "location_id": source.id,
                "location_dest_id": location.id,
            })
        picking.action_done()
        self.write({"picking_id": picking.id, "location_id": location.id})
        return picking

    def _create_exchange_picking(self, lines):
        """Delivery of the replacement goods for the received ``lines`` (confirmed, reserved)."""
        self.ensure_one()
        picking_type = self._warehouse_picking_type("out_type_id")
        picking = self._create_picking(picking_type, picking_type.default_location_src_id,
                                       self._customer_location(), lines)
        picking.action_assign()
        return picking
