# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FieldServiceCycle(models.Model):
    """A cycle created (or taken over) by a contract line belongs to it: it is paused
    while the contract is suspended and archived when the contract ends."""
    _inherit = "field.service.cycle"

    contract_line_id = fields.Many2one(
        "maintenance.contract.line", "Contract Line", index=True, ondelete="set null", readonly=True)
    contract_id = fields.Many2one(
        related="contract_line_id.contract_id", store=True, readonly=True, string="Contract")
