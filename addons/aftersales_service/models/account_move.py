# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.multi
    def post(self, *args, **kwargs):
        res = super().post(*args, **kwargs)
        # write-offs of losses without an invoice close when their entry is posted
        writeoffs = self.env["aftersales.writeoff"].sudo().search(
            [("move_id", "in", self.ids), ("state", "=", "approved")])
        writeoffs._on_accounting_posted()
        return res
