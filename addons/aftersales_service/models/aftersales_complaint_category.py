# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesComplaintCategory(models.Model):
    """Routing of complaints by category (S1-4.14): process and technology
    issues go to the technology department, production quality to the
    quality centre, service conduct to the after-sales supervisor."""
    _name = "aftersales.complaint.category"
    _description = "Complaint Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    route = fields.Selection(
        [("technology", "Technology Department"), ("quality", "Quality Centre"),
         ("supervisor", "After-sales Supervisor")],
        required=True, default="supervisor",
        help="Who answers complaints of this category (S1-4.14).")
    department_id = fields.Many2one("hr.department", "Responsible Department")
    user_id = fields.Many2one(
        "res.users", "Responsible Person",
        help="Receives the complaints of this category; the department's manager when empty.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)

    @api.multi
    def _responsible_user(self):
        """The user a complaint of this category is routed to (may be empty)."""
        self.ensure_one()
        return self.user_id or self.department_id.manager_id.user_id
