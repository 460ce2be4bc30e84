# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    # S1 第五篇 二-(二): the department calls back (samples) the customers after repairs
    fs_callback_rate = fields.Float(
        "Callback Sampling (%)", default=30.0,
        help="Share of finished service orders that get a customer callback.")
    fs_cycle_horizon_days = fields.Integer(
        "Cycle Horizon (days)", default=30,
        help="Cycles generate their planned visits this many days ahead.")
    fs_parts_pricelist_id = fields.Many2one(
        "product.pricelist", "Parts Price List",
        help="Price list of spare parts at cost shown to customers (S1 第二篇 三-(三)-3).")

    @api.constrains("fs_callback_rate", "fs_cycle_horizon_days")
    def _check_field_service_settings(self):
        for company in self:
            if not 0 <= company.fs_callback_rate <= 100:
                raise ValidationError(_("The callback sampling rate is a percentage between 0 and 100."))
            if company.fs_cycle_horizon_days < 1:
                raise ValidationError(_("The cycle horizon must be at least one day."))
