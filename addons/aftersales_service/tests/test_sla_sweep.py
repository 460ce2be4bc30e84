# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import threading
import time
from datetime import timedelta

from mock import patch
from psycopg2.extensions import TransactionRollbackError

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError

from .common_sla import SlaCase, commit_breach_fixture, delete_breach_fixture, insert_partners, insert_timers, utc

NOW = utc(2026, 3, 10, 8, 0)


class SweepCase(SlaCase):

    def setUp(self):
        super().setUp()
        self.rule = self.rule_model.create({
            "code": "t_sweep", "name": "Sweep test", "duration": 1, "unit": "hours",
            "breach_activity": False, "penalty_rule_id": self.penalty_rule.id})
        self.employees = self.technician
        for name in ("张伟", "刘洋", "陈静", "杨帆", "黄磊", "周杰", "吴敏", "徐峰", "孙丽"):
            self.employees |= self.env["hr.employee"].create({"name": name, "parent_id": self.manager.id})
        self.far = 10 ** 8  # res_ids of timers that never come due: no document needed

    def add_timers(self, overdue, running):
        """``overdue`` timers on new customers past grace at NOW, ``running`` ones not yet due."""
        partner_ids = insert_partners(self.cr, overdue) if overdue else []
        if overdue:
            insert_timers(self.cr, self.rule.id, partner_ids, NOW - timedelta(hours=1), self.employees.ids)
        if running:
            insert_timers(self.cr, self.rule.id, range(self.far, self.far + running), NOW + timedelta(days=1),
                          self.employees.ids)
            self.far += running
        return self.env["res.partner"].browse(partner_ids)

    def running_count(self):
        self.cr.execute("SELECT count(*) FROM aftersales_sla_timer WHERE state = 'running' AND rule_id = %s",
                        (self.rule.id,))
        return self.cr.fetchone()[0]

    def count_sweep_queries(self):
        # A fresh penalty rule each time: aftersales.penalty.propose reads the source of every
        # existing proposal of the rule, which would add queries unrelated to the sweep.
        self.rule.penalty_rule_id = self.penalty_rule.copy({"code": "%s_%d" % (self.penalty_rule.code, self.far)})
        self.timer_model.invalidate_cache()
        before = self.cr.sql_log_count
        breached = self.timer_model._cron_sweep(now=NOW)
        return self.cr.sql_log_count - before, breached


