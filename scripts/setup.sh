#!/usr/bin/env bash
# Idempotent machine and project setup: Python 3.7 venv with pinned packages,
# system tools (PDF engine, CJK font, pdftotext, Chromium for the browser test),
# lessc for the web client, and a running PostgreSQL. A second run only checks.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

find_python37() {
    local c
    for c in "${PYTHON37:-}" python3.7 "$(pyenv root 2>/dev/null)/versions/3.7.16/bin/python3.7" \
             /root/.pyenv/versions/3.7.16/bin/python3.7 /usr/local/bin/python3.7 /usr/bin/python3.7; do
        [[ -n "$c" ]] || continue
        if command -v "$c" >/dev/null 2>&1 && "$c" -c 'import sys; assert sys.version_info[:2] == (3, 7)' 2>/dev/null; then
            command -v "$c"; return 0
        fi
    done
    return 1
}

# 1. System packages (Debian). Installed only when missing.
need=()
command -v wkhtmltopdf >/dev/null || need+=(wkhtmltopdf xfonts-75dpi xfonts-base)
command -v pdftotext   >/dev/null || need+=(poppler-utils)
command -v chromium    >/dev/null || need+=(chromium)
command -v chromedriver >/dev/null || need+=(chromium-driver)
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || need+=(fonts-wqy-zenhei)
command -v npm         >/dev/null || need+=(npm)
if [[ ! -x /usr/lib/postgresql/15/bin/postgres && "$LOCAL_PG" == 1 ]]; then need+=(postgresql-15); fi
command -v psql        >/dev/null || need+=(postgresql-client)
if (( ${#need[@]} )); then
    say "Installing Debian packages: ${need[*]}"
    if [[ "$(id -u)" != 0 ]]; then
        die "missing system packages (${need[*]}); run as root or: sudo apt-get install -y ${need[*]}"
    fi
    apt-get update -qq || die "apt-get update failed (no network to Debian's mirror?)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
        || die "apt-get install ${need[*]} failed"
fi

# 2. Python 3.7 virtualenv with pinned requirements (re-installed when the pins change).
PY37="$(find_python37)" || die "Python 3.7 not found: Odoo 11 needs CPython 3.5-3.7. Install it (e.g. 'pyenv install 3.7.16') or set PYTHON37=/path/to/python3.7"
stamp="$VENV/.requirements.sha"
want="$(cat requirements.txt requirements-odoo.txt requirements-test.txt | sha1sum | cut -d' ' -f1)"
if [[ ! -x "$PY" || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
    say "Creating the Python 3.7 virtualenv in .venv ($PY37)"
    [[ -x "$PY" ]] || "$PY37" -m venv "$VENV" || die "could not create the venv with $PY37"
    "$PY" -m pip install -q --disable-pip-version-check 'pip<24' 'setuptools<68' wheel 2>&1 | quiet_pip
    [[ "${PIPESTATUS[0]}" == 0 ]] || die "pip could not upgrade itself"
    "$PY" -m pip install -q --disable-pip-version-check -r requirements.txt -r requirements-test.txt 2>&1 | quiet_pip
    [[ "${PIPESTATUS[0]}" == 0 ]] || die "pip install of requirements.txt failed (see above)"
    # --no-deps: the wheels' metadata pulls suds-jurko, vatnumber, pyldap, which do not build.
    "$PY" -m pip install -q --disable-pip-version-check --no-deps -r requirements-odoo.txt 2>&1 \
        | grep -v "dependency conflicts\|requires .*which is not installed\|resolver does not currently\|is ignored: it is neither" || true
    "$PY" -c 'import odoo, odoo.addons.base_tier_validation, odoo.addons.report_xlsx' 2>/dev/null \
        || die "an Odoo wheel is missing after install (check requirements-odoo.txt against the index)"
    echo "$want" > "$stamp"
fi

# 3. lessc (the web client compiles LESS at run time; without it pages are unstyled).
if ! command -v lessc >/dev/null; then
    say "Installing lessc (npm less@3.13.1) into .run/node"
    mkdir -p "$RUN/node"
    (cd "$RUN/node" && npm install --silent --no-audit --no-fund --prefix "$RUN/node" less@3.13.1 >/dev/null) \
        || die "npm install less@3.13.1 failed"
fi

# 4. PostgreSQL.
scripts/pg.sh start
