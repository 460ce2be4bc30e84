#!/usr/bin/env bash
# The suite's tests under Odoo's own runner instead of pytest-odoo (not part of make test,
# which runs the same tests once, with pytest): a fresh database 'aftersales_odoo_runner'
# where the four addons are installed with --test-enable, so that Odoo runs the tests
# their tests/__init__.py import, after the whole set is installed (post_install).
# Judged by Odoo's own verdict lines ("Module X: N failures, M errors"), not by every ERROR
# line: the bad-input tests make PostgreSQL refuse rows, which Odoo logs as "bad query".
#   scripts/test_odoo_runner.sh
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
mkdir -p "$RUN/log"
start=$(date +%s)
db="aftersales_odoo_runner" log="$RUN/log/odoo-runner.log"
pg -c "DROP DATABASE IF EXISTS \"$db\"" >/dev/null
rm -rf "$RUN/filestore/filestore/$db"
: >"$log"
say "Odoo's runner: installing the four addons with --test-enable in '$db' (log: .run/log/odoo-runner.log)"
"${ODOO_BIN[@]}" -d "$db" -i "$(suite_dependencies)" --stop-after-init --no-http --load-language=en_US,zh_CN \
    --log-level=info >>"$log" 2>&1 || die "installing the dependencies failed; see $log"
"${ODOO_BIN[@]}" -d "$db" -i "$ADDONS" --stop-after-init --no-http --test-enable \
    --log-level=info >>"$log" 2>&1 || die "installing the addons failed; see $log"
modules=$(grep -cE 'odoo\.addons\.(aftersales_service|field_service|maintenance_contract|spare_parts_depot)\.tests\.test_[a-z_]+ running tests' "$log" || true)
tests=$(grep -oE ' Ran [0-9]+ tests?' "$log" | awk '{n += $2} END {print n + 0}')
verdicts=$(grep -E 'odoo\.modules\.module: Module [a-z_]+: [0-9]+ failures, [0-9]+ errors' "$log" || true)
if [[ -n "$verdicts" ]]; then
    echo "$verdicts"
    grep -E ' (ERROR|CRITICAL) .*(FAIL|ERROR): ' "$log" | tail -20
    die "Odoo's runner: failures in $tests tests of $modules modules; see $log"
fi
(( modules > 0 )) || die "Odoo's runner ran none of the suite's tests; see $log"
say "Odoo's runner: $tests tests of $modules modules passed in $(( $(date +%s) - start ))s (log: .run/log/odoo-runner.log)"
