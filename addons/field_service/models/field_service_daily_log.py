# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from odoo.addons.aftersales_service.models.roles import SUPERVISOR_GROUP


class FieldServiceDailyLog(models.Model):
    """Technician daily log (工作日志): the day's visits and what was done, reported to
    HQ by phone every day (S1 第二篇 三-(三)-4) and handed in at the end (三-(二)-7)."""
    _name = "field.service.daily.log"
    _description = "Technician Daily Log"
    _inherit = ["aftersales.document", "mail.thread"]
    _order = "date desc, technician_id"
    _document_sequence = False  # one per technician and day: named after both
    _document_transitions = {"submitted": ("draft",), "reviewed": ("submitted",), "reset": ("submitted",)}

    technician_id = fields.Many2one(
        "hr.employee", "Technician", required=True, index=True,
        default=lambda self: self.env.user.employee_ids[:1],
        states={"submitted": [("readonly", True)], "reviewed": [("readonly", True)]})
    name = fields.Char("Name", compute="_compute_name", store=True, default=None, index=False)
    technician_user_id = fields.Many2one(related="technician_id.user_id", store=True, readonly=True, index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True,
                       states={"submitted": [("readonly", True)], "reviewed": [("readonly", True)]})
    order_ids = fields.Many2many("field.service.order", compute="_compute_orders", string="Orders of the Day")
    order_count = fields.Integer(compute="_compute_orders", string="Orders")
    work_done = fields.Text("Work Done")
    problems = fields.Text("Problems / Help Needed",
                           help="Faults the technician could not solve, reported to the supervisor.")
    phoned_in = fields.Boolean("Reported by Phone", help="The day's repairs were reported to HQ by phone.")
    travel_km = fields.Float("Travel (km)")
    expenses = fields.Monetary("Expenses", currency_field="currency_id")
    state = fields.Selection(
        [("draft", "Draft"), ("submitted", "Submitted"), ("reviewed", "Reviewed")],
        default="draft", required=True, readonly=True, track_visibility="onchange")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    _sql_constraints = [
        ("technician_date_uniq", "unique(technician_id, date)", "One daily log per technician and day."),
    ]

    @api.depends("technician_id", "date")
    def _compute_orders(self):
        Order = self.env["field.service.order"]
        for log in self:
            if not (log.technician_id and log.date):
                log.order_ids = Order
                log.order_count = 0
                continue
            start, stop = log._day_bounds()
            orders = Order.search([
                ("technician_id", "=", log.technician_id.id), "|", "|",
                "&", ("date_arrived", ">=", start), ("date_arrived", "<", stop),
                "&", ("date_finished", ">=", start), ("date_finished", "<", stop),
                ("planned_date", "=", log.date)])
            log.order_ids = orders
            log.order_count = len(orders)

    def _day_bounds(self):
        tz = pytz.timezone(self.env.user.tz or "UTC")
        day = fields.Date.from_string(self.date)
        start = tz.localize(datetime.combine(day, time(0))).astimezone(pytz.utc).replace(tzinfo=None)
        return fields.Datetime.to_string(start), fields.Datetime.to_string(start + timedelta(days=1))

    @api.multi
    def action_submit(self):
        self._ensure_can("submitted", _("submitted"))
        for log in self:
            if not (log.work_done or "").strip():
                raise UserError(_("Describe the work done before submitting the daily log."))
        self.write({"state": "submitted"})
        return True

    @api.multi
    def action_review(self):
        self._ensure_role([SUPERVISOR_GROUP],
                          _("Only an after-sales supervisor may review the technicians' daily logs."))
        self._ensure_can("reviewed", _("reviewed"))
        self.write({"state": "reviewed"})
        return True

    @api.depends("technician_id.name", "date")
    def _compute_name(self):
        """"Technician, date": the log has no number (chatter, penalties citing it as their source)."""
        for log in self:
            log.name = "%s, %s" % (log.technician_id.name or "", log.date or "")

    @api.multi
    def action_reset(self):
        """A supervisor sends a submitted log back to its technician."""
        self._ensure_role([SUPERVISOR_GROUP], _("Only an after-sales supervisor may send a daily log back to draft."))
        self._ensure_can("reset", _("sent back to draft"))
        self.write({"state": "draft"})
        return True
