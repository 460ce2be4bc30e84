#!/usr/bin/env bash
# Odoo's and OCA's own tests of every app the suite extends, run with the four addons
# installed and their demo data (issue 19). `make test` runs this before pytest.
#   scripts/test_standard.sh             on a copy of the test database ($TEST_DB, built
#                                        by `make test`), dropped afterwards
#   scripts/test_standard.sh --baseline  the same tests on a database with the same standard
#                                        apps and demo data but WITHOUT the suite: the evidence
#                                        for tests/standard/known_failures.txt
# Fails on every failure or error that is not on tests/standard/known_failures.txt.
# While investigating: AFTERSALES_STANDARD_APPS overrides the list of apps (e.g. "stock"),
# AFTERSALES_STANDARD_ONLY keeps the tests whose id starts with one of its comma-separated
# prefixes (e.g. "stock.tests.test_shipment").
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
mkdir -p "$RUN/log"

APPS="${AFTERSALES_STANDARD_APPS:-stock,stock_account,sale,sale_stock,sale_management,account,mail,portal,product,maintenance,hr,base_tier_validation,report_xlsx,web_widget_digitized_signature}"
# Run as soon as a later issue makes the suite depend on them.
OPTIONAL_APPS="purchase,hr_expense,survey"
KNOWN="$ROOT/tests/standard/known_failures.txt"

copy_db() {  # copy_db FROM TO: database and filestore
    pg -c "DROP DATABASE IF EXISTS \"$2\"" >/dev/null
    pg -c "CREATE DATABASE \"$2\" TEMPLATE \"$1\"" >/dev/null
    rm -rf "$RUN/filestore/filestore/$2"
    if [[ -d "$RUN/filestore/filestore/$1" ]]; then
        cp -r "$RUN/filestore/filestore/$1" "$RUN/filestore/filestore/$2"
    fi
}
drop_db() {
    pg -c "DROP DATABASE IF EXISTS \"$1\"" >/dev/null
    rm -rf "$RUN/filestore/filestore/$1"
}

run_tests() {  # run_tests DB: prints the summary, returns the verdict
    local db="$1" log="$RUN/log/standard-tests-$1.log"
    : >"$log"
    say "Odoo's and OCA's own tests of $APPS in '$db' (log: .run/log/standard-tests-$db.log)"
    "$PY" "$ROOT/scripts/standard_tests.py" -c "$ROOT/odoo.conf" --db_user="$PGUSER" \
        --database="$db" --apps="$APPS" --optional-apps="$OPTIONAL_APPS" --known="$KNOWN" --logfile="$log" \
        ${AFTERSALES_STANDARD_ONLY:+--only="$AFTERSALES_STANDARD_ONLY"}
}

if [[ "${1:-}" == "--baseline" ]]; then
    db="${TEST_DB}_std_baseline"
    if ! db_exists "$db"; then
        log="$RUN/log/install-$db.log"
        say "Building '$db': the suite's dependencies with demo data, without the suite (log: .run/log/install-$db.log)"
        "${ODOO_BIN[@]}" -d "$db" -i "$(suite_dependencies)" --stop-after-init --no-http \
            --load-language=en_US,zh_CN --log-level=info >"$log" 2>&1 \
            || { real_errors "$log" | tail -20; drop_db "$db"; die "installing failed; see $log"; }
        settle_modules "$db"
    fi
    run_tests "$db"
    exit $?
fi

db_ready "$TEST_DB" || die "no test database '$TEST_DB' with the four addons: run 'make test' first"
db="${TEST_DB}_std"
copy_db "$TEST_DB" "$db"
set +e
run_tests "$db"
rc=$?
set -e
drop_db "$db"
exit $rc
