# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Maintenance Contracts",
    "summary": "Paid maintenance contracts: conversion, pricing approval, renewal, invoicing, arrears and suspension",
    "version": "11.0.1.0.0",
    "category": "After-sales",
    "website": "https://github.com/aftersales-suite/aftersales",
    "author": "After-sales Suite Authors",
    "license": "AGPL-3",
    "depends": ["field_service"],
    "data": [
        # security
        "security/ir.model.access.csv",
        "security/maintenance_contract_security.xml",
        # contracts: numbering, fee product, contract types, pricing approval tier
        "data/maintenance_contract_sequence_data.xml",
        "data/maintenance_contract_data.xml",
        # scheduled jobs of every concern: renewal and conversion proposals, invoicing,
        # arrears, end of term, Friday callbacks, archiving
        "data/maintenance_contract_cron.xml",
        # printed forms: contract, pricing approval, maintenance record, customer evaluation
        "report/maintenance_contract_reports.xml",
        # contracts and the records kept under them (the contract form's buttons open the
        # records' actions: these come first)
        "views/maintenance_contract_type_views.xml",
        "views/maintenance_record_book_views.xml",
        "views/maintenance_customer_evaluation_views.xml",
        "views/maintenance_contract_consumable_views.xml",
        "views/maintenance_contract_views.xml",
        # schedules, billing and arrears
        "views/maintenance_contract_schedule_views.xml",
        "wizards/maintenance_contract_arrears_wizard_views.xml",
        # inherited core models
        "views/account_invoice_views.xml",
        "views/maintenance_equipment_views.xml",
        "views/res_config_settings_views.xml",
        # menus (last: they open the actions above)
        "views/maintenance_contract_menus.xml",
    ],
    "demo": [
        "demo/maintenance_contract_demo.xml",
    ],
    "installable": True,
}
