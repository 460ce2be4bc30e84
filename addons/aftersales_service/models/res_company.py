# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # S1-4.11: where write-offs go (冲账)
    aftersales_writeoff_account_id = fields.Many2one(
        "account.account", "Write-off Account", domain=[("deprecated", "=", False)],
        help="Debited by write-offs of losses without an invoice; also the credit-note line account "
             "when a write-off names no invoice to credit.")
    aftersales_writeoff_journal_id = fields.Many2one(
        "account.journal", "Write-off Journal", domain=[("type", "=", "general")],
        help="Journal of the write-off entries of losses; the first miscellaneous journal when empty.")
    # S1-4.9: returned goods wait for inspection apart from sellable stock
    aftersales_return_location_id = fields.Many2one(
        "stock.location", "Returns Location", domain=[("usage", "=", "internal")],
        help="Where returned goods are received (return picking) before inspection.")
