# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    contract_renewal_months = fields.Integer(related="company_id.contract_renewal_months")
    contract_arrears_days = fields.Integer(related="company_id.contract_arrears_days")
    contract_suspension_days = fields.Integer(related="company_id.contract_suspension_days")
    contract_archive_months = fields.Integer(related="company_id.contract_archive_months")
