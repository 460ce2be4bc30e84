# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo's runner (odoo-bin --test-enable) runs these after the whole suite is installed;
# make test runs them with pytest-odoo (see aftersales_service/tests/odoo_runner.py).
from odoo.addons.aftersales_service.tests.odoo_runner import run_after_install

from . import test_bad_input
from . import test_depot_ageing
from . import test_depot_count
from . import test_depot_defect_return
from . import test_depot_parts
from . import test_depot_replenishment
from . import test_depot_reports
from . import test_role_matrix

run_after_install(globals())
