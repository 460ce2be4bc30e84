# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The suite's roles (security/aftersales_security.xml) by the groups that carry them,
for the models' own checks: one name per role, in every addon."""

SPECIALIST_GROUP = "aftersales_service.group_aftersales_user"
TECHNICIAN_GROUP = "aftersales_service.group_aftersales_technician"
KEEPER_GROUP = "aftersales_service.group_depot_keeper"
INSPECTOR_GROUP = "aftersales_service.group_qc_inspector"
SUPERVISOR_GROUP = "aftersales_service.group_aftersales_supervisor"
QUALITY_GROUP = "aftersales_service.group_quality_director"
MANAGER_GROUP = "aftersales_service.group_aftersales_manager"
ACCOUNTANT_GROUP = "account.group_account_invoice"
