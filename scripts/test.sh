#!/usr/bin/env bash
# make test: lint, a fresh test database (demo data; no --test-enable: pytest runs the suite's
# tests, once), Odoo's and OCA's own
# tests of the apps the suite extends (scripts/test_standard.sh, on a copy of that database),
# then one pytest run over every suite: addon tests (pytest-odoo), PDF/scenario tests and
# the browser smoke test in tests/. Benchmarks (tests/benchmarks) are `make bench`, not here.
#   scripts/test.sh [pytest args]          what `make test` runs (fresh database)
#   scripts/test.sh --quick [pytest args]  developer loop: upgrade the addons in the
#                                          existing test database instead of rebuilding
#                                          (and skip the standard tests: run
#                                          scripts/test_standard.sh for those)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
start=$(date +%s)

quick=0
if [[ "${1:-}" == "--quick" ]]; then quick=1; shift; fi

scripts/lint.sh

source scripts/run.sh  # for build_db, upgrade_db
# The upgrade test's database (tests/upgrade/test_upgrade.py): the previous commit's
# addons, built in the background while the test database builds (one core each).
# --quick leaves it to the test, which reuses a build of the same commit; so does a run
# given paths outside tests/.
upgrade_pid=""
if [[ "$quick" == 0 ]] && { (( $# == 0 )) || [[ " $* " == *" tests"* ]]; }; then
    scripts/build_upgrade_db.sh >"$RUN/log/upgrade-build.out" 2>&1 &
    upgrade_pid=$!
fi
if [[ "$quick" == 1 ]] && db_ready "$TEST_DB"; then
    upgrade_db "$TEST_DB"
else
    build_db "$TEST_DB"
fi
if [[ -n "$upgrade_pid" ]]; then
    wait "$upgrade_pid" || true   # a failed build fails the upgrade test, with its log
    cat "$RUN/log/upgrade-build.out"
fi

set +e
std_rc=0
if [[ "$quick" == 0 ]]; then
    # before pytest, so that pytest's summary stays the last test line
    scripts/test_standard.sh
    std_rc=$?
fi

say "Running the test suites against '$TEST_DB'"
args=("$@")
(( ${#args[@]} )) || args=(addons tests)
"$PY" -m pytest -p no:cacheprovider \
    --odoo-config="$ROOT/odoo.conf" --odoo-database="$TEST_DB" --odoo-log-level=warn \
    --odoo-addons-path="$ROOT/addons" --ignore=tests/benchmarks "${args[@]}"
rc=$?
set -e
if (( std_rc != 0 )); then
    rc=1
    say "make test finished in $(( $(date +%s) - start ))s (exit $rc: Odoo's own tests failed, see 'standard tests' above)"
else
    say "make test finished in $(( $(date +%s) - start ))s (exit $rc)"
fi
exit $rc
