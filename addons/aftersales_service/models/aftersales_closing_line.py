# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.tools import float_compare


class AftersalesClosingLine(models.Model):
    """One owed part (欠补件明细) on a closing (S1-4.5)."""
    _name = "aftersales.closing.line"
    _description = "Spare-part Closing Line"
    _order = "closing_id, id"

    closing_id = fields.Many2one("aftersales.closing", required=True, ondelete="cascade", index=True)
    request_line_id = fields.Many2one(
        "aftersales.part.request.line", "Request Line", required=True, ondelete="restrict", index=True)
    request_id = fields.Many2one(related="request_line_id.request_id", store=True, readonly=True)
    partner_id = fields.Many2one(related="request_line_id.partner_id", readonly=True, string="Customer")
    product_id = fields.Many2one(related="request_line_id.product_id", readonly=True, string="Part")
    route = fields.Selection(related="request_line_id.route", readonly=True)
    promised_date = fields.Date(related="request_line_id.promised_date", readonly=True)
    qty_open = fields.Float("Owed at Closing", digits=(16, 2), readonly=True)
    open_qty = fields.Float(related="request_line_id.open_qty", string="Still Owed", readonly=True)
    responsible_id = fields.Many2one("hr.employee", "Responsible")
    state = fields.Selection(
        [("open", "Owed"), ("delivered", "Delivered in Time"), ("overdue", "Overdue"),
         ("cancelled", "Request Cancelled")], default="open", required=True, readonly=True)
    penalty_id = fields.Many2one("aftersales.penalty", readonly=True, copy=False)
    company_id = fields.Many2one(related="closing_id.company_id", store=True, readonly=True)

    @api.multi
    def name_get(self):
        return [(line.id, "%s · %s · %s" % (line.closing_id.name, line.request_id.name,
                                            line.product_id.display_name)) for line in self]

    def _evaluate(self, rule, now):
        """Mark delivered or overdue; propose the penalty of each overdue line once."""
        Penalty = self.env["aftersales.penalty"].sudo()
        proposals = []
        for line in self:
            if line.request_id.state == "cancel":
                line.state = "cancelled"
            elif float_compare(line.request_line_id.open_qty, 0.0, precision_digits=2) <= 0:
                line.state = "delivered"
            else:
                line.state = "overdue"
                if not line.responsible_id or line.penalty_id:
                    continue
                proposals.append({
                    "employee_id": line.responsible_id.id,
                    "rule_id": rule.id,
                    "source_ref": "%s,%d" % (line._name, line.id),
                    "date": fields.Date.context_today(self, timestamp=now),
                    "reason": _("%s × %s for %s (request %s) still not delivered after the closing grace "
                                "ending %s (closing %s, S1-4.5).") % (
                        line.product_id.display_name, line.request_line_id.open_qty,
                        line.partner_id.display_name, line.request_id.name,
                        line.closing_id.grace_deadline, line.closing_id.name),
                })
        if proposals:
            penalties = Penalty.propose(proposals)
            by_source = {"%s,%d" % (p.source_ref._name, p.source_ref.id): p for p in penalties if p.source_ref}
            for line in self:
                penalty = by_source.get("%s,%d" % (line._name, line.id))
                if penalty:
                    line.penalty_id = penalty
        missing = self.filtered(lambda l: l.state == "overdue" and not l.responsible_id)
        for line in missing:
            line.closing_id.message_post(body=_("No responsible employee for %s: no penalty proposed.")
                                         % line.display_name)
