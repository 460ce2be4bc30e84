# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo's runner (odoo-bin --test-enable) runs these after the whole suite is installed;
# make test runs them with pytest-odoo (see aftersales_service/tests/odoo_runner.py).
from odoo.addons.aftersales_service.tests.odoo_runner import run_after_install

from . import test_bad_input
from . import test_billing
from . import test_cycle
from . import test_daily_log
from . import test_dispatch_deadlines
from . import test_installation
from . import test_reports
from . import test_role_matrix
from . import test_security
from . import test_service_report

run_after_install(globals())
