#!/usr/bin/env bash
# make bench: the benchmarks in tests/benchmarks (bench_*.py), against a database
# of their own ('aftersales_bench', built once with demo data, upgraded after).
# They print timings as ratios against a baseline measured in the same run, and
# query counts; they assert query counts, never seconds. Not part of `make test`.
#   scripts/bench.sh [pytest args]   e.g. scripts/bench.sh tests/benchmarks/bench_sla_sweep.py
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
BENCH_DB="${AFTERSALES_BENCH_DB:-aftersales_bench}"
# The OCA field-service peer (bench_cycle_generation.py) needs PostGIS in the local
# cluster; without it that benchmark says so and measures ours and bare SQL only.
if [[ "$LOCAL_PG" == 1 && ! -e /usr/share/postgresql/15/extension/postgis.control && "$(id -u)" == 0 ]]; then
    say "Installing PostGIS for the OCA field-service peer (Debian postgresql-15-postgis-3)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15-postgis-3 >/dev/null \
        || say "PostGIS could not be installed: the field-service peer will not run"
fi
source scripts/run.sh  # for build_db, upgrade_db
if ! db_ready "$BENCH_DB"; then
    build_db "$BENCH_DB"
elif code_changed "$BENCH_DB"; then
    upgrade_db "$BENCH_DB"
fi
args=("$@")
(( ${#args[@]} )) || args=(tests/benchmarks)
exec "$PY" -m pytest -p no:cacheprovider -s -o python_files='bench_*.py' \
    --odoo-config="$ROOT/odoo.conf" --odoo-database="$BENCH_DB" --odoo-log-level=warn \
    --odoo-addons-path="$ROOT/addons" "${args[@]}"
