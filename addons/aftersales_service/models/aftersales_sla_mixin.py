# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .aftersales_sla_rule import to_datetime
from .aftersales_sla_timer import SQL_WRITTEN_FIELDS, invalidate_sla_fields, timer_status

SLA_STATES = [
    ("none", "No Deadline"),
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("overdue", "Overdue"),
    ("breached", "Breached"),
]
# Worst first: the document shows the worst light of its open timers.
STATUS_RANK = {"overdue": 3, "at_risk": 2, "on_track": 1}


class AftersalesSlaMixin(models.AbstractModel):
    """Service-level timers for any document (SPEC §3.1).

    A document does ``_inherit = ['mail.thread', 'mail.activity.mixin',
    'aftersales.sla.mixin']`` and calls ``_sla_start(code)`` / ``_sla_stop(code)``
    at the steps the procedure names. ``sla_deadline`` and ``sla_state`` are
    for list and kanban decorations (``decoration-danger="sla_state == 'overdue'"``).
    Override ``_sla_responsible(code)`` to say who answers for a deadline.
    """
    _name = "aftersales.sla.mixin"
    _description = "Service-level Timers Mixin"

    sla_timer_ids = fields.One2many(
        "aftersales.sla.timer", "res_id", string="Deadlines",
        domain=lambda self: [("res_model", "=", self._name)], auto_join=True, readonly=True)
    sla_deadline = fields.Datetime(
        "Next Deadline", compute="_compute_sla", search="_search_sla_deadline",
        help="Earliest deadline of the document's open timers.")
    sla_state = fields.Selection(
        SLA_STATES, string="Deadline Status", compute="_compute_sla", search="_search_sla_state",
        help="On track; at risk when most of the allowed time is used or the deadline passed within "
             "grace; overdue past the grace deadline; breached when a stopped timer was late.")

    @api.multi
    def _compute_sla(self):
        values = self._sla_values()
        for record in self:
            record.sla_deadline, record.sla_state = values[record.id]

    @api.multi
    def _sla_values(self, now=None):
        """{record id: (next deadline, traffic light)} of these records, in one query
        (read in SQL: a board shows thousands of documents)."""
        now = fields.Datetime.to_string(to_datetime(now or fields.Datetime.now()))
        timers_by_doc = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT res_id, state, stop, deadline, grace_deadline, at_risk_date
                  FROM aftersales_sla_timer
                 WHERE res_model = %s AND res_id IN %s AND state != 'cancelled'
            """, (self._name, tuple(self.ids)))
            for row in self.env.cr.fetchall():
                timers_by_doc.setdefault(row[0], []).append(row[1:])
        values = {}
        for record in self:
            timers = timers_by_doc.get(record.id, [])
            open_timers = [t for t in timers if not t[1]]
            if open_timers:
                values[record.id] = (
                    min(t[2] for t in open_timers)[:19],
                    max((timer_status(now, t[0], t[1], t[3], t[4]) for t in open_timers), key=STATUS_RANK.get))
            else:
                values[record.id] = (False, "breached" if any(t[0] == "breached" for t in timers) else "none")
        return values

    def _sla_documents_with(self, domain):
        timers = self.env["aftersales.sla.timer"].sudo().search_read(
            [("res_model", "=", self._name)] + domain, ["res_id"])
        return list({t["res_id"] for t in timers})

    def _search_sla_deadline(self, operator, value):
        ids = self._sla_documents_with(
            [("stop", "=", False), ("state", "in", ("running", "breached")), ("deadline", operator, value)])
        return [("id", "in", ids)]

    def _search_sla_state(self, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise UserError(_("Unsupported search on deadline status: %s") % operator)
        values = [value] if operator in ("=", "!=") else list(value)
        timer_model = self.env["aftersales.sla.timer"]
        open_domain = [("stop", "=", False), ("state", "in", ("running", "breached"))]
        # Documents by their worst open light; "breached"/"none" when nothing is open.
        open_ids = set(self._sla_documents_with(open_domain))
        overdue = set(self._sla_documents_with(timer_model._status_domain("overdue")))
        at_risk = set(self._sla_documents_with(timer_model._status_domain("at_risk"))) - overdue
        ids = set()
        for state in values:
            if state == "overdue":
                ids |= overdue
            elif state == "at_risk":
                ids |= at_risk
            elif state == "on_track":
                ids |= open_ids - overdue - at_risk
            elif state == "breached":
                ids |= set(self._sla_documents_with([("state", "=", "breached")])) - open_ids
            elif state == "none":
                # everything except documents with an open timer or a closed breached one
                closed_breached = set(self._sla_documents_with([("state", "=", "breached")])) - open_ids
                excluded = open_ids | closed_breached
                positive = operator in ("=", "in")
                others = [v for v in values if v != "none"]
                if others:
                    raise UserError(_("Search deadline status 'none' on its own."))
                return [("id", "not in" if positive else "in", list(excluded))]
        return [("id", "in" if operator in ("=", "in") else "not in", list(ids))]

    # ------------------------------------------------------------------
    # API
    # ------------------------------------------------------------------
    @api.multi
    def _sla_responsible(self, code):
        """Employee who answers for the deadline ``code`` of this document (hook).

        Documents override it, e.g. the technician of a work order; the
        default is nobody (activities then go to the rule's fallback group).
        """
        self.ensure_one()
        return self.env["hr.employee"]

    def _sla_rule(self, code):
        rule = self.env["aftersales.sla.rule"].sudo().get_by_code(code)
        if rule.model_id and rule.model_id.model != self._name:
            raise UserError(_("Service-level rule %s applies to %s, not to %s.")
                            % (code, rule.model_id.model, self._name))
        return rule

    def _sla_open_timers(self, code):
        rule = self._sla_rule(code)
        return rule, self.env["aftersales.sla.timer"].sudo().search([
            ("rule_id", "=", rule.id), ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("stop", "=", False), ("state", "in", ("running", "breached"))])

    @api.multi
    def _sla_start(self, code, start=None, responsible=None):
        """Start the timer ``code`` on each record; return the timers, one per record.

        ``start``: naive UTC datetime (default now). ``responsible``: an
        hr.employee for all records, else each record's ``_sla_responsible``.
        A record whose timer on this rule is still open keeps it.
        """
        if not self:
            return self.env["aftersales.sla.timer"]
        rule, open_timers = self._sla_open_timers(code)
        start = to_datetime(start or fields.Datetime.now())
        by_res_id = {timer.res_id: timer for timer in open_timers}
        deadlines = {}  # per company: the calendar is the company's
        timer_model = self.env["aftersales.sla.timer"].sudo()
        for record in self:
            if record.id in by_res_id:
                continue
            company = record.company_id if "company_id" in record._fields and record.company_id \
                else self.env.user.company_id
            if company not in deadlines:
                deadlines[company] = rule._compute_deadlines(start, company)
            deadline, grace_deadline, at_risk_date = deadlines[company]
            employee = responsible if responsible is not None else record._sla_responsible(code)
            by_res_id[record.id] = timer_model.create({
                "rule_id": rule.id,
                "res_model": self._name,
                "res_id": record.id,
                "start": fields.Datetime.to_string(start),
                "deadline": fields.Datetime.to_string(deadline),
                "grace_deadline": fields.Datetime.to_string(grace_deadline),
                "at_risk_date": fields.Datetime.to_string(at_risk_date),
                "responsible_id": employee.id if employee else False,
                "company_id": company.id,
            })
        invalidate_sla_fields(self, self.ids)
        return timer_model.browse([by_res_id[record.id].id for record in self])

    @api.multi
    def _sla_stop(self, code, stop=None):
        """Stop the open timers ``code`` of these records; return them.

        A running timer becomes met when stopped by its grace deadline, else
        breached, and then its breach actions run here. The statement only
        touches timers still running, with a row lock, so a sweep racing with
        it cannot run the actions a second time. A timer the sweep already
        breached only gets its stop time.
        """
        rule, timers = self._sla_open_timers(code)
        if not timers:
            return timers
        stop = to_datetime(stop or fields.Datetime.now())
        cr = self.env.cr
        cr.execute("""
            UPDATE aftersales_sla_timer
               SET stop = %(stop)s,
                   state = CASE WHEN %(stop)s <= grace_deadline THEN 'met' ELSE 'breached' END,
                   breach_date = CASE WHEN %(stop)s <= grace_deadline THEN NULL ELSE %(stop)s END,
                   write_date = (now() at time zone 'UTC'), write_uid = %(uid)s
             WHERE id IN %(ids)s AND state = 'running'
            RETURNING id, rule_id, res_model, res_id, responsible_id, state
        """, {"stop": stop, "uid": self.env.uid, "ids": tuple(timers.ids)})
        rows = cr.fetchall()
        cr.execute("""
            UPDATE aftersales_sla_timer
               SET stop = %(stop)s, write_date = (now() at time zone 'UTC'), write_uid = %(uid)s
             WHERE id IN %(ids)s AND state = 'breached' AND stop IS NULL
        """, {"stop": stop, "uid": self.env.uid, "ids": tuple(timers.ids)})
        timers.invalidate_cache(SQL_WRITTEN_FIELDS)
        invalidate_sla_fields(self, self.ids)
        breached = [row[:5] for row in rows if row[5] == "breached"]
        if breached:
            timers._run_breach_actions(breached)
        return timers

    @api.multi
    def _sla_cancel(self, code):
        """Cancel the running timers ``code`` (the deadline no longer applies).

        A timer already breached keeps its state and is closed.
        """
        rule, timers = self._sla_open_timers(code)
        if not timers:
            return timers
        self.env.cr.execute("""
            UPDATE aftersales_sla_timer
               SET state = CASE WHEN state = 'running' THEN 'cancelled' ELSE state END,
                   stop = CASE WHEN state = 'running' THEN NULL ELSE (now() at time zone 'UTC') END,
                   write_date = (now() at time zone 'UTC'), write_uid = %(uid)s
             WHERE id IN %(ids)s AND stop IS NULL
        """, {"uid": self.env.uid, "ids": tuple(timers.ids)})
        timers.invalidate_cache(SQL_WRITTEN_FIELDS)
        invalidate_sla_fields(self, self.ids)
        return timers

    @api.multi
    def unlink(self):
        ids = self.ids
        res = super().unlink()
        if ids:
            # deleted documents have no deadlines any more
            self.env.cr.execute("""
                UPDATE aftersales_sla_timer
                   SET state = CASE WHEN state = 'running' THEN 'cancelled' ELSE state END,
                       stop = CASE WHEN state = 'breached' THEN (now() at time zone 'UTC') ELSE stop END
                 WHERE res_model = %s AND res_id IN %s AND stop IS NULL AND state IN ('running', 'breached')
            """, (self._name, tuple(ids)))
            self.env["aftersales.sla.timer"].invalidate_cache(SQL_WRITTEN_FIELDS)
        return res

    @api.multi
    def action_view_sla_timers(self):
        action = self.env.ref("aftersales_service.aftersales_sla_timer_action").read()[0]
        action["domain"] = [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        action["context"] = {}
        return action
