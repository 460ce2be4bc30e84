# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class DepotLedgerWizard(models.TransientModel):
    """Collects the depot and period of the 保管帐 export."""
    _name = "depot.ledger.wizard"
    _description = "Depot Ledger Export"

    depot_id = fields.Many2one(
        "stock.warehouse", string="Depot", required=True, domain=[("depot_level", "!=", False)],
        default=lambda self: self.env.context.get("active_model") == "stock.warehouse"
        and self.env.context.get("active_id"))
    date_from = fields.Date(
        required=True, default=lambda self: fields.Date.to_string(
            fields.Date.from_string(fields.Date.context_today(self)).replace(month=1, day=1)))
    date_to = fields.Date(required=True, default=fields.Date.context_today)

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for wizard in self:
            if wizard.date_from > wizard.date_to:
                raise UserError(_("The ledger period ends before it starts."))

    @api.multi
    def action_export(self):
        self.ensure_one()
        return self.env.ref("spare_parts_depot.action_report_depot_ledger_xlsx").report_action(self)

    @api.multi
    def _ledger_rows(self):
        """Opening balance, then each in/out move of the period, per part, with running balances."""
        self.ensure_one()
        depot = self.depot_id
        stock = depot.lot_stock_id
        inside = [("location_id", "child_of", stock.id)]
        start = self.date_from + " 00:00:00"
        end = fields.Datetime.to_string(fields.Datetime.from_string(self.date_to + " 00:00:00") + timedelta(days=1))
        Move = self.env["stock.move"]
        depot_locations = self.env["stock.location"].search(inside + [("usage", "=", "internal")])
        loc_ids = tuple(depot_locations.ids) or (0,)
        # one aggregate for the opening balances
        self.env.cr.execute("""
            SELECT m.product_id,
                   SUM(CASE WHEN m.location_dest_id IN %(locs)s THEN m.product_qty ELSE -m.product_qty END)
              FROM stock_move m
             WHERE m.state = 'done' AND m.date < %(start)s
               AND (m.location_id IN %(locs)s) <> (m.location_dest_id IN %(locs)s)
             GROUP BY m.product_id
        """, {"locs": loc_ids, "start": start})
        opening = {product_id: qty for product_id, qty in self.env.cr.fetchall() if qty}
        moves = Move.search([
            ("state", "=", "done"), ("date", ">=", start), ("date", "<", end),
            "|", ("location_id", "in", depot_locations.ids), ("location_dest_id", "in", depot_locations.ids),
        ], order="product_id, date, id")
        moves = moves.filtered(lambda m: (m.location_id in depot_locations) != (m.location_dest_id in depot_locations))
        products = self.env["product.product"].browse(set(opening) | set(moves.mapped("product_id").ids))
        rows = []
        for product in products.sorted(lambda p: (p.default_code or "", p.name)):
            template = product.product_tmpl_id
            price = template.hq_price
            balance = opening.get(product.id, 0.0)
            base = {"product": product.display_name, "origin": template.part_origin or "",
                    "spec": " ".join(filter(None, [template.part_spec, template.part_model])), "price": price}
            rows.append(dict(base, type="opening", date=self.date_from, qty_in=0.0, qty_out=0.0,
                             balance_qty=balance, balance_amount=balance * price,
                             summary=_("Opening balance"), bin=""))
            for move in moves.filtered(lambda m: m.product_id == product):
                incoming = move.location_dest_id in depot_locations
                balance += move.product_qty if incoming else -move.product_qty
                locations = move.move_line_ids.mapped("location_dest_id" if incoming else "location_id")
                rows.append(dict(
                    base, type="move", date=move.date,
                    qty_in=move.product_qty if incoming else 0.0,
                    qty_out=0.0 if incoming else move.product_qty,
                    balance_qty=balance, balance_amount=balance * price,
                    summary=" / ".join(filter(None, [
                        move.picking_id.partner_id.name, move.origin or move.picking_id.origin or move.reference])),
                    bin=", ".join(sorted(set(filter(None, locations.mapped("bin_code")))))))
        return rows
