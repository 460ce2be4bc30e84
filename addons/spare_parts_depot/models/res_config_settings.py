# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    depot_ageing_yellow_days = fields.Integer(
        related="company_id.depot_ageing_yellow_days", readonly=False)
    depot_ageing_red_days = fields.Integer(
        related="company_id.depot_ageing_red_days", readonly=False)
