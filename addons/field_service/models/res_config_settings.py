# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    fs_callback_rate = fields.Float(related="company_id.fs_callback_rate")
    fs_cycle_horizon_days = fields.Integer(related="company_id.fs_cycle_horizon_days")
    fs_parts_pricelist_id = fields.Many2one(related="company_id.fs_parts_pricelist_id")
