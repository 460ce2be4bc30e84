#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Run Odoo's and OCA's own tests of the apps the suite extends (issue 19).

Called by scripts/test_standard.sh; not meant to be run by hand on a database you
care about (tests roll back, but the caller gives this a throw-away copy anyway).

How Odoo 11 runs module tests, and why this runner differs in one point:
``-u <app> --test-enable`` runs an app's at_install tests while the registry is being
loaded module by module (odoo/modules/loading.py, ``run_unit_tests`` right after the
module's data), so the code of every module that depends on the app -- the suite's
four addons -- is not loaded yet when the app's tests run: an override of
``stock.picking`` in spare_parts_depot could not break stock's at_install tests.
Here the registry is loaded completely first (all installed modules, the suite
included, nothing upgraded), then every app's at_install tests run, then every app's
post_install tests (as odoo/service/server.py does after loading), with Odoo's own
helpers (get_test_modules, runs_at_install/runs_post_install, TestStream), plus the
YAML files listed under 'test' in the app's manifest (stock still has five), each in
a transaction that is rolled back as ``load_test`` does.

Prints one summary line and the failures that are not in the known list; exit 1 when
any failure or error is not on the list (or when an app is missing or has no tests).
"""
import argparse
import logging
import os
import socket
import sys
import threading
import time
import traceback
import unittest

import odoo

_logger = logging.getLogger("standard_tests")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def read_known(path):
    """``test id | reason | evidence`` lines; '#' starts a comment line."""
    known = {}
    with open(path, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = [part.strip() for part in line.split("|")]
            if len(parts) < 3 or not all(parts[:3]):
                raise SystemExit("%s:%d: expected 'test id | reason | evidence'" % (path, number))
            known[parts[0]] = parts[1]
    return known


def short_id(test):
    """``stock.tests.test_robustness.TestRobustness.test_location_usage``; a failed
    setUpClass comes as 'setUpClass (odoo.addons.x.tests.y.Class)'."""
    ident = test.id()
    if " (" in ident and ident.endswith(")"):
        hook, owner = ident[:-1].split(" (", 1)
        ident = "%s.%s" % (owner, hook)
    return ident[len("odoo.addons."):] if ident.startswith("odoo.addons.") else ident


def last_line(text):
    lines = [line for line in (text or "").strip().splitlines() if line.strip()]
    return lines[-1].strip()[:200] if lines else ""


class Results(object):
    def __init__(self):
        self.run = 0
        self.passed = 0
        self.skipped = 0
        self.ran = set()   # test ids
        self.failed = {}   # test id -> one line

    def add(self, result):
        self.run += result.testsRun
        self.skipped += len(result.skipped)
        # a failed setUpClass comes as an _ErrorHolder, not counted in testsRun
        not_passed = {id(test) for test, _text in result.failures + result.errors + result.skipped
                      if isinstance(test, unittest.TestCase)}
        not_passed |= {id(test) for test in result.unexpectedSuccesses}
        self.passed += result.testsRun - len(not_passed)
        for test, text in result.failures + result.errors:
            self.failed[short_id(test)] = last_line(text)
        for test in result.unexpectedSuccesses:
            self.failed[short_id(test)] = "unexpected success"


def run_python_tests(app, position, results, only=()):
    from odoo.modules.module import TestStream, get_test_modules, unwrap_suite
    odoo.modules.module.current_test = app
    threading.currentThread().testing = True
    try:
        mods = get_test_modules(app)
        for mod in mods:
            tests = unwrap_suite(unittest.TestLoader().loadTestsFromModule(mod))
            tests = [t for t in tests if position(t) and (
                not only or (isinstance(t, unittest.TestCase) and short_id(t).startswith(only)))]
            suite = unittest.TestSuite(tests)
            if not suite.countTestCases():
                continue
            results.ran.update(short_id(t) for t in tests if isinstance(t, unittest.TestCase))
            _logger.info("%s running tests.", mod.__name__)
            result = unittest.TextTestRunner(verbosity=2, stream=TestStream(mod.__name__)).run(suite)
            results.add(result)
            if not result.wasSuccessful():
                _logger.error("Module %s: %d failures, %d errors",
                              app, len(result.failures), len(result.errors))
        return len(mods)
    finally:
        odoo.modules.module.current_test = None
        threading.currentThread().testing = False


def run_yaml_tests(registry, app, results):
    from odoo.modules.module import load_information_from_description_file
    from odoo.tools import assertion_report, convert_file
    files = load_information_from_description_file(app).get("test", [])
    for filename in files:
        ident = "%s/%s" % (app, filename)
        results.ran.add(ident)
        report = assertion_report.assertion_report()
        threading.currentThread().testing = True
        results.run += 1
        results.passed += 1
        try:
            with registry.cursor() as cr:
                try:
                    _logger.info("loading %s (YAML test)", ident)
                    convert_file(cr, app, filename, {}, "update", False, "test", report)
                    if report.failures:
                        results.passed -= 1
                        results.failed[ident] = "%d assertion(s) failed" % report.failures
                finally:
                    cr.rollback()
                    registry.clear_caches()
        except Exception as exc:  # a YAML test that raises: report it like unittest does
            _logger.error("ERROR: %s\n%s", ident, traceback.format_exc())
            results.passed -= 1
            results.failed[ident] = last_line("%s: %s" % (type(exc).__name__, exc))
        finally:
            threading.currentThread().testing = False
    return len(files)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--apps", required=True, help="comma-separated modules whose tests run")
    parser.add_argument("--optional-apps", default="",
                        help="comma-separated modules whose tests run when they are installed")
    parser.add_argument("--known", required=True, help="the known-failures file")
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--logfile", required=True)
    parser.add_argument("--only", default="",
                        help="comma-separated test id prefixes (investigating: e.g. stock.tests.test_move)")
    args, odoo_args = parser.parse_known_args()

    port = free_port()
    odoo.tools.config.parse_config(odoo_args + [
        "-d", args.database, "--db-filter=^%s$" % args.database, "--test-enable",
        "--workers=0", "--max-cron-threads=0", "--http-interface=127.0.0.1",
        "--http-port=%d" % port, "--logfile=%s" % args.logfile, "--log-level=info"])
    known = read_known(args.known)
    only = tuple(prefix for prefix in args.only.split(",") if prefix)
    start = time.time()
    problems = []
    results = Results()

    odoo.service.server.load_server_wide_modules()
    # HttpCase talks to a real server (odoo.tests.common reads the port at import).
    server = odoo.service.server.ThreadedServer(odoo.service.wsgi_server.application)
    server.http_spawn()
    from odoo.modules.module import runs_at_install, runs_post_install

    with odoo.api.Environment.manage():
        registry = odoo.registry(args.database)
        with registry.cursor() as cr:
            cr.execute("SELECT name FROM ir_module_module WHERE state = 'installed'")
            installed = {name for name, in cr.fetchall()}
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            env["ir.http"]._clear_routing_map()
        apps = [app for app in args.apps.split(",") if app]
        for app in apps:
            if app not in installed:
                problems.append("%s is not installed in %s" % (app, args.database))
        apps = [app for app in apps if app in installed] + [
            app for app in args.optional_apps.split(",") if app and app in installed]

        for app in apps:
            found = run_python_tests(app, runs_at_install, results, only)
            if not only:
                found += run_yaml_tests(registry, app, results)
            if not found and not only:
                problems.append("%s: no test found (did its tests package import?)" % app)
        for app in apps:
            run_python_tests(app, runs_post_install, results, only)
    server.stop()

    new = sorted(set(results.failed) - set(known))
    tolerated = sorted(set(results.failed) & set(known))
    fixed = sorted(ident for ident in known if ident in results.ran and ident not in results.failed)
    for ident in tolerated:
        print("known failure (tests/standard/known_failures.txt): %s" % ident)
    for ident in fixed:
        print("NOTE: known failure passed this time, remove it from the list if it keeps passing: %s"
              % ident)
    for ident in new:
        print("FAILED (not on the known list): %s: %s" % (ident, results.failed[ident]))
    for problem in problems:
        print("PROBLEM: %s" % problem)
    print("standard tests of %d apps: %d passed, %d failed (%d known, %d new), %d skipped in %ds (log: %s)"
          % (len(apps), results.passed, len(results.failed), len(tolerated), len(new), results.skipped,
             time.time() - start, os.path.relpath(args.logfile)))
    sys.stdout.flush()
    # Threads of the HTTP server and of Odoo's cursors: leave without waiting for them.
    os._exit(1 if new or problems else 0)


if __name__ == "__main__":
    main()
