# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class FieldServiceAcceptance(models.Model):
    """One QC acceptance of an installation by the quality group (质量检查小组验收报告).

    Kept per attempt: the team lead's last two attempts decide the
    "two consecutive failures" flag (S1 第五篇 考核 五).
    """
    _name = "field.service.acceptance"
    _description = "Installation QC Acceptance"
    _order = "date desc, id desc"

    order_id = fields.Many2one("field.service.order", "Installation", required=True, ondelete="cascade",
                               index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    result = fields.Selection([("pass", "Passed"), ("fail", "Failed")], required=True)
    rating = fields.Selection([("excellent", "Excellent"), ("pass", "Pass"), ("fail", "Fail")], required=True)
    cause = fields.Selection(
        [("installation", "Installation Work"), ("other", "Other (product, customer, design)")],
        help="A failure caused by the installation work fines the team 300.")
    on_plan = fields.Boolean("On Plan", help="Installation finished as the work plan scheduled.")
    note = fields.Text("Acceptance Report")
    inspector_id = fields.Many2one("res.users", "Inspector")
    team_lead_id = fields.Many2one("hr.employee", "Team Lead", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, readonly=True)

    @api.multi
    def name_get(self):
        """"Order, date": the acceptance has no number (penalties cite it as their source)."""
        return [(acceptance.id, "%s, %s" % (acceptance.order_id.name or "", acceptance.date or ""))
                for acceptance in self]
