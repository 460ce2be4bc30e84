# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FieldServiceForceClose(models.TransientModel):
    """The supervisor's reason for closing an order without a complete report."""
    _name = "field.service.force.close"
    _inherit = "aftersales.reason.wizard"
    _description = "Force Close a Service Order"
    _reason_documents = "order_id"
    _reason_step = "_force_close"

    order_id = fields.Many2one("field.service.order", required=True)
    report_missing = fields.Char(related="order_id.report_missing", readonly=True)
