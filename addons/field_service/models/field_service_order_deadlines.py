# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

import pytz

from odoo import api, fields, models

from .field_service_order import ARRIVAL_CODES, PLANNED_TYPES


class FieldServiceOrderDeadlines(models.Model):
    """Deadlines of the orders (``aftersales.sla.timer``): the reply at intake, the
    arrival at dispatch, the repair on site, the planned visit on its day; their
    responsible technician, stop and cancellation."""
    _inherit = "field.service.order"

    @api.multi
    def _start_intake_timers(self):
        # S1 第四篇 三-4: answer a service request within 24 hours
        requests = self.filtered(lambda o: o.order_type == "repair" and o.state == "new")
        for start, orders in requests._group_by("date_received").items():
            orders._sla_start("service_reply", start=start)

    def _group_by(self, field_name):
        ids = {}
        for record in self:
            ids.setdefault(record[field_name], []).append(record.id)
        return {key: self.browse(record_ids) for key, record_ids in ids.items()}

    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        if code == "service_reply":
            return self.dispatcher_id.employee_ids[:1] or self.env["hr.employee"]
        return self.technician_id

    @api.multi
    def _start_dispatch_timers(self, now):
        """Deadlines that start at dispatch; shared with cycle generation."""
        repairs = self.filtered(lambda o: o.order_type == "repair")
        repairs._stop_timers(["service_reply"], now)
        for code in ARRIVAL_CODES:
            orders = repairs.filtered(lambda o: o._arrival_rule_code() == code)
            if orders:
                orders._sla_start(code, start=now)
        self.filtered(lambda o: o.order_type in PLANNED_TYPES)._start_visit_timers()

    @api.multi
    def _open_timers(self, codes):
        return self.env["aftersales.sla.timer"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids), ("stop", "=", False),
            ("state", "in", ("running", "breached")), ("rule_id.code", "in", list(codes))])

    @api.multi
    def _stop_timers(self, codes, stop):
        """Stop the open timers among ``codes`` (one search, then one stop per code found)."""
        timers = self._open_timers(codes) if self else []
        for code in {timer.rule_id.code for timer in timers}:
            self.browse([t.res_id for t in timers if t.rule_id.code == code])._sla_stop(code, stop=stop)

    @api.multi
    def _cancel_timers(self, codes):
        timers = self._open_timers(codes) if self else []
        for code in {timer.rule_id.code for timer in timers}:
            self.browse([t.res_id for t in timers if t.rule_id.code == code])._sla_cancel(code)

    @api.multi
    def _start_visit_timers(self):
        """A planned visit is due by the end of its planned day (S2-一-1.3.5: 5-day
        patrol, 15-day lubrication); a missed one proposes the appraisal deduction."""
        tz = pytz.timezone(self.env.user.tz or "UTC")
        for planned_date, orders in self._group_by("planned_date").items():
            day = fields.Date.from_string(planned_date)
            start = tz.localize(datetime.combine(day, time(0))).astimezone(pytz.utc).replace(tzinfo=None)
            orders._sla_start("fs_visit_due", start=start)

    @api.multi
    def _arrival_rule_code(self):
        self.ensure_one()
        if self.priority == "entrapment":
            return "service_entrapment"  # S2 三-2: 如电梯关人要立即实施救援
        if self.remote:
            return "service_arrival_remote"  # S1 第二篇 三-(二)-5: 1 小时内到场
        return "service_arrival"  # 30 minutes

    @api.multi
    def action_mark_missed(self):
        """Breach method of fs_visit_due: the planned visit was not made on its day."""
        self.filtered(lambda o: o.state in ("new", "dispatched")).write({"missed": True})
        return True
