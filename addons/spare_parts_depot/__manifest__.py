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
    "application": False,
    "installable": True,
    "depends": ["aftersales_service"],
    "data": [
        "security/ir.model.access.csv",
        "views/spare_parts_depot_menus.xml",
    ],
    "demo": [
    ],
}
