# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesLoadingListGenerate(models.TransientModel):
    """Make the day's loading lists from the ready requests (S1-4.7)."""
    _name = "aftersales.loading.list.generate"
    _description = "Make Loading Lists"

    date = fields.Date("Loading Date", required=True, default=fields.Date.context_today)

    @api.multi
    def action_generate(self):
        self.ensure_one()
        lists = self.env["aftersales.loading.list"].generate(self.date)
        if not lists:
            raise UserError(_("No ready request is waiting to be loaded by %s.") % self.date)
        action = self.env.ref("aftersales_service.aftersales_loading_list_action").read()[0]
        action["domain"] = [("id", "in", lists.ids)]
        return action
