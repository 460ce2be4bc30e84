# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: the timer sweep (SPEC §3.1) against the equivalent hand-written SQL.

100,000 running timers are inserted by SQL and committed (rows written in the
measuring transaction itself would make PostgreSQL re-check every foreign key
on update, which is not what a cron meets). The baseline is the plain
``UPDATE ... SET state = 'breached' WHERE state = 'running' AND grace_deadline < now``
a DBA would write; the candidate is ``aftersales.sla.timer._cron_sweep`` (row
locks with SKIP LOCKED, RETURNING, breach bookkeeping) on a rule without breach
actions. Both run on the same data, each inside a savepoint rolled back
afterwards, alternately, and the medians are compared. Printed: the ratio
(target <= 1.5x) and query counts. Asserted: query counts only. The committed
rows are deleted at the end. ``test_breach_actions_per_breach`` sweeps 100 and then
1,000 breaches of a rule proposing a penalty: printed, the queries and the time per
breach; asserted, at most 4 queries per breach (issue 14: the follow-ups are created
per rule group; the code before made 12 per breach); then the same 1,000 breaches swept
as the cron sweeps them, in batches of 200 (``_sweep_in_batches``, without the commits
of the cron's ``_cron_sweep_batches``): the same bound.

Run: scripts/bench.sh tests/benchmarks/bench_sla_sweep.py
"""
import statistics
import time
from datetime import datetime, timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase

NOW = datetime(2026, 3, 10, 8, 0)
TIMERS = 100000
ROUNDS = 5
BASELINE_SQL = """
    UPDATE aftersales_sla_timer
       SET state = 'breached', breach_date = %(now)s, write_date = %(now)s, write_uid = %(uid)s
     WHERE state = 'running' AND grace_deadline < %(now)s
"""
INSERT_SQL = """
    INSERT INTO aftersales_sla_timer (rule_id, res_model, res_id, start, deadline, grace_deadline,
                                      at_risk_date, state, company_id, responsible_id,
                                      create_date, write_date, create_uid, write_uid)
    SELECT %(rule)s, 'res.partner', %(first_id)s + n, %(start)s, d, d, %(start)s, 'running', 1,
           %(employee)s, now(), now(), 1, 1
      FROM (SELECT n, CASE WHEN n <= %(overdue)s THEN %(past)s ELSE %(future)s END AS d
              FROM generate_series(1, %(count)s) n) s
"""


class BenchSlaSweep(TransactionCase):

    def setUp(self):
        super().setUp()
        self.registry = self.env.registry

    def commit_timers(self, overdue, count=TIMERS):
        """Commit a rule and ``count`` running timers, the first ``overdue`` past grace at NOW."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            rule = env["aftersales.sla.rule"].create({
                "code": "bench_sweep", "name": "Benchmark", "duration": 1, "unit": "hours",
                "breach_activity": False})
            cr.execute(INSERT_SQL, {
                "rule": rule.id, "count": count, "overdue": overdue, "first_id": 100000000, "employee": None,
                "start": NOW - timedelta(days=2), "past": NOW - timedelta(hours=1),
                "future": NOW + timedelta(days=1)})
            cr.execute("ANALYZE aftersales_sla_timer")
            cr.commit()
            return rule.id

    def delete_committed(self, rule_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM aftersales_sla_timer WHERE rule_id = %s", (rule_id,))
            cr.execute("DELETE FROM aftersales_sla_rule WHERE id = %s", (rule_id,))
            cr.commit()

    def measure(self, env, run):
        """(seconds, queries, rows) of ``run(env)`` inside a savepoint that is rolled back."""
        cr = env.cr
        cr.execute("SAVEPOINT bench")
        env["aftersales.sla.timer"].invalidate_cache()
        queries = cr.sql_log_count
        started = time.perf_counter()
        rows = run(env)
        elapsed = time.perf_counter() - started
        queries = cr.sql_log_count - queries
        cr.execute("ROLLBACK TO SAVEPOINT bench")
        env["aftersales.sla.timer"].invalidate_cache()
        return elapsed, queries, rows

    @staticmethod
    def baseline(env):
        env.cr.execute(BASELINE_SQL, {"now": NOW, "uid": env.uid})
        return env.cr.rowcount

    @staticmethod
    def sweep(env):
        return len(env["aftersales.sla.timer"]._cron_sweep(now=NOW))

    @staticmethod
    def sweep_in_batches(env):
        """The cron's sweep (``_cron_sweep_batches``) without its commits."""
        return len(env["aftersales.sla.timer"]._sweep_in_batches(now=NOW, batch_size=200, time_budget=3600))

    def compare(self, overdue):
        rule_id = self.commit_timers(overdue)
        try:
            results = {"baseline": [], "sweep": []}
            with self.registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                for round_ in range(ROUNDS):
                    order = ("baseline", "sweep") if round_ % 2 == 0 else ("sweep", "baseline")
                    for name in order:
                        results[name].append(self.measure(env, getattr(self, name)))
                cr.rollback()
        finally:
            self.delete_committed(rule_id)
        base = statistics.median(r[0] for r in results["baseline"])
        sweep = statistics.median(r[0] for r in results["sweep"])
        base_queries, sweep_queries = results["baseline"][-1][1], results["sweep"][-1][1]
        print("\nSLA sweep, %d running timers, %d overdue: hand-written UPDATE %.3f s (%d query), "
              "_cron_sweep %.3f s (%d queries): ratio %.2fx (target <= 1.5x)"
              % (TIMERS, overdue, base, base_queries, sweep, sweep_queries, sweep / base))
        self.assertEqual({r[2] for r in results["baseline"]}, {overdue})
        self.assertEqual({r[2] for r in results["sweep"]}, {overdue})
        print("query counts per round: sweep %s, baseline %s"
              % ([r[1] for r in results["sweep"]], [r[1] for r in results["baseline"]]))
        return max(r[1] for r in results["sweep"])

    def test_sweep_100000_timers_10000_overdue(self):
        # one UPDATE ... RETURNING and one read of the rules, whatever the volume
        self.assertEqual(self.compare(overdue=10000), 2)

    def test_sweep_100000_timers_all_overdue(self):
        self.assertEqual(self.compare(overdue=TIMERS), 2)

    def test_breach_actions_per_breach(self):
        """Breach actions cost a constant number of queries per breach (penalty proposals)."""
        penalty_rule = self.env["aftersales.penalty.rule"].create({
            "code": "bench_penalty", "name": "Benchmark penalty", "amount_min": 10.0})
        employee = self.env["hr.employee"].create({"name": "基准测试员"})
        rule = self.env["aftersales.sla.rule"].create({
            "code": "bench_actions", "name": "Benchmark actions", "duration": 1, "unit": "hours",
            "breach_activity": False, "penalty_rule_id": penalty_rule.id})
        self.cr.execute(INSERT_SQL, {
            "rule": rule.id, "count": TIMERS, "overdue": 0, "first_id": 200000000, "employee": employee.id,
            "start": NOW - timedelta(days=2), "past": NOW, "future": NOW + timedelta(days=1)})
        counts = {}
        # (label, breaches, sweep): one transaction, then the cron's batches (default size,
        # without their commits: the measuring savepoint is rolled back)
        for label, breaches, sweep in (("one transaction", 100, self.sweep), ("one transaction", 1000, self.sweep),
                                       ("batches of 200", 1000, self.sweep_in_batches)):
            self.cr.execute("SAVEPOINT bench_actions")
            self.cr.execute("""
                INSERT INTO res_partner (name, display_name, active, type, company_id,
                                         invoice_warn, picking_warn, sale_warn)
                SELECT 'bench' || n, 'bench' || n, true, 'contact', 1, 'no-message', 'no-message', 'no-message'
                  FROM generate_series(1, %s) n RETURNING id""", (breaches,))
            partner_ids = [r[0] for r in self.cr.fetchall()]
            self.cr.execute("""
                INSERT INTO aftersales_sla_timer (rule_id, res_model, res_id, start, deadline, grace_deadline,
                                                  at_risk_date, state, company_id, responsible_id)
                SELECT %s, 'res.partner', unnest(%s), %s, %s, %s, %s, 'running', 1, %s
            """, (rule.id, partner_ids, NOW - timedelta(days=1), NOW - timedelta(hours=1),
                  NOW - timedelta(hours=1), NOW - timedelta(hours=2), employee.id))
            elapsed, queries, rows = self.measure(self.env, sweep)
            self.cr.execute("ROLLBACK TO SAVEPOINT bench_actions")
            counts[label, breaches] = queries
            self.assertEqual(rows, breaches)
            print("\nSLA sweep with a penalty per breach, %s: %d breaches among %d running timers: "
                  "%.2f s, %d queries (%.2f per breach), %.2f ms per breach"
                  % (label, rows, TIMERS + breaches, elapsed, queries, queries / float(breaches),
                     elapsed * 1000.0 / breaches))
        counts[100], counts[1000] = counts["one transaction", 100], counts["one transaction", 1000]
        # issue 14: the cron's batches keep the bound
        self.assertLessEqual(counts["batches of 200", 1000] / 1000.0, 4)
        # the queries per breach do not grow with the number of breaches
        self.assertLessEqual(counts[1000] / 1000.0, counts[100] / 100.0)
        # issue 14: the follow-ups are created per rule group, not per timer (was 12 per breach)
        self.assertLessEqual(counts[100] / 100.0, 4)
        self.assertLessEqual(counts[1000] / 1000.0, 4)
