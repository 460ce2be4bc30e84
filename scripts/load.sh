#!/usr/bin/env bash
# make load: the suite under concurrent load, with faults, then integrity checks in SQL.
# Not part of `make test`. Everything runs on this machine, on 127.0.0.1 only:
#   1. a PostgreSQL cluster of its own (.run/pgdata-load, socket .run/pgsock-load), so that
#      the fault phase can restart it without touching the project's cluster;
#   2. a load database (LOAD_DB, default aftersales_load) created with CREATE DATABASE ...
#      TEMPLATE from a template in that cluster, which is a copy of the built test database
#      (AFTERSALES_TEST_DB, built first if missing) upgraded to the current code;
#   3. tests/load/setup_db.py: role users, shortened deadlines, crons every minute;
#   4. two Odoo servers on that database: A (prefork, LOAD_WORKERS_A workers + 1 cron
#      worker) and B (LOAD_WORKERS_B workers + 1 cron worker);
#      (Odoo logs its own time per request, odoo.http.rpc.request:DEBUG: the run.py's
#      server-side table);
#   5. tests/load/run.py: bounded JSON-RPC clients, a worker SIGKILLed on A and a
#      PostgreSQL restart, then the integrity checks; its exit status is ours.
# Variables: LOAD_CLIENTS (10), LOAD_DURATION (150 s of traffic), LOAD_DB, LOAD_PGPORT (54339),
# LOAD_PORT_A/B (28069/28070), LOAD_WORKERS_A/B (2/1), LOAD_FAULTS (1; 0 = no fault phase),
# LOAD_SETTLE (300: max seconds for the crons to breach every overdue timer after the traffic),
# LOAD_BACKLOG / LOAD_BACKLOG_RECEIVED (15 / 5 orders per client, see tests/load/setup_db.py).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
source scripts/run.sh  # build_db, upgrade_db (against the project's cluster)

LOAD_DB="${LOAD_DB:-aftersales_load}"
TEMPLATE_DB="${LOAD_DB}_template"
LOAD_CLIENTS="${LOAD_CLIENTS:-10}"
LOAD_DURATION="${LOAD_DURATION:-150}"
LOAD_FAULTS="${LOAD_FAULTS:-1}"
LOAD_SETTLE="${LOAD_SETTLE:-300}"
LOAD_PGPORT="${LOAD_PGPORT:-54339}"
PORT_A="${LOAD_PORT_A:-28069}"
PORT_B="${LOAD_PORT_B:-28070}"
WORKERS_A="${LOAD_WORKERS_A:-2}"
WORKERS_B="${LOAD_WORKERS_B:-1}"
LDATA="$RUN/pgdata-load"
LSOCK="$RUN/pgsock-load"
OUT="$RUN/load"
mkdir -p "$OUT" "$RUN/log"

# psql / Odoo against the load cluster
lpg() { lpgdb postgres "$@"; }
lpgdb() { local db="$1"; shift; PGOPTIONS="-c client_min_messages=warning" PGHOST="$LSOCK" PGPORT="$LOAD_PGPORT" psql -X -q -v ON_ERROR_STOP=1 -At -d "$db" "$@"; }
lodoo() { PGHOST="$LSOCK" PGPORT="$LOAD_PGPORT" "${ODOO_BIN[@]}" "$@"; }

for port in "$PORT_A" "$PORT_B" $((PORT_A + 3)) $((PORT_B + 3)); do
    port_free "$port" || die "port $port is in use; set LOAD_PORT_A / LOAD_PORT_B"
done

# ---------------------------------------------------------------- 1. the load cluster
start_cluster() {
    init_cluster "$LDATA" "$LSOCK" "$LOAD_PGPORT" "load"
    if ! as_owner "$PGBIN/pg_ctl" -D "$LDATA" status >/dev/null 2>&1; then
        say "Starting the load PostgreSQL"
        as_owner "$PGBIN/pg_ctl" -D "$LDATA" -l "$LDATA/server.log" -w -t 60 start >/dev/null \
            || die "the load PostgreSQL cannot start: $(tail -5 "$LDATA/server.log" 2>/dev/null)"
    fi
}
stop_cluster() { as_owner "$PGBIN/pg_ctl" -D "$LDATA" -m fast stop >/dev/null 2>&1 || true; }

PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
        kill -KILL "$pid" 2>/dev/null || true
    done
    stop_cluster
}
trap cleanup EXIT

scripts/pg.sh start  # the project's cluster: where the test database is built or read
start_cluster

