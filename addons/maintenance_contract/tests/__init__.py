# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo's runner (odoo-bin --test-enable) runs these after the whole suite is installed;
# make test runs them with pytest-odoo (see aftersales_service/tests/odoo_runner.py).
from odoo.addons.aftersales_service.tests.odoo_runner import run_after_install

from . import test_bad_input
from . import test_contract_approval
from . import test_contract_arrears
from . import test_contract_coverage
from . import test_contract_invoicing
from . import test_contract_lifecycle
from . import test_contract_race
from . import test_contract_reports
from . import test_role_matrix

run_after_install(globals())
