# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
import time
from collections import OrderedDict

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY
from odoo.tools.sql import column_exists

from .aftersales_sla_rule import to_datetime

_logger = logging.getLogger(__name__)

# Columns the sweep and stop statements change behind the ORM's back.
SQL_WRITTEN_FIELDS = ["state", "status", "stop", "breach_date", "breach_error", "breach_pending",
                      "write_date", "write_uid"]
SLA_DOCUMENT_FIELDS = ["sla_state", "sla_deadline", "sla_timer_ids"]
# The cron's sweep works in committed batches (issue 14): system parameters and their defaults.
SWEEP_BATCH_SIZE_PARAM = "aftersales.sla_sweep_batch_size"
SWEEP_TIME_BUDGET_PARAM = "aftersales.sla_sweep_time_budget"
DEFAULT_SWEEP_BATCH_SIZE = 200
DEFAULT_SWEEP_TIME_BUDGET = 60  # seconds: well inside Odoo's real-time limit of a cron worker (120 s)


def invalidate_sla_fields(records, ids=None):
    """Forget the documents' cached deadline fields after the timers changed in SQL."""
    if "sla_state" in records._fields:
        records.invalidate_cache(SLA_DOCUMENT_FIELDS, ids)


def is_concurrency_error(exc):
    """Serialization failure, deadlock or lock timeout: the transaction must be run again."""
    return isinstance(exc, psycopg2.OperationalError) and exc.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY


def timer_status(now, state, stop, grace_deadline, at_risk_date):
    """Traffic light of a timer at ``now``; every date is a server-format string."""
    if state == "cancelled":
        return "cancelled"
    if stop:
        return state
    if state == "breached" or now > grace_deadline[:19]:
        return "overdue"
    if now >= at_risk_date[:19]:
        return "at_risk"
    return "on_track"


TIMER_STATUS = [
    ("on_track", "On Track"),
    ("at_risk", "At Risk"),
    ("overdue", "Overdue"),
    ("met", "Met"),
    ("breached", "Breached"),
    ("cancelled", "Cancelled"),
]