class TestSlaSweep(SweepCase):
    """SPEC §3.1: the cron breaches set-based and acts exactly once."""

    def test_sweep_10000_timers_1000_overdue(self):
        customers = self.add_timers(overdue=1000, running=9000)
        self.assertEqual(self.running_count(), 10000)
        breached = self.timer_model._cron_sweep(now=NOW)
        self.assertEqual(len(breached), 1000)
        self.assertEqual(set(breached.mapped("res_id")), set(customers.ids))
        self.assertEqual(set(breached.mapped("state")), {"breached"})
        self.assertEqual(self.running_count(), 9000)
        penalties = self.penalties()
        self.assertEqual(len(penalties), 1000)
        self.assertEqual({p.source_ref.id for p in penalties}, set(customers.ids))
        self.assertEqual(set(penalties.mapped("employee_id")), set(self.employees))
        self.assertEqual(set(penalties.mapped("amount")), {50.0})
        self.assertEqual(set(penalties.mapped("state")), {"proposed"})
        # a second sweep finds nothing more to do
        self.assertFalse(self.timer_model._cron_sweep(now=NOW))
        self.assertEqual(len(self.penalties()), 1000)
        # timers not due are untouched until their time comes
        self.assertEqual(len(self.timer_model._cron_sweep(now=NOW + timedelta(days=2))), 9000)

    def test_query_count_does_not_grow_with_running_timers(self):
        self.add_timers(overdue=10, running=10)
        self.count_sweep_queries()  # warm the registry caches
        self.add_timers(overdue=10, running=80)
        self.assertEqual(self.running_count(), 100)
        queries_100, breached = self.count_sweep_queries()
        self.assertEqual(len(breached), 10)
        self.add_timers(overdue=10, running=9900)
        self.assertEqual(self.running_count(), 10000)
        queries_10000, breached = self.count_sweep_queries()
        self.assertEqual(len(breached), 10)
        self.assertEqual(queries_100, queries_10000)

    def test_query_count_per_breach_is_constant(self):
        self.rule.breach_activity = True  # activity for the manager and a penalty per breach
        self.add_timers(overdue=5, running=0)
        self.count_sweep_queries()  # warm the registry caches
        counts = {}
        for overdue in (10, 20, 40):
            self.add_timers(overdue=overdue, running=100)
            # the bus garbage-collects its table at random (1 % of notifications): not the sweep's
            with patch("odoo.addons.bus.models.bus.random.random", return_value=1.0):
                counts[overdue], breached = self.count_sweep_queries()
            self.assertEqual(len(breached), overdue)
        per_breach = (counts[20] - counts[10]) / 10.0
        self.assertEqual(counts[40] - counts[20], 20 * per_breach)
        # the fixed part does not depend on the number of breaches either
        self.assertEqual(counts[10] - 10 * per_breach, counts[40] - 40 * per_breach)
        self.assertEqual(len(self.env["mail.activity"].search([  # the manager got one per breach
            ("res_model", "=", "res.partner"), ("user_id", "=", self.manager_user.id)])), 75)
        # issue 14: follow-ups created per rule group (was 12+ per breach with an activity and a penalty)
        self.assertLessEqual(per_breach, 4, counts)

    def test_queries_per_breach_with_a_penalty(self):
        """Issue 14: at most 4 queries per breach when a penalty is proposed (12 before)."""
        self.add_timers(overdue=5, running=0)
        self.count_sweep_queries()  # warm the registry caches
        counts = {}
        for overdue in (20, 60):
            self.add_timers(overdue=overdue, running=100)
            counts[overdue], breached = self.count_sweep_queries()
            self.assertEqual(len(breached), overdue)
            self.assertEqual(len(self.env["aftersales.penalty"].search([
                ("rule_id", "=", self.rule.penalty_rule_id.id)])), overdue)
        self.assertLessEqual(counts[20] / 20.0, 4, counts)
        self.assertLessEqual(counts[60] / 60.0, 4)
        self.assertLessEqual((counts[60] - counts[20]) / 40.0, 4)

    def test_no_sweep_without_overdue(self):
        self.add_timers(overdue=0, running=50)
        queries, breached = self.count_sweep_queries()
        self.assertFalse(breached)
        self.assertEqual(queries, 1)


class CommittedSweepCase(SweepCase):
    """A rule proposing a penalty and its overdue timers committed by a cursor of their own
    (two cursors see only committed rows), deleted again at the end."""

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry
        self.code = "t_race"

    def _commit_fixture(self, count):
        fixture = commit_breach_fixture(
            self.registry, self.code, count, NOW, {"name": "Race test", "breach_activity": False},
            {"name": "赵敏"}, partner_prefix="竞争客户", penalty_amount=10.0)
        return fixture["rule"], fixture["penalty_rule"], fixture["employee"], fixture["partners"]

    def _cleanup(self, rule_id, penalty_rule_id, employee_id, partner_ids):
        delete_breach_fixture(self.registry, {"rule": rule_id, "penalty_rule": penalty_rule_id,
                                              "employee": employee_id, "partners": partner_ids})


