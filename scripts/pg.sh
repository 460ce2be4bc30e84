#!/usr/bin/env bash
# The project-local PostgreSQL cluster (.run/pgdata), reachable only through its
# socket in .run/pgsock: no TCP port, so several checkouts (a developer's and CI's
# clone on the same machine) never collide.
# `start` is idempotent; with PGHOST given by the caller it only checks the server.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
DATA="$RUN/pgdata"

start() {
    if [[ "$LOCAL_PG" == 0 ]]; then
        pg -c 'select 1' >/dev/null || die "PostgreSQL at PGHOST=$PGHOST is not reachable as $PGUSER"
        return 0
    fi
    init_cluster "$DATA" "$RUN/pgsock" "$PGPORT" "project-local"
    if ! as_owner "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
        say "Starting PostgreSQL (socket .run/pgsock)"
        as_owner "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -t 60 start >/dev/null \
            || die "PostgreSQL cannot start: $(tail -5 "$DATA/server.log" 2>/dev/null)"
    fi
    pg -c 'select 1' >/dev/null || die "PostgreSQL started but does not answer on $PGHOST:$PGPORT"
}

stop() {
    [[ "$LOCAL_PG" == 1 && -f "$DATA/PG_VERSION" ]] || return 0
    as_owner "$PGBIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
}

case "${1:-start}" in
    start) start ;;
    stop) stop ;;
    status) as_owner "$PGBIN/pg_ctl" -D "$DATA" status ;;
    *) die "usage: pg.sh start|stop|status" ;;
esac
