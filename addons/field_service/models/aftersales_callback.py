# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models


class AftersalesCallback(models.Model):
    _inherit = "aftersales.callback"

    @api.multi
    def _on_dissatisfied(self):
        """A dissatisfied customer after a service order: a rework order linked to it,
        followed by the supervisor from start to end, and the appraisal deduction
        for the technician (S1 第五篇 二-(二); 考核 6: 电话回访客户不满意, 2-5 分)."""
        res = super()._on_dissatisfied()
        Order = self.env["field.service.order"].sudo()
        rule = self.env["aftersales.penalty.rule"].sudo().search([("code", "=", "pts_complaint")], limit=1)
        penalties = []
        for callback in self:
            source = callback.source_ref
            if not source or source._name != Order._name:
                continue
            order = Order.browse(source.id)
            rework = order._create_rework(callback)
            supervisor = callback._dissatisfied_supervisor()
            rework._document_activity(
                supervisor, _("Follow the rework of %s to the end") % order.name,
                note=_("Customer %s was dissatisfied (%s/5) on callback %s.")
                % (callback.partner_id.display_name, callback.satisfaction, callback.name))
            if rule and order.technician_id:
                penalties.append({
                    "employee_id": order.technician_id.id,
                    "rule_id": rule.id,
                    "reason": _("Customer dissatisfied on callback %s about order %s.") % (callback.name, order.name),
                    "source_ref": "%s,%s" % (callback._name, callback.id),
                })
        if penalties:
            self.env["aftersales.penalty"].sudo().propose(penalties)
        return res