class TestSlaSweepRace(CommittedSweepCase):
    """Two crons at once (two cursors, data committed first): no duplicate breach actions."""

    def test_two_cursors_sweep_disjoint_sets(self):
        fixture = self._commit_fixture(50)
        rule_id, penalty_rule_id, employee_id, partner_ids = fixture
        results = {}
        swept = threading.Event()
        may_commit = threading.Event()

        def second_cron():
            with api.Environment.manage(), self.registry.cursor() as cr2:
                cr2.execute("SET LOCAL lock_timeout = '5s'")  # waiting for the first cron's rows fails
                try:
                    env2 = api.Environment(cr2, SUPERUSER_ID, {})
                    results["second"] = env2["aftersales.sla.timer"]._cron_sweep(now=NOW).ids
                except Exception as exc:  # a serialization failure is a correct outcome too
                    results["second"] = []
                    results["error"] = exc
                    cr2.rollback()
                swept.set()
                may_commit.wait(30)
                cr2.commit()

        try:
            with self.registry.cursor() as cr1:
                cr1.execute("SET LOCAL lock_timeout = '5s'")  # a lock of the test's own transaction fails
                env1 = api.Environment(cr1, SUPERUSER_ID, {})
                # the first cron holds row locks on 30 overdue timers and has not committed yet
                results["first"] = env1["aftersales.sla.timer"]._cron_sweep(now=NOW, limit=30).ids
                thread = threading.Thread(target=second_cron)
                thread.start()
                swept.wait(60)
                cr1.commit()
            may_commit.set()
            thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertNotIn("error", results)
            self.assertEqual(len(results["first"]), 30, results)
            # the second cron skipped the locked rows and took the 20 others
            self.assertEqual(len(results["second"]), 20)
            self.assertFalse(set(results["first"]) & set(results["second"]))
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                self.assertFalse(env["aftersales.sla.timer"]._cron_sweep(now=NOW))
                cr.execute("""SELECT count(*), count(DISTINCT source_ref) FROM aftersales_penalty
                               WHERE rule_id = %s""", (penalty_rule_id,))
                self.assertEqual(cr.fetchone(), (50, 50))
                cr.execute("SELECT state, count(*) FROM aftersales_sla_timer WHERE rule_id = %s GROUP BY state",
                           (rule_id,))
                self.assertEqual(dict(cr.fetchall()), {"breached": 50})
                cr.rollback()
        finally:
            self._cleanup(*fixture)

    def test_stop_racing_with_sweep_acts_once(self):
        fixture = self._commit_fixture(3)
        rule_id, penalty_rule_id, employee_id, partner_ids = fixture
        results = {}
        stopped = threading.Event()

        def document_stops():
            with api.Environment.manage(), self.registry.cursor() as cr2:
                cr2.execute("SET LOCAL lock_timeout = '5s'")  # waits for the sweep's locks (1 s), never hangs
                env2 = api.Environment(cr2, SUPERUSER_ID, {})
                try:
                    # blocks on the sweep's row locks, then sees the timers breached
                    env2["res.partner"].browse(partner_ids)._sla_stop(self.code, stop=NOW)
                    cr2.commit()
                    results["stop"] = "done"
                except TransactionRollbackError:  # serialization failure: Odoo retries the request
                    cr2.rollback()
                    results["stop"] = "retry"
                stopped.set()

        try:
            with self.registry.cursor() as cr1:
                cr1.execute("SET LOCAL lock_timeout = '5s'")  # a lock of the test's own transaction fails
                env1 = api.Environment(cr1, SUPERUSER_ID, {})
                self.assertEqual(len(env1["aftersales.sla.timer"]._cron_sweep(now=NOW)), 3)
                thread = threading.Thread(target=document_stops)
                thread.start()
                self.assertFalse(stopped.wait(1))  # the stop waits for the sweep's locks
                cr1.commit()
            thread.join(60)
            self.assertIn(results.get("stop"), ("done", "retry"), "the stop did not finish")
            with self.registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM aftersales_penalty WHERE rule_id = %s", (penalty_rule_id,))
                self.assertEqual(cr.fetchone()[0], 3)
                cr.rollback()
        finally:
            self._cleanup(*fixture)


