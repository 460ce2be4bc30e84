# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# settings
from . import res_company
from . import res_config_settings
from . import maintenance_contract_settings
# contracts: the document and its lifecycle first (it defines the model the others extend)
from . import maintenance_contract_type
from . import maintenance_contract
from . import maintenance_contract_line
from . import maintenance_contract_arrears
from . import maintenance_contract_callback
# schedules and billing
from . import maintenance_contract_billing
from . import maintenance_contract_schedule
# renewal and conversion
from . import maintenance_contract_renewal
from . import maintenance_contract_conversion
# records kept under the contracts
from . import maintenance_contract_records
from . import maintenance_contract_consumable
from . import maintenance_record_book
from . import maintenance_customer_evaluation
# inherited core models
from . import account_invoice
from . import product_template
from . import maintenance_equipment
from . import field_service_cycle
from . import field_service_order
