# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import res_company
from . import res_config_settings
from . import maintenance_contract_settings
from . import maintenance_contract_type
from . import maintenance_contract
from . import maintenance_contract_line
from . import maintenance_contract_schedule
from . import maintenance_contract_consumable
from . import maintenance_record_book
from . import maintenance_customer_evaluation
from . import account_invoice
from . import product_template
from . import maintenance_equipment
from . import field_service_cycle
from . import field_service_order
