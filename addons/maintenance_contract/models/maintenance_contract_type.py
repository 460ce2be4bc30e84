# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class MaintenanceContractType(models.Model):
    """Kind of paid maintenance (passenger elevator, escalator, ...).

    Gives the defaults of a new contract: the invoiced service product, the
    coverage terms and the maintenance cycles its lines create (S2-一-1.3.5:
    patrol every 5 days, lubrication every 15 days).
    """
    _name = "maintenance.contract.type"
    _description = "Maintenance Contract Type"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_id = fields.Many2one(
        "product.product", "Invoiced Service", required=True, ondelete="restrict",
        domain=[("type", "=", "service")],
        help="Service product put on the customer invoices of the maintenance fee (its taxes apply).")
    standard_fee = fields.Monetary(
        "Standard Annual Fee", currency_field="currency_id",
        help="Fee scale (取费标准): annual fee per equipment proposed by default; the pricing "
             "approval form shows the agreed fee against it.")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    coverage = fields.Selection(
        [("labour", "Labour free, parts charged"),
         ("full", "Labour and parts free")],
        default="labour", required=True,
        help="What work orders on covered equipment do not charge to the customer.")
    patrol_interval = fields.Integer(
        "Patrol Every (days)", default=5,
        help="S2-一-1.3.5: patrol cycle created for each equipment of the contract; 0 = none.")
    lubrication_interval = fields.Integer(
        "Lubrication Every (days)", default=15,
        help="S2-一-1.3.5: lubrication cycle created for each equipment of the contract; 0 = none.")
    billing = fields.Selection(
        [("one_off", "One-off"), ("quarterly", "Quarterly"), ("monthly", "Monthly")],
        "Default Billing", default="quarterly", required=True)
    term_months = fields.Integer("Default Term (months)", default=12)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)

    @api.constrains("patrol_interval", "lubrication_interval", "term_months")
    def _check_intervals(self):
        for ctype in self:
            if ctype.patrol_interval < 0 or ctype.lubrication_interval < 0:
                raise ValidationError(_("Cycle intervals are days: enter 0 (no cycle) or more."))
            if ctype.term_months <= 0:
                raise ValidationError(_("The default term of a contract must be at least one month."))