# ---------------------------------------------------------------- 2. template and load database
if [[ "$(lpg -c "SELECT 1 FROM pg_database WHERE datname = '$TEMPLATE_DB'")" != "1" ]] \
        || [[ "$(cat "$RUN/code-load-template.sha" 2>/dev/null)" != "$(addons_hash)" ]]; then
    if ! db_ready "$TEST_DB"; then
        build_db "$TEST_DB"
    fi
    say "Copying '$TEST_DB' into the load cluster as '$TEMPLATE_DB' (then upgrading it to the current code)"
    lpg -c "DROP DATABASE IF EXISTS \"$TEMPLATE_DB\"" >/dev/null
    lpg -c "CREATE DATABASE \"$TEMPLATE_DB\"" >/dev/null
    pg_dump -Fc -d "$TEST_DB" -f "$OUT/template.dump"
    PGHOST="$LSOCK" PGPORT="$LOAD_PGPORT" pg_restore --no-owner -d "$TEMPLATE_DB" "$OUT/template.dump"
    rm -f "$OUT/template.dump"
    rm -rf "$RUN/filestore/filestore/$TEMPLATE_DB"
    if [[ -d "$RUN/filestore/filestore/$TEST_DB" ]]; then
        cp -r "$RUN/filestore/filestore/$TEST_DB" "$RUN/filestore/filestore/$TEMPLATE_DB"
    fi
    lodoo -d "$TEMPLATE_DB" -u "$ADDONS" --stop-after-init --no-http >"$RUN/log/update-$TEMPLATE_DB.log" 2>&1 \
        || { real_errors "$RUN/log/update-$TEMPLATE_DB.log" | tail -20; die "upgrading the load template failed"; }
    lpgdb "$TEMPLATE_DB" -c "UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'" >/dev/null
    addons_hash >"$RUN/code-load-template.sha"
fi
say "Creating '$LOAD_DB' from '$TEMPLATE_DB' (CREATE DATABASE ... TEMPLATE)"
lpg -c "DROP DATABASE IF EXISTS \"$LOAD_DB\"" >/dev/null
lpg -c "CREATE DATABASE \"$LOAD_DB\" TEMPLATE \"$TEMPLATE_DB\"" >/dev/null
rm -rf "$RUN/filestore/filestore/$LOAD_DB"
[[ ! -d "$RUN/filestore/filestore/$TEMPLATE_DB" ]] \
    || cp -r "$RUN/filestore/filestore/$TEMPLATE_DB" "$RUN/filestore/filestore/$LOAD_DB"

# ---------------------------------------------------------------- 3. fixtures
say "Preparing '$LOAD_DB': $LOAD_CLIENTS clients' role users, one-minute deadlines, crons every minute"
LOAD_CLIENTS="$LOAD_CLIENTS" PGHOST="$LSOCK" PGPORT="$LOAD_PGPORT" \
    "$PY" scripts/odoo-bin shell -c odoo.conf --db_user="$PGUSER" -d "$LOAD_DB" --no-http --log-level=warn \
    <tests/load/setup_db.py >"$OUT/setup.log" 2>&1 || { tail -30 "$OUT/setup.log"; die "setup_db.py failed"; }
grep '^LOAD_FIXTURES ' "$OUT/setup.log" | sed 's/^LOAD_FIXTURES //' >"$OUT/fixtures.json"
[[ -s "$OUT/fixtures.json" ]] || { tail -30 "$OUT/setup.log"; die "setup_db.py printed no fixtures"; }

# ---------------------------------------------------------------- 4. two servers on one database
start_server() {  # NAME PORT WORKERS
    local log="$OUT/server-$1.log"
    : >"$log"
    PGHOST="$LSOCK" PGPORT="$LOAD_PGPORT" "${ODOO_BIN[@]}" -d "$LOAD_DB" --db-filter="^$LOAD_DB\$" \
        --http-interface=127.0.0.1 --http-port="$2" --longpolling-port=$(($2 + 3)) \
        --workers="$3" --max-cron-threads=1 --limit-time-real=600 --log-level=info \
        --log-handler=odoo.http.rpc.request:DEBUG --logfile="$log" &
    PIDS+=("$!")
}
say "Starting server A (127.0.0.1:$PORT_A, $WORKERS_A workers + 1 cron) and B (127.0.0.1:$PORT_B, $WORKERS_B + 1)"
start_server a "$PORT_A" "$WORKERS_A"
PID_A="${PIDS[-1]}"
start_server b "$PORT_B" "$WORKERS_B"

# ---------------------------------------------------------------- 5. clients, faults, checks
PG_RESTART="$PGBIN/pg_ctl -D $LDATA -l $LDATA/server.log -m fast -w -t 60 restart"
[[ "$(id -u)" != 0 ]] || PG_RESTART="runuser -u postgres -- $PG_RESTART"
set +e
"$PY" tests/load/run.py \
    --url-a "http://127.0.0.1:$PORT_A" --url-b "http://127.0.0.1:$PORT_B" --db "$LOAD_DB" \
    --fixtures "$OUT/fixtures.json" --clients "$LOAD_CLIENTS" --duration "$LOAD_DURATION" \
    --faults "$LOAD_FAULTS" --settle "$LOAD_SETTLE" --pid-a "$PID_A" --pg-restart "$PG_RESTART" \
    --dsn "host=$LSOCK port=$LOAD_PGPORT dbname=$LOAD_DB user=$PGUSER" \
    --log "$OUT/server-a.log" --log "$OUT/server-b.log" --report "$OUT/report.json"
rc=$?
set -e
say "Server logs: .run/load/server-a.log, .run/load/server-b.log; report: .run/load/report.json"
exit "$rc"
