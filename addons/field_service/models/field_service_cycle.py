# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

_logger = logging.getLogger(__name__)


def to_date(value):
    """A date from a date, a datetime or an Odoo date string."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return fields.Date.from_string(value)


CYCLE_TYPES = [
    ("patrol", "Patrol"),
    ("lubrication", "Lubrication"),
    ("inspection", "Inspection"),
    ("overhaul", "Overhaul"),
]
# S2-一-1.3.5: 5-day patrol, 15-day lubrication; S1 第五篇 二-(三): monthly patrol,
# quarterly inspection with the client's management, half-yearly maintenance.
DEFAULT_INTERVALS = {
    "patrol": (5, 0),
    "lubrication": (15, 0),
    "inspection": (0, 3),
    "overhaul": (0, 6),
}


class FieldServiceCycle(models.Model):
    """A recurring planned visit of one equipment (SPEC §6, cycles).

    The cron creates the orders ahead, up to the company's horizon, one per
    planned date; ``next_date`` is the first date not generated yet. Archive a
    cycle to end it, set ``paused`` to stop it for a while (e.g. a suspended
    maintenance contract): both cancel the generated visits not started yet.
    """
    _name = "field.service.cycle"
    _description = "Field Service Cycle"
    _inherit = ["mail.thread"]
    _order = "next_date, id"

    name = fields.Char(required=True, track_visibility="onchange")
    active = fields.Boolean(default=True, track_visibility="onchange")
    paused = fields.Boolean(
        track_visibility="onchange",
        help="No orders are generated while paused (e.g. maintenance suspended for arrears).")
    equipment_id = fields.Many2one(
        "maintenance.equipment", "Equipment", required=True, index=True, track_visibility="onchange")
    partner_id = fields.Many2one("res.partner", "Customer", required=True, index=True)
    site_id = fields.Many2one("res.partner", "Site")
    order_type = fields.Selection(CYCLE_TYPES, "Visit Type", required=True, default="patrol",
                                  track_visibility="onchange")
    interval_days = fields.Integer("Every (days)", track_visibility="onchange")
    interval_months = fields.Integer("Every (months)", track_visibility="onchange")
    next_date = fields.Date(
        "Next Date", required=True, default=fields.Date.context_today, index=True, track_visibility="onchange",
        help="Planned date of the next visit not generated yet.")
    technician_id = fields.Many2one("hr.employee", "Technician", required=True, index=True,
                                    track_visibility="onchange")
    with_client = fields.Boolean(
        "With the Client", help="Visit made together with the client's management (quarterly inspection).")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.user.company_id)
    order_ids = fields.One2many("field.service.order", "cycle_id", "Orders", readonly=True)
    order_count = fields.Integer(compute="_compute_order_count", string="Orders")
    note = fields.Text()

    _sql_constraints = [
        ("interval_positive", "CHECK(interval_days >= 0 AND interval_months >= 0)",
         "Intervals cannot be negative."),
    ]

    @api.model_cr
    def init(self):
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS field_service_cycle_due_idx
                ON field_service_cycle (next_date) WHERE active AND NOT paused
        """)

    def _compute_order_count(self):
        data = self.env["field.service.order"].read_group(
            [("cycle_id", "in", self.ids)], ["cycle_id"], ["cycle_id"])
        counts = {d["cycle_id"][0]: d["cycle_id_count"] for d in data}
        for cycle in self:
            cycle.order_count = counts.get(cycle.id, 0)

    @api.constrains("interval_days", "interval_months")
    def _check_interval(self):
        for cycle in self:
            if bool(cycle.interval_days > 0) == bool(cycle.interval_months > 0):
                raise ValidationError(_("Cycle %s: give an interval in days or in months (one of them).")
                                      % cycle.name)

    @api.onchange("order_type")
    def _onchange_order_type(self):
        if self.order_type in DEFAULT_INTERVALS:
            self.interval_days, self.interval_months = DEFAULT_INTERVALS[self.order_type]
            self.with_client = self.order_type == "inspection"

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        equipment = self.equipment_id
        if equipment:
            self.partner_id = equipment.customer_id
            self.site_id = equipment.site_id or equipment.customer_id
            self.technician_id = equipment.technician_id or self.technician_id

    @api.model
    def create(self, vals):
        if vals.get("equipment_id"):
            equipment = self.env["maintenance.equipment"].browse(vals["equipment_id"])
            if not vals.get("partner_id"):
                vals["partner_id"] = equipment.customer_id.id
            if not vals.get("technician_id") and equipment.technician_id:
                vals["technician_id"] = equipment.technician_id.id
            if not vals.get("name"):
                label = dict(CYCLE_TYPES).get(vals.get("order_type") or "patrol")
                vals["name"] = "%s %s" % (equipment.name, label)
        if vals.get("order_type") and not vals.get("interval_days") and not vals.get("interval_months"):
            vals["interval_days"], vals["interval_months"] = DEFAULT_INTERVALS[vals["order_type"]]
        return super().create(vals)

    @api.multi
    def write(self, vals):
        stopping = self.browse()
        if vals.get("paused") or vals.get("active") is False:
            stopping = self.filtered(lambda c: c.active and not c.paused)
        resuming = self.browse()
        if vals.get("paused") is False or vals.get("active") is True:
            resuming = self.filtered(lambda c: c.paused or not c.active)
        res = super().write(vals)
        if stopping:
            stopping._cancel_future_orders()
        if resuming and "next_date" not in vals:
            # Missed dates are not back-filled, and the visits cancelled when the cycle
            # stopped (every one from that day on) are planned again: the next visit is
            # today, then every interval (issue 11: a next_date ahead of today would
            # skip the cancelled ones, one in the past would never be planned).
            today = fields.Date.context_today(self)
            resuming.filtered(lambda c: c.next_date != today).write({"next_date": today})
        return res

    @api.multi
    def _cancel_future_orders(self):
        """Generated visits not started yet are cancelled when the cycle stops."""
        today = fields.Date.context_today(self)
        orders = self.env["field.service.order"].search([
            ("cycle_id", "in", self.ids), ("state", "in", ("new", "dispatched")), ("planned_date", ">=", today)])
        if orders:
            orders.action_cancel()
        return orders

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    @api.multi
    def _planned_dates(self, start, end):
        """Dates from ``start`` (included, a date) to ``end`` (excluded), stepping by the interval
        from ``next_date``; returns (dates, new next_date)."""
        self.ensure_one()
        anchor = fields.Date.from_string(self.next_date)
        step = 0
        dates = []
        while True:
            if self.interval_days:
                day = anchor + timedelta(days=self.interval_days * step)
            else:
                day = anchor + relativedelta(months=self.interval_months * step)
            if day >= end:
                return dates, day
            if day >= start:
                dates.append(day)
            step += 1

    @api.model
    def _cron_generate_orders(self, today=None):
        """Cron: generate the orders of every due cycle up to its company's horizon.

        Safe with several workers and servers: the cycles are locked with FOR
        UPDATE SKIP LOCKED (a cycle another cron is generating is skipped), and
        the unique (cycle, planned date) index makes a repeated run a no-op.
        """
        today = to_date(today or fields.Date.context_today(self))
        self.env.cr.execute("""
            SELECT c.id FROM field_service_cycle c JOIN res_company co ON co.id = c.company_id
             WHERE c.active AND NOT COALESCE(c.paused, FALSE)
               AND c.next_date < %s::date + COALESCE(NULLIF(co.fs_cycle_horizon_days, 0), 30)
             ORDER BY c.id
               FOR UPDATE OF c SKIP LOCKED
        """, (today,))
        cycles = self.browse([row[0] for row in self.env.cr.fetchall()])
        return cycles._generate(today)

    @api.multi
    def generate_orders(self, today=None, until=None):
        """Generate the orders of these cycles from ``today`` up to ``until`` (excluded;
        default today + the company's horizon). Returns the new orders."""
        self.check_access_rights("write")
        self.env["field.service.order"].check_access_rights("create")
        if not self:
            return self.env["field.service.order"]
        self.env.cr.execute(
            "SELECT id FROM field_service_cycle WHERE id IN %s AND active AND NOT COALESCE(paused, FALSE) "
            "FOR UPDATE SKIP LOCKED", (tuple(self.ids),))
        locked = self.browse([row[0] for row in self.env.cr.fetchall()])
        return locked._generate(today, until)

    @api.multi
    def _generate(self, today=None, until=None):
        Order = self.env["field.service.order"]
        if not self:
            return Order
        today = to_date(today or fields.Date.context_today(self))
        self.mapped("equipment_id.customer_id")  # prefetch in batch
        self.mapped("technician_id.user_id")
        vals_list = []
        next_dates = []
        for cycle in self:
            horizon = cycle.company_id.fs_cycle_horizon_days or 30
            end = to_date(until) if until else today + timedelta(days=horizon)
            dates, next_date = cycle._planned_dates(today, end)
            vals_list += [Order._prepare_cycle_order_vals(cycle, fields.Date.to_string(day)) for day in dates]
            if fields.Date.to_string(next_date) != cycle.next_date:
                next_dates.append((cycle.id, next_date))
        orders = Order._create_generated(vals_list) if vals_list else Order
        if next_dates:
            execute_values(self.env.cr, """
                UPDATE field_service_cycle c SET next_date = v.next_date::date,
                       write_date = (now() at time zone 'UTC'), write_uid = %s
                  FROM (VALUES %%s) AS v(id, next_date) WHERE c.id = v.id
            """ % int(self.env.uid), next_dates, page_size=1000)
            self.invalidate_cache(["next_date", "write_date", "write_uid"], [c[0] for c in next_dates])
        _logger.info("Field service cycles: %d cycle(s), %d order(s) generated", len(self), len(orders))
        return orders

    @api.multi
    def action_generate_orders(self):
        orders = self.generate_orders()
        if not orders:
            raise UserError(_("Nothing to generate: the next visits are beyond the planning horizon."))
        return self.action_view_orders()

    @api.multi
    def action_view_orders(self):
        action = self.env.ref("field_service.field_service_order_action").read()[0]
        action["domain"] = [("cycle_id", "in", self.ids)]
        action["context"] = {}
        return action