class AftersalesSlaTimer(models.Model):
    """One running deadline of one document (SPEC §3.1).

    Timers are written by the system only: documents start, stop and cancel
    them through ``aftersales.sla.mixin`` (which works as superuser), the cron
    breaches them with ``_cron_sweep``. A timer is *open* while the document
    has not stopped it: state running, or breached by the sweep but not yet
    stopped.
    """
    _name = "aftersales.sla.timer"
    _description = "Service-level Timer"
    _order = "deadline, id"
    _rec_name = "rule_id"

    rule_id = fields.Many2one("aftersales.sla.rule", required=True, ondelete="restrict", index=True, readonly=True)
    code = fields.Char(related="rule_id.code", readonly=True)
    res_model = fields.Char("Document Model", required=True, index=True, readonly=True)
    res_id = fields.Integer("Document ID", required=True, index=True, readonly=True)
    document_ref = fields.Reference(
        selection="_selection_document_ref", compute="_compute_document_ref", string="Document")
    start = fields.Datetime(required=True, readonly=True)
    deadline = fields.Datetime(required=True, readonly=True)
    grace_deadline = fields.Datetime(
        required=True, readonly=True, help="Deadline plus grace: past it the breach actions run.")
    at_risk_date = fields.Datetime(
        "At Risk From", required=True, readonly=True,
        help="From then on the timer shows as at risk (share of the allowed time set on the rule).")
    stop = fields.Datetime(readonly=True, help="When the document met the deadline (or was late).")
    state = fields.Selection(
        [("running", "Running"), ("met", "Met"), ("breached", "Breached"), ("cancelled", "Cancelled")],
        required=True, default="running", readonly=True, index=True)
    status = fields.Selection(
        TIMER_STATUS, compute="_compute_status", search="_search_status",
        help="Traffic light: on track, at risk (most of the time used or past the deadline "
             "within grace), overdue (past the grace deadline and not stopped), then the final state.")
    breach_date = fields.Datetime(readonly=True, help="When the breach actions ran.")
    breach_error = fields.Text(readonly=True, help="Why the breach actions failed, if they did.")
    breach_pending = fields.Boolean(
        "Breach Actions Pending", readonly=True,
        help="The breach actions failed: every sweep runs them again until they succeed or a "
             "manager stops the retries (the error stays on the timer).")
    responsible_id = fields.Many2one("hr.employee", index=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.user.company_id)

    @api.model_cr_context
    def _auto_init(self):
        new_column = not column_exists(self.env.cr, self._table, "breach_pending")
        res = super()._auto_init()
        if new_column:
            # Breaches whose actions failed before the retries existed (issue 14): the sweep
            # takes them up again.
            self.env.cr.execute("""UPDATE aftersales_sla_timer SET breach_pending = true
                                    WHERE state = 'breached' AND breach_error IS NOT NULL""")
        return res

    @api.model_cr
    def init(self):
        cr = self.env.cr
        # The sweep retries the pending breach actions.
        cr.execute("""CREATE INDEX IF NOT EXISTS aftersales_sla_timer_pending_idx
                      ON aftersales_sla_timer (id) WHERE breach_pending""")
        # The sweep reads only running timers by grace deadline.
        cr.execute("""CREATE INDEX IF NOT EXISTS aftersales_sla_timer_sweep_idx
                      ON aftersales_sla_timer (grace_deadline) WHERE state = 'running'""")
        cr.execute("""CREATE INDEX IF NOT EXISTS aftersales_sla_timer_document_idx
                      ON aftersales_sla_timer (res_model, res_id)""")
        # One open timer per document and rule.
        cr.execute("""CREATE UNIQUE INDEX IF NOT EXISTS aftersales_sla_timer_open_uniq
                      ON aftersales_sla_timer (rule_id, res_model, res_id)
                      WHERE stop IS NULL AND state IN ('running', 'breached')""")

    @api.model
    def _selection_document_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([])]

    @api.depends("res_model", "res_id")
    def _compute_document_ref(self):
        for timer in self:
            if timer.res_model in self.env:
                timer.document_ref = "%s,%s" % (timer.res_model, timer.res_id)
            else:
                timer.document_ref = False

    @api.multi
    @api.depends("state", "stop", "at_risk_date", "deadline", "grace_deadline")
    def _compute_status(self):
        now = fields.Datetime.now()
        for timer in self:
            timer.status = timer._status_at(now)

    def _status_at(self, now):
        """Traffic light of one timer at ``now`` (string or datetime)."""
        return timer_status(fields.Datetime.to_string(to_datetime(now)), self.state, self.stop,
                            self.grace_deadline, self.at_risk_date)

    @api.model
    def _status_domain(self, status, now=None):
        """Domain of the timers whose traffic light is ``status`` at now."""
        now = fields.Datetime.to_string(to_datetime(now or fields.Datetime.now()))
        open_domain = [("stop", "=", False), ("state", "in", ("running", "breached"))]
        if status == "cancelled":
            return [("state", "=", "cancelled")]
        if status in ("met", "breached"):
            return [("state", "=", status), ("stop", "!=", False)]
        if status == "overdue":
            return open_domain + ["|", ("state", "=", "breached"), ("grace_deadline", "<", now)]
        if status == "at_risk":
            return open_domain + [("state", "=", "running"), ("grace_deadline", ">=", now),
                                  ("at_risk_date", "<=", now)]
        if status == "on_track":
            return open_domain + [("state", "=", "running"), ("at_risk_date", ">", now)]
        raise UserError(_("Unknown timer status %s.") % status)

    def _search_status(self, operator, value):
        if operator == "=":
            values = [value]
        elif operator == "in":
            values = list(value)
        elif operator in ("!=", "not in"):
            excluded = [value] if operator == "!=" else list(value)
            values = [s for s, _label in TIMER_STATUS if s not in excluded]
        else:
            raise UserError(_("Unsupported search on timer status: %s") % operator)
        if not values:
            return [("id", "=", 0)]
        return expression.normalize_domain(expression.OR([self._status_domain(status) for status in values]))

    @api.multi
    def name_get(self):
        return [(t.id, "%s: %s,%s" % (t.rule_id.name, t.res_model, t.res_id)) for t in self]

    # ------------------------------------------------------------------
    # Sweep
    # ------------------------------------------------------------------
    @api.model
    def _cron_sweep(self, now=None, limit=None):
        """Breach every running timer past its grace deadline and run its actions once;
        run again the actions that failed before. One transaction: no commit.

        Set-based, in one statement: ``UPDATE ... WHERE id = ANY(ARRAY(SELECT ... FOR
        UPDATE SKIP LOCKED)) RETURNING`` flips the overdue timers to breached and hands
        them back, together with the breached timers whose actions are pending (locked
        the same way); a timer locked by a concurrent sweep or stop is skipped, and one
        already breached is no longer running, so each breach action runs exactly once
        even with several crons or servers racing. ``now`` (naive UTC) is a parameter so
        that tests control time; ``limit`` bounds one transaction (each part).
        Returns the breached and retried timers. The cron runs it in committed
        batches: ``_cron_sweep_batches``.
        """
        return self._sweep_batch(now, limit)[0]

    def _sweep_batch(self, now=None, limit=None, skip_ids=()):
        """One batch of ``_cron_sweep``: returns (timers, ids breached now, ids retried).

        ``skip_ids``: timers whose actions were already run by this cron run; a
        still-failing pending one is not retried again in the same run."""
        now = to_datetime(now or fields.Datetime.now())
        cr = self.env.cr
        skip_ids = list(skip_ids)
        # ARRAY(subquery) is an init plan, run exactly once: a plain IN (subquery) may be
        # rescanned by the planner and exceed the LIMIT. With a limit, the oldest first.
        # The pending part reads the snapshot before the UPDATE: it never sees this sweep's breaches.
        cr.execute("""
            WITH breached AS (
                UPDATE aftersales_sla_timer t
                   SET state = 'breached', breach_date = %(now)s, write_date = %(now)s, write_uid = %(uid)s
                 WHERE t.id = ANY(ARRAY(
                       SELECT id FROM aftersales_sla_timer
                        WHERE state = 'running' AND grace_deadline < %(now)s
                        """ + ("ORDER BY grace_deadline, id LIMIT %(limit)s" if limit else "") + """
                          FOR UPDATE SKIP LOCKED))
                   AND t.state = 'running'
                RETURNING t.id, t.rule_id, t.res_model, t.res_id, t.responsible_id
            )
            SELECT id, rule_id, res_model, res_id, responsible_id, false FROM breached
             UNION ALL
            SELECT * FROM (
                SELECT id, rule_id, res_model, res_id, responsible_id, true FROM aftersales_sla_timer
                 WHERE breach_pending AND state = 'breached'
                 """ + ("AND id != ALL(%(skip)s)" if skip_ids else "") + """
                 """ + ("ORDER BY id LIMIT %(limit)s" if limit else "") + """
                   FOR UPDATE SKIP LOCKED) pending
        """, {"now": now, "uid": self.env.uid, "limit": limit, "skip": skip_ids})
        rows = cr.fetchall()
        timers = self.browse([row[0] for row in rows])
        timers.invalidate_cache(SQL_WRITTEN_FIELDS)
        retried = [row[0] for row in rows if row[5]]
        breached = [row[0] for row in rows if not row[5]]
        if rows:
            _logger.info("SLA sweep at %s: %d timer(s) breached, %d pending follow-up(s) retried",
                         now, len(breached), len(retried))
            self._run_breach_actions([row[:5] for row in rows], rerun_ids=retried, retry_conflicts=True)
        return timers, breached, retried

    @api.model
    def _sweep_settings(self):
        """(batch size, time budget in seconds) of the cron's sweep, from the system parameters
        ``aftersales.sla_sweep_batch_size`` and ``aftersales.sla_sweep_time_budget``."""
        params = self.env["ir.config_parameter"].sudo()
        settings = []
        for key, default in ((SWEEP_BATCH_SIZE_PARAM, DEFAULT_SWEEP_BATCH_SIZE),
                             (SWEEP_TIME_BUDGET_PARAM, DEFAULT_SWEEP_TIME_BUDGET)):
            value = params.get_param(key)
            try:
                value = int(value) if value else default
            except ValueError:
                value = 0
            if value <= 0:
                _logger.warning("System parameter %s = %r is not a positive whole number; %d is used",
                                key, params.get_param(key), default)
                value = default
            settings.append(value)
        return tuple(settings)

    @api.model
    def _cron_sweep_batches(self, now=None, batch_size=None, time_budget=None):
        """The cron's entry point: ``_sweep_in_batches`` committing after each batch.

        Only the cron calls it (Odoo runs a cron job in a cursor of its own, which the
        job may commit, as mail's queue does); code inside a request or a test
        transaction calls ``_cron_sweep`` or ``_sweep_in_batches``, which never commit."""
        return self._sweep_in_batches(now=now, batch_size=batch_size, time_budget=time_budget, commit=True)

    @api.model
    def _sweep_in_batches(self, now=None, batch_size=None, time_budget=None, commit=False):
        """Sweep in bounded batches until no timer is due or the time budget is used up.

        Each batch (at most ``batch_size`` breaches plus ``batch_size`` pending
        retries, locked with ``FOR UPDATE SKIP LOCKED``: two servers' crons never
        take the same timers and never wait for each other) is swept as
        ``_cron_sweep`` does, then committed when ``commit`` (the cron only), so
        that a long backlog neither holds its locks nor loses its work in one
        transaction. A batch that fails (e.g. a concurrency error outside the
        action groups) is rolled back alone by the cron and the next run takes it
        up again; the batches before it stay committed. A timer's actions run at
        most once per call, so still-failing pending ones are retried once, not
        once per batch. The batch started before the budget ran out is finished;
        what is still due waits for the next cron run. Defaults: the system
        parameters (``_sweep_settings``). Returns the timers swept.
        """
        default_size, default_budget = self._sweep_settings()
        batch_size = batch_size or default_size
        time_budget = default_budget if time_budget is None else time_budget
        now = to_datetime(now or fields.Datetime.now())
        started = time.monotonic()
        swept_ids = []
        batches = 0
        while True:
            timers, breached, retried = self._sweep_batch(now, batch_size, skip_ids=swept_ids)
            batches += 1
            swept_ids.extend(timers.ids)
            if commit:
                # the cron's own cursor, as mail's queue commits per batch (OCA's rule is for requests)
                self.env.cr.commit()  # pylint: disable=invalid-commit
                self.env.clear()  # the next batch reads what other transactions committed meanwhile
            if len(breached) < batch_size and len(retried) < batch_size:
                break  # nothing more is due (or only timers locked by another sweep)
            if time.monotonic() - started >= time_budget:
                _logger.info("SLA sweep at %s: time budget of %d s used up after %d batch(es) of %d; "
                             "the next run goes on", now, time_budget, batches, batch_size)
                break
        if batches > 1:
            _logger.info("SLA sweep at %s: %d timer(s) in %d batch(es)", now, len(swept_ids), batches)
        return self.browse(swept_ids)

    @api.model
    def _use_batched_sweep_cron(self):
        """The seeded sweep cron (noupdate) of databases built before issue 14 called
        ``_cron_sweep()``, one transaction for the whole backlog: it calls the batched
        entry point now. A cron whose code a manager changed is left alone."""
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_sla_sweep", raise_if_not_found=False)
        if cron and (cron.code or "").strip() == "model._cron_sweep()":
            cron.write({"code": "model._cron_sweep_batches()"})
        return True

    @api.model
    def _run_breach_actions(self, rows, rerun_ids=(), retry_conflicts=False):
        """Run the breach actions of breached timers, grouped per rule and model.

        ``rows``: (timer id, rule id, res_model, res_id, responsible id) as the
        breaching statements return them; ``rerun_ids``: those of them whose
        actions failed before (their activities are not created twice).

        Each group runs in a savepoint. A group whose actions fail (e.g. a
        document without the configured method) is rolled back alone: its
        timers keep the error (``breach_error``) and stay pending
        (``breach_pending``), and every sweep runs them again until they
        succeed (the error is then cleared) or a manager stops the retries.
        Concurrency errors (serialization failure, deadlock, lock timeout) are
        raised again, so that the whole transaction is retried (Odoo retries a
        request; a cron's transaction is rolled back and its timers swept
        again), unless ``retry_conflicts`` (the sweep): then the group stays
        pending like a failed one and the others go on.
        Returns the ids of the timers whose actions failed.
        """
        groups = OrderedDict()
        rerun_ids = set(rerun_ids)
        for timer_id, rule_id, res_model, res_id, responsible_id in rows:
            groups.setdefault((rule_id, res_model, timer_id in rerun_ids), []).append(
                (timer_id, res_id, responsible_id))
        rules = self.env["aftersales.sla.rule"].sudo().with_context(active_test=False).browse(
            list({key[0] for key in groups}))
        employee_ids = list({row[4] for row in rows if row[4]})
        employees = self.env["hr.employee"].sudo().browse(employee_ids)
        if employees and any(rule.breach_activity for rule in rules):
            employees.mapped("parent_id.user_id")  # prefetch managers' users in batch
        for res_model in {key[1] for key in groups}:
            if res_model in self.env:
                invalidate_sla_fields(self.env[res_model])
        failed = OrderedDict()  # error message -> timer ids
        for (rule_id, res_model, rerun), items in groups.items():
            rule = rules.browse(rule_id)
            if not (rule.breach_activity or rule.penalty_rule_id or rule.breach_method):
                continue
            try:
                with self.env.cr.savepoint():
                    rule._sla_breach(res_model, items, rerun=rerun)
            except Exception as exc:  # one bad group must not block the others
                self.env.clear()  # records created in the savepoint are gone
                if is_concurrency_error(exc) and not retry_conflicts:
                    raise
                _logger.warning("SLA breach actions of rule %s on %s failed; the next sweep retries them",
                                rule.code, res_model, exc_info=True)
                failed.setdefault(str(exc).strip() or repr(exc), []).extend(item[0] for item in items)
        failed_ids = {timer_id for ids in failed.values() for timer_id in ids}
        cr = self.env.cr
        for error, ids in failed.items():
            cr.execute("UPDATE aftersales_sla_timer SET breach_error = %s, breach_pending = true WHERE id IN %s",
                       (error, tuple(ids)))
        done = rerun_ids - failed_ids
        if done:
            cr.execute("""UPDATE aftersales_sla_timer SET breach_error = NULL, breach_pending = false
                           WHERE id IN %s""", (tuple(done),))
        if failed_ids or done:
            self.browse(list(failed_ids | done)).invalidate_cache(["breach_error", "breach_pending"])
        return failed_ids

    @api.multi
    def action_retry_breach(self):
        """Run again, now, the breach actions that failed (e.g. after fixing the rule's method).

        The sweep retries pending ones by itself; this also takes up those whose
        retries a manager stopped. Failing again, they stay pending with the new error.
        """
        self.check_access_rights("write")  # managers only
        failed = self.filtered(lambda t: t.state == "breached" and t.breach_error)
        if not failed:
            raise UserError(_("Only breached timers whose breach actions failed can be retried."))
        self.env.cr.execute("""
            SELECT id, rule_id, res_model, res_id, responsible_id FROM aftersales_sla_timer
             WHERE id IN %s AND state = 'breached' AND breach_error IS NOT NULL
               FOR UPDATE
        """, (tuple(failed.ids),))
        rows = self.env.cr.fetchall()
        self.sudo()._run_breach_actions(rows, rerun_ids=[row[0] for row in rows])
        return True

    @api.multi
    def action_stop_breach_retry(self):
        """Stop retrying failed breach actions (a manager decides they no longer apply);
        the error stays on the timers."""
        self.check_access_rights("write")  # managers only
        pending = self.filtered("breach_pending")
        if not pending:
            raise UserError(_("Only timers whose breach actions are pending can stop being retried."))
        self.env.cr.execute("UPDATE aftersales_sla_timer SET breach_pending = false WHERE id IN %s",
                            (tuple(pending.ids),))
        pending.invalidate_cache(["breach_pending"])
        return True

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    @api.multi
    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "target": "current",
        }
