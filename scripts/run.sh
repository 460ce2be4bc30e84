#!/usr/bin/env bash
# Serve the demo database: create it once (all four addons, demo data), then start
# the web client. A database is built under a temporary name and renamed only when
# the install succeeded, so a failed install never leaves a healthy-looking database.
#   scripts/run.sh            create if missing, then serve
#   scripts/run.sh --update   upgrade the four addons in the existing database (no serve)
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
mkdir -p "$RUN/log"

build_db() {  # build_db NAME [extra odoo args for the addons step...]
    # Step 1 installs what the addons depend on; step 2 installs the four addons
    # (with the extra args, e.g. --test-enable, which then apply to them only and
    # not to the tests of Odoo's own modules).
    local name="$1"; shift
    local tmp="${name}__building" log="$RUN/log/install-$name.log"
    pg -c "DROP DATABASE IF EXISTS \"$tmp\"" >/dev/null
    say "Building database '$name' with demo data (log: .run/log/install-$name.log)"
    local deps
    deps="$(suite_dependencies)"
    : >"$log"
    if ! "${ODOO_BIN[@]}" -d "$tmp" -i "$deps" --stop-after-init --no-http --load-language=en_US,zh_CN \
            --log-level=info >>"$log" 2>&1 \
       || ! "${ODOO_BIN[@]}" -d "$tmp" -i "$ADDONS" --stop-after-init --no-http \
            --log-level=info "$@" >>"$log" 2>&1; then
        real_errors "$log" | tail -20
        die "installing the addons failed; see $log (database '$name' left untouched)"
    fi
    if [[ -n "$(real_errors "$log")" ]]; then
        real_errors "$log" | tail -20
        die "the install logged errors; see $log (database '$name' left untouched)"
    fi
    settle_modules "$tmp"
    pg -c "DROP DATABASE IF EXISTS \"$name\"" >/dev/null
    pg -c "ALTER DATABASE \"$tmp\" RENAME TO \"$name\"" >/dev/null
    stamp_code "$name"
    # The filestore follows the database name.
    if [[ -d "$RUN/filestore/filestore/$tmp" ]]; then
        rm -rf "$RUN/filestore/filestore/$name"
        mv "$RUN/filestore/filestore/$tmp" "$RUN/filestore/filestore/$name"
    fi
}

upgrade_db() {  # upgrade_db NAME: the four addons, from the current code
    local name="$1" log="$RUN/log/update-$1.log"
    say "Upgrading $ADDONS in '$name' (log: .run/log/update-$name.log)"
    "${ODOO_BIN[@]}" -d "$name" -u "$ADDONS" --stop-after-init --no-http >"$log" 2>&1 \
        || { real_errors "$log" | tail -20; die "upgrade failed; see $log"; }
    settle_modules "$name"
    stamp_code "$name"
}

if [[ "${1:-}" == "--update" ]]; then
    db_ready "$DEMO_DB" || die "no demo database yet: run 'make run' first"
    upgrade_db "$DEMO_DB"
    say "Upgraded."
    exit 0
fi

[[ "${BASH_SOURCE[0]}" == "$0" ]] || return 0   # sourced by test.sh for build_db

port_free "$HTTP_PORT" || die "port $HTTP_PORT is already in use (another Odoo?); stop it or set AFTERSALES_HTTP_PORT"
if ! db_ready "$DEMO_DB"; then
    db_exists "$DEMO_DB" && say "Database '$DEMO_DB' is incomplete: rebuilding it"
    build_db "$DEMO_DB"
elif code_changed "$DEMO_DB"; then
    say "The addon code changed since '$DEMO_DB' was built or upgraded"
    upgrade_db "$DEMO_DB"
else
    say "Database '$DEMO_DB' is ready and matches the addon code"
    settle_modules "$DEMO_DB"  # databases built before this step existed
fi
say "Serving http://127.0.0.1:$HTTP_PORT/web/login  (login admin / password admin)  Ctrl-C stops"
exec "${ODOO_BIN[@]}" -d "$DEMO_DB" --http-port="$HTTP_PORT" --db-filter="^$DEMO_DB\$"
