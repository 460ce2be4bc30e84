# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Breach follow-ups are never lost (issue 14).

A breach's follow-ups (activity, penalty proposal, breach method) failed with a
concurrency error were rolled back, the timers stayed "breached" with the error
and no later sweep ran them again. Here a second transaction holds a lock on a
document the breach method writes (a user editing the customer), with a short
``lock_timeout`` so nothing hangs; the sweep runs as Odoo's cron runs it (an
exception rolls the job back); once the lock is gone, the next sweep must give
every breach exactly one activity, one penalty proposal and one method call.
"""

import psycopg2
from psycopg2.errors import LockNotAvailable
from mock import patch

from odoo import SUPERUSER_ID, api

from .common_sla import SlaCase, commit_breach_fixture, delete_breach_fixture, utc

NOW = utc(2026, 3, 10, 8, 0)
NOTE = "SLA follow-up test: deadline missed"


def postgres_timeouts_fire(registry):
    """Whether this PostgreSQL fires its timeouts (lock_timeout, statement_timeout). Under
    libfaketime (make test-shifted) it does not: a 50 ms statement_timeout lets a 0.3 s sleep
    finish (measured 2026-12-06, PostgreSQL 15, libfaketime 0.9.10)."""
    with registry.cursor() as cr:
        cr.execute("SET statement_timeout = '50ms'")
        try:
            cr.execute("SELECT pg_sleep(0.3)")
        except psycopg2.errors.QueryCanceled:
            return True
        finally:
            cr.rollback()
        return False


def action_sla_test_breached(self):
    """Breach method of the tests: writes the documents, as action_deemed_accepted does."""
    self.write({"comment": NOTE})
    return True


class TestSlaFollowUpUnderConcurrency(SlaCase):
    """Two cursors on committed data: a lock held by a concurrent update."""

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry
        patcher = patch.object(type(self.env["res.partner"]), "action_sla_test_breached",
                               action_sla_test_breached, create=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.code = "t_followup_lock"

    def commit_fixture(self, count):
        """Commit a rule with the three follow-ups and ``count`` customers whose timers are overdue."""
        # the demo supervisor is the manager (users made in this test's own, uncommitted
        # transaction would lock rows the committing cursor needs)
        manager = self.env.ref("aftersales_service.employee_aftersales_supervisor_demo")
        self.fixture = commit_breach_fixture(
            self.registry, self.code, count, NOW,
            {"name": "Follow-up test", "breach_activity": True, "breach_method": "action_sla_test_breached"},
            {"name": "跟进技术员", "parent_id": manager.id}, partner_prefix="跟进客户", penalty_amount=20.0)
        self.addCleanup(delete_breach_fixture, self.registry, self.fixture)
        return self.fixture["partners"], manager.user_id.id

    def sweep_as_cron(self, lock_timeout="1s", before_sweep=None):
        """One cron run in its own transaction: ``_cron_sweep``, commit; an exception rolls it back
        (ir.cron's ``_handle_callback_exception``). Returns the exception or None."""
        with self.registry.cursor() as cr:
            cr.execute("SET lock_timeout = %s", (lock_timeout,))
            cr.execute("SELECT 1")  # the snapshot of this transaction starts here
            if before_sweep:
                before_sweep()
            try:
                api.Environment(cr, SUPERUSER_ID, {})["aftersales.sla.timer"]._cron_sweep(now=NOW)
                cr.commit()
            except psycopg2.OperationalError as exc:  # lock timeout, serialization failure, deadlock
                cr.rollback()
                return exc
        return None

    def follow_ups(self, partner_ids, manager_user_id):
        with self.registry.cursor() as cr:
            cr.execute("""SELECT source_ref, count(*) FROM aftersales_penalty
                           WHERE rule_id = %s AND state = 'proposed' GROUP BY source_ref""",
                       (self.fixture["penalty_rule"],))
            penalties = dict(cr.fetchall())
            cr.execute("""SELECT res_id, count(*) FROM mail_activity
                           WHERE res_model = 'res.partner' AND res_id IN %s AND user_id = %s GROUP BY res_id""",
                       (tuple(partner_ids), manager_user_id))
            activities = dict(cr.fetchall())
            cr.execute("SELECT count(*) FROM res_partner WHERE id IN %s AND comment = %s",
                       (tuple(partner_ids), NOTE))
            noted = cr.fetchone()[0]
            cr.execute("""SELECT state, breach_error IS NOT NULL, count(*) FROM aftersales_sla_timer
                           WHERE rule_id = %s GROUP BY 1, 2""", (self.fixture["rule"],))
            timers = {(state, bool(error)): count for state, error, count in cr.fetchall()}
            cr.rollback()
        return penalties, activities, noted, timers

    def assert_followed_up_once(self, partner_ids, manager_user_id):
        penalties, activities, noted, timers = self.follow_ups(partner_ids, manager_user_id)
        self.assertEqual(penalties, {"res.partner,%d" % pid: 1 for pid in partner_ids})
        self.assertEqual(activities, {pid: 1 for pid in partner_ids})
        self.assertEqual(noted, len(partner_ids))
        self.assertEqual(timers, {("breached", False): len(partner_ids)})

    def test_lock_held_by_concurrent_update_is_retried(self):
        partner_ids, manager_user_id = self.commit_fixture(3)
        with self.registry.cursor() as user_cr:
            # a user edits the second customer and has not committed yet: the row is locked
            user_cr.execute("UPDATE res_partner SET comment = 'edited by a user' WHERE id = %s", (partner_ids[1],))
            self.sweep_as_cron()  # waits 1 s for the lock, then fails with LockNotAvailable
            user_cr.rollback()
        # the lock is gone: the next cron run follows every breach up, once
        self.assertIsNone(self.sweep_as_cron())
        self.assert_followed_up_once(partner_ids, manager_user_id)
        self.assertIsNone(self.sweep_as_cron())  # and a further run adds nothing
        self.assert_followed_up_once(partner_ids, manager_user_id)

    def test_serialization_failure_is_retried(self):
        partner_ids, manager_user_id = self.commit_fixture(3)

        def user_commits_an_edit():
            # committed after the sweep's snapshot: its write must fail to serialize
            with self.registry.cursor() as user_cr:
                user_cr.execute("UPDATE res_partner SET comment = 'edited by a user' WHERE id = %s",
                                (partner_ids[0],))
                user_cr.commit()

        self.sweep_as_cron(before_sweep=user_commits_an_edit)
        self.assertIsNone(self.sweep_as_cron())
        self.assert_followed_up_once(partner_ids, manager_user_id)

    def test_concurrency_error_at_stop_propagates(self):
        if not postgres_timeouts_fire(self.registry):
            # the concurrency error is lock_timeout's LockNotAvailable: it cannot be provoked
            self.skipTest("this PostgreSQL does not fire lock_timeout (libfaketime: make test-shifted)")
        partner_ids, manager_user_id = self.commit_fixture(2)
        with self.registry.cursor() as user_cr:
            user_cr.execute("UPDATE res_partner SET comment = 'edited by a user' WHERE id = %s", (partner_ids[0],))
            with self.registry.cursor() as cr:
                cr.execute("SET lock_timeout = '1s'")
                env = api.Environment(cr, SUPERUSER_ID, {})
                # a late stop breaches at once; its follow-ups wait for the lock: the error reaches
                # the caller (Odoo's RPC layer retries the request), it is not swallowed
                with self.assertRaises(LockNotAvailable):
                    env["res.partner"].browse(partner_ids)._sla_stop(self.code, stop=NOW)
                cr.rollback()
            user_cr.rollback()
        with self.registry.cursor() as cr:  # the retried request
            cr.execute("SET LOCAL lock_timeout = '10s'")
            api.Environment(cr, SUPERUSER_ID, {})["res.partner"].browse(partner_ids)._sla_stop(self.code, stop=NOW)
            cr.commit()
        self.assert_followed_up_once(partner_ids, manager_user_id)
