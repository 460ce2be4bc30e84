# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import depot_stock_ageing
from . import depot_parts_list_xlsx
from . import depot_ledger_xlsx
