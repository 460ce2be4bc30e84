# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Odoo's runner (odoo-bin --test-enable) runs these after the whole suite is installed;
# make test runs them with pytest-odoo (see aftersales_service/tests/odoo_runner.py).
from odoo.addons.aftersales_service.tests.odoo_runner import run_after_install

from . import test_appraisal
from . import test_bad_input
from . import test_callback
from . import test_complaint
from . import test_document_mixin
from . import test_form_layout
from . import test_part_atomic
from . import test_part_closing
from . import test_part_fulfilment
from . import test_part_race
from . import test_part_reports
from . import test_part_request
from . import test_penalty
from . import test_return
from . import test_role_defects
from . import test_role_matrix
from . import test_sla_followup
from . import test_sla_retry
from . import test_sla_sweep
from . import test_sla_timer
from . import test_writeoff

run_after_install(globals())
