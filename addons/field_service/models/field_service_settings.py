# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.addons.aftersales_service.models.roles import MANAGER_GROUP


class AftersalesCompanySettings(models.AbstractModel):
    """Settings of the user's company that after-sales managers own (SPEC §2: "all config").

    Odoo 11's ``res.config.settings`` is for administrators: its defaults read
    ``ir.rule`` records and its ``execute`` requires the Settings group, so an
    after-sales manager opening it gets an access error (issue 11). The
    After-sales menu opens a small form of this kind instead: it reads and
    writes only the company fields named in ``_company_fields``, for managers.
    """
    _name = "aftersales.company.settings"
    _description = "After-sales Company Settings"
    _company_fields = ()

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.user.company_id)

    @api.model
    def default_get(self, names):
        res = super().default_get(names)
        company = self.env.user.company_id.sudo()
        for name in self._company_fields:
            if name in names:
                res[name] = self._fields[name].convert_to_write(company[name], company)
        return res

    @api.multi
    def execute(self):
        self.ensure_one()
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only an after-sales manager may change these settings."))
        self.company_id.sudo().write({
            name: self._fields[name].convert_to_write(self[name], self) for name in self._company_fields})
        return {"type": "ir.actions.client", "tag": "reload"}


class FieldServiceSettings(models.TransientModel):
    _name = "field.service.settings"
    _inherit = "aftersales.company.settings"
    _description = "Field Service Settings"
    _company_fields = ("fs_callback_rate", "fs_cycle_horizon_days", "fs_parts_pricelist_id")

    fs_callback_rate = fields.Float(
        "Callback Sampling (%)", help="Share of finished service orders that get a customer callback.")
    fs_cycle_horizon_days = fields.Integer(
        "Cycle Horizon (days)", help="Cycles generate their planned visits this many days ahead.")
    fs_parts_pricelist_id = fields.Many2one(
        "product.pricelist", "Parts Price List",
        help="Price list of spare parts at cost shown to customers (S1 第二篇 三-(三)-3).")
