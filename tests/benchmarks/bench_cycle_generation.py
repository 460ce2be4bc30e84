# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Benchmark: generation of the planned visits of field service cycles (SPEC §6),
and the dispatch board's read.

Cycle generation, for 100 and 1,000 cycles of a 5-day patrol over 30 days (6 orders
each, 600 and 6,000 orders):

- ours: ``field.service.cycle.generate_orders`` — orders numbered by ir.sequence,
  with their creation entry in the chatter, followers and a running timer each,
  exactly what an order created and dispatched by hand gets;
- baseline: one bare-SQL ``INSERT ... SELECT`` of the same order rows (no number
  sequence, no chatter, no followers, no timers): the floor of what a database can do;
- peer: OCA ``fieldservice_recurring`` 11.0 (``fsm.recurring._cron_generate_orders``
  → ``fsm.order``) in its own database ``aftersales_bench_fsm_peer``, built on first
  use: the wheels (``odoo11-addon-fieldservice-recurring``, ``-fieldservice``,
  ``-base-geoengine``, dev builds) go to ``.run/peer-fsm`` and its Python libraries
  (``shapely<2``, ``geojson``, ``simplejson``) to ``.run/peer-fsm-py`` with
  ``pip --target`` — the venv is not touched. It needs PostGIS (Debian
  ``postgresql-15-postgis-3``); without it the benchmark prints why the peer did not
  run. The peer plans from "now" with a 5-day frequency over 29 days: 6 orders per
  recurring order too.

Printed per size: orders, milliseconds and SQL queries per generated order, and the
ratios (ours and bare SQL: the median of 3 runs). Asserted: query counts only
(≤ 5 queries per generated order, and flat from 100 to 1,000 cycles), never seconds.

Dispatch board: 5,000 equipment with one open order each and its running arrival
timer; the kanban grouped by technician (one ``read_group`` plus one
``search_read`` of 40 cards per column, as the web client does) and the timeline's
read of all 5,000 open orders: time and queries.

All rows are created inside the test transaction and rolled back. The peer's 1,000
cycles would take half an hour: each size stops after ``FS_PEER_CAP_SECONDS`` (300)
and the output says so and projects the rest; ``FS_PEER_SIZES=100`` limits the peer
to the small size.
Run: ``make bench`` (all benchmarks) or ``scripts/bench.sh tests/benchmarks/bench_cycle_generation.py``.
"""
import json
import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from odoo import fields
from odoo.tests.common import TransactionCase
from odoo.addons.aftersales_service.tests.common_roles import role_user
from odoo.tools import config

ROOT = Path(__file__).resolve().parents[2]
TODAY = date(2026, 3, 2)
HORIZON = 30
SIZES = (100, 1000)
WARM_UP = 5
RUNS = 3  # ours and bare SQL: the median of 3 runs per size (the peer: one run)
TECHNICIANS = 10
BOARD_EQUIPMENT = 5000
MAX_QUERIES_PER_ORDER = 5.0
ORDERS_PER_CYCLE = 6
# The peer's 1,000 cycles take ~30 min: it stops after this many seconds per size and
# the rest is projected (printed as such).
PEER_CAP_SECONDS = int(os.environ.get("FS_PEER_CAP_SECONDS", "300"))
KANBAN_FIELDS = ["name", "order_type", "priority", "state", "partner_id", "equipment_id", "technician_id",
                 "sla_state", "sla_deadline", "planned_date", "scheduled_start"]
TIMELINE_FIELDS = ["name", "state", "sla_state", "order_type", "partner_id", "technician_id",
                   "scheduled_start", "scheduled_stop"]
# The board's reads written by hand: orders with their customer's and technician's
# names and the worst traffic light of their open timers.
BOARD_ROWS_SQL = """
    SELECT o.id, o.name, o.state, o.order_type, o.priority, o.partner_id, p.name, o.equipment_id, me.name,
           o.technician_id, r.name, o.planned_date, o.scheduled_start, o.scheduled_stop, t.deadline,
           CASE t.rank WHEN 3 THEN 'overdue' WHEN 2 THEN 'at_risk' WHEN 1 THEN 'on_track' ELSE 'none' END,
           row_number() OVER (PARTITION BY o.technician_id
                              ORDER BY o.priority_rank DESC, o.scheduled_start DESC, o.id DESC) AS position
      FROM field_service_order o
      LEFT JOIN res_partner p ON p.id = o.partner_id
      LEFT JOIN maintenance_equipment me ON me.id = o.equipment_id
      LEFT JOIN hr_employee e ON e.id = o.technician_id
      LEFT JOIN resource_resource r ON r.id = e.resource_id
      LEFT JOIN (
            SELECT res_id, min(deadline) AS deadline,
                   max(CASE WHEN state = 'breached' OR grace_deadline < %(now)s THEN 3
                            WHEN at_risk_date <= %(now)s THEN 2 ELSE 1 END) AS rank
              FROM aftersales_sla_timer
             WHERE res_model = %(model)s AND stop IS NULL AND state != 'cancelled'
             GROUP BY res_id) t ON t.res_id = o.id
     WHERE o.state NOT IN ('done', 'cancel') AND o.name LIKE %(like)s
