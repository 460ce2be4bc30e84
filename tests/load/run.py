# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Load runner of ``make load`` (started by scripts/load.sh, which starts the servers).

Phases: traffic (clients on servers A and B, crons every minute), the fault
phase inside the traffic (SIGKILL of one worker of server A, then a
PostgreSQL restart), the settle phase (the sweep catches up by itself: no
intervention), the integrity checks. Prints per operation calls, errors (in
and outside the fault windows), p50/p95 and the ratio of the p95 to Odoo's
own sale order in the same run; then the integrity counts. Exit status 1 on
any integrity failure, 0 otherwise. Every loop is bounded in count and time.
"""
import argparse
import calendar
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime

import psutil
import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import integrity  # noqa: E402
from rpc import RpcError, Session, wait_until_up  # noqa: E402
from scenarios import BASELINE, Client  # noqa: E402

ROLES = ("specialist", "supervisor", "director", "keeper", "technician", "sales_all")
MAX_ITERATIONS = 100000   # per client; the duration ends the loop long before
LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d+) \d+ (ERROR|CRITICAL) ")
# Odoo's own timing of each JSON request in the worker (odoo/http.py JsonRequest.dispatch, logged
# when the servers run with --log-handler=odoo.http.rpc.request:DEBUG): the time the operation
# costs in the server, without the wait in the HTTP queue of a busy 2-core machine.
RPC_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d),(\d+) \d+ DEBUG \S+ odoo\.http\.rpc\.request: "
                      r"(\w+): (\S+) (\S+): time:([\d.]+)s")
# the sale-order request each kind of suite request is compared with, server side
SERVER_BASELINE = {"create": ("call_kw", "sale.order", "create"), "write": ("call_kw", "sale.order", "create"),
                   "button": ("call_button", "sale.order", "action_confirm"),
                   "read": ("search_read", "sale.order", "None"),
                   "default_get": ("call_kw", "sale.order", "default_get")}


def server_key(func, args):
    """The request as Odoo's rpc.request log names it: (endpoint, model, method)."""
    name = getattr(func, "__name__", "")
    if name == "call":
        return ("call_kw", args[0], args[1])
    if name == "read":
        return ("call_kw", args[0], "read")
    if name == "button":
        return ("call_button", args[0], args[1])
    if name == "search_read":
        return ("search_read", args[0], "None")
    return None


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


