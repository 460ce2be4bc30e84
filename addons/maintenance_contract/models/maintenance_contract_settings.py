# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class MaintenanceContractSettings(models.TransientModel):
    """Contract settings of the user's company for after-sales managers (see
    ``aftersales.company.settings`` in field_service: res.config.settings is for administrators)."""
    _name = "maintenance.contract.settings"
    _inherit = "aftersales.company.settings"
    _description = "Maintenance Contract Settings"
    _company_fields = ("contract_renewal_months", "contract_arrears_days", "contract_suspension_days",
                       "contract_archive_months")

    contract_renewal_months = fields.Integer(
        "Renewal Lead (months)",
        help="Months before the end of free maintenance (warranty) or of a contract "
             "when a draft conversion/renewal contract is proposed to the salesperson.")
    contract_arrears_days = fields.Integer(
        "Arrears After (days)",
        help="Days after the due date of an unpaid contract invoice from which the branch "
             "must give a written reason and a promised collection date.")
    contract_suspension_days = fields.Integer(
        "Suspension After (days)",
        help="Days after the due date of an unpaid contract invoice after which the contract "
             "is suspended, unless the branch promised a later collection date.")
    contract_archive_months = fields.Integer(
        "Keep Records (months)",
        help="Months after the end of a contract after which its records are archived (never deleted).")
