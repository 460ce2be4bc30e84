# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import maintenance_contract_arrears_wizard