class TestSlaSweepBatches(SweepCase):
    """Issue 14: the cron sweeps in bounded batches until nothing is due; each breach is
    followed up exactly once. In the test transaction (``_sweep_in_batches`` without commit)."""

    def setUp(self):
        super().setUp()
        self.env["ir.config_parameter"].sudo().set_param("aftersales.sla_sweep_batch_size", "10")
        self.batches = []
        sweep_batch = type(self.timer_model)._sweep_batch

        def counted(model, now=None, limit=None, skip_ids=()):
            result = sweep_batch(model, now, limit, skip_ids)
            self.batches.append((limit, len(result[1]), len(result[2])))
            return result
        patcher = patch.object(type(self.timer_model), "_sweep_batch", counted)
        patcher.start()
        self.addCleanup(patcher.stop)
        # the sweep must never commit the caller's transaction (only the cron's entry point does)
        patcher = patch.object(self.cr, "commit", side_effect=AssertionError("the sweep committed"))
        patcher.start()
        self.addCleanup(patcher.stop)

    def test_backlog_swept_in_batches_of_the_configured_size(self):
        self.rule.breach_activity = True  # an activity for the manager and a penalty per breach
        customers = self.add_timers(overdue=25, running=30)
        swept = self.timer_model._sweep_in_batches(now=NOW)
        # 10 + 10 + 5: the short batch shows nothing more is due, no empty fourth query
        self.assertEqual(self.batches, [(10, 10, 0), (10, 10, 0), (10, 5, 0)])
        self.assertEqual(len(swept), 25)
        self.assertEqual(set(swept.mapped("res_id")), set(customers.ids))
        self.assertEqual(set(swept.mapped("state")), {"breached"})
        self.assertEqual(self.running_count(), 30)
        penalties = self.penalties()
        self.assertEqual(sorted(p.source_ref.id for p in penalties), sorted(customers.ids))
        activities = self.activities(customers, self.rule)
        self.assertEqual(sorted(activities.mapped("res_id")), sorted(customers.ids))
        self.assertEqual(activities.mapped("user_id"), self.manager_user)
        # the next run finds nothing: still one follow-up each
        self.assertFalse(self.timer_model._sweep_in_batches(now=NOW))
        self.assertEqual(len(self.penalties()), 25)
        self.assertEqual(len(self.activities(customers, self.rule)), 25)

    def test_batch_size_given_by_the_caller(self):
        self.add_timers(overdue=7, running=0)
        self.assertEqual(len(self.timer_model._sweep_in_batches(now=NOW, batch_size=3)), 7)
        self.assertEqual(self.batches, [(3, 3, 0), (3, 3, 0), (3, 1, 0)])
        self.assertEqual(len(self.penalties()), 7)

    def test_invalid_batch_size_parameter_falls_back_to_the_default(self):
        for value in ("zwei", "0", "-5"):
            self.env["ir.config_parameter"].sudo().set_param("aftersales.sla_sweep_batch_size", value)
            self.assertEqual(self.timer_model._sweep_settings(), (200, 60))

    def test_time_budget_stops_between_batches(self):
        self.add_timers(overdue=25, running=0)
        swept = self.timer_model._sweep_in_batches(now=NOW, time_budget=0)
        # the batch started is finished; the rest waits for the next run
        self.assertEqual(self.batches, [(10, 10, 0)])
        self.assertEqual(len(swept), 10)
        self.assertEqual(len(self.penalties()), 10)
        self.assertEqual(len(self.timer_model._sweep_in_batches(now=NOW)), 15)
        self.assertEqual(len(self.penalties()), 25)

    def test_failing_actions_retried_once_per_run_not_per_batch(self):
        calls = []

        def breach_fails(documents):
            calls.append(sorted(documents.ids))
            raise UserError("the customer's system is offline")
        patcher = patch.object(type(self.env["res.partner"]), "action_sla_test_fails", breach_fails, create=True)
        patcher.start()
        self.addCleanup(patcher.stop)
        self.rule.write({"penalty_rule_id": False, "breach_method": "action_sla_test_fails"})
        customers = self.add_timers(overdue=12, running=0)
        swept = self.timer_model._sweep_in_batches(now=NOW, batch_size=5)
        self.assertEqual(len(swept), 12)
        # each breach's actions ran once in this run: the failed ones of the first batches are
        # pending in the later ones, but not taken up again until the next run
        self.assertEqual(sorted(i for ids in calls for i in ids), sorted(customers.ids))
        self.assertEqual(set(swept.mapped("breach_pending")), {True})
        for error in swept.mapped("breach_error"):
            self.assertIn("the customer's system is offline", error)
        calls[:] = []
        self.assertEqual(len(self.timer_model._sweep_in_batches(now=NOW, batch_size=5)), 12)
        self.assertEqual(sorted(i for ids in calls for i in ids), sorted(customers.ids))
        self.assertEqual(self.batches[-3:], [(5, 0, 5), (5, 0, 5), (5, 0, 2)])

    def test_queries_per_breach_in_batches(self):
        """The batches keep issue 14's bound: at most 4 queries per breach with a penalty."""
        self.add_timers(overdue=5, running=0)
        self.count_sweep_queries()  # warm the registry caches
        self.add_timers(overdue=60, running=100)
        self.rule.penalty_rule_id = self.penalty_rule.copy({"code": "%s_batches" % self.penalty_rule.code})
        self.timer_model.invalidate_cache()
        before = self.cr.sql_log_count
        swept = self.timer_model._sweep_in_batches(now=NOW, batch_size=20)
        queries = self.cr.sql_log_count - before
        self.assertEqual(len(swept), 60)
        self.assertEqual(len(self.batches), 1 + 3 + 1)  # the warm-up's, then 20 + 20 + 20 and an empty one
        self.assertLessEqual(queries / 60.0, 4, queries)

    def test_cron_runs_the_batched_sweep(self):
        cron = self.env.ref("aftersales_service.ir_cron_aftersales_sla_sweep")
        self.assertEqual(cron.code.strip(), "model._cron_sweep_batches()")
        # a database built before: its noupdate cron is switched at the upgrade, an edited one is not
        cron.code = "model._cron_sweep()"
        self.timer_model._use_batched_sweep_cron()
        self.assertEqual(cron.code, "model._cron_sweep_batches()")
        cron.code = "model._cron_sweep(limit=500)"
        self.timer_model._use_batched_sweep_cron()
        self.assertEqual(cron.code, "model._cron_sweep(limit=500)")


