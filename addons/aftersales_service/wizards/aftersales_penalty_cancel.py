# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesPenaltyCancel(models.TransientModel):
    """The reason of cancelling penalties."""
    _name = "aftersales.penalty.cancel"
    _inherit = "aftersales.reason.wizard"
    _description = "Cancel Penalty"
    _reason_documents = "penalty_ids"

    penalty_ids = fields.Many2many("aftersales.penalty", string="Penalties", required=True)
