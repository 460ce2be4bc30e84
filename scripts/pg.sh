#!/usr/bin/env bash
# The project-local PostgreSQL cluster (.run/pgdata), reachable only through its
# socket in .run/pgsock: no TCP port, so several checkouts (a developer's and CI's
# clone on the same machine) never collide.
# `start` is idempotent; with PGHOST given by the caller it only checks the server.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
PGBIN=/usr/lib/postgresql/15/bin
DATA="$RUN/pgdata"

as_owner() {  # initdb/postgres refuse to run as root: use the 'postgres' account then.
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    if [[ "$LOCAL_PG" == 0 ]]; then
        pg -c 'select 1' >/dev/null || die "PostgreSQL at PGHOST=$PGHOST is not reachable as $PGUSER"
        return 0
    fi
    mkdir -p "$RUN/pgsock"
    if [[ ! -f "$DATA/PG_VERSION" ]]; then
        say "Creating the project-local PostgreSQL cluster in .run/pgdata"
        mkdir -p "$DATA"
        if [[ "$(id -u)" == 0 ]]; then chown postgres: "$DATA" "$RUN/pgsock"; fi
        as_owner "$PGBIN/initdb" -D "$DATA" -U odoo --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
            || die "initdb failed for $DATA"
        cat >> "$DATA/postgresql.conf" <<CONF
listen_addresses = ''
port = $PGPORT
unix_socket_directories = '$RUN/pgsock'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 100
CONF
    fi
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
