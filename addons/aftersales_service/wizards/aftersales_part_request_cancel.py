# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class AftersalesPartRequestCancel(models.TransientModel):
    """The reason of cancelling spare-part requests."""
    _name = "aftersales.part.request.cancel"
    _inherit = "aftersales.reason.wizard"
    _description = "Cancel Spare-part Request"
    _reason_documents = "request_ids"

    request_ids = fields.Many2many("aftersales.part.request", string="Requests", required=True)
