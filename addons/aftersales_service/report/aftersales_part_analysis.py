# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..models.aftersales_part_request import CHARGE_TYPES, REASONS, STATES
from ..models.aftersales_part_request_line import ROUTES


class AftersalesPartAnalysis(models.Model):
    """Monthly spare-part analysis (售后补件分析, S1-4.12, 4.16): one row per
    requested part, for pivot and graph by reason, part, dealer and month.
    A SQL view (``stock.report`` pattern); the charged amount of a request is
    spread over its lines so that sums stay right."""
    _name = "aftersales.part.analysis"
    _description = "Spare-part Analysis"
    _auto = False
    _rec_name = "request_id"
    _order = "date desc"

    request_id = fields.Many2one("aftersales.part.request", "Request", readonly=True)
    date = fields.Date("Request Date", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    dealer_id = fields.Many2one("res.partner", "Dealer", readonly=True,
                                help="The customer's commercial entity (dealer or company).")
    product_id = fields.Many2one("product.product", "Part", readonly=True)
    categ_id = fields.Many2one("product.category", "Part Category", readonly=True)
    origin_product_id = fields.Many2one("product.product", "Product Concerned", readonly=True)
    reason = fields.Selection(REASONS, readonly=True)
    charge_type = fields.Selection(CHARGE_TYPES, readonly=True)
    route = fields.Selection(ROUTES, "Fulfilment", readonly=True)
    state = fields.Selection(STATES, readonly=True)
    warehouse_id = fields.Many2one("stock.warehouse", "Depot", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    qty = fields.Float("Quantity", readonly=True)
    delivered_qty = fields.Float("Delivered", readonly=True)
    open_qty = fields.Float("Owed", readonly=True)
    amount = fields.Float("Charged Amount", readonly=True)
    line_count = fields.Integer("Parts Requested", readonly=True)
    late_count = fields.Integer("Shipped Late", readonly=True,
                                help="Parts shipped after the promised date.")

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE VIEW %s AS (
                SELECT l.id AS id,
                       r.id AS request_id,
                       r.request_date AS date,
                       r.partner_id AS partner_id,
                       COALESCE(p.commercial_partner_id, p.id) AS dealer_id,
                       l.product_id AS product_id,
                       t.categ_id AS categ_id,
                       r.origin_product_id AS origin_product_id,
                       r.reason AS reason,
                       r.charge_type AS charge_type,
                       l.route AS route,
                       r.state AS state,
                       l.warehouse_id AS warehouse_id,
                       r.company_id AS company_id,
                       l.qty AS qty,
                       COALESCE(l.delivered_qty, 0) AS delivered_qty,
                       COALESCE(l.open_qty, 0) AS open_qty,
                       CASE WHEN r.charge_type = 'charged'
                            THEN COALESCE(r.amount, 0) / COUNT(*) OVER (PARTITION BY r.id)
                            ELSE 0 END AS amount,
                       1 AS line_count,
                       CASE WHEN r.shipped_date IS NOT NULL AND r.promised_date IS NOT NULL
                                 AND r.shipped_date::date > r.promised_date THEN 1 ELSE 0 END AS late_count
                  FROM aftersales_part_request_line l
                  JOIN aftersales_part_request r ON r.id = l.request_id
                  JOIN res_partner p ON p.id = r.partner_id
                  JOIN product_product pp ON pp.id = l.product_id
                  JOIN product_template t ON t.id = pp.product_tmpl_id
                 WHERE r.state != 'cancel'
            )""" % self._table)
