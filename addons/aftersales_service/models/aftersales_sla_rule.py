# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime
import logging
from collections import OrderedDict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import html_escape

_logger = logging.getLogger(__name__)

# Fields of mail.activity.mixin / mail.thread the batched breach activities change in SQL.
ACTIVITY_FIELDS = ["activity_ids", "activity_state", "activity_date_deadline", "activity_summary",
                   "activity_type_id", "activity_user_id"]
FOLLOWER_FIELDS = ["message_follower_ids", "message_partner_ids", "message_channel_ids"]
NATURAL_UNITS = {"minutes": 1.0, "hours": 60.0, "days": 24 * 60.0}


def to_datetime(value):
    """Odoo 11 stores datetimes as naive UTC strings; accept both forms."""
    if not value:
        return value
    if isinstance(value, datetime.datetime):
        return value.replace(tzinfo=None, microsecond=0)
    return fields.Datetime.from_string(value)


class AftersalesSlaRule(models.Model):
    """A service-level deadline of the procedures (SPEC §3.1).

    Every deadline of the seeds is one rule: a document starts a timer on it
    (``aftersales.sla.mixin._sla_start``), the rule computes the deadline from
    the start, and the sweep cron runs the rule's breach actions once when the
    deadline plus grace has passed without the timer being stopped.
    """
    _name = "aftersales.sla.rule"
    _description = "Service-level Rule"
    _order = "sequence, code"

    code = fields.Char(required=True, index=True, help="Technical key documents use to start timers.")
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    source = fields.Char(help="Where the procedure states this deadline (e.g. S1-4.10).")
    model_id = fields.Many2one(
        "ir.model", string="Document Model", ondelete="cascade",
        help="When set, only documents of this model may start timers on the rule.")
    duration = fields.Float(required=True, help="Time allowed, in the unit below.")
    unit = fields.Selection(
        [("minutes", "Minutes"), ("hours", "Hours"), ("days", "Days"),
         ("working_hours", "Working Hours"), ("working_days", "Working Days")],
        required=True, default="hours",
        help="Minutes, hours and days run on natural time; working hours and days follow "
             "the working calendar (public holidays of the calendar are skipped).")
    grace = fields.Float(
        help="Extra time after the deadline, in the same unit, before the deadline counts as "
             "breached and the breach actions run.")
    calendar_id = fields.Many2one(
        "resource.calendar", string="Working Calendar",
        help="Calendar for working hours/days; empty means the company's working calendar.")
    at_risk_percent = fields.Float(
        "At Risk After (%)", default=80.0,
        help="A running timer shows as at risk once this share of the allowed time has passed.")
    # Breach actions: combinable.
    breach_activity = fields.Boolean(
        "Schedule Activity", default=True,
        help="On breach, schedule an activity on the document for the responsible employee's "
             "manager, or for the users of the group below when there is none.")
    activity_type_id = fields.Many2one(
        "mail.activity.type", default=lambda self: self.env.ref("mail.mail_activity_data_todo", False))
    activity_group_id = fields.Many2one(
        "res.groups", string="Activity Fallback Group",
        default=lambda self: self.env.ref("aftersales_service.group_aftersales_supervisor", False))
    penalty_rule_id = fields.Many2one(
        "aftersales.penalty.rule", ondelete="restrict",
        help="On breach, propose this penalty on the responsible employee.")
    breach_method = fields.Char(
        help="On breach, call this method on the breached documents (one call per batch), "
             "e.g. action_deemed_accepted.")
    breach_action = fields.Char(compute="_compute_breach_action", string="Breach Actions")
    timer_count = fields.Integer(compute="_compute_timer_count")

    _sql_constraints = [
        ("code_uniq", "unique(code)", "The code of a service-level rule must be unique."),
    ]

    @api.depends("breach_activity", "penalty_rule_id", "breach_method")
    def _compute_breach_action(self):
        for rule in self:
            actions = []
            if rule.breach_activity:
                actions.append(_("Activity"))
            if rule.penalty_rule_id:
                actions.append(_("Penalty: %s") % rule.penalty_rule_id.name)
            if rule.breach_method:
                actions.append(rule.breach_method)
            rule.breach_action = ", ".join(actions) or _("None")

    def _compute_timer_count(self):
        data = self.env["aftersales.sla.timer"].read_group(
            [("rule_id", "in", self.ids), ("state", "=", "running")], ["rule_id"], ["rule_id"])
        counts = {d["rule_id"][0]: d["rule_id_count"] for d in data}
        for rule in self:
            rule.timer_count = counts.get(rule.id, 0)

    @api.constrains("duration", "grace", "unit", "at_risk_percent")
    def _check_duration(self):
        for rule in self:
            if rule.duration < 0 or rule.grace < 0:
                raise ValidationError(_("Rule %s: duration and grace cannot be negative.") % rule.code)
            if rule.unit == "working_days" and (rule.duration % 1 or rule.grace % 1):
                raise ValidationError(_("Rule %s: working days must be whole days.") % rule.code)
            if not 0 < rule.at_risk_percent <= 100:
                raise ValidationError(_("Rule %s: the at-risk share must be between 1 and 100 %%.") % rule.code)

    @api.constrains("breach_method", "model_id")
    def _check_breach_method(self):
        for rule in self:
            if rule.breach_method and rule.model_id:
                model = self.env.get(rule.model_id.model)
                if model is not None and not callable(getattr(model, rule.breach_method, None)):
                    raise ValidationError(_("Rule %s: %s has no method %s.")
                                          % (rule.code, rule.model_id.model, rule.breach_method))
            if rule.breach_method and rule.breach_method.startswith("_"):
                raise ValidationError(_("Rule %s: the breach method must be a public method.") % rule.code)

    @api.model
    def get_by_code(self, code):
        """The active rule with this code; raise a clear error if none is configured."""
        rule = self.search([("code", "=", code)], limit=1)
        if not rule:
            raise UserError(_("No active service-level rule with code %s is configured "
                              "(After-sales > Configuration > Service-level Rules).") % code)
        return rule

    # ------------------------------------------------------------------
    # Deadline computation
    # ------------------------------------------------------------------
    @api.multi
    def _get_calendar(self, company):
        self.ensure_one()
        calendar = self.calendar_id or company.resource_calendar_id
        if not calendar:
            raise UserError(_("Rule %s counts working time but neither the rule nor company %s "
                              "has a working calendar.") % (self.code, company.name))
        return calendar

    @api.model
    def _get_tz(self, company):
        """Timezone the calendar's hours are read in: the company's, else the user's."""
        return company.partner_id.tz or self.env.context.get("tz") or self.env.user.tz or "UTC"

    @api.multi
    def _compute_deadlines(self, start, company):
        """Return (deadline, grace_deadline, at_risk_date) as naive UTC datetimes."""
        self.ensure_one()
        start = to_datetime(start)
        if self.unit in NATURAL_UNITS:
            factor = NATURAL_UNITS[self.unit]
            deadline = start + timedelta(minutes=self.duration * factor)
            grace_deadline = deadline + timedelta(minutes=self.grace * factor)
        else:
            calendar = self._get_calendar(company).with_context(tz=self._get_tz(company))
            if self.unit == "working_hours":
                deadline = self._plan_working_hours(calendar, self.duration, start)
                grace_deadline = self._plan_working_hours(calendar, self.duration + self.grace, start)
            else:
                deadline = self._plan_working_days(calendar, int(self.duration), start)
                grace_deadline = self._plan_working_days(calendar, int(self.duration + self.grace), start)
        at_risk_date = start + timedelta(
            seconds=int((deadline - start).total_seconds() * self.at_risk_percent / 100.0))
        return deadline, grace_deadline, at_risk_date

    @api.multi
    def _plan_working_hours(self, calendar, hours, start):
        """End of ``hours`` working hours from start (Odoo 11 ``plan_hours``).

        ``plan_hours`` keeps scheduling when a day's hours end exactly on the
        requested amount and then answers the next day's opening time (an
        empty interval); the deadline is the end of the last non-empty interval.
        """
        if not hours:
            return start
        intervals = [i for i in calendar._schedule_hours(hours, start, compute_leaves=True) if i[1] > i[0]]
        if not intervals:
            raise UserError(_("Rule %s: the working calendar %s has no working hours.")
                            % (self.code, calendar.name))
        return intervals[-1][1]

    @api.multi
    def _plan_working_days(self, calendar, days, start):
        """End of the ``days``-th working day after the day of start (Odoo 11 ``plan_days``).

        The day the timer starts does not count (S1 第五篇: "十个工作日内"):
        received on Monday, 1 working day is due at the end of Tuesday.
        """
        if not days:
            return start
        local_start = calendar._get_day_work_intervals(
            fields.Datetime.context_timestamp(calendar, start).date(), compute_leaves=True)
        if local_start:
            days += 1
        deadline = calendar.plan_days(days, start, compute_leaves=True)
        if not deadline:
            raise UserError(_("Rule %s: the working calendar %s has no working days.")
                            % (self.code, calendar.name))
        return deadline

    # ------------------------------------------------------------------
    # Breach actions (called by aftersales.sla.timer._run_breach_actions)
    # ------------------------------------------------------------------
    @api.multi
    def _sla_breach(self, res_model, items, rerun=False):
        """Run this rule's breach actions on documents of one model, in batch.

        ``items``: (timer id, res_id, responsible employee id). Activities go to
        the responsible's manager's user, else to the users of the fallback
        group, all created at once; penalties are proposed in one batch
        (``aftersales.penalty._propose_batch``, idempotent); the breach method
        is called once on the recordset of breached documents. ``rerun``: the
        actions failed before (rolled back); an activity the document already
        has for the same user and rule is not created again.
        """
        self.ensure_one()
        if res_model not in self.env:
            raise UserError(_("Model %s is not installed.") % res_model)
        documents = self.env[res_model].sudo().browse(list(OrderedDict.fromkeys(i[1] for i in items)))
        existing = set(documents.exists().ids)
        items = [i for i in items if i[1] in existing]
        if not items:
            return
        documents = documents.browse([d for d in documents.ids if d in existing])
        employees = self.env["hr.employee"].sudo().browse([i[2] for i in items if i[2]])
        if self.breach_activity:
            self._sla_breach_activities(documents, items, employees, rerun=rerun)
        if self.penalty_rule_id:
            reason = _("Deadline missed: %s") % self.name
            vals_list = [{
                "employee_id": responsible_id,
                "rule_id": self.penalty_rule_id.id,
                "reason": reason,
                "source_ref": "%s,%s" % (res_model, res_id),
            } for _timer_id, res_id, responsible_id in items if responsible_id]
            if vals_list:
                # system proposals: no creation log or follower per penalty (one breach, many rows)
                self.env["aftersales.penalty"].sudo().with_context(tracking_disable=True)._propose_batch(vals_list)
        if self.breach_method:
            method = getattr(documents, self.breach_method, None)
            if not callable(method) or self.breach_method.startswith("_"):
                raise UserError(_("Model %s has no method %s.") % (res_model, self.breach_method))
            method()

    @api.multi
    def _sla_breach_activities(self, documents, items, employees, rerun=False):
        """One activity per breach and user, created for the whole group at once.

        What ``mail.activity.create`` does per record, done per group: one
        multi-row INSERT (defaults, document names read in one ``name_get``),
        the users subscribed to the documents in two statements (existing
        followers kept), one bus notification per user.
        """
        if "activity_ids" not in documents._fields:
            _logger.warning("SLA rule %s: %s has no activities; activity skipped", self.code, documents._name)
            return
        fallback_users = self.activity_group_id.users.filtered(lambda u: u.active and not u.share)
        summary = _("Deadline missed: %s") % self.name
        nobody = _("nobody")
        wanted = OrderedDict()  # (res_id, user) -> note
        for _timer_id, res_id, responsible_id in items:
            employee = employees.browse(responsible_id)
            users = employee.parent_id.user_id if responsible_id else self.env["res.users"]
            for user in (users or fallback_users):
                wanted.setdefault((res_id, user), _("Responsible: %s") % (employee.name or nobody))
        if not wanted:
            return
        model = self.env["ir.model"]._get(documents._name)
        cr = self.env.cr
        if rerun:
            cr.execute("""SELECT res_id, user_id FROM mail_activity
                           WHERE res_model_id = %s AND res_id IN %s AND summary = %s""",
                       (model.id, tuple(documents.ids), summary))
            done = set(cr.fetchall())
            wanted = OrderedDict((key, note) for key, note in wanted.items() if (key[0], key[1].id) not in done)
            if not wanted:
                return
        names = dict(documents.name_get())
        deadline = fields.Date.context_today(self)
        cr.execute("""
            INSERT INTO mail_activity (res_id, res_model_id, res_model, res_name, activity_type_id, summary,
                                       note, date_deadline, user_id, create_uid, create_date, write_uid, write_date)
            SELECT res_id, %(model_id)s, %(model)s, res_name, %(type)s, %(summary)s, note, %(deadline)s, user_id,
                   %(uid)s, now() at time zone 'UTC', %(uid)s, now() at time zone 'UTC'
              FROM unnest(%(res_ids)s::int[], %(user_ids)s::int[], %(notes)s::text[], %(names)s::varchar[])
                   AS v(res_id, user_id, note, res_name)
        """, {
            "model_id": model.id, "model": documents._name, "type": self.activity_type_id.id or None,
            "summary": summary, "deadline": deadline, "uid": self.env.uid,
            "res_ids": [key[0] for key in wanted], "user_ids": [key[1].id for key in wanted],
            "notes": ["<p>%s</p>" % html_escape(note) for note in wanted.values()],
            "names": [names.get(key[0]) for key in wanted],
        })
        documents.invalidate_cache([name for name in ACTIVITY_FIELDS if name in documents._fields])
        users = self.env["res.users"].browse(list({key[1].id for key in wanted}))
        if "message_follower_ids" in documents._fields:
            self._sla_subscribe(documents._name, [(key[0], key[1].partner_id.id) for key in wanted], users)
            documents.invalidate_cache([name for name in FOLLOWER_FIELDS if name in documents._fields])
        if deadline <= fields.Date.today():
            self.env["bus.bus"].sendmany([
                ((cr.dbname, "res.partner", partner.id), {"type": "activity_updated", "activity_created": True})
                for partner in users.mapped("partner_id")])

    @api.model
    def _sla_subscribe(self, res_model, pairs, users):
        """Subscribe partners to documents, (res_id, partner_id) pairs, with the default subtypes
        of the model; existing followers keep theirs."""
        default, _internal, external = self.env["mail.message.subtype"].default_subtypes(res_model)
        external_partners = set(users.filtered("share").mapped("partner_id").ids)
        pairs = list(OrderedDict.fromkeys(pairs))
        cr = self.env.cr
        cr.execute("""
            INSERT INTO mail_followers (res_model, res_id, partner_id)
            SELECT %s, res_id, partner_id FROM unnest(%s::int[], %s::int[]) AS v(res_id, partner_id)
            ON CONFLICT DO NOTHING
            RETURNING id, partner_id
        """, (res_model, [p[0] for p in pairs], [p[1] for p in pairs]))
        rel = [(follower_id, subtype_id) for follower_id, partner_id in cr.fetchall()
               for subtype_id in (external if partner_id in external_partners else default).ids]
        if rel:
            cr.execute("""
                INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                SELECT * FROM unnest(%s::int[], %s::int[]) ON CONFLICT DO NOTHING
            """, ([r[0] for r in rel], [r[1] for r in rel]))

    # ------------------------------------------------------------------
    # Default data
    # ------------------------------------------------------------------
    @api.model
    def _link_default_penalty_rules(self):
        """Link seeded rules to seeded penalty rules when both exist and the rule has none.

        Called from data at install; a missing penalty rule is simply skipped.
        """
        links = {
            # S1 第二篇 5 / S1 第二篇 四: late arrival fined 50
            "service_arrival": "late_arrival",
            "service_arrival_remote": "late_arrival",
            # appraisal: late repair 2-5 points
            "repair_minor": "pts_late_repair",
            "repair_major": "pts_late_repair",
            # S1-4.10: an inspection later than 48 h breaks the work instruction (100)
            "return_inspection": "work_instruction",
        }
        penalty_rules = self.env["aftersales.penalty.rule"].search([("code", "in", list(links.values()))])
        by_code = {p.code: p for p in penalty_rules}
        for rule in self.search([("code", "in", list(links)), ("penalty_rule_id", "=", False)]):
            if links[rule.code] in by_code:
                rule.penalty_rule_id = by_code[links[rule.code]]
        return True

    @api.multi
    def action_view_timers(self):
        self.ensure_one()
        action = self.env.ref("aftersales_service.aftersales_sla_timer_action").read()[0]
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {"search_default_filter_open": 1}
        return action
