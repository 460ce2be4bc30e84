# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# Depots on Odoo's warehouses, locations, stock moves and counts (inherited core models)
from . import res_company
from . import res_config_settings
from . import res_users
from . import stock_warehouse
from . import stock_location
from . import product_template
from . import stock_move
from . import stock_picking
from . import stock_inventory
from . import procurement_group
from . import sale_order
from . import sale_order_line

# The depots' documents: paid replenishment (S2-二-4), defective-part returns (S2-二-7)
from . import depot_replenishment
from . import depot_replenishment_line
from . import depot_defect_return
from . import depot_defect_return_line
