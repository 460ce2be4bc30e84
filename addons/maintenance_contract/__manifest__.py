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
    "application": False,
    "installable": True,
    "depends": ["field_service"],
    "data": [
        "security/ir.model.access.csv",
        "views/maintenance_contract_menus.xml",
    ],
    "demo": [
    ],
}
