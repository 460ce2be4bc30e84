# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test users hold one suite role and nothing else (issue 11).

The acceptance scenarios log in as each demo user with only its own role. A test
whose user also carries Inventory, Sales or Accounting groups proves nothing about
them, so the suite's tests make users only through
``aftersales_service/tests/common_roles.py:role_user``, which refuses extra groups.
This test fails the suite when any other test file grants groups by hand.
"""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELPER = ROOT / "addons" / "aftersales_service" / "tests" / "common_roles.py"
GRANTS = re.compile(r"""["']groups_id["']|groups_id\s*=|\(4,\s*self\.env\.ref\(["'][\w.]*group""")


def test_only_the_role_helper_grants_groups():
    offenders = []
    for path in sorted(ROOT.glob("addons/*/tests/**/*.py")) + sorted(ROOT.glob("tests/**/*.py")):
        if path in (HELPER, Path(__file__).resolve()):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if GRANTS.search(line) and "role-matrix: reads groups" not in line:
                offenders.append("%s:%d: %s" % (path.relative_to(ROOT), number, line.strip()))
    assert not offenders, "groups granted outside common_roles.role_user:\n" + "\n".join(offenders)
