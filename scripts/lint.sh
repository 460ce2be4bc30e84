#!/usr/bin/env bash
# flake8 over the addons and the test suites (configuration in setup.cfg).
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "flake8 addons tests scripts/odoo-bin"
"$PY" -m flake8 addons tests scripts/odoo-bin || die "flake8 found problems (above)"