class TestSlaSweepBatchesTwoServers(CommittedSweepCase):
    """Two servers' crons (two cursors on committed data, ``lock_timeout`` so nothing hangs):
    the batches of one skip the timers the other holds, never wait for them, commit as they
    go, and the held timers are swept by a later run."""

    def test_locked_timers_skipped_then_swept_later(self):
        fixture = self._commit_fixture(12)
        rule_id, penalty_rule_id, employee_id, partner_ids = fixture

        def committed():
            with self.registry.cursor() as cr:
                cr.execute("""SELECT state, count(*) FROM aftersales_sla_timer WHERE rule_id = %s
                               GROUP BY state""", (rule_id,))
                states = dict(cr.fetchall())
                cr.execute("""SELECT source_ref, count(*) FROM aftersales_penalty WHERE rule_id = %s
                               GROUP BY source_ref""", (penalty_rule_id,))
                penalties = dict(cr.fetchall())
                cr.rollback()
            return states, penalties

        try:
            with self.registry.cursor() as cr_a:
                cr_a.execute("SET LOCAL lock_timeout = '5s'")  # a lock of the test's own transaction fails
                # server A's sweep holds five of the overdue timers and has not committed yet
                cr_a.execute("""SELECT id FROM aftersales_sla_timer WHERE rule_id = %s
                                 ORDER BY id LIMIT 5 FOR UPDATE""", (rule_id,))
                held = [row[0] for row in cr_a.fetchall()]
                with self.registry.cursor() as cr_b:
                    cr_b.execute("SET lock_timeout = '5s'")  # waiting for A's locks would fail, not hang
                    env_b = api.Environment(cr_b, SUPERUSER_ID, {})
                    started = time.monotonic()
                    swept = env_b["aftersales.sla.timer"]._cron_sweep_batches(now=NOW, batch_size=3).ids
                    self.assertLess(time.monotonic() - started, 5)
                    self.assertEqual(len(swept), 7)
                    self.assertFalse(set(swept) & set(held))
                    # B committed its batches: visible to everyone while A still holds its rows
                    states, penalties = committed()
                    self.assertEqual(states, {"breached": 7, "running": 5})
                    self.assertEqual(len(penalties), 7)
                cr_a.rollback()  # A gives its rows up (its sweep failed, or it only stopped them)
            with self.registry.cursor() as cr_c:  # a later run of either server
                cr_c.execute("SET lock_timeout = '5s'")  # for all its batches (each commits)
                swept_later = api.Environment(cr_c, SUPERUSER_ID, {})[
                    "aftersales.sla.timer"]._cron_sweep_batches(now=NOW, batch_size=3).ids
            self.assertEqual(sorted(swept_later), sorted(held))
            states, penalties = committed()
            self.assertEqual(states, {"breached": 12})
            self.assertEqual(penalties, {"res.partner,%d" % pid: 1 for pid in partner_ids})
        finally:
            self._cleanup(*fixture)


