# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # S1 第三篇 四-2: not issued for a month -> yellow mark, for three months -> red mark
    depot_ageing_yellow_days = fields.Integer(
        "Yellow Ageing Threshold (days)", default=30,
        help="A part not issued from a depot for at least this many days is flagged yellow.")
    depot_ageing_red_days = fields.Integer(
        "Red Ageing Threshold (days)", default=90,
        help="A part not issued from a depot for at least this many days is flagged red (idle part).")

    @api.constrains("depot_ageing_yellow_days", "depot_ageing_red_days")
    def _check_depot_ageing_thresholds(self):
        for company in self:
            if not 0 < company.depot_ageing_yellow_days < company.depot_ageing_red_days:
                raise ValidationError(_(
                    "Ageing thresholds: the yellow threshold must be positive and below the red one "
                    "(now %s and %s days).") % (company.depot_ageing_yellow_days, company.depot_ageing_red_days))
