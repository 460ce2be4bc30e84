# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.aftersales_service.models.roles import SUPERVISOR_GROUP


class HrEmployee(models.Model):
    """Technicians: their van depot and their installation-lead standing."""
    _inherit = "hr.employee"

    van_location_id = fields.Many2one(
        "stock.location", string="Van Depot", domain=[("usage", "=", "internal")],
        help="Stock location carried by the technician (vehicle or site box): parts "
             "replaced on site leave from here.")
    install_lead_flag = fields.Boolean(
        "Install Lead Flagged", track_visibility="onchange",
        help="Two consecutive failed installation acceptances as team lead: the procedure "
             "revokes the team-lead position (S1 第五篇 考核 五).")
    fs_order_count = fields.Integer(compute="_compute_fs_order_count", string="Service Orders")

    def _compute_fs_order_count(self):
        data = self.env["field.service.order"].read_group(
            [("technician_id", "in", self.ids), ("state", "not in", ("done", "cancel"))],
            ["technician_id"], ["technician_id"])
        counts = {d["technician_id"][0]: d["technician_id_count"] for d in data}
        for employee in self:
            employee.fs_order_count = counts.get(employee.id, 0)

    @api.constrains("van_location_id")
    def _check_van_location(self):
        for employee in self:
            if employee.van_location_id and employee.van_location_id.usage != "internal":
                raise ValidationError(_("The van depot of %s must be an internal stock location.")
                                      % employee.name)

    @api.multi
    def _check_consecutive_failures(self):
        """Flag team leads whose last two QC acceptances failed and ask their manager
        (or the supervisors) to act: 连续两次验收评审"不及格"撤销安装调试组组长职务."""
        Acceptance = self.env["field.service.acceptance"].sudo()
        for lead in self:
            last_two = Acceptance.search([("team_lead_id", "=", lead.id)], order="date desc, id desc", limit=2)
            if len(last_two) < 2 or any(a.result != "fail" for a in last_two) or lead.install_lead_flag:
                continue
            lead.sudo().install_lead_flag = True
            lead.sudo().message_post(body=_("Two consecutive failed installation acceptances (%s): the procedure "
                                            "revokes the team-lead position.")
                                     % ", ".join(last_two.mapped("order_id.name")))
            users = lead.parent_id.user_id or self.env.ref(
                SUPERVISOR_GROUP).users.filtered(
                lambda u: u.active and u.id != SUPERUSER_ID)[:1] or self.env.user
            last_two[0].order_id._document_activity(
                users, _("Team lead %s: two failed acceptances in a row") % lead.name,
                note=_("Review the team-lead position of %s (S1 第五篇 考核 五).") % lead.name)

    @api.multi
    def action_view_fs_orders(self):
        self.ensure_one()
        action = self.env.ref("field_service.field_service_order_action").read()[0]
        action["domain"] = [("technician_id", "=", self.id)]
        action["context"] = {"default_technician_id": self.id, "search_default_filter_open": 1}
        return action
