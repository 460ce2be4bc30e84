#!/usr/bin/env bash
# The database the upgrade test (tests/upgrade/test_upgrade.py) starts from: the four
# addons as they were in the previous commit (HEAD~1, or AFTERSALES_UPGRADE_FROM),
# extracted with `git archive` into .run/upgrade-src/ and installed from there with demo
# data and both languages, without --test-enable. The test copies it (TEMPLATE), edits
# seeded noupdate records and upgrades the copy twice to the working tree's addons.
#   scripts/build_upgrade_db.sh            build (again) from the previous commit
#   scripts/build_upgrade_db.sh --reuse    keep an existing build of the same commit (or its failure)
# The outcome is written to .run/upgrade-src/status (key=value lines) that the test
# reads: status=ready, or status=skip with the reason (shallow clone, no parent commit,
# no git), or status=failed with the log. Exit code 0 unless the build itself failed.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

reuse=0
[[ "${1:-}" == "--reuse" ]] && reuse=1
SRC="$RUN/upgrade-src"
STATUS="$SRC/status"
BASE_DB="${TEST_DB}_upgrade_base"
LOG="$RUN/log/upgrade-build.log"
FROM="${AFTERSALES_UPGRADE_FROM:-HEAD~1}"
mkdir -p "$SRC" "$RUN/log"

write_status() {  # write_status STATUS [key=value...]
    { echo "status=$1"; shift; printf '%s\n' "$@"; } >"$STATUS.tmp" && mv "$STATUS.tmp" "$STATUS"
}

skip() {
    say "Upgrade test source: skipped: $1"
    write_status skip "reason=$1"
    exit 0
}

command -v git >/dev/null || skip "git is not installed"
git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1 || skip "$ROOT is not a git checkout"
rev="$(git -C "$ROOT" rev-parse --verify -q "$FROM^{commit}" 2>/dev/null || true)"
if [[ -z "$rev" ]]; then
    if [[ "$(git -C "$ROOT" rev-parse --is-shallow-repository 2>/dev/null)" == "true" ]]; then
        skip "shallow clone: $FROM is not in the history (clone with more depth, or git fetch --unshallow)"
    fi
    skip "$FROM does not exist (first commit?)"
fi
for addon in ${ADDONS//,/ }; do
    git -C "$ROOT" cat-file -e "$rev:addons/$addon/__manifest__.py" 2>/dev/null \
        || skip "$FROM ($rev) has no addons/$addon: nothing to upgrade from"
done

if [[ "$reuse" == 1 && -f "$STATUS" ]] && grep -qx "rev=$rev" "$STATUS"; then
    if grep -qx "status=ready" "$STATUS" && db_exists "$BASE_DB"; then
        say "Upgrade test source: reusing '$BASE_DB' built from $rev"
        exit 0
    fi
    if grep -qx "status=failed" "$STATUS"; then   # do not retry within a run; rebuild without --reuse
        die "building '$BASE_DB' from $rev failed before; see $LOG"
    fi
fi

start=$(date +%s)
say "Building '$BASE_DB' from the addons of $FROM ($rev) (log: .run/log/upgrade-build.log)"
write_status building "rev=$rev"
rm -rf "$SRC/addons"
git -C "$ROOT" archive --format=tar "$rev" addons | tar -x -C "$SRC"
OLD_ADDONS="$SRC/addons"
deps="$(suite_dependencies "$OLD_ADDONS")"
tmp="${BASE_DB}__building"
pg -c "DROP DATABASE IF EXISTS \"$tmp\"" >/dev/null
old_bin=("${ODOO_BIN[@]}" -d "$tmp" --addons-path="$OLD_ADDONS" --stop-after-init --no-http --log-level=info)
: >"$LOG"
if ! "${old_bin[@]}" -i "$deps" --load-language=en_US,zh_CN >>"$LOG" 2>&1 \
   || ! "${old_bin[@]}" -i "$ADDONS" >>"$LOG" 2>&1 || [[ -n "$(real_errors "$LOG")" ]]; then
    real_errors "$LOG" | tail -20
    write_status failed "rev=$rev" "log=$LOG"
    die "installing the addons of $rev failed; see $LOG"
fi
settle_modules "$tmp"
pg -c "DROP DATABASE IF EXISTS \"$BASE_DB\"" >/dev/null
pg -c "ALTER DATABASE \"$tmp\" RENAME TO \"$BASE_DB\"" >/dev/null
rm -rf "$RUN/filestore/filestore/$BASE_DB"
if [[ -d "$RUN/filestore/filestore/$tmp" ]]; then
    mv "$RUN/filestore/filestore/$tmp" "$RUN/filestore/filestore/$BASE_DB"
fi
seconds=$(( $(date +%s) - start ))
write_status ready "rev=$rev" "db=$BASE_DB" "addons=$OLD_ADDONS" "build_seconds=$seconds"
say "Upgrade test source '$BASE_DB' (from $rev) built in ${seconds}s"