"""
BOARD_KANBAN_SQL = "SELECT * FROM (%s) rows WHERE position <= %%(per_column)s" % BOARD_ROWS_SQL
BOARD_TIMELINE_SQL = BOARD_ROWS_SQL + " ORDER BY o.priority_rank DESC, o.scheduled_start DESC, o.id DESC"
PEER_DB = os.environ.get("FS_PEER_DB", "aftersales_bench_fsm_peer")
# Where the peer lives (see the module docstring for how it is installed).
PEER_ADDONS = ROOT / ".run" / "peer-fsm" / "odoo" / "addons"
PEER_PYTHONPATH = ROOT / ".run" / "peer-fsm-py"
PEER_PACKAGES = ("odoo11-addon-fieldservice-recurring==11.0.0.1.1.99.dev6",
                 "odoo11-addon-fieldservice==11.0.0.3.0.99.dev11",
                 "odoo11-addon-base-geoengine==11.0.1.0.0.99.dev38")
PEER_LIBRARIES = ("shapely<2", "geojson", "simplejson")

# The peer, measured by a worker script in an ``odoo-bin shell`` of its own database.
PEER_WORKER = r'''
import json, time
SIZES, WARM_UP, CAP = %(sizes)r, %(warm_up)r, %(cap)r


class Capped(Exception):
    """Raised by the timing wrapper below once the peer used up its time budget."""


# Time cap: the harness wraps the peer's per-order step to count the orders made
# and to stop the run after CAP seconds (measurement only; the peer is not changed).
Recurring = type(env["fsm.recurring"])
peer_create_order = Recurring._create_order
budget = {"deadline": None, "count": 0}


def capped_create_order(self, date):
    if budget["deadline"] and time.time() > budget["deadline"]:
        raise Capped()
    budget["count"] += 1
    return peer_create_order(self, date)


Recurring._create_order = capped_create_order
QUIET = dict(tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True)
# the peer plans from now: every 5 days over the next 29 days = 6 orders per recurring order
frequency = env["fsm.frequency"].with_context(**QUIET).create({
    "name": "BENCH every 5 days", "interval": 5, "interval_type": "daily"})
frequency_set = env["fsm.frequency.set"].with_context(**QUIET).create({
    "name": "BENCH 5-day patrol", "fsm_frequency_ids": [(6, 0, frequency.ids)], "schedule_days": 29})
results = []
for n in (WARM_UP,) + tuple(SIZES):
    env.cr.execute("SAVEPOINT bench")
    Partner = env["res.partner"].with_context(**QUIET)
    Location = env["fsm.location"].with_context(**QUIET)
    Recurring = env["fsm.recurring"].with_context(**QUIET)
    for i in range(n):
        partner = Partner.create({"name": "BENCH 客户 %%04d" %% i, "customer": True})
        location = Location.create({"name": "BENCH 工地 %%04d" %% i, "owner_id": partner.id,
                                    "customer_id": partner.id})
        Recurring.create({"fsm_frequency_set_id": frequency_set.id, "location_id": location.id,
                          "customer_id": partner.id, "state": "progress"})
    env.cache.invalidate()
    queries = env.cr.sql_log_count
    t0 = time.time()
    budget.update(deadline=t0 + CAP, count=0)
    try:
        made, capped = len(env["fsm.recurring"]._cron_generate_orders()), False
    except Capped:
        made, capped = budget["count"], True
    elapsed = time.time() - t0
    queries = env.cr.sql_log_count - queries
    if n != WARM_UP:
        results.append({"n": n, "orders": made, "seconds": elapsed, "queries": queries, "capped": capped})
    env.cr.execute("ROLLBACK TO SAVEPOINT bench")
    env.cache.invalidate()
print("BENCH_RESULT " + json.dumps(results))
'''


def _median(measure, n):
    """The median of RUNS measurements (by time): one run is at the mercy of the machine's load."""
    rows = sorted((measure(n) for _run in range(RUNS)), key=lambda row: row["seconds"])
    return rows[len(rows) // 2]


def _per_order(row):
    return 1000.0 * row["seconds"] / row["orders"], float(row["queries"]) / row["orders"]


def _line(label, row):
    ms, queries = _per_order(row)
    line = "  %-8s cycles=%-5d orders=%-6d %9.3f ms/order %7.2f queries/order  (%.2f s, %d queries)" % (
        label, row["n"], row["orders"], ms, queries, row["seconds"], row["queries"])
    if row.get("capped"):
        total = ORDERS_PER_CYCLE * row["n"]
        line += ("\n           time-capped at %d s after %d of %d orders: figures are for those; all %d "
                 "projected at that rate to %.0f s (a lower bound: its cost per order grows as it goes)"
                 % (PEER_CAP_SECONDS, row["orders"], total, total, row["seconds"] * total / max(row["orders"], 1)))
    return line


def _pip(*args):
    return subprocess.run([sys.executable, "-m", "pip", "install", "--disable-pip-version-check"] + list(args),
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)


def _psql(db, sql):
    return subprocess.run(["psql", "-X", "-At", "-d", db, "-c", sql], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True).stdout.strip()


def _peer_ready():
    """Install the peer (wheels and Python libraries into .run/, not into the venv) and
    build its database when missing; return why it cannot run here, or None."""
    if _psql("postgres", "SELECT count(*) FROM pg_available_extensions WHERE name = 'postgis'") != "1":
        return ("OCA fieldservice_recurring needs base_geoengine, i.e. the PostGIS extension "
                "(Debian postgresql-15-postgis-3), which this PostgreSQL does not have")
    if not (PEER_ADDONS / "fieldservice_recurring" / "__manifest__.py").exists():
        pip = _pip("--no-deps", "--pre", "--target", str(PEER_ADDONS.parents[1]), *PEER_PACKAGES)
        if pip.returncode:
            return "pip could not install the peer: %s" % pip.stdout[-300:]
    if not (PEER_PYTHONPATH / "shapely").exists():
        pip = _pip("--target", str(PEER_PYTHONPATH), *PEER_LIBRARIES)
        if pip.returncode:
            return "pip could not install the peer's libraries: %s" % pip.stdout[-300:]
    if _psql(PEER_DB, "SELECT count(*) FROM ir_module_module "
                      "WHERE name = 'fieldservice_recurring' AND state = 'installed'") == "1":
        return None
    _psql("postgres", 'DROP DATABASE IF EXISTS "%s"' % PEER_DB)
    build = _odoo(["-i", "fieldservice_recurring", "--without-demo=all", "--stop-after-init"], timeout=3600)
    if build.returncode:
        return "building %s failed: %s" % (PEER_DB, build.stdout[-500:])
    return None


def _odoo(args, command=None, stdin=None, timeout=7200):
    cmd = [sys.executable, str(ROOT / "scripts" / "odoo-bin")] + ([command] if command else []) + [
        "-c", str(ROOT / "odoo.conf"), "--db_user", os.environ.get("PGUSER", "odoo"), "-d", PEER_DB,
        "--no-http", "--log-level=warn", "--addons-path=%s,%s" % (ROOT / "addons", PEER_ADDONS)] + list(args)
    env = dict(os.environ, ODOO_PRELOAD_ADDONS="no",
               PYTHONPATH=os.pathsep.join(p for p in (str(PEER_PYTHONPATH), os.environ.get("PYTHONPATH")) if p))
    return subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, timeout=timeout, env=env, cwd=str(ROOT))