class TestPenaltyBatch(SlaCase):
    """aftersales.penalty._propose_batch (the sweep's) gives what propose gives, once."""

    def test_batch_proposals_equal_single_ones(self):
        department = self.env["hr.department"].create({"name": "售后服务部"})
        self.technician.department_id = department
        model = self.env["aftersales.penalty"].sudo().with_context(tracking_disable=True)

        def vals(partner):
            return {"employee_id": self.technician.id, "rule_id": self.penalty_rule.id, "reason": "Deadline missed",
                    "source_ref": "res.partner,%d" % partner.id}

        single = model.propose([vals(self.customers[0])])
        batch = model._propose_batch([vals(p) for p in self.customers] + [vals(self.customers[1])])
        self.assertEqual(len(batch), 2)  # the existing one and the repeated source are skipped
        self.assertEqual(batch.mapped("source_ref"), self.customers[1:])
        fields_compared = ["employee_id", "department_id", "rule_id", "rule_type", "rule_code", "amount", "points",
                           "date", "reason", "state", "company_id", "currency_id"]
        self.env["aftersales.penalty"].invalidate_cache()
        for penalty in batch:
            self.assertEqual([penalty[f] for f in fields_compared], [single[f] for f in fields_compared])
            self.assertRegex(penalty.name, r"^PEN/\d{4}/\d{5}$")
        self.assertEqual(batch.mapped("department_id"), department)
        self.assertEqual(len(set((single | batch).mapped("name"))), 3)
        self.assertFalse(model._propose_batch([vals(p) for p in self.customers]))  # idempotent

    def test_batch_numbers_from_a_no_gap_sequence(self):
        sequence = self.env["ir.sequence"].search([("code", "=", "aftersales.penalty")], limit=1)
        sequence.write({"implementation": "no_gap", "number_next_actual": 7})
        model = self.env["aftersales.penalty"].sudo().with_context(tracking_disable=True)
        batch = model._propose_batch([{
            "employee_id": self.technician.id, "rule_id": self.penalty_rule.id, "reason": "Deadline missed",
            "source_ref": "res.partner,%d" % partner.id} for partner in self.customers])
        self.assertEqual([name[-5:] for name in batch.mapped("name")], ["00007", "00008", "00009"])
        self.assertEqual(self.env["ir.sequence"].next_by_code("aftersales.penalty")[-5:], "00010")
