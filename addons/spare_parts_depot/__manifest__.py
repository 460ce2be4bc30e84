# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Spare-part Depots",
    "summary": "Depot levels and value caps, bins, stock ageing, counts, paid replenishment, defective returns",
    "version": "11.0.1.0.0",
    "category": "After-sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-sales Suite Authors",
    "license": "AGPL-3",
    "depends": ["aftersales_service", "stock_account"],
    "data": [
        # access and numbering
        "security/ir.model.access.csv",
        "security/spare_parts_depot_security.xml",
        "data/depot_sequence_data.xml",
        "data/depot_data.xml",
        # printed forms, the depot ledger and the stock ageing (statistics)
        "report/depot_reports.xml",
        "wizards/depot_ledger_wizard_views.xml",
        "report/depot_stock_ageing_views.xml",
        # depots on Odoo's warehouses, locations, counts and parts (inherited core models)
        "views/stock_warehouse_views.xml",
        "views/product_template_views.xml",
        "views/stock_location_views.xml",
        "views/stock_inventory_views.xml",
        "views/sale_order_views.xml",
        "views/res_config_settings_views.xml",
        # the depots' documents: paid replenishment, defective-part returns
        "views/depot_replenishment_views.xml",
        "views/depot_defect_return_views.xml",
        # menus last: they open the actions above
        "views/spare_parts_depot_menus.xml",
    ],
    "demo": [
        "demo/spare_parts_depot_demo.xml",
    ],
    "installable": True,
}
