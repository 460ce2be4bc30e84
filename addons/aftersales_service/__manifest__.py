# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "After-sales Service",
    "summary": "Roles, service-level timers, approvals, penalties and appraisal, "
               "callbacks; spare-part requests, returns and complaints",
    "version": "11.0.1.0.0",
    "category": "After-sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-sales Suite Authors",
    "license": "AGPL-3",
    "application": True,
    "installable": True,
    "depends": [
        "mail",
        "resource",
        "hr",
        "stock",
        "sale_management",
        "sale_stock",
        "account_invoicing",
        "base_tier_validation",
        "report_xlsx",
    ],
    "data": [
        "security/aftersales_security.xml",
        "security/ir.model.access.csv",
        "data/aftersales_sequence_data.xml",
        "report/aftersales_report_layout.xml",
        "report/aftersales_penalty_report.xml",
        "views/aftersales_menus.xml",
    ],
    "demo": [
    ],
}
