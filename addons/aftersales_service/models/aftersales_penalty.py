# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


class AftersalesPenalty(models.Model):
    """One fine, deduction or bonus on an employee (SPEC §3.3).

    Breaches and events only *propose* (``propose``); a supervisor or manager
    confirms or cancels with a reason. Only confirmed entries count in the
    monthly appraisal.
    """
    _name = "aftersales.penalty"
    _description = "Penalty / Bonus"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char("Number", readonly=True, copy=False, default="/")
    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    rule_id = fields.Many2one(
        "aftersales.penalty.rule", required=True, ondelete="restrict", track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    rule_type = fields.Selection(related="rule_id.rule_type", store=True, readonly=True)
    amount = fields.Monetary(
        currency_field="currency_id", track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    points = fields.Float(
        track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="Source Document", readonly=True,
        help="The document whose event or missed deadline caused this entry.")
    reason = fields.Text(required=True)
    cancel_reason = fields.Text(readonly=True, track_visibility="onchange")
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="proposed", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    @api.model
    def _selection_source_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([])]

    @api.onchange("rule_id")
    def _onchange_rule_id(self):
        if self.rule_id:
            self.amount = self.rule_id.amount_min
            self.points = self.rule_id.points

    @api.constrains("rule_id", "amount", "points")
    def _check_within_rule_limits(self):
        for penalty in self:
            rule = penalty.rule_id
            amount_max = rule.amount_max or rule.amount_min
            if penalty.amount < 0 or penalty.points < 0:
                raise ValidationError(_("Amounts and points are magnitudes: enter them without a sign."))
            if rule.amount_min or rule.amount_max:
                if not rule.amount_min <= penalty.amount <= amount_max:
                    raise ValidationError(_(
                        "Rule %s allows an amount between %.2f and %.2f, not %.2f.")
                        % (rule.name, rule.amount_min, amount_max, penalty.amount))
            elif penalty.amount:
                raise ValidationError(_("Rule %s has no fine amount.") % rule.name)
            points_max = rule.points_max or rule.points
            if (rule.points or rule.points_max) and not rule.points <= penalty.points <= points_max:
                raise ValidationError(_(
                    "Rule %s allows between %s and %s points, not %s.")
                    % (rule.name, rule.points, points_max, penalty.points))

    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            vals["name"] = self.env["ir.sequence"].next_by_code("aftersales.penalty") or "/"
        return super().create(vals)

    @api.model
    def propose(self, vals_list):
        """Propose penalties in batch; the single entry point for events and breaches.

        Each dict needs ``employee_id``, ``rule_id`` and ``reason``; it may give
        ``source_ref`` ("model,id"), ``date``, ``amount`` and ``points`` (both
        default to the rule's minimum). A proposal that already exists (same
        employee, rule and source, not cancelled) is not created again, so
        callers may propose idempotently. Returns the created penalties.
        """
        rules = self.env["aftersales.penalty.rule"].browse({v["rule_id"] for v in vals_list})
        keys = {(v["employee_id"], v["rule_id"], v.get("source_ref") or False) for v in vals_list}
        existing = set()
        if keys:
            for p in self.search_read(
                    [("employee_id", "in", list({k[0] for k in keys})),
                     ("rule_id", "in", rules.ids), ("state", "!=", "cancelled")],
                    ["employee_id", "rule_id", "source_ref"]):
                existing.add((p["employee_id"][0], p["rule_id"][0], p["source_ref"] or False))
        todo = []
        for vals in vals_list:
            key = (vals["employee_id"], vals["rule_id"], vals.get("source_ref") or False)
            if key in existing:
                continue
            existing.add(key)
            rule = rules.filtered(lambda r: r.id == vals["rule_id"])
            todo.append(dict({"amount": rule.amount_min, "points": rule.points}, **vals))
        penalties = self.browse()
        for vals in todo:
            penalties |= self.create(vals)
        return penalties

    @api.multi
    def unlink(self):
        if any(p.state != "proposed" for p in self):
            raise UserError(_("Confirmed or cancelled penalties are kept for the record; they cannot be deleted."))
        return super().unlink()
