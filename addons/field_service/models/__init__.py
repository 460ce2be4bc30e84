# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# company settings (res.config.settings for administrators, a form for after-sales managers)
from . import res_company
from . import res_config_settings
from . import field_service_settings
# inherited core models: technicians, customer equipment
from . import hr_employee
from . import maintenance_equipment
# cycles (their orders are created by field_service_order_generation, below)
from . import field_service_cycle
# work orders: the core workflow (intake, dispatch, arrival, finish, close, cancel),
# then the same model by concern
from . import field_service_order
from . import field_service_order_deadlines
from . import field_service_order_generation
from . import field_service_order_billing
from . import field_service_order_callback
from . import field_service_order_part
from . import field_service_checklist_line
# installation
from . import field_service_order_installation
from . import field_service_acceptance
# technicians' daily logs
from . import field_service_daily_log
# inherited core models: quotations, callbacks
from . import sale_order
from . import aftersales_callback