def _peer_measure():
    """(results, None) from the peer database, or (None, reason) when it cannot run here."""
    reason = _peer_ready()
    if reason:
        return None, reason
    sizes = tuple(int(n) for n in os.environ.get("FS_PEER_SIZES", ",".join(map(str, SIZES))).split(","))
    proc = _odoo([], command="shell", stdin=PEER_WORKER % {"sizes": sizes, "warm_up": WARM_UP, "cap": PEER_CAP_SECONDS})
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            return json.loads(line[len("BENCH_RESULT "):]), None
    return None, "the peer worker failed: %s" % proc.stdout[-1500:]


class BenchCycleGeneration(TransactionCase):

    def setUp(self):
        super().setUp()
        self.cr = self.env.cr
        quiet = self.env(context=dict(self.env.context, tracking_disable=True, no_reset_password=True))
        self.company = self.env.user.company_id
        self.technicians = quiet["hr.employee"]
        for i in range(TECHNICIANS):
            user = role_user(quiet, "bench_fs_tech_%02d" % i, "technician", name="BENCH 技师 %02d" % i)
            self.technicians |= quiet["hr.employee"].create({"name": user.name, "user_id": user.id})
        self.customers = quiet["res.partner"]
        for i in range(10):
            self.customers |= quiet["res.partner"].create({"name": "BENCH 客户 %02d" % i, "customer": True})
        self.cr.execute("SELECT 1 FROM information_schema.columns WHERE table_name = 'maintenance_equipment' "
                        "AND column_name = 'equipment_assign_to'")
        self.assign_column = bool(self.cr.fetchone())

    # ------------------------------------------------------------------
    # Arrangement by SQL (not measured)
    # ------------------------------------------------------------------
    def _insert_equipment(self, n, tag):
        extra_cols, extra_vals = ("equipment_assign_to,", "'other',") if self.assign_column else ("", "")
        self.cr.execute("""
            INSERT INTO maintenance_equipment (name, active, customer_id, site_id, technician_id, service_status,
                                               {cols} color, create_uid, create_date, write_uid, write_date)
            SELECT %(tag)s || '-' || n, TRUE, (%(customers)s)[1 + n %% 10], (%(customers)s)[1 + n %% 10],
                   (%(technicians)s)[1 + n %% {techs}], 'warranty', {vals} 0, 1, now(), 1, now()
              FROM generate_series(1, %(n)s) n
            RETURNING id, customer_id, technician_id
        """.format(cols=extra_cols, vals=extra_vals, techs=TECHNICIANS),
            {"tag": tag, "n": n, "customers": self.customers.ids, "technicians": self.technicians.ids})
        return self.cr.fetchall()

    def _insert_cycles(self, n):
        equipment = self._insert_equipment(n, "BENCH 梯 %d" % n)
        self.cr.execute("""
            INSERT INTO field_service_cycle (name, active, paused, equipment_id, partner_id, site_id, order_type,
                                             interval_days, interval_months, next_date, technician_id, with_client,
                                             company_id, create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH 5天巡检 ' || me.id, TRUE, FALSE, me.id, me.customer_id, me.customer_id, 'patrol', 5, 0,
                   %(today)s, me.technician_id, FALSE, %(company)s, 1, now(), 1, now()
              FROM maintenance_equipment me
             WHERE me.id = ANY(%(ids)s)
             ORDER BY me.id
            RETURNING id
        """, {"ids": [row[0] for row in equipment], "today": TODAY, "company": self.company.id})
        return self.env["field.service.cycle"].browse([row[0] for row in self.cr.fetchall()])

    # ------------------------------------------------------------------
    # Measurements
    # ------------------------------------------------------------------
    def _measure_ours(self, n):
        self.cr.execute("SAVEPOINT bench_ours")
        cycles = self._insert_cycles(n)
        self.env.cache.invalidate()
        queries = self.cr.sql_log_count
        start = time.perf_counter()
        orders = cycles.generate_orders(today=TODAY, until=TODAY + timedelta(days=HORIZON))
        elapsed = time.perf_counter() - start
        queries = self.cr.sql_log_count - queries
        count = len(orders)
        # what a user sees on a generated order
        sample = orders[:1]
        checks = {
            "numbered": bool(sample.name.startswith("FSO/")),
            "timer": bool(sample.sla_timer_ids),
            "created_entry": bool(sample.message_ids.filtered(lambda m: "created" in (m.body or ""))),
            "followers": len(sample.message_follower_ids),
        }
        self.cr.execute("ROLLBACK TO SAVEPOINT bench_ours")
        self.env.cache.invalidate()
        return {"n": n, "orders": count, "seconds": elapsed, "queries": queries, "checks": checks}

    def _measure_sql(self, n):
        self.cr.execute("SAVEPOINT bench_sql")
        cycles = self._insert_cycles(n)
        start = time.perf_counter()
        self.cr.execute("""
            INSERT INTO field_service_order (name, order_type, state, priority, priority_rank, cycle_id, planned_date,
                                             equipment_id, partner_id, site_id, technician_id, company_id,
                                             date_received, date_dispatched, scheduled_start, scheduled_stop,
                                             fault_level, install_stage, remote, missed, create_uid, create_date,
                                             write_uid, write_date)
            SELECT 'BENCH/' || c.id || '/' || k, c.order_type, 'dispatched', 'normal', 0, c.id,
                   c.next_date + k * c.interval_days, c.equipment_id, c.partner_id, c.site_id, c.technician_id,
                   c.company_id, now(), now(), c.next_date + k * c.interval_days + time '01:00',
                   c.next_date + k * c.interval_days + time '02:00', 'minor', 'team', FALSE, FALSE,
                   1, now(), 1, now()
              FROM field_service_cycle c CROSS JOIN generate_series(0, 5) k
             WHERE c.id = ANY(%s)
        """, (cycles.ids,))
        count = self.cr.rowcount
        elapsed = time.perf_counter() - start
        self.cr.execute("ROLLBACK TO SAVEPOINT bench_sql")
        return {"n": n, "orders": count, "seconds": elapsed, "queries": 1}

    def _measure_board(self):
        self.cr.execute("SAVEPOINT bench_board")
        equipment = self._insert_equipment(BOARD_EQUIPMENT, "BENCH 看板梯")
        now = fields.Datetime.now()
        self.cr.execute("""
            INSERT INTO field_service_order (name, order_type, state, priority, priority_rank, equipment_id,
                                             partner_id, site_id, technician_id, technician_user_id, company_id,
                                             date_received, date_dispatched, scheduled_start, scheduled_stop,
                                             fault_level, install_stage, remote, missed,
                                             create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH/BOARD/' || e.id, 'repair', 'dispatched', 'normal', 0, e.id, e.customer_id, e.customer_id,
                   e.technician_id, res.user_id, %(company)s, %(now)s, %(now)s, %(now)s,
                   %(now)s::timestamp + interval '2 hours', 'minor', 'team', FALSE, FALSE, 1, now(), 1, now()
              FROM maintenance_equipment e
              JOIN hr_employee emp ON emp.id = e.technician_id
              JOIN resource_resource res ON res.id = emp.resource_id
             WHERE e.id = ANY(%(ids)s)
            RETURNING id, technician_id
        """, {"company": self.company.id, "now": now, "ids": [row[0] for row in equipment]})
        orders = self.cr.fetchall()
        rule = self.env["aftersales.sla.rule"].get_by_code("service_arrival")
        self.cr.execute("""
            INSERT INTO aftersales_sla_timer (rule_id, res_model, res_id, start, deadline, grace_deadline,
                                              at_risk_date, state, responsible_id, company_id,
                                              create_uid, create_date, write_uid, write_date)
            SELECT %(rule)s, 'field.service.order', o.id, %(now)s, %(now)s::timestamp + interval '30 minutes',
                   %(now)s::timestamp + interval '30 minutes', %(now)s::timestamp + interval '24 minutes', 'running',
                   o.technician_id, %(company)s, 1, now(), 1, now()
              FROM unnest(%(ids)s, %(techs)s) AS o(id, technician_id)
        """, {"rule": rule.id, "now": now, "company": self.company.id,
              "ids": [row[0] for row in orders], "techs": [row[1] for row in orders]})
        # planner statistics for the new rows (both sides profit)
        self.cr.execute("ANALYZE field_service_order, aftersales_sla_timer, maintenance_equipment")
        Order = self.env["field.service.order"]
        domain = [("state", "not in", ("done", "cancel")), ("name", "like", "BENCH/BOARD/")]
        results = {}
        # kanban grouped by technician: read_group, then 40 cards per column
        self.env.cache.invalidate()
        queries, start = self.cr.sql_log_count, time.perf_counter()
        groups = Order.read_group(domain, ["technician_id"], ["technician_id"])
        cards = 0
        for group in groups:
            cards += len(Order.search_read(group["__domain"], KANBAN_FIELDS, limit=40))
        results["kanban"] = {"seconds": time.perf_counter() - start, "queries": self.cr.sql_log_count - queries,
                             "columns": len(groups), "cards": cards}
        # timeline / calendar: all open orders of the period
        self.env.cache.invalidate()
        queries, start = self.cr.sql_log_count, time.perf_counter()
        rows = Order.search_read(domain, TIMELINE_FIELDS)
        results["timeline"] = {"seconds": time.perf_counter() - start, "queries": self.cr.sql_log_count - queries,
                               "records": len(rows)}
        # baseline: the same rows in one hand-written query each (names joined, the
        # traffic light computed in SQL from the open timers)
        for key, sql in (("kanban_sql", BOARD_KANBAN_SQL), ("timeline_sql", BOARD_TIMELINE_SQL)):
            start = time.perf_counter()
            self.cr.execute(sql, {"now": now, "model": Order._name, "like": "BENCH/BOARD/%", "per_column": 40})
            results[key] = {"seconds": time.perf_counter() - start, "queries": 1, "records": len(self.cr.fetchall())}
        results["orders"] = len(orders)
        self.cr.execute("ROLLBACK TO SAVEPOINT bench_board")
        self.env.cache.invalidate()
        return results

    def test_bench_cycle_generation(self):
        assert config["db_name"], "run through pytest-odoo (scripts/test.sh --quick ...)"
        self._measure_ours(WARM_UP)
        ours = [_median(self._measure_ours, n) for n in SIZES]
        sql = [_median(self._measure_sql, n) for n in SIZES]
        peer, reason = _peer_measure()

        print("\nCycle generation: 5-day patrol over %d days (6 orders per cycle)" % HORIZON)
        for index, n in enumerate(SIZES):
            row, base = ours[index], sql[index]
            self.assertEqual(row["orders"], ORDERS_PER_CYCLE * n)
            self.assertEqual(base["orders"], ORDERS_PER_CYCLE * n)
            self.assertEqual(row["checks"]["numbered"], True)
            self.assertTrue(row["checks"]["timer"] and row["checks"]["created_entry"])
            print(_line("ours", row))
            print(_line("bare SQL", base))
            peer_row = [row for row in peer or [] if row["n"] == n]
            if peer_row:
                print(_line("peer", peer_row[0]))
            ms, queries = _per_order(row)
            ms_sql, _queries_sql = _per_order(base)
            ratio = "ours/SQL %.0fx slower" % (ms / ms_sql)
            if peer_row:
                ms_peer, queries_peer = _per_order(peer_row[0])
                ratio += "; peer/ours: %.1fx slower, %.1fx the queries" % (ms_peer / ms, queries_peer / queries)
            print("  N=%-5d %s" % (n, ratio))
            self.assertLessEqual(queries, MAX_QUERIES_PER_ORDER, "queries per generated order")
        if not peer:
            print("  peer (OCA fieldservice_recurring 11.0) not run: %s" % reason)
        (ms_small, q_small), (ms_large, q_large) = _per_order(ours[0]), _per_order(ours[1])
        sql_small, sql_large = _per_order(sql[0])[0], _per_order(sql[1])[0]
        print("  cost per order from %d to %d cycles: time x%.2f (bare SQL x%.2f, so ours/SQL x%.2f), queries x%.2f"
              % (SIZES[0], SIZES[1], ms_large / ms_small, sql_large / sql_small,
                 (ms_large / sql_large) / (ms_small / sql_small), q_large / q_small))
        self.assertLessEqual(q_large, q_small * 1.1, "queries per order stay flat with the number of cycles")

    def test_bench_dispatch_board(self):
        board = self._measure_board()
        print("\nDispatch board, %d equipment with one open order each:" % board["orders"])
        print("  kanban by technician: %d columns, %d cards: %.3f s, %d queries; one hand-written query "
              "%.3f s: ours/SQL %.1fx"
              % (board["kanban"]["columns"], board["kanban"]["cards"], board["kanban"]["seconds"],
                 board["kanban"]["queries"], board["kanban_sql"]["seconds"],
                 board["kanban"]["seconds"] / board["kanban_sql"]["seconds"]))
        print("  timeline read of all %d open orders: %.3f s, %d queries; one hand-written query %.3f s: "
              "ours/SQL %.1fx"
              % (board["timeline"]["records"], board["timeline"]["seconds"], board["timeline"]["queries"],
                 board["timeline_sql"]["seconds"], board["timeline"]["seconds"] / board["timeline_sql"]["seconds"]))
        self.assertEqual(board["timeline"]["records"], BOARD_EQUIPMENT)
        self.assertEqual(board["timeline_sql"]["records"], BOARD_EQUIPMENT)
        self.assertEqual(board["kanban_sql"]["records"], board["kanban"]["cards"])
        self.assertLessEqual(board["kanban"]["queries"], 20 + 8 * board["kanban"]["columns"])
        self.assertLessEqual(board["timeline"]["queries"], 60)
