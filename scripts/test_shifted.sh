#!/usr/bin/env bash
# The whole test suite with the clock moved to another day (issue 11: tests that hold
# on any day). Odoo, pytest and a PostgreSQL cluster of their own all run under Debian's
# libfaketime, so that Python's datetime.now()/time.time() and PostgreSQL's now() agree
# on the shifted day; then it runs what `make test` runs (scripts/test.sh: lint, a fresh
# database with demo data made relative to that day, every test).
#   scripts/test_shifted.sh 2027-01-01 [pytest args]
#   scripts/test_shifted.sh "2027-06-30 23:30:00" [pytest args]   (default time 09:00:00)
#   scripts/test_shifted.sh 2027-01-01 --quick [pytest args]   developer loop: upgrade the
#        database an earlier run built at that date instead of rebuilding it
#   make test-shifted DATE=2027-01-01
# The clock starts at DATE TIME (machine local time) when this script starts and then
# runs on; every process sees the same clock (one offset, FAKETIME="+<seconds>").
# Its cluster lives in .run/pgdata-shift with its socket in .run/pgsock-shift, and is
# stopped at the end: the normal cluster (.run/pgsock) is never touched. The database
# is 'aftersales_shift_<YYYYMMDD>' (or AFTERSALES_SHIFT_DB), one per date, so neither it
# nor its filestore collide with the normal test database.
# Not shifted: Chromium. It hangs under libfaketime, so the browser tests drive a real
# clock Chromium against the shifted Odoo server (the server decides every date there).
# Log: .run/log/test-shifted-<DATE>.log.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

[[ -n "${1:-}" ]] || die "usage: scripts/test_shifted.sh YYYY-MM-DD[ HH:MM:SS] [pytest args]"
when="$1"; shift
[[ "$when" == *" "* ]] || when="$when 09:00:00"
target="$(date -d "$when" +%s 2>/dev/null)" || die "not a date: $when"
day="$(date -d "@$target" +%F)"
quick=()
if [[ "${1:-}" == "--quick" ]]; then quick=(--quick); shift; fi

LIBFAKETIME=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
if [[ ! -f "$LIBFAKETIME" ]]; then
    [[ "$(id -u)" == 0 ]] || die "libfaketime is missing; run as root or: sudo apt-get install -y faketime libfaketime"
    say "Installing Debian packages: faketime libfaketime"
    apt-get update -qq || die "apt-get update failed"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime libfaketime >/dev/null \
        || die "apt-get install faketime libfaketime failed"
fi

mkdir -p "$RUN/log"
log="$RUN/log/test-shifted-$day${quick:+-quick}.log"
exec > >(tee "$log") 2>&1

DATA="$RUN/pgdata-shift"
SOCK="$RUN/pgsock-shift"
export PGHOST="$SOCK" PGPORT=54339 PGUSER=odoo AFTERSALES_LOCAL_PG=0
export AFTERSALES_TEST_DB="${AFTERSALES_SHIFT_DB:-aftersales_shift_${day//-/}}"
offset=$(( target - $(date +%s) ))
SHIFT=(env LD_PRELOAD="$LIBFAKETIME" FAKETIME="$(printf '%+d' "$offset")" FAKETIME_DONT_FAKE_MONOTONIC=1)

pg_stop() { as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true; }

init_cluster "$DATA" "$SOCK" "$PGPORT" "shifted-clock"
pg_stop  # a cluster left running by an earlier run keeps that run's clock
say "Starting PostgreSQL with the clock at $when (socket .run/pgsock-shift)"
as_owner "${SHIFT[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null \
    || die "PostgreSQL cannot start: $(tail -5 "$DATA/server.log" 2>/dev/null)"
trap pg_stop EXIT

# Chromium and chromedriver hang under libfaketime: the browser tests find these
# wrappers first on PATH and run them on the real clock.
mkdir -p "$RUN/shift-bin"
for b in chromium chromedriver; do
    real="$(PATH="${PATH#"$RUN/shift-bin:"}" command -v "$b" || echo "/usr/bin/$b")"
    printf '#!/bin/sh\nexec env -u LD_PRELOAD -u FAKETIME -u FAKETIME_DONT_FAKE_MONOTONIC %s "$@"\n' "$real" \
        >"$RUN/shift-bin/$b"
    chmod +x "$RUN/shift-bin/$b"
done
export PATH="$RUN/shift-bin:$PATH"

# Every clock must read the shifted day, or the run proves nothing.
seen_py="$("${SHIFT[@]}" "$PY" -c 'import datetime, time
print(datetime.date.today(), datetime.datetime.fromtimestamp(time.time()).date())')"
seen_pg="$(pg -c "SELECT now()::date || ' ' || current_date")"
say "Clocks: Python $seen_py, PostgreSQL $seen_pg (want $day)"
[[ "$seen_py" == "$day $day" && "$seen_pg" == "$day $day" ]] \
    || die "a clock is not shifted to $day (Python: $seen_py, PostgreSQL: $seen_pg)"

# PostgreSQL's lock_timeout does not fire under libfaketime (seen 2026-12-03: the race test
# of test_sla_followup.py waited 14 minutes on a row lock). A watchdog cancels any statement
# blocked on a lock for more than 60 s, so such a test fails instead of hanging the run.
(
    while sleep 15; do
        # the cancel in the select list: it runs only for the rows the WHERE kept
        { pg -d postgres -c "SELECT pid, pg_cancel_backend(pid), left(query, 100) FROM pg_stat_activity
                              WHERE pid <> pg_backend_pid() AND wait_event_type = 'Lock'
                                AND now() - query_start > interval '60 seconds'" 2>/dev/null || true; } \
            | sed 's/^/lock watchdog (lock_timeout is ineffective under libfaketime): cancelled /' || true
    done
) &
watchdog=$!
trap 'kill "$watchdog" 2>/dev/null || true; pg_stop' EXIT

say "Running the test suite with the clock at $when (log: ${log#"$ROOT/"})"
set +e
"${SHIFT[@]}" scripts/test.sh "${quick[@]}" "$@"
rc=$?
set -e
kill "$watchdog" 2>/dev/null || true
say "Shifted run at $when finished (exit $rc)"
exit $rc
