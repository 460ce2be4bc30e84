#!/usr/bin/env bash
# Lint: flake8 (setup.cfg) over addons and tests, then pylint-odoo (.pylintrc) over addons.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
say "flake8 addons tests scripts/odoo-bin"
"$PY" -m flake8 addons tests scripts/odoo-bin || die "flake8 found problems (above)"
say "pylint-odoo addons"
# Style opinions left out (see .pylintrc); tests may commit on their own cursors (race tests).
"$PY" -m pylint --rcfile=.pylintrc \
    --disable=translation-positional-used,attribute-string-redundant,missing-readme \
    --ignore-patterns='test_.*\.py' addons/ || die "pylint-odoo found problems (above)"
