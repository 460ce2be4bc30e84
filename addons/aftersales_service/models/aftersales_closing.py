# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .concurrency import atomic, lock_rows
from .roles import QUALITY_GROUP

_logger = logging.getLogger(__name__)

# S1-4.5: a closing every 15 days, a grace of at most three days.
CLOSING_CYCLE_DAYS = 15
MAX_GRACE_DAYS = 3
CLOSED_REQUEST_STATES = ("approved", "in_progress", "ready", "shipped")


class AftersalesClosing(models.Model):
    """Spare-part closing (补件收尾, S1-4.5).

    Every 15 days the after-sales lead lists the parts still owed; the quality
    director approves and the closing order goes to the workshop and
    purchasing with a grace of at most three days; a part still not delivered
    after the grace proposes an "overdue part" penalty on its responsible
    employee, one per line.
    """
    _name = "aftersales.closing"
    _description = "Spare-part Closing"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin",
                "aftersales.sla.mixin", "tier.validation"]
    _document_transitions = {
        "submitted": ("draft",),
        "approved": ("to_approve",),
        "evaluated": ("approved",),
        "cancelled": ("draft", "to_approve", "approved"),
        "reset": ("cancel",),
    }
    _document_draft_values = {"approved_date": False, "grace_deadline": False}
    _order = "date desc, id desc"

    _state_from = ["to_approve"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    state = fields.Selection(
        [("draft", "Draft"), ("to_approve", "To Approve"), ("approved", "Grace Running"),
         ("done", "Done"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    date = fields.Date(
        "Closing Date", required=True, default=fields.Date.context_today, index=True,
        readonly=True, states={"draft": [("readonly", False)]},
        help="Parts promised by this date and still owed are listed.")
    company_id = fields.Many2one(readonly=True, states={"draft": [("readonly", False)]})
    user_id = fields.Many2one("res.users", "After-sales Lead", default=lambda self: self.env.user,
                              track_visibility="onchange")
    responsible_id = fields.Many2one(
        "hr.employee", "Responsible", default=lambda self: self.env["hr.employee"].search(
            [("user_id", "=", self.env.uid)], limit=1),
        help="Follows the closing order through its grace.")
    grace_days = fields.Integer(
        default=MAX_GRACE_DAYS, required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)], "to_approve": [("readonly", False)]},
        help="Days the workshop and purchasing get to deliver the owed parts (at most 3, S1-4.5).")
    approved_date = fields.Datetime(readonly=True, copy=False)
    grace_deadline = fields.Datetime(readonly=True, copy=False, index=True, track_visibility="onchange")
    evaluated_date = fields.Datetime(readonly=True, copy=False)
    line_ids = fields.One2many("aftersales.closing.line", "closing_id", "Owed Parts", readonly=True)
    line_count = fields.Integer(compute="_compute_counts")
    overdue_count = fields.Integer(compute="_compute_counts")
    penalty_count = fields.Integer(compute="_compute_counts")
    note = fields.Text("Closing Instruction")

    @api.depends("line_ids.state", "line_ids.penalty_id")
    def _compute_counts(self):
        for closing in self:
            closing.line_count = len(closing.line_ids)
            closing.overdue_count = len(closing.line_ids.filtered(lambda l: l.state == "overdue"))
            closing.penalty_count = len(closing.line_ids.mapped("penalty_id"))

    def _document_can(self, key):
        if key == "approved":
            return self.validated or (not self.review_ids and self._is_quality_director())
        if key == "evaluated":  # once the grace is over
            return bool(self.grace_deadline) and self.grace_deadline <= fields.Datetime.now()
        return True

    @api.constrains("grace_days")
    def _check_grace_days(self):
        for closing in self:
            if not 0 <= closing.grace_days <= MAX_GRACE_DAYS:
                raise ValidationError(_("The grace of a closing cannot exceed %d days (S1-4.5); got %d.")
                                      % (MAX_GRACE_DAYS, closing.grace_days))

    def _is_quality_director(self):
        return self.env.user.has_group(QUALITY_GROUP)

    @api.model
    def _get_under_validation_exceptions(self):
        return super()._get_under_validation_exceptions() + ["grace_days", "note", "message_last_post"]

    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        return self.responsible_id

    # ------------------------------------------------------------------
    # Owed parts
    # ------------------------------------------------------------------
    def _owed_lines_domain(self):
        self.ensure_one()
        return [("company_id", "=", self.company_id.id), ("state", "in", CLOSED_REQUEST_STATES),
                ("open_qty", ">", 0), ("promised_date", "<=", self.date)]

    @api.multi
    def action_compute_lines(self):
        """List every part promised by the closing date and still owed."""
        Line = self.env["aftersales.closing.line"]
        for closing in self:
            if closing.state != "draft":
                raise UserError(_("Closing %s is submitted; its list is fixed.") % closing.name)
            closing.line_ids.unlink()
            request_lines = self.env["aftersales.part.request.line"].search(closing._owed_lines_domain())
            for line in request_lines:
                Line.create({
                    "closing_id": closing.id,
                    "request_line_id": line.id,
                    "qty_open": line.open_qty,
                    "responsible_id": line._effective_responsible().id,
                })
        return True

    @api.multi
    def action_submit(self):
        self._ensure_can("submitted", _("submitted"))
        for closing in self:
            if not closing.line_ids:
                raise UserError(_("Closing %s lists no owed parts: compute the list first, or there is "
                                  "nothing to close.") % closing.name)
        self.write({"state": "to_approve"})
        self.request_validation()
        return True

    def _on_tiers_approved(self):
        # the approved tiers are the authorisation of the step
        self.filtered(lambda c: c.state == "to_approve").sudo().action_approve()

    @api.multi
    def action_approve(self):
        """The closing order is issued: the grace runs from now (S1-4.5)."""
        return self._approve(fields.Datetime.from_string(fields.Datetime.now()))

    def _approve(self, now):
        self._ensure_can("approved", _("approved"))
        for closing in self:
            if closing.review_ids and not closing.validated:
                raise UserError(_("Closing %s: the quality director has not approved it yet.") % closing.name)
            if not closing.review_ids and not closing._is_quality_director():
                raise AccessError(_("Only a quality director may approve closing %s.") % closing.name)
        with atomic(self.env):
            for closing in self:
                closing.write({
                    "state": "approved",
                    "approved_date": fields.Datetime.to_string(now),
                    "grace_deadline": fields.Datetime.to_string(now + timedelta(days=closing.grace_days)),
                })
                closing.message_post(body=_(
                    "Closing order issued to the parts workshop and purchasing: %d owed parts to deliver "
                    "by %s.") % (len(closing.line_ids), closing.grace_deadline))
                # The rule allows 3 days; a shorter grace ends the timer earlier,
                # so that its deadline is the closing's (S1-4.5: "不能超过三天").
                closing._sla_start("closing_grace",
                                   start=now - timedelta(days=MAX_GRACE_DAYS - closing.grace_days))
        return True

    @api.multi
    def action_evaluate(self):
        """After the grace: each line still owed proposes one "overdue part"
        penalty on its responsible employee; delivered lines none."""
        return self._evaluate(fields.Datetime.from_string(fields.Datetime.now()))

    def _evaluate(self, now):
        """Evaluate at ``now`` (a datetime; the cron passes its own clock)."""
        lock_rows(self)
        self._ensure_can("evaluated", _("evaluated"))
        for closing in self:
            if fields.Datetime.from_string(closing.grace_deadline) > now:
                raise UserError(_("Closing %s: the grace runs until %s; evaluate it afterwards.")
                                % (closing.name, closing.grace_deadline))
        rule = self.env["aftersales.penalty.rule"].sudo().get_by_code("overdue_part")
        with atomic(self.env):
            for closing in self:
                closing.line_ids._evaluate(rule, now)
                closing.write({"state": "done", "evaluated_date": fields.Datetime.to_string(now)})
                # Met when every owed part arrived within the grace, else breached.
                deadline = fields.Datetime.from_string(closing.grace_deadline)
                if closing.line_ids.filtered(lambda line: line.state == "overdue"):
                    stop = max(now, deadline + timedelta(seconds=1))
                else:
                    stop = deadline
                closing._sla_stop("closing_grace", stop=stop)
        return True

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda c: c.state == "done"):
            raise UserError(_("An evaluated closing cannot be cancelled; cancel its penalties instead."))
        self._ensure_can("cancelled", _("cancelled"))
        self.write({"state": "cancel"})
        self._sla_cancel("closing_grace")
        return True

    @api.multi
    def action_view_penalties(self):
        return self._document_window_action(
            "aftersales_service.action_aftersales_penalty", [("id", "in", self.mapped("line_ids.penalty_id").ids)], {})

    # ------------------------------------------------------------------
    # Cron (safe with several workers and servers)
    # ------------------------------------------------------------------
    @api.model
    def _cron_closing_cycle(self, now=None):
        """Evaluate the closings whose grace ended, then open a new closing for
        each company whose last one is 15 days old and still owes parts."""
        now = fields.Datetime.from_string(now) if isinstance(now, str) else (now or fields.Datetime.from_string(
            fields.Datetime.now()))
        cr = self.env.cr
        cr.execute("""
            SELECT id FROM aftersales_closing
             WHERE state = 'approved' AND grace_deadline <= %s
             ORDER BY id FOR UPDATE SKIP LOCKED
        """, (fields.Datetime.to_string(now),))
        expired = self.browse([row[0] for row in cr.fetchall()])
        for closing in expired:
            try:
                closing._evaluate(now)
            except (UserError, ValidationError) as exc:
                _logger.warning("Closing %s not evaluated: %s", closing.name, exc)
        # the business day of `now` in the user's timezone, as the requests' promised dates are
        local_today = fields.Date.from_string(fields.Date.context_today(self, timestamp=now))
        today = fields.Date.to_string(local_today)
        since = fields.Date.to_string(local_today - timedelta(days=CLOSING_CYCLE_DAYS))
        created = self.browse()
        for company in self.env["res.company"].search([]):
            # One server opens the company's cycle; the others skip it.
            cr.execute("SELECT id FROM res_company WHERE id = %s FOR UPDATE SKIP LOCKED", (company.id,))
            if not cr.fetchone():
                continue
            if self.search_count([("company_id", "=", company.id), ("state", "!=", "cancel"),
                                  ("date", ">", since)]):
                continue
            closing = self.create({"company_id": company.id, "date": today, "user_id": False,
                                   "responsible_id": False})
            closing.action_compute_lines()
            if closing.line_ids:
                created |= closing
            else:
                closing.unlink()
        return created
