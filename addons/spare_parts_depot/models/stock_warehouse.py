# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

DEPOT_LEVELS = [
    ("hq", "Headquarters"),
    ("level_1", "Level 1"),
    ("level_2", "Level 2"),
    ("level_3", "Level 3"),
]
# S2-二-3: level 1/2/3 depots hold parts worth at most 50,000 / 30,000 / 5,000
DEFAULT_VALUE_CAPS = {"hq": 0.0, "level_1": 50000.0, "level_2": 30000.0, "level_3": 5000.0}
LEVEL_RANK = {"hq": 0, "level_1": 1, "level_2": 2, "level_3": 3}


class StockWarehouse(models.Model):
    """A spare-part depot (备件站) is a warehouse with a level in the depot tree.

    Its stock is everything in the internal locations below its stock location
    (the bins), valued at the HQ price: the price a branch pays HQ for a part
    (S2-二-1), so that the value cap of S2-二-3 reads as "储存总价".
    """
    _inherit = "stock.warehouse"

    depot_level = fields.Selection(
        DEPOT_LEVELS, string="Depot Level", index=True,
        help="Empty for warehouses that are not spare-part depots.")
    parent_depot_id = fields.Many2one(
        "stock.warehouse", string="Parent Depot", index=True, ondelete="restrict",
        domain="[('depot_level', '!=', False)]",
        help="The depot that replenishes this one (S2-二-3).")
    child_depot_ids = fields.One2many("stock.warehouse", "parent_depot_id", string="Child Depots")
    depot_path = fields.Char(
        "Depot Tree", compute="_compute_depot_path", store=True, index=True,
        help="The depot with its parents, e.g. HQ / Level 1 / Level 2; sorts the depot list as a tree.")
    value_cap = fields.Monetary(
        "Stock Value Cap", currency_field="depot_currency_id",
        help="Stock above this value (at HQ price) blocks replenishments and incoming transfers; "
             "0 means no cap. Defaults: level 1 50,000, level 2 30,000, level 3 5,000 (S2-二-3).")
    keeper_ids = fields.Many2many(
        "res.users", "stock_warehouse_keeper_rel", "warehouse_id", "user_id", string="Keepers",
        help="Depot keepers (仓管): they see and move only the stock of the depots they keep.")
    branch_partner_id = fields.Many2one(
        "res.partner", string="Branch",
        help="The branch company that runs this depot: it is invoiced for paid replenishments (S2-二-3) "
             "and may not resell parts below the HQ price (S2-二-1).")
    is_branch_depot = fields.Boolean(
        compute="_compute_is_branch_depot", store=True,
        help="A depot run by a branch: paid replenishment and the HQ price floor apply.")
    depot_currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    stock_value = fields.Monetary(
        "Stock Value", compute="_compute_stock_value", currency_field="depot_currency_id",
        help="On-hand stock of the depot at HQ price.")
    committed_value = fields.Monetary(
        "Committed Value", compute="_compute_stock_value", currency_field="depot_currency_id",
        help="Approved replenishments not received yet, at HQ price.")
    cap_usage = fields.Float(
        "Cap Usage (%)", compute="_compute_stock_value",
        help="Stock value plus committed replenishments, as a percentage of the cap.")
    inventory_ids = fields.One2many("stock.inventory", "depot_id", string="Counts")
    replenishment_ids = fields.One2many("depot.replenishment", "depot_id", string="Replenishments")
    orderpoint_ids = fields.One2many(
        "stock.warehouse.orderpoint", "warehouse_id", string="Standard Stock List",
        help="Standard quantity per part (备品备件明细表, S2-二-2.2): the maximum of the reorder rule.")
    defect_location_id = fields.Many2one(
        "stock.location", string="Defective Parts Location", readonly=True,
        help="Where defective parts returned to this depot wait for quality control; outside the "
             "stock location, so they neither count in the stock value nor can be issued.")
    replenishment_count = fields.Integer(compute="_compute_depot_counts")
    inventory_count = fields.Integer(compute="_compute_depot_counts")
    standard_line_count = fields.Integer(compute="_compute_depot_counts")

    @api.depends("name", "parent_depot_id.depot_path")
    def _compute_depot_path(self):
        for warehouse in self:
            parent = warehouse.parent_depot_id
            warehouse.depot_path = "%s / %s" % (parent.depot_path or parent.name, warehouse.name) \
                if parent else warehouse.name

    @api.depends("branch_partner_id", "depot_level")
    def _compute_is_branch_depot(self):
        for warehouse in self:
            warehouse.is_branch_depot = bool(warehouse.depot_level and warehouse.branch_partner_id)

    @api.multi
    def _compute_stock_value(self):
        depots = self.filtered("depot_level")
        values = depots._depot_stock_values()
        committed = depots._depot_committed_values()
        for warehouse in self:
            warehouse.stock_value = values.get(warehouse.id, 0.0)
            warehouse.committed_value = committed.get(warehouse.id, 0.0)
            total = warehouse.stock_value + warehouse.committed_value
            warehouse.cap_usage = 100.0 * total / warehouse.value_cap if warehouse.value_cap else 0.0

    @api.multi
    def _compute_depot_counts(self):
        def count(model, field):
            data = self.env[model].read_group([(field, "in", self.ids)], [field], [field])
            return {d[field][0]: d["%s_count" % field] for d in data}
        replenishments = count("depot.replenishment", "depot_id")
        inventories = count("stock.inventory", "depot_id")
        standard = count("stock.warehouse.orderpoint", "warehouse_id")
        for warehouse in self:
            warehouse.replenishment_count = replenishments.get(warehouse.id, 0)
            warehouse.inventory_count = inventories.get(warehouse.id, 0)
            warehouse.standard_line_count = standard.get(warehouse.id, 0)

    @api.onchange("depot_level")
    def _onchange_depot_level(self):
        if self.depot_level:
            self.value_cap = DEFAULT_VALUE_CAPS[self.depot_level]

    @api.model
    def create(self, vals):
        if vals.get("depot_level") and "value_cap" not in vals:
            vals["value_cap"] = DEFAULT_VALUE_CAPS[vals["depot_level"]]
        warehouse = super().create(vals)
        if vals.get("keeper_ids"):
            self.env["ir.rule"].clear_caches()
        return warehouse

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "keeper_ids" in vals:
            # the keeper record rules are cached per user
            self.env["ir.rule"].clear_caches()
        return res

    @api.constrains("depot_level", "parent_depot_id", "value_cap")
    def _check_depot_tree(self):
        for depot in self.filtered("depot_level"):
            parent = depot.parent_depot_id
            if depot.value_cap < 0:
                raise ValidationError(_("Depot %s: the value cap cannot be negative.") % depot.name)
            if depot.depot_level == "hq":
                if parent:
                    raise ValidationError(_("The headquarters depot %s has no parent depot.") % depot.name)
                continue
            if not parent:
                continue
            if not parent.depot_level:
                raise ValidationError(_("The parent of depot %s must be a depot.") % depot.name)
            if LEVEL_RANK[parent.depot_level] >= LEVEL_RANK[depot.depot_level]:
                raise ValidationError(_(
                    "Depot %s (%s) must be replenished by a higher-level depot, not by %s (%s).") % (
                    depot.name, dict(DEPOT_LEVELS)[depot.depot_level],
                    parent.name, dict(DEPOT_LEVELS)[parent.depot_level]))
        if not self._check_recursion(parent="parent_depot_id"):
            raise ValidationError(_("Depots cannot be their own parents."))

    # ------------------------------------------------------------------
    # Stock value and cap (S2-二-3)
    # ------------------------------------------------------------------
    def _depot_location_query(self):
        """SQL (with one %s for a tuple of warehouse ids) listing (warehouse_id,
        location_id) of every internal location below each depot's stock location."""
        return """
            SELECT w.id AS warehouse_id, l.id AS location_id
              FROM stock_warehouse w
              JOIN stock_location s ON s.id = w.lot_stock_id
              JOIN stock_location l ON l.parent_left >= s.parent_left
                                   AND l.parent_left < s.parent_right
             WHERE l.usage = 'internal' AND w.id IN %s
        """

    @api.multi
    def _depot_stock_values(self):
        """{warehouse id: on-hand value at HQ price}, one aggregate query."""
        if not self.ids:
            return {}
        self.env.cr.execute("""
            SELECT dl.warehouse_id, COALESCE(SUM(q.quantity * COALESCE(pt.hq_price, 0)), 0)
              FROM (%s) dl
              JOIN stock_quant q ON q.location_id = dl.location_id
              JOIN product_product pp ON pp.id = q.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
             GROUP BY dl.warehouse_id
        """ % self._depot_location_query(), [tuple(self.ids)])
        return dict(self.env.cr.fetchall())

    @api.multi
    def _depot_committed_values(self, exclude_replenishments=None):
        """{warehouse id: value at HQ price of approved replenishments not received yet}."""
        if not self.ids:
            return {}
        exclude = tuple(exclude_replenishments.ids) if exclude_replenishments else (0,)
        self.env.cr.execute("""
            SELECT r.depot_id, SUM(l.price_unit * GREATEST(l.product_qty - COALESCE(l.qty_received, 0), 0))
              FROM depot_replenishment_line l
              JOIN depot_replenishment r ON r.id = l.replenishment_id
             WHERE r.state = 'approved' AND r.depot_id IN %s AND r.id NOT IN %s
             GROUP BY r.depot_id
        """, [tuple(self.ids), exclude])
        return dict(self.env.cr.fetchall())

    @api.multi
    def _lock_depots(self):
        """Serialize the value-cap checks of these depots across transactions.

        An UPDATE (not only SELECT FOR UPDATE) so that a concurrent transaction
        whose snapshot predates our commit fails with a serialization error
        (and is retried by Odoo) instead of checking the cap on stale data.
        """
        if self.ids:
            self.env.cr.execute(
                "UPDATE stock_warehouse SET write_date = write_date WHERE id IN %s", [tuple(self.ids)])

    @api.multi
    def _check_value_cap(self, extra_values=None, received_values=None, exclude_replenishments=None,
                         operation=None):
        """Raise when a depot would hold more than its cap (S2-二-3).

        ``extra_values``: {warehouse id: value about to come in};
        ``received_values``: {warehouse id: value that just came in and is
        already in the quants}. Locks the depot rows first.
        """
        depots = self.filtered(lambda w: w.depot_level and w.value_cap > 0)
        if not depots:
            return
        depots._lock_depots()
        values = depots._depot_stock_values()
        committed = depots._depot_committed_values(exclude_replenishments=exclude_replenishments)
        extra_values = extra_values or {}
        received_values = received_values or {}
        for depot in depots:
            on_hand = values.get(depot.id, 0.0)
            resulting = on_hand + committed.get(depot.id, 0.0) + extra_values.get(depot.id, 0.0)
            if depot.depot_currency_id.compare_amounts(resulting, depot.value_cap) > 0:
                this_operation = extra_values.get(depot.id, 0.0) + received_values.get(depot.id, 0.0)
                raise UserError(_(
                    "%(operation)s refused: depot %(depot)s would hold stock worth %(value)s, above its "
                    "value cap of %(cap)s (S2-二-3): on hand %(on_hand)s, approved replenishments not "
                    "received %(committed)s, this operation %(extra)s. Reduce the quantities or ask a "
                    "manager to raise the cap.") % {
                    "operation": operation or _("Transfer"),
                    "depot": depot.display_name,
                    "value": "{:,.2f}".format(resulting),
                    "cap": "{:,.2f}".format(depot.value_cap),
                    "on_hand": "{:,.2f}".format(on_hand - received_values.get(depot.id, 0.0)),
                    "committed": "{:,.2f}".format(committed.get(depot.id, 0.0)),
                    "extra": "{:,.2f}".format(this_operation),
                })

    @api.model
    def _find_depot_of_locations(self, locations):
        """{location id: depot} for locations below a depot's stock location."""
        locations = locations.filtered(lambda l: l.usage == "internal")
        if not locations:
            return {}
        companies = locations.mapped("company_id") | self.env.user.company_id
        depots = self.sudo().search([("depot_level", "!=", False), ("company_id", "in", companies.ids)])
        result = {}
        for depot in depots:
            stock = depot.lot_stock_id
            for location in locations:
                if stock.parent_left <= location.parent_left < stock.parent_right:
                    result[location.id] = depot
        return result

    @api.multi
    def _get_defect_location(self):
        """The defective parts location of this depot, created the first time it is needed."""
        self.ensure_one()
        if not self.defect_location_id:
            self.defect_location_id = self.env["stock.location"].create({
                "name": _("Defective Parts"),
                "usage": "internal",
                "location_id": self.view_location_id.id,
                "return_location": True,
                "company_id": self.company_id.id,
            })
        return self.defect_location_id

    # ------------------------------------------------------------------
    # Monthly count (S2-二-2.1)
    # ------------------------------------------------------------------
    @api.model
    def _cron_prepare_monthly_counts(self, today=None):
        """Prepare this month's count (stock.inventory) for every depot.

        Idempotent: one count per depot and month (unique constraint); depots
        another worker is preparing are skipped (SKIP LOCKED) and picked up by
        the next run.
        """
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        month = fields.Date.to_string(today.replace(day=1))
        # a depot whose previous count is still open is skipped: Odoo allows one
        # count in progress per location; it gets this month's count once the
        # open one is validated (the cron runs daily)
        self.env.cr.execute("""
            SELECT w.id FROM stock_warehouse w
             WHERE w.depot_level IS NOT NULL AND w.active
               AND NOT EXISTS (SELECT 1 FROM stock_inventory i
                                WHERE i.depot_id = w.id AND i.count_month = %s)
               AND NOT EXISTS (SELECT 1 FROM stock_inventory i
                                WHERE i.location_id = w.lot_stock_id AND i.state = 'confirm')
             ORDER BY w.id
               FOR UPDATE SKIP LOCKED
        """, [month])
        depots = self.browse([row[0] for row in self.env.cr.fetchall()])
        return depots._prepare_count(month)

    @api.multi
    def _prepare_count(self, month):
        Inventory = self.env["stock.inventory"].sudo()
        inventories = Inventory.browse()
        label = fields.Date.from_string(month).strftime("%Y-%m")
        for depot in self:
            inventories |= Inventory.create({
                "name": _("Monthly count %s %s") % (depot.name, label),
                "depot_id": depot.id,
                "count_month": month,
                "location_id": depot.lot_stock_id.id,
                "company_id": depot.company_id.id,
                "filter": "none",
                "keeper_id": depot.keeper_ids[:1].id,
            })
        inventories.action_start()
        inventories._schedule_keeper_activity()
        return inventories

    @api.multi
    def action_prepare_count(self):
        """Button: prepare the count of the current month now (idempotent)."""
        month = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self)).replace(day=1))
        open_counts = self.env["stock.inventory"].search(
            [("location_id", "in", self.mapped("lot_stock_id").ids), ("state", "=", "confirm")])
        if open_counts:
            raise UserError(_("Validate or cancel the count in progress first: %s.")
                            % ", ".join(open_counts.mapped("name")))
        existing = self.env["stock.inventory"].search([("depot_id", "in", self.ids), ("count_month", "=", month)])
        (self - existing.mapped("depot_id"))._prepare_count(month)
        return self.action_view_counts()

    # ------------------------------------------------------------------
    # Standard stock list (S2-二-2.2, 备品备件明细表)
    # ------------------------------------------------------------------
    @api.multi
    def _standard_stock_lines(self):
        """Rows of the 备品备件明细表: per depot, its reorder rules with on-hand quantity and bin."""
        self.ensure_one()
        orderpoints = self.orderpoint_ids.sorted(lambda o: (o.product_id.default_code or "", o.product_id.name))
        on_hand = self._depot_on_hand(orderpoints.mapped("product_id"))
        bins = self._depot_bins(orderpoints.mapped("product_id"))
        rows = []
        for orderpoint in orderpoints:
            product = orderpoint.product_id
            template = product.product_tmpl_id
            rows.append({
                "product": product,
                "code": product.default_code or "",
                "name": product.name,
                "model": template.part_model or "",
                "spec": template.part_spec or "",
                "substitutes": ", ".join(template.substitute_ids.mapped("display_name")),
                "usage": template.part_usage or "",
                "hq_price": template.hq_price,
                "min_qty": orderpoint.product_min_qty,
                "standard_qty": orderpoint.product_max_qty,
                "on_hand": on_hand.get(product.id, 0.0),
                "shortfall": max(orderpoint.product_max_qty - on_hand.get(product.id, 0.0), 0.0),
                "bin": bins.get(product.id, ""),
            })
        return rows

    @api.multi
    def _depot_on_hand(self, products):
        """{product id: on-hand quantity in this depot}."""
        self.ensure_one()
        if not products:
            return {}
        data = self.env["stock.quant"].sudo().read_group(
            [("location_id", "child_of", self.lot_stock_id.id), ("location_id.usage", "=", "internal"),
             ("product_id", "in", products.ids)],
            ["product_id", "quantity"], ["product_id"])
        return {d["product_id"][0]: d["quantity"] for d in data}

    @api.multi
    def _depot_bins(self, products):
        """{product id: bin codes holding it in this depot}, for lists and labels."""
        self.ensure_one()
        quants = self.env["stock.quant"].sudo().search(
            [("location_id", "child_of", self.lot_stock_id.id), ("location_id.usage", "=", "internal"),
             ("product_id", "in", products.ids), ("quantity", ">", 0)])
        bins = {}
        for quant in quants:
            code = quant.location_id.bin_code
            if code:
                bins.setdefault(quant.product_id.id, [])
                if code not in bins[quant.product_id.id]:
                    bins[quant.product_id.id].append(code)
        return {product_id: ", ".join(codes) for product_id, codes in bins.items()}

    # ------------------------------------------------------------------
    # Buttons
    # ------------------------------------------------------------------
    @api.multi
    def action_view_replenishments(self):
        action = self.env.ref("spare_parts_depot.action_depot_replenishment").read()[0]
        action["domain"] = [("depot_id", "in", self.ids)]
        action["context"] = {"default_depot_id": self.id}
        return action

    @api.multi
    def action_view_counts(self):
        action = self.env.ref("spare_parts_depot.action_depot_count").read()[0]
        action["domain"] = [("depot_id", "in", self.ids)]
        return action

    @api.multi
    def action_view_standard_list(self):
        action = self.env.ref("spare_parts_depot.action_depot_standard_list").read()[0]
        action["domain"] = [("warehouse_id", "in", self.ids)]
        action["context"] = {"default_warehouse_id": self.id, "search_default_warehouse_id": self.id}
        return action

    @api.multi
    def action_view_ageing(self):
        action = self.env.ref("spare_parts_depot.action_depot_stock_ageing").read()[0]
        action["domain"] = [("warehouse_id", "in", self.ids)]
        return action

    @api.multi
    def action_view_stock(self):
        action = self.env.ref("stock.quantsact").read()[0]
        action["domain"] = [("location_id", "child_of", self.mapped("lot_stock_id").ids),
                            ("location_id.usage", "=", "internal")]
        action["context"] = {"search_default_productgroup": 1}
        return action

    @api.multi
    def _depot_transfer(self, destination, items, origin, company, partner):
        """A confirmed and reserved internal transfer from this depot's stock to the stock of
        ``destination`` (a depot): ``items`` = [(product, quantity, extra move values)]."""
        self.ensure_one()
        picking_type = self.int_type_id
        source, target = self.lot_stock_id, destination.lot_stock_id
        picking = self.env["stock.picking"].sudo().create({
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": target.id,
            "partner_id": partner.id,
            "origin": origin,
            "company_id": company.id,
            "move_lines": [(0, 0, dict({
                "name": product.display_name, "product_id": product.id, "product_uom": product.uom_id.id,
                "product_uom_qty": quantity, "location_id": source.id, "location_dest_id": target.id,
                "picking_type_id": picking_type.id, "origin": origin}, **values))
                for product, quantity, values in items],
        })
        picking.action_confirm()
        picking.action_assign()
        return picking
