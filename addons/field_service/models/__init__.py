# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import field_service_settings
from . import hr_employee
from . import maintenance_equipment
from . import field_service_cycle
from . import field_service_order
from . import field_service_order_part
from . import field_service_checklist_line
from . import field_service_acceptance
from . import field_service_daily_log
from . import field_service_report
from . import sale_order
from . import aftersales_callback