class Runner:

    def __init__(self, args, fixtures):
        self.args = args
        self.fixtures = fixtures
        self.tag = "LOAD%s" % datetime.utcnow().strftime("%H%M%S")
        self.lock = threading.Lock()
        self.calls = defaultdict(list)      # op -> [(start, end, ok, error kind, message)]
        self.kinds = {}
        self.rows = defaultdict(list)       # list reads: rows per page
        self.server_keys = defaultdict(set)  # (endpoint, model, method) as Odoo logs it -> ops
        self.reported = defaultdict(dict)   # model -> {marker: id}
        self.attempts = defaultdict(set)    # model -> markers sent
        self.reached_states = defaultdict(dict)
        self.abandoned_docs = []
        self.windows = []                   # (label, start, end) monotonic
        self.last_ok = {}                   # id(session) -> end of its last successful call
        self.fault_notes = []
        self.stop_event = threading.Event()
        self.park_seconds = args.park
        self.started = None
        self.pr_creator = "specialist"
        self.traffic_end = None

    # ------------------------------------------------------------ bookkeeping (thread-safe)
    def measure(self, client, name, kind, func, *args, **kwargs):
        session = getattr(func, "__self__", None)
        key = server_key(func, args)
        if key:
            with self.lock:
                self.server_keys[key].add(name)
        start = time.monotonic()
        try:
            result = func(*args, **kwargs)
        except RpcError as exc:
            end = time.monotonic()
            logged_out = exc.kind == "odoo.http.SessionExpiredException" or exc.message.startswith("HTTP 404")
            with self.lock:
                # Odoo (http.Root.dispatch) logs a session out when the first request after a
                # PostgreSQL restart meets a dead pooled connection: that failure is the fault's,
                # even if the session was idle until after the window.
                caused = logged_out and any(
                    label.startswith("PostgreSQL") and self.last_ok.get(id(session), 0) < w_start
                    for label, w_start, _w_end in self.windows)
                self.kinds[name] = kind
                self.calls[name].append((start, end, False, exc.kind, exc.message[:300],
                                         getattr(session, "login", "?"), caused))
            if logged_out and session is not None:
                self.relogin(session)
            raise
        end = time.monotonic()
        with self.lock:
            self.kinds[name] = kind
            self.calls[name].append((start, end, True, None, None, None, False))
            if isinstance(result, dict) and "records" in result:  # a list page: how many rows it showed
                self.rows[name].append(len(result["records"]))
            self.last_ok[id(session)] = end
        return result

    def relogin(self, session):
        """The web client shows the login page: the user logs in again (counted)."""
        try:
            self.measure(None, "relogin", "login", session.authenticate)
        except RpcError:
            pass

    def attempt(self, model, marker):
        with self.lock:
            self.attempts[model].add(marker)

    def created(self, model, marker, record_id):
        with self.lock:
            self.reported[model][marker] = record_id

    def reached(self, model, record_id, state):
        with self.lock:
            self.reached_states[model][record_id] = state

    def abandoned(self, what):
        with self.lock:
            self.abandoned_docs.append(what)

    def parking_open(self):
        # a document parked now must be resumed before the traffic ends
        return time.monotonic() + self.park_seconds < self.traffic_end - 5

    def stopping(self):
        return self.stop_event.is_set()

    def pause(self):
        time.sleep(random.uniform(0.02, 0.15))

    def cycle_days(self):
        # every client extends the same cycles' horizon at once: they race on each day
        return 31 + int((time.monotonic() - self.started) // 15)

    # ------------------------------------------------------------ faults
    def in_window(self, start, end):
        return any(start <= w_end and end >= w_start for _label, w_start, w_end in self.windows)

    def probe(self, session, timeout=90.0):
        """First successful database-touching call after a fault (bounded)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and not self.stop_event.is_set():
            try:
                session.search_read("res.partner", [], ["name"], limit=1)
                return time.monotonic()
            except RpcError as exc:
                time.sleep(0.5)
                if exc.kind == "odoo.http.SessionExpiredException" or exc.message.startswith("HTTP 404"):
                    try:
                        session.authenticate()
                    except RpcError:
                        pass
        return None

    def fault_phase(self, probes):
        duration = self.args.duration
        plan = [(0.35, "SIGKILL of a worker of server A", self.kill_worker),
                (0.65, "PostgreSQL restart", self.restart_pg)]
        for share, label, action in plan:
            at = self.started + duration * share
            while time.monotonic() < at:
                if self.stop_event.wait(min(1.0, max(0.0, at - time.monotonic()))):
                    return
            start = time.monotonic()
            note = action()
            recovered = [self.probe(session) for session in probes]
            if all(recovered):
                end = max(recovered) + self.args.fault_grace
                self.fault_notes.append("%s (%s): recovered by itself in %.1f s"
                                        % (label, note, max(recovered) - start))
            else:
                end = time.monotonic() + self.args.fault_grace
                self.fault_notes.append("%s (%s): NOT recovered within 90 s" % (label, note))
            with self.lock:
                self.windows.append((label, start - 0.5, end))

    def kill_worker(self):
        master = psutil.Process(self.args.pid_a)
        children = [c for c in master.children() if "gevent" not in " ".join(c.cmdline())]
        if not children:
            return "no worker found"
        victim = max(children, key=lambda c: sum(c.cpu_times()[:2]))
        os.kill(victim.pid, signal.SIGKILL)
        return "pid %d, the busiest of %d worker processes" % (victim.pid, len(children))

    def restart_pg(self):
        started = time.monotonic()
        proc = subprocess.run(self.args.pg_restart, shell=True, timeout=120,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        return "pg_ctl restart exit %d in %.1f s" % (proc.returncode, time.monotonic() - started)

    # ------------------------------------------------------------ phases
    def sessions_for(self, index, fixture):
        sessions = {}
        for number, role in enumerate(ROLES):
            url = self.args.url_b if (index + number) % 3 == 0 else self.args.url_a
            login = fixture["logins"][role]
            session = Session(url, self.args.db, login, login, timeout=self.args.timeout)
            session.authenticate()
            sessions[role] = session
        other = self.fixtures["clients"][(index + 1) % len(self.fixtures["clients"])]["logins"]["supervisor"]
        sessions["reviewer"] = Session(self.args.url_a, self.args.db, other, other, timeout=self.args.timeout)
        sessions["reviewer"].authenticate()
        return sessions

    def probe_pr_creator(self, client):
        """Spare-part requests are the specialist's; if the role cannot create one, say so (a
        role defect, not a load result) and let the client's supervisor create them."""
        fixture = client.fx
        marker = "%s-probe" % self.tag
        try:
            self.attempt("aftersales.part.request", marker)
            record_id = client.s["specialist"].call("aftersales.part.request", "create", {
                "partner_id": fixture["customer"], "reason": "production_defect",
                "consumer_name": marker, "responsible_id": fixture["employee_specialist"],
                "line_ids": [[0, 0, {"product_id": self.fixtures["part"], "qty": 1,
                                     "product_uom_id": self.fixtures["part_uom"], "route": "stock"}]]})
            self.created("aftersales.part.request", marker, record_id)
            return "specialist"
        except RpcError as exc:
            print("ROLE DEFECT: a specialist (base.group_user + After-sales Specialist) cannot create a "
                  "spare-part request: %s: %s" % (exc.kind, " ".join(exc.message.split())[:200]))
            print("             part requests of this run are created by the client's supervisor, "
                  "reviewed by another client's supervisor")
            return "supervisor"

    def run(self):
        wait_until_up(self.args.url_a)
        wait_until_up(self.args.url_b)
        clients = []
        for fixture in self.fixtures["clients"][:self.args.clients]:
            sessions = self.sessions_for(fixture["index"], fixture)
            clients.append(Client(self, fixture["index"], fixture, sessions, random.Random(fixture["index"])))
        self.pr_creator = self.probe_pr_creator(clients[0])
        probe_fixture = self.fixtures["clients"][0]
        probes = []
        for url in (self.args.url_a, self.args.url_b):
            session = Session(url, self.args.db, probe_fixture["logins"]["supervisor"],
                              probe_fixture["logins"]["supervisor"], timeout=10)
            session.authenticate()
            probes.append(session)
        self.started = time.monotonic()
        self.traffic_end = self.started + self.args.duration
        print("Traffic: %d clients for %d s on %s and %s (tag %s)" % (
            len(clients), self.args.duration, self.args.url_a, self.args.url_b, self.tag), flush=True)
        threads = [threading.Thread(target=c.run, args=(MAX_ITERATIONS, self.traffic_end), daemon=True)
                   for c in clients]
        if self.args.faults:
            threads.append(threading.Thread(target=self.fault_phase, args=(probes,), daemon=True))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=self.args.duration + 2 * self.args.timeout + 200)
        self.stop_event.set()
        self.traffic_end = time.monotonic()
        return clients

    def settle(self, cr):
        """Wait (bounded) until every deadline started during the traffic has passed and the
        crons have breached all overdue running timers by themselves."""
        deadline = time.monotonic() + self.args.settle
        earliest = self.traffic_end + 65
        overdue = None
        while time.monotonic() < deadline:
            cr.connection.rollback()
            overdue = integrity.overdue_running(cr)
            if time.monotonic() >= earliest and overdue == 0:
                return 0, time.monotonic() - self.traffic_end
            time.sleep(3)
        return overdue, time.monotonic() - self.traffic_end

    def log_errors(self):
        """ERROR/CRITICAL lines of the server logs, in and outside the fault windows."""
        offset = time.time() - time.monotonic()
        inside, outside, retried = 0, [], 0
        for path in self.args.log:
            if not os.path.exists(path):
                continue
            with open(path, errors="replace") as handle:
                lines = handle.readlines()
            for number, line in enumerate(lines):
                match = LOG_LINE.match(line)
                if not match or "Unmet dependencies" in line:
                    continue
                if any("SERIALIZATION_FAILURE, retry" in following for following in lines[number + 1:number + 5]):
                    retried += 1  # Odoo retries the whole request by itself: not an error for anyone
                    continue
                # Odoo runs with TZ=UTC (odoo/__init__.py): its log times are UTC; to the millisecond
                # (a line logged 0.8 s into a fault window's first second is inside it)
                when = (calendar.timegm(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S"))
                        + int(match.group(2)) / 1000.0 - offset)
                if self.in_window(when - 1, when):
                    inside += 1
                else:
                    outside.append("%s: %s" % (os.path.basename(path), line.strip()[:220]))
        return inside, outside, retried

    def server_times(self):
        """Odoo's own timing of each request, per (endpoint, model, method), outside the fault windows."""
        offset = time.time() - time.monotonic()
        times, in_fault = defaultdict(list), 0
        for path in self.args.log:
            if not os.path.exists(path):
                continue
            with open(path, errors="replace") as handle:
                for line in handle:
                    match = RPC_LINE.match(line)
                    if not match:
                        continue
                    end = (calendar.timegm(time.strptime(match.group(1), "%Y-%m-%d %H:%M:%S"))
                           + int(match.group(2)) / 1000.0 - offset)
                    took = float(match.group(6))
                    if self.in_window(end - took, end):
                        in_fault += 1
                        continue
                    if self.started and end - took >= self.started and end <= self.traffic_end:
                        times[match.group(3, 4, 5)].append(took)
        return times, in_fault


def report_operations(runner):
    rows = []
    baseline = {}
    for name, calls in runner.calls.items():
        # a call that overlaps a fault window waited for the fault: not the operation's cost
        ok = [call[1] - call[0] for call in calls if call[2] and not runner.in_window(call[0], call[1])]
        errors = [(start, end, kind, msg, login, caused) for start, end, good, kind, msg, login, caused in calls
                  if not good]
        in_fault = [e for e in errors if e[5] or runner.in_window(e[0], e[1])]
        outside = [e for e in errors if not (e[5] or runner.in_window(e[0], e[1]))]
        p50, p95 = percentile(ok, 0.50), percentile(ok, 0.95)
        rows.append((name, runner.kinds[name], len(calls), len(in_fault), outside, p50, p95))
        if name.startswith("so."):
            baseline[name] = p95
    print("\n%-20s %-11s %6s %6s %7s %8s %8s %5s  %s" % (
        "operation", "kind", "calls", "fault", "other", "p50 ms", "p95 ms", "rows",
        "p95 / Odoo's sale order (same kind)"))
    worst = []
    for name, kind, count, in_fault, outside, p50, p95 in sorted(rows):
        base_name = BASELINE.get(kind)
        ratio = ""
        if not name.startswith("so.") and p95 and baseline.get(base_name):
            value = p95 / baseline[base_name]
            worst.append((value, name, base_name))
            ratio = "%.2fx %s%s" % (value, base_name, "  (> 1.5x)" if value > 1.5 else "")
        rows_seen = runner.rows.get(name)
        print("%-20s %-11s %6d %6d %7d %8s %8s %5s  %s" % (
            name, kind, count, in_fault, len(outside), "%.0f" % (p50 * 1000) if p50 else "-",
            "%.0f" % (p95 * 1000) if p95 else "-",
            "%.0f" % (sum(rows_seen) / float(len(rows_seen))) if rows_seen else "", ratio))
    other_errors = [(name, e) for name, _k, _c, _f, outside, _p, _q in rows for e in outside]
    return worst, other_errors


def report_server_times(runner):
    """The same operations timed by Odoo in the worker (no HTTP queue), against the sale order's."""
    times, in_fault = runner.server_times()
    if not times:
        print("\nNo server-side timings in the logs (servers not started with "
              "--log-handler=odoo.http.rpc.request:DEBUG)")
        return []
    print("\nServer side (Odoo's own time per request in the worker, odoo.http.rpc.request; "
          "%d requests inside the fault windows left out)" % in_fault)
    print("%-46s %-11s %6s %8s %8s  %s" % (
        "request (operations)", "kind", "calls", "p50 ms", "p95 ms", "p95 / Odoo's sale order (same kind)"))
    worst = []
    for key in sorted(runner.server_keys, key=lambda k: sorted(runner.server_keys[k])):
        names = sorted(runner.server_keys[key])
        values = times.get(key) or []
        kind = runner.kinds.get(names[0], "?")
        p50, p95 = percentile(values, 0.50), percentile(values, 0.95)
        ratio = ""
        base = SERVER_BASELINE.get(kind)
        base_p95 = percentile(times.get(base) or [], 0.95) if base else None
        if key[1] != "sale.order" and p95 and base_p95:
            value = p95 / base_p95
            worst.append((value, "+".join(names), "%s %s" % (base[0], base[2])))
            ratio = "%.2fx so %s%s" % (value, base[2], "  (> 1.5x)" if value > 1.5 else "")
        print("%-46s %-11s %6d %8s %8s  %s" % (
            ("%s %s (%s)" % (key[2] if key[2] != "None" else key[0], key[1], "+".join(names)))[:46], kind,
            len(values), "%.0f" % (p50 * 1000) if p50 else "-", "%.0f" % (p95 * 1000) if p95 else "-", ratio))
    return worst


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url-a", required=True)
    parser.add_argument("--url-b", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--fixtures", required=True)
    parser.add_argument("--dsn", required=True)
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--duration", type=int, default=150, help="seconds of traffic")
    parser.add_argument("--park", type=int, default=70, help="seconds a parked document waits (> 1-minute deadlines)")
    parser.add_argument("--settle", type=int, default=240, help="max seconds for the crons to catch up")
    parser.add_argument("--timeout", type=float, default=60.0, help="per call")
    parser.add_argument("--faults", type=int, default=1)
    parser.add_argument("--fault-grace", type=float, default=5.0,
                        help="seconds after recovery still counted in the fault window")
    parser.add_argument("--pid-a", type=int, default=0)
    parser.add_argument("--pg-restart", default="")
    parser.add_argument("--log", action="append", default=[])
    parser.add_argument("--report", default="")
    args = parser.parse_args()
    with open(args.fixtures) as handle:
        fixtures = json.load(handle)
    runner = Runner(args, fixtures)
    runner.run()
    print("Traffic done in %.0f s; documents abandoned after a failed step: %d"
          % (runner.traffic_end - runner.started, len(runner.abandoned_docs)), flush=True)
    for note in runner.fault_notes:
        print("Fault: " + note)
    for label, start, end in runner.windows:
        print("Fault window: %s from %.0f s to %.0f s" % (label, start - runner.started, end - runner.started))

    connection = None
    for _attempt in range(30):  # the database may still be restarting
        try:
            connection = psycopg2.connect(args.dsn)
            break
        except psycopg2.OperationalError:
            time.sleep(2)
    if connection is None:
        print("Cannot connect to the load database for the checks")
        return 1
    cr = connection.cursor()
    overdue, waited = runner.settle(cr)
    print("Settle: %s overdue running timers left after %.0f s (the crons alone breach them)"
          % (overdue, waited), flush=True)

    worst, other_errors = report_operations(runner)
    if other_errors:
        print("\nErrors OUTSIDE the fault windows: %d" % len(other_errors))
        seen = defaultdict(list)
        for name, (start, _e, kind, msg, login, _caused) in other_errors:
            seen[(name, kind, " ".join((msg or "").split())[:160])].append((start - runner.started, login))
        for (name, kind, msg), hits in sorted(seen.items(), key=lambda item: -len(item[1]))[:12]:
            print("  %4d x %s: %s: %s (first at %.0f s, %s)" % (
                len(hits), name, kind, msg, min(h[0] for h in hits), ", ".join(sorted({h[1] for h in hits}))))
    else:
        print("\nErrors outside the fault windows: 0")
    if worst:
        value, name, base_name = max(worst)
        print("Slowest suite operation against Odoo's sale order, as the client waits: %s at %.2fx the p95 "
              "of %s (target <= 1.5x)" % (name, value, base_name))
    server_worst = report_server_times(runner)
    if server_worst:
        value, name, base_name = max(server_worst)
        over = sum(1 for item in server_worst if item[0] > 1.5)
        print("Slowest suite request against Odoo's sale order, in the server: %s at %.2fx the p95 of %s; "
              "%d of %d requests over 1.5x (target <= 1.5x)" % (name, value, base_name, over, len(server_worst)))
    inside, outside_logs, retried = runner.log_errors()
    print("Server log ERROR lines: %d inside the fault windows, %d outside; %d concurrent-update failures "
          "retried by Odoo itself (not counted)" % (inside, len(outside_logs), retried))
    for line in outside_logs[:8]:
        print("  " + line)

    # ------------------------------------------------------------ integrity
    connection.rollback()
    failures = {}
    print("\nIntegrity (0 = sound)")

    def show(label, result, failing=True):
        count, samples = result
        print("  %-66s %6d%s" % (label, count, ("   e.g. %s" % (samples[:3],)) if count else ""))
        if failing and count:
            failures[label] = count

    show("duplicate document numbers", integrity.check_duplicate_numbers(cr))
    show("duplicate open timers per (res_model, res_id, rule)", integrity.check_duplicate_timers(cr))
    show("breaches whose actions failed (breach_error)", integrity.check_breach_errors(cr))
    show("breaches without their activity", integrity.check_breach_activities(cr))
    show("breaches without their penalty proposal", integrity.check_breach_penalties(cr))
    show("duplicate generated visits (cycle, planned date)", integrity.check_duplicate_visits(cr))
    show("duplicate penalty proposals (employee, rule, source)", integrity.check_duplicate_penalties(cr))
    for label, result in integrity.check_half_created(cr, runner.tag).items():
        show("half-created: " + label, result)
    clients = integrity.check_clients(cr, runner.tag, runner.reported, runner.attempts, runner.reached_states)
    for model, result in clients.items():
        print("  %-28s told %5d, rows %5d" % (model, result["told"], result["rows"]))
        show("    lost (created for the client, no such row)", result["lost"])
        show("    phantom (row no client was told about)", result["phantom"])
        show("    state lost (row behind the state a client saw)", result["state_lost"])
    print("  breaches by rule (count, with breach_error): %s" % ", ".join(
        "%s %d/%d" % row for row in integrity.breach_counts(cr)))
    if overdue:
        failures["overdue running timers not breached by the crons"] = overdue
    summary = {"tag": runner.tag, "failures": failures, "faults": runner.fault_notes,
               "errors_outside_fault_windows": len(other_errors),
               "operations": {name: {"calls": len(calls), "errors": sum(1 for c in calls if not c[2]),
                                     "p50": percentile([c[1] - c[0] for c in calls if c[2]], 0.5),
                                     "p95": percentile([c[1] - c[0] for c in calls if c[2]], 0.95)}
                              for name, calls in runner.calls.items()}}
    if args.report:
        with open(args.report, "w") as handle:
            json.dump(summary, handle, indent=1, default=str)
    if failures:
        print("\nINTEGRITY FAILED: " + "; ".join("%s: %d" % item for item in failures.items()))
        return 1
    print("\nIntegrity sound.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
