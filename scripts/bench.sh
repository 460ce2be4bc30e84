#!/usr/bin/env bash
# make bench: the benchmarks in tests/benchmarks (bench_*.py), against a database
# of their own ('aftersales_bench', built once with demo data, upgraded after).
# They print timings as ratios against a baseline measured in the same run, and
# query counts; they assert query counts, never seconds. Not part of `make test`.
#   scripts/bench.sh [pytest args]   e.g. scripts/bench.sh tests/benchmarks/bench_sla_sweep.py
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
BENCH_DB="${AFTERSALES_BENCH_DB:-aftersales_bench}"
source scripts/run.sh  # for build_db
if db_ready "$BENCH_DB"; then
    say "Upgrading $ADDONS in '$BENCH_DB'"
    "${ODOO_BIN[@]}" -d "$BENCH_DB" -u "$ADDONS" --stop-after-init --no-http >"$RUN/log/update-$BENCH_DB.log" 2>&1 \
        || { real_errors "$RUN/log/update-$BENCH_DB.log" | tail -20; die "upgrade failed; see .run/log/update-$BENCH_DB.log"; }
else
    build_db "$BENCH_DB"
fi
args=("$@")
(( ${#args[@]} )) || args=(tests/benchmarks)
exec "$PY" -m pytest -p no:cacheprovider -s -o python_files='bench_*.py' \
    --odoo-config="$ROOT/odoo.conf" --odoo-database="$BENCH_DB" --odoo-log-level=warn \
    --odoo-addons-path="$ROOT/addons" "${args[@]}"
