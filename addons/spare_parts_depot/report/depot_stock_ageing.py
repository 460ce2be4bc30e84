# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

AGEING_FLAGS = [("normal", "Normal"), ("yellow", "Yellow (slow)"), ("red", "Red (idle)")]


class DepotStockAgeing(models.Model):
    """Stock ageing per depot and part (S1 第三篇 四-2).

    A part not issued from a depot for a month is marked yellow, for three
    months red (idle part). The age runs from the last issue *from this
    depot* (a move out of its stock location, counts excluded), or, for a
    part never issued there, from its first receipt into the depot: what
    other depots issue never resets it. Thresholds are per company.

    One SQL view (two aggregates over stock moves, one over quants), read by
    the ORM like any model: list colours, filters and group-bys are plain
    read/read_group calls on it.
    """
    _name = "depot.stock.ageing"
    _description = "Depot Stock Ageing"
    _auto = False
    _order = "idle_days desc, id"
    _rec_name = "product_id"

    warehouse_id = fields.Many2one("stock.warehouse", string="Depot", readonly=True)
    depot_level = fields.Selection(
        [("hq", "Headquarters"), ("level_1", "Level 1"), ("level_2", "Level 2"), ("level_3", "Level 3")],
        readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    product_id = fields.Many2one("product.product", string="Part", readonly=True)
    product_tmpl_id = fields.Many2one("product.template", string="Part Template", readonly=True)
    categ_id = fields.Many2one("product.category", string="Category", readonly=True)
    qty = fields.Float("On Hand", readonly=True)
    hq_price = fields.Float("HQ Price", readonly=True)
    value = fields.Float("Value at HQ Price", readonly=True)
    last_issue_date = fields.Datetime("Last Issue", readonly=True)
    first_receipt_date = fields.Datetime("First Receipt", readonly=True)
    idle_days = fields.Integer("Idle Days", readonly=True, group_operator="max")
    flag = fields.Selection(AGEING_FLAGS, readonly=True)
    bin_codes = fields.Char("Bins", compute="_compute_bin_codes")

    @api.multi
    def _compute_bin_codes(self):
        """Bins holding the part in the depot, one query for the whole page."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT w.id, q.product_id, string_agg(DISTINCT l.bin_code, ', ')
              FROM stock_quant q
              JOIN stock_location l ON l.id = q.location_id AND l.bin_code IS NOT NULL
              JOIN stock_location s ON l.parent_left >= s.parent_left AND l.parent_left < s.parent_right
              JOIN stock_warehouse w ON w.lot_stock_id = s.id
             WHERE w.id IN %s AND q.product_id IN %s AND q.quantity > 0
             GROUP BY w.id, q.product_id
        """, [tuple(set(self.mapped("warehouse_id").ids)), tuple(set(self.mapped("product_id").ids))])
        bins = {(wh, product): codes for wh, product, codes in self.env.cr.fetchall()}
        for row in self:
            row.bin_codes = bins.get((row.warehouse_id.id, row.product_id.id), "")

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None):
        """One query per page.

        Odoo's search_read is a search (the view's aggregate, to find the ids)
        followed by a read (the aggregate again, filtered on those ids: the
        filter cannot reach below the GROUP BY). Here the page's rows are read
        by the search query itself and put in the cache, then converted as
        ``read`` does. Access rights and record rules apply as in a search.
        """
        self.check_access_rights("read")
        fields = [name for name in (fields or list(self._fields)) if name in self._fields and name != "id"]
        self.check_field_access_rights("read", fields)
        columns = [name for name in self._fields if self._fields[name].store and name != "id"]
        query = self._where_calc(domain or [])
        self._apply_ir_rules(query, "read")
        order_by = self._generate_order_by(order, query)
        from_clause, where_clause, params = query.get_sql()
        self.env.cr.execute("SELECT %s FROM %s%s%s%s%s" % (
            ", ".join('"%s"."%s"' % (self._table, name) for name in ["id"] + columns),
            from_clause,
            " WHERE %s" % where_clause if where_clause else "",
            order_by,
            " LIMIT %d" % limit if limit else "",
            " OFFSET %d" % offset if offset else "",
        ), params)
        rows = self.env.cr.fetchall()
        records = self.browse([row[0] for row in rows])
        cache = self.env.cache
        for record, row in zip(records, rows):
            for name, value in zip(columns, row[1:]):
                field = self._fields[name]
                cache.set(record, field, field.convert_to_cache(value, record, validate=False))
        return [dict({"id": record.id}, **{
            name: self._fields[name].convert_to_read(record[name], record, True) for name in fields})
            for record in records]

    @api.model
    def _query(self):
        """The ageing aggregate.

        ``location``: every location with its usage and, for the internal
        locations below a depot's stock location, the depot. One scan of the
        done moves that cross a depot's boundary gives, per depot and part,
        the last issue (out of the depot, counts excluded) and the first
        receipt (into the depot); quants give the quantity on hand.
        """
        return """
            WITH location AS (
                SELECT l.id, l.usage, w.id AS warehouse_id
                  FROM stock_location l
                  LEFT JOIN (stock_warehouse w JOIN stock_location s ON s.id = w.lot_stock_id)
                         ON w.depot_level IS NOT NULL AND w.active AND l.usage = 'internal'
                        AND l.parent_left >= s.parent_left AND l.parent_left < s.parent_right
            ), on_hand AS (
                SELECT loc.warehouse_id, q.product_id, SUM(q.quantity) AS qty
                  FROM stock_quant q
                  JOIN location loc ON loc.id = q.location_id AND loc.warehouse_id IS NOT NULL
                 GROUP BY loc.warehouse_id, q.product_id
                HAVING SUM(q.quantity) > 0
            ), dated AS (
                SELECT side.warehouse_id, m.product_id,
                       MAX(m.date) FILTER (WHERE side.issue) AS last_issue_date,
                       MIN(m.date) FILTER (WHERE NOT side.issue) AS first_receipt_date
                  FROM stock_move m
                  JOIN location src ON src.id = m.location_id
                  JOIN location dst ON dst.id = m.location_dest_id
                 CROSS JOIN LATERAL (VALUES (src.warehouse_id, dst.usage <> 'inventory'),
                                            (dst.warehouse_id, false)) AS side (warehouse_id, issue)
                 WHERE m.state = 'done' AND src.warehouse_id IS DISTINCT FROM dst.warehouse_id
                   AND side.warehouse_id IS NOT NULL
                 GROUP BY side.warehouse_id, m.product_id
            ), aged AS (
                SELECT o.warehouse_id, o.product_id, o.qty, d.last_issue_date, d.first_receipt_date,
                       (now() AT TIME ZONE 'UTC')::date
                       - COALESCE(d.last_issue_date, d.first_receipt_date, now() AT TIME ZONE 'UTC')::date
                       AS idle_days
                  FROM on_hand o
                  LEFT JOIN dated d ON d.warehouse_id = o.warehouse_id AND d.product_id = o.product_id
            )
            SELECT a.product_id::bigint * 10000 + a.warehouse_id AS id,
                   a.warehouse_id, w.depot_level, w.company_id,
                   a.product_id, pp.product_tmpl_id, pt.categ_id,
                   a.qty, COALESCE(pt.hq_price, 0) AS hq_price, a.qty * COALESCE(pt.hq_price, 0) AS value,
                   a.last_issue_date, a.first_receipt_date, a.idle_days,
                   CASE WHEN a.idle_days >= c.depot_ageing_red_days THEN 'red'
                        WHEN a.idle_days >= c.depot_ageing_yellow_days THEN 'yellow'
                        ELSE 'normal' END AS flag
              FROM aged a
              JOIN stock_warehouse w ON w.id = a.warehouse_id
              JOIN res_company c ON c.id = w.company_id
              JOIN product_product pp ON pp.id = a.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
        """

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("CREATE VIEW %s AS (%s)" % (self._table, self._query()))
