# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class FieldServiceChecklistLine(models.Model):
    """One point of the patrol sheet (巡查单, S1 第五篇 二-(三)-4): system function,
    effect of use, safety hazards; the customer signs the sheet."""
    _name = "field.service.checklist.line"
    _description = "Patrol Checklist Line"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("field.service.order", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    area = fields.Selection(
        [("function", "System Function"), ("effect", "Effect of Use"), ("hazard", "Safety Hazards")],
        required=True, default="function")
    name = fields.Char("Check", required=True, translate=False)
    result = fields.Selection([("ok", "OK"), ("fault", "Fault Found"), ("na", "Not Applicable")])
    note = fields.Char("Findings / Action")
