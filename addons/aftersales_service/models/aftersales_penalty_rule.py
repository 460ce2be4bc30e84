# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class AftersalesPenaltyRule(models.Model):
    """A fine or appraisal point rule from the procedures (SPEC §3.3).

    Amounts are money fined per occurrence; points are appraisal points taken
    from (penalty) or added to (bonus) the monthly score of 100.
    """
    _name = "aftersales.penalty.rule"
    _description = "Penalty / Bonus Rule"
    _order = "sequence, code"

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    rule_type = fields.Selection(
        [("penalty", "Penalty"), ("bonus", "Bonus")],
        string="Type", required=True, default="penalty")
    amount_min = fields.Monetary("Minimum Amount", currency_field="currency_id")
    amount_max = fields.Monetary("Maximum Amount", currency_field="currency_id")
    points = fields.Float(
        "Points", help="Appraisal points per occurrence (minimum when a range applies).")
    points_max = fields.Float(
        "Maximum Points", help="Upper end of a points range (e.g. 3-10); empty means fixed points.")
    variable_amount = fields.Boolean(
        help="The amount is set by the event that proposes the entry (e.g. the value of a count "
             "shortage charged to the depot keeper, S2-二-4.2), not chosen within a minimum and maximum.")
    dismissal = fields.Boolean(help="The procedure also foresees dismissal (除名).")
    source = fields.Char(help="Where the procedure states this rule (e.g. S1 第四篇 四-(二)-1).")
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "The rule code must be unique per company."),
    ]

    @api.constrains("amount_min", "amount_max", "points", "points_max")
    def _check_ranges(self):
        for rule in self:
            if rule.amount_min < 0 or rule.points < 0:
                raise ValidationError(_("Rule %s: amounts and points are magnitudes and cannot be negative.")
                                      % rule.code)
            if rule.amount_max and rule.amount_max < rule.amount_min:
                raise ValidationError(_("Rule %s: the maximum amount is below the minimum.") % rule.code)
            if rule.points_max and rule.points_max < rule.points:
                raise ValidationError(_("Rule %s: the maximum points are below the minimum.") % rule.code)

    @api.model
    def get_by_code(self, code):
        """The active rule with this code for the current company; raise if missing."""
        rules = self.search([("code", "=", code),
                             ("company_id", "in", [self.env.user.company_id.id, False])])
        # a company's own rule wins over the shared one
        rule = rules.filtered("company_id")[:1] or rules[:1]
        if not rule:
            raise ValidationError(_("No active penalty rule with code %s is configured.") % code)
        return rule
