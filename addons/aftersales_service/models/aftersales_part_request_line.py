# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

ROUTES = [
    ("stock", "From Depot Stock"),
    ("workshop", "Parts Workshop Job"),
    ("fg_package", "Finished-goods Package"),
    ("fg_borrow", "Borrow a Finished-goods Package"),
]


class AftersalesPartRequestLine(models.Model):
    """One part asked for, and how it is fulfilled (SPEC §4.1):
    from a depot's stock (delivery), made by the parts workshop (补配组, S1-4.2),
    shipped as a finished-goods package (成品装车单, S1-4.3) or taken from a
    borrowed finished-goods package (成品借用单, S1-4.4)."""
    _name = "aftersales.part.request.line"
    _description = "Spare-part Request Line"
    _order = "request_id, sequence, id"

    request_id = fields.Many2one(
        "aftersales.part.request", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        "product.product", "Part", required=True, index=True, domain=[("type", "in", ("product", "consu"))])
    name = fields.Char("Description")
    qty = fields.Float("Quantity", required=True, default=1.0, digits=(16, 2))
    product_uom_id = fields.Many2one("product.uom", "Unit", required=True)
    route = fields.Selection(ROUTES, "Fulfilment", required=True, default="stock")
    warehouse_id = fields.Many2one(
        "stock.warehouse", "Source Depot",
        help="Depot the part ships from (stock route), the after-sales warehouse that receives "
             "the workshop's part, or the finished-goods warehouse of a package.")
    package_product_id = fields.Many2one(
        "product.product", "Finished-goods Package",
        help="Borrow route: the finished-goods package unpacked to take the part from (S1-4.4).")
    responsible_id = fields.Many2one(
        "hr.employee", "Responsible",
        help="Answers for this part at closing; the request's responsible when empty.")
    move_ids = fields.One2many("stock.move", "part_request_line_id", "Stock Moves", readonly=True)
    sale_line_ids = fields.One2many("sale.order.line", "part_request_line_id", "Sale Order Lines", readonly=True)
    job_ids = fields.One2many("aftersales.part.job", "request_line_id", "Workshop Jobs", readonly=True)
    borrow_ids = fields.One2many("aftersales.fg.borrow", "request_line_id", "Borrowed Packages", readonly=True)
    delivered_qty = fields.Float(compute="_compute_delivered_qty", store=True, digits=(16, 2))
    open_qty = fields.Float("Owed Quantity", compute="_compute_delivered_qty", store=True, digits=(16, 2))
    state = fields.Selection(related="request_id.state", store=True, readonly=True)
    partner_id = fields.Many2one(related="request_id.partner_id", store=True, readonly=True)
    request_date = fields.Date(related="request_id.request_date", store=True, readonly=True)
    promised_date = fields.Date(related="request_id.promised_date", store=True, readonly=True)
    company_id = fields.Many2one(related="request_id.company_id", store=True, readonly=True)

    @api.constrains("qty")
    def _check_qty(self):
        for line in self:
            if float_compare(line.qty, 0.0, precision_digits=2) <= 0:
                raise ValidationError(_("The quantity of %s must be positive (got %s).")
                                      % (line.product_id.display_name, line.qty))

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.product_uom_id = self.product_id.uom_id
            self.name = self.product_id.display_name

    @api.model
    def create(self, vals):
        if vals.get("product_id") and not vals.get("product_uom_id"):
            vals["product_uom_id"] = self.env["product.product"].browse(vals["product_id"]).uom_id.id
        if not vals.get("warehouse_id") and vals.get("request_id"):
            vals["warehouse_id"] = self.env["aftersales.part.request"].browse(vals["request_id"]).warehouse_id.id
        return super().create(vals)

    @api.multi
    def write(self, vals):
        locked = self.filtered(lambda l: l.state not in ("draft", False))
        if locked and set(vals) & {"product_id", "qty", "product_uom_id", "route", "package_product_id"}:
            raise UserError(_("Request %s is already submitted: its parts can no longer be changed.")
                            % locked[0].request_id.name)
        return super().write(vals)

    @api.multi
    def unlink(self):
        if self.filtered(lambda l: l.state not in ("draft", False)):
            raise UserError(_("Parts of a submitted request cannot be removed; cancel the request."))
        return super().unlink()

    @api.multi
    def name_get(self):
        return [(line.id, "%s · %s × %s" % (line.request_id.name, line.product_id.display_name, line.qty))
                for line in self]

    # ------------------------------------------------------------------
    # Delivered and owed quantities
    # ------------------------------------------------------------------
    @api.depends("qty", "move_ids.state", "move_ids.product_qty", "move_ids.location_dest_id",
                 "sale_line_ids.qty_delivered")
    def _compute_delivered_qty(self):
        # Derived facts: a specialist sees what was delivered without stock or
        # sales rights (issue 11), so the moves and sale lines are read as superuser.
        for line in self:
            delivered = 0.0
            facts = line.sudo()
            for move in facts.move_ids.filtered(lambda m: m.state == "done"):
                if move.location_dest_id.usage == "customer":
                    delivered += move.product_qty
                elif move.location_id.usage == "customer":
                    delivered -= move.product_qty
            if line.product_uom_id and line.product_id and line.product_uom_id != line.product_id.uom_id:
                delivered = line.product_id.uom_id._compute_quantity(delivered, line.product_uom_id)
            delivered += sum(facts.sale_line_ids.mapped("qty_delivered"))
            line.delivered_qty = delivered
            line.open_qty = max(line.qty - delivered, 0.0)

    def _outgoing_moves(self):
        """Moves still to deliver this part to the customer."""
        lines = self.sudo()  # sale and depot record rules may hide some from the user
        moves = lines.mapped("move_ids") | lines.mapped("sale_line_ids.move_ids")
        return moves.filtered(lambda m: m.state not in ("done", "cancel") and m.location_dest_id.usage == "customer")

    def _is_ready(self):
        """Available for loading: nothing owed, or pending deliveries reserved for all that is owed."""
        self.ensure_one()
        if float_compare(self.open_qty, 0.0, precision_digits=2) <= 0:
            return True
        moves = self._outgoing_moves()
        if not moves or any(m.state != "assigned" for m in moves):
            return False
        return float_compare(sum(moves.mapped("product_uom_qty")), self.open_qty, precision_digits=2) >= 0

    def _effective_responsible(self):
        self.ensure_one()
        return self.responsible_id or self.request_id.responsible_id

    # ------------------------------------------------------------------
    # Fulfilment (batch)
    # ------------------------------------------------------------------
    def _check_route_settings(self):
        for line in self:
            request = line.request_id
            if not line.warehouse_id:
                raise UserError(_("Request %s: choose the source depot of %s.")
                                % (request.name, line.product_id.display_name))
            if line.route in ("stock", "fg_package") and line.product_id.type != "product":
                raise UserError(_("Request %s: %s is not a stocked product; it cannot ship from a depot.")
                                % (request.name, line.product_id.display_name))
            if line.route == "fg_borrow" and not line.package_product_id:
                raise UserError(_("Request %s: choose the finished-goods package to borrow for %s (S1-4.4).")
                                % (request.name, line.product_id.display_name))

    def _create_delivery_pickings(self, location=None):
        """Delivery transfers to the customer, one per request and source,
        confirmed and reserved. ``location``: source instead of the depot's stock."""
        groups = {}
        for line in self:
            source = location or line.warehouse_id.lot_stock_id
            groups.setdefault((line.request_id, line.warehouse_id, source), self.browse())
            groups[(line.request_id, line.warehouse_id, source)] |= line
        # Read everything first, then create: creating between reads would make
        # each read fetch the whole batch again.
        picking_vals = []
        for (request, warehouse, source), lines in groups.items():
            partner = request.partner_shipping_id or request.partner_id
            destination = partner.property_stock_customer or self.env.ref("stock.stock_location_customers")
            picking_type = warehouse.out_type_id
            if not picking_type:
                raise UserError(_("Depot %s has no delivery operation type.") % warehouse.name)
            moves = []
            for line in lines:
                moves.append((0, 0, {
                    "name": "%s: %s" % (request.name, line.product_id.display_name),
                    "product_id": line.product_id.id,
                    "product_uom_qty": line.open_qty or line.qty,
                    "product_uom": line.product_uom_id.id,
                    "location_id": source.id,
                    "location_dest_id": destination.id,
                    "picking_type_id": picking_type.id,
                    "partner_id": partner.id,
                    "origin": request.name,
                    "company_id": request.company_id.id,
                    "part_request_line_id": line.id,
                }))
            picking_vals.append({
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "partner_id": partner.id,
                "origin": request.name,
                "company_id": request.company_id.id,
                "part_request_id": request.id,
                "move_lines": moves,
            })
        Picking = self.env["stock.picking"]
        pickings = Picking.browse()
        for vals in picking_vals:
            # each transfer on its own prefetch (see above)
            picking = Picking.with_prefetch().create(vals)
            picking.action_confirm()
            picking.action_assign()
            pickings |= picking
        return pickings

    def _create_jobs(self):
        """S1-4.2: order the part from the parts workshop; the 12-day production timer starts."""
        Job = self.env["aftersales.part.job"]
        jobs = Job.browse()
        for line in self.filtered(lambda l: not l.job_ids.filtered(lambda j: j.state != "cancel")):
            jobs |= Job.create({
                "request_line_id": line.id,
                "product_id": line.product_id.id,
                "qty": line.qty,
                "product_uom_id": line.product_uom_id.id,
                "warehouse_id": line.warehouse_id.id,
                "responsible_id": line._effective_responsible().id,
            })
        if jobs:
            jobs.action_start_production()
        return jobs

    def _create_borrows(self):
        """S1-4.4: prepare the borrowing of a finished-goods package for parts that take too long."""
        Borrow = self.env["aftersales.fg.borrow"]
        borrows = Borrow.browse()
        for line in self.filtered(lambda l: not l.borrow_ids.filtered(lambda b: b.state != "cancel")):
            borrows |= Borrow.create({
                "request_line_id": line.id,
                "package_product_id": line.package_product_id.id,
                "warehouse_id": line.warehouse_id.id,
            })
        return borrows
