# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools

from ..models.field_service_order import ARRIVAL_CODES, ORDER_TYPES, PRIORITIES, STATES


class FieldServiceReport(models.Model):
    """Monthly statistics of service orders (S1 第五篇 二-(三)-8: 维修统计表): orders,
    response times and missed deadlines, per technician, type and month.

    An SQL view (``stock.report`` pattern): the aggregates run in PostgreSQL.
    """
    _name = "field.service.report"
    _description = "Field Service Statistics"
    _auto = False
    _rec_name = "order_id"
    _order = "date desc"

    order_id = fields.Many2one("field.service.order", "Order", readonly=True)
    date = fields.Datetime("Received", readonly=True)
    order_type = fields.Selection(ORDER_TYPES, "Type", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    state = fields.Selection(STATES, readonly=True)
    technician_id = fields.Many2one("hr.employee", "Technician", readonly=True)
    technician_user_id = fields.Many2one("res.users", "Technician User", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    order_count = fields.Integer("Orders", readonly=True)
    done_count = fields.Integer("Done", readonly=True)
    reply_minutes = fields.Float("Reply (min)", readonly=True, group_operator="avg",
                                 help="Received to dispatched, average.")
    arrival_minutes = fields.Float("Arrival (min)", readonly=True, group_operator="avg",
                                   help="Dispatched to arrived on site (repairs), average.")
    repair_minutes = fields.Float("Repair (min)", readonly=True, group_operator="avg",
                                  help="Arrived to finished, average.")
    breach_count = fields.Integer("Deadlines Missed", readonly=True)
    late_arrival_count = fields.Integer("Late Arrivals", readonly=True)
    missed_count = fields.Integer("Missed Visits", readonly=True)
    rework_count = fields.Integer("Reworks", readonly=True)
    incomplete_count = fields.Integer("Incomplete Reports", readonly=True)

    @api.model_cr
    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW field_service_report AS (
                SELECT o.id, o.id AS order_id, o.date_received AS date, o.order_type, o.priority, o.state,
                       o.technician_id, o.technician_user_id, o.partner_id, o.equipment_id, o.company_id,
                       1 AS order_count,
                       CASE WHEN o.state = 'done' THEN 1 ELSE 0 END AS done_count,
                       EXTRACT(EPOCH FROM o.date_dispatched - o.date_received) / 60.0 AS reply_minutes,
                       CASE WHEN o.order_type = 'repair'
                            THEN EXTRACT(EPOCH FROM o.date_arrived - o.date_dispatched) / 60.0 END AS arrival_minutes,
                       EXTRACT(EPOCH FROM o.date_finished - o.date_arrived) / 60.0 AS repair_minutes,
                       COALESCE(b.breaches, 0) AS breach_count,
                       COALESCE(b.late_arrivals, 0) AS late_arrival_count,
                       CASE WHEN o.missed THEN 1 ELSE 0 END AS missed_count,
                       CASE WHEN o.rework_of_id IS NOT NULL THEN 1 ELSE 0 END AS rework_count,
                       CASE WHEN o.report_incomplete THEN 1 ELSE 0 END AS incomplete_count
                  FROM field_service_order o
                  LEFT JOIN (
                        SELECT t.res_id,
                               count(*) AS breaches,
                               count(*) FILTER (WHERE r.code IN %s) AS late_arrivals
                          FROM aftersales_sla_timer t
                          JOIN aftersales_sla_rule r ON r.id = t.rule_id
                         WHERE t.res_model = 'field.service.order' AND t.state = 'breached'
                         GROUP BY t.res_id
                  ) b ON b.res_id = o.id
            )""", (ARRIVAL_CODES,))
