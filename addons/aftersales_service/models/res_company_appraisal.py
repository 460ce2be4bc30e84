# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """Appraisal bonus bases per company (S1 考核标准及奖惩办法 一: 200 + 200)."""
    _inherit = "res.company"

    aftersales_bonus_service = fields.Monetary(
        "Appraisal Bonus: Service", currency_field="currency_id", default=200.0,
        help="Monthly appraisal bonus for after-sales service work at a score of 100.")
    aftersales_bonus_installation = fields.Monetary(
        "Appraisal Bonus: Installation", currency_field="currency_id", default=200.0,
        help="Monthly appraisal bonus for installation work at a score of 100.")
