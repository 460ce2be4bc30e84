#!/usr/bin/env bash
# The suite's tests under Odoo's own runner instead of pytest-odoo (not part of make test,
# which runs the same tests once, with pytest): a fresh database 'aftersales_odoo_runner'
# where the four addons are installed with --test-enable, so that Odoo runs the tests
# their tests/__init__.py import, after the whole set is installed (post_install).
# Fails on any failed test (Odoo logs them at ERROR level).
#   scripts/test_odoo_runner.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
source scripts/run.sh  # for build_db
start=$(date +%s)
db="aftersales_odoo_runner"
build_db "$db" --test-enable
log="$RUN/log/install-$db.log"
modules=$(grep -cE 'odoo\.addons\.(aftersales_service|field_service|maintenance_contract|spare_parts_depot)\.tests\.test_[a-z_]+ running tests' "$log" || true)
tests=$(grep -oE ' Ran [0-9]+ tests?' "$log" | awk '{n += $2} END {print n + 0}')
say "Odoo's runner: $tests tests of $modules modules passed in $(( $(date +%s) - start ))s (log: .run/log/install-$db.log)"
