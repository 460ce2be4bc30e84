# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Summary lines of the robustness suites at the end of the pytest run (issue 14): how many
bad-input cases (addons/*/tests/test_bad_input.py) were refused as expected, and the upgrade
test's figures (tests/upgrade). Loaded when tests/ is collected, as `make test` does."""
import json
from pathlib import Path

RESULT = Path(__file__).resolve().parents[1] / ".run" / "upgrade-result.json"


def pytest_terminal_summary(terminalreporter):
    stats = terminalreporter.stats
    cases = {"passed": 0, "failed": 0, "xfailed": 0}
    upgrade_ran = False
    for outcome in cases:
        for report in stats.get(outcome, []):
            if "test_bad_input.py::" in report.nodeid and "::test_bad_input_" in report.nodeid:
                if report.when == "call" or outcome == "xfailed":
                    cases[outcome] += 1
    for outcome in ("passed", "failed", "error", "skipped"):
        upgrade_ran |= any("tests/upgrade/" in report.nodeid for report in stats.get(outcome, []))
    if sum(cases.values()):
        terminalreporter.write_line(
            "bad-input cases: %(passed)d refused as expected, %(failed)d not, "
            "%(xfailed)d known defects (expected failures)" % cases)
    if upgrade_ran and RESULT.exists():
        result = json.loads(RESULT.read_text())
        runs = result.get("runs", [])
        terminalreporter.write_line(
            "upgrade test: from %s, %d tables / %d rows, build %.0fs, edit + 2 upgrades %.0fs (%s)" % (
                result.get("from", "?")[:10], result.get("tables", 0), result.get("rows", 0),
                result.get("build_seconds", 0), result.get("seconds", 0),
                ", ".join("upgrade %d: %.0fs, exit %s, %d errors" % (n, r["seconds"], r["exit"], len(r["errors"]))
                          for n, r in enumerate(runs, 1))))
