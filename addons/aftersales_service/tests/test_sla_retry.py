# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Failed breach actions are retried by the sweep until they succeed or a manager stops them (issue 14)."""
from mock import patch

from odoo.exceptions import AccessError, UserError

from .common_roles import role_user
from .common_sla import SlaCase, utc

NOTE = "SLA retry test: deadline missed"
CAUSE = {"present": False}


def action_sla_test_breached(self):
    """Breach method of the tests: refuses while the cause is present, else writes the documents."""
    if CAUSE["present"]:
        raise UserError("The customer file is being audited: try again later.")
    self.write({"comment": NOTE})
    return True


class TestSlaBreachRetry(SlaCase):

    def setUp(self):
        super().setUp()
        patcher = patch.object(type(self.env["res.partner"]), "action_sla_test_breached",
                               action_sla_test_breached, create=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.addCleanup(CAUSE.update, present=False)
        self.rule = self.rule_model.create({
            "code": "t_retry", "name": "Retry test", "duration": 1, "unit": "hours",
            "breach_activity": True, "penalty_rule_id": self.penalty_rule.id,
            "breach_method": "action_sla_test_breached"})
        self.docs = self.customers[:2]
        self.timers = self.docs._sla_start("t_retry", start=utc(2026, 3, 2, 0, 0), responsible=self.technician)

    def follow_ups(self):
        return (len(self.penalties(self.docs)), len(self.activities(self.docs, self.rule)),
                self.docs.mapped("comment"))

    def test_failure_retried_by_next_sweep_until_it_succeeds(self):
        CAUSE["present"] = True
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3)), self.timers)
        self.assertEqual(self.timers.mapped("state"), ["breached", "breached"])
        self.assertEqual(self.timers.mapped("breach_pending"), [True, True])
        self.assertIn("being audited", self.timers[0].breach_error)
        self.assertEqual(self.follow_ups(), (0, 0, [False, False]))  # the group was rolled back whole
        # the next sweep runs them again; the cause is still there
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 0, 5)), self.timers)
        self.assertEqual(self.timers.mapped("breach_pending"), [True, True])
        self.assertEqual(self.follow_ups(), (0, 0, [False, False]))
        # the cause is gone: the next sweep follows every breach up, once
        CAUSE["present"] = False
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 0, 10)), self.timers)
        self.assertEqual(self.timers.mapped("breach_pending"), [False, False])
        self.assertEqual(self.timers.mapped("breach_error"), [False, False])
        self.assertEqual(self.follow_ups(), (2, 2, [NOTE, NOTE]))
        self.assertEqual(self.activities(self.docs, self.rule).mapped("user_id"), self.manager_user)
        self.assertEqual(self.penalties(self.docs).mapped("state"), ["proposed", "proposed"])
        # later sweeps have nothing left to do and duplicate nothing
        self.assertFalse(self.timer_model._cron_sweep(now=utc(2026, 3, 4)))
        self.assertEqual(self.follow_ups(), (2, 2, [NOTE, NOTE]))

    def test_manager_stops_the_retries(self):
        CAUSE["present"] = True
        self.timer_model._cron_sweep(now=utc(2026, 3, 3))
        supervisor = role_user(self.env, "sla_retry_supervisor", "supervisor")
        with self.assertRaises(AccessError):
            self.timers.sudo(supervisor).action_stop_breach_retry()
        manager = role_user(self.env, "sla_retry_manager", "manager")
        self.timers[0].sudo(manager).action_stop_breach_retry()
        self.assertEqual(self.timers.mapped("breach_pending"), [False, True])
        self.assertIn("being audited", self.timers[0].breach_error)  # the error stays visible
        with self.assertRaises(UserError):
            self.timers[0].sudo(manager).action_stop_breach_retry()
        # the sweep retries the other one only
        CAUSE["present"] = False
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 0, 5)), self.timers[1])
        self.assertEqual(len(self.penalties(self.docs[1])), 1)
        self.assertFalse(self.penalties(self.docs[0]))
        # a manager may still run the stopped one by hand
        self.timers[0].sudo(manager).action_retry_breach()
        self.assertEqual((self.timers[0].breach_pending, self.timers[0].breach_error), (False, False))
        self.assertEqual(self.follow_ups(), (2, 2, [NOTE, NOTE]))

    def test_failure_at_stop_is_retried_by_the_sweep(self):
        CAUSE["present"] = True
        self.docs[0]._sla_stop("t_retry", stop=utc(2026, 3, 3))  # late: breached at the stop
        self.assertEqual((self.timers[0].state, self.timers[0].breach_pending), ("breached", True))
        CAUSE["present"] = False
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 0, 5)), self.timers)
        self.assertEqual(self.follow_ups(), (2, 2, [NOTE, NOTE]))
        self.assertEqual(self.timers.mapped("breach_pending"), [False, False])
