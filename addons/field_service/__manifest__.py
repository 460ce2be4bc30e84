# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Field Service",
    "summary": "Customer equipment, repair/installation/patrol orders, dispatch deadlines, reports, cycles",
    "version": "11.0.1.0.0",
    "category": "After-sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-sales Suite Authors",
    "license": "AGPL-3",
    "application": False,
    "installable": True,
    "depends": ["spare_parts_depot", "maintenance"],
    "data": [
        "security/ir.model.access.csv",
        "views/field_service_menus.xml",
    ],
    "demo": [
    ],
}
