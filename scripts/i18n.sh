#!/usr/bin/env bash
# Regenerate i18n/<module>.pot of the four addons from a database where they are
# installed (default: the test database), and merge each into i18n/zh_CN.po
# (msgmerge keeps existing translations; new terms arrive with an empty msgstr).
#   scripts/i18n.sh [database]
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
db="${1:-$TEST_DB}"
db_ready "$db" || die "database '$db' does not have the four addons installed (run make test first)"
command -v msgmerge >/dev/null || die "msgmerge missing: apt-get install gettext"
for m in ${ADDONS//,/ }; do
    pot="addons/$m/i18n/$m.pot" po="addons/$m/i18n/zh_CN.po"
    mkdir -p "addons/$m/i18n"
    # Odoo 11 wants a .po name; without --language the file is the template.
    "${ODOO_BIN[@]}" -d "$db" --i18n-export="$RUN/$m.po" --modules="$m" --stop-after-init --no-http \
        --log-level=warn 2>&1 | grep -v "Unmet dependencies" || true
    mv "$RUN/$m.po" "$pot"
    [[ -s "$pot" ]] || die "export of $m produced no $pot"
    if [[ -f "$po" ]]; then
        msgmerge --quiet --no-fuzzy-matching --no-wrap -U --backup=none "$po" "$pot"
    else
        msginit --no-translator --no-wrap -l zh_CN.UTF-8 -i "$pot" -o "$po" 2>/dev/null
        sed -i 's/^"Language: zh_CN.UTF-8\\n"/"Language: zh_CN\\n"/' "$po"
    fi
    total=$(msgattrib --no-obsolete "$po" 2>/dev/null | grep -c '^msgid "' || true)
    empty=$(msgattrib --untranslated --no-obsolete "$po" 2>/dev/null | grep -c '^msgid "' || true)
    say "$m: $pot and $po ($empty of $total untranslated, header included)"
done
