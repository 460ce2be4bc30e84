# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Stock fixtures shared by the addons' tests (a helper module: no tests here)."""


def reserved_picking(env, picking_type, source, destination, product, qty, partner=None):
    """A confirmed and reserved one-line transfer of ``qty`` ``product`` from ``source``
    to ``destination`` (locations), as a warehouse user creates it."""
    picking = env["stock.picking"].create({
        "picking_type_id": picking_type.id,
        "partner_id": partner.id if partner else False,
        "location_id": source.id,
        "location_dest_id": destination.id,
        "move_lines": [(0, 0, {
            "name": product.name, "product_id": product.id, "product_uom": product.uom_id.id,
            "product_uom_qty": qty, "location_id": source.id, "location_dest_id": destination.id})],
    })
    picking.action_confirm()
    picking.action_assign()
    return picking
