# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class StockInventory(models.Model):
    """Monthly depot count (S2-二-2.1, S1 第三篇 四-2: count once a month).

    A shortage found by the count is a loss charged to the responsible keeper
    at HQ price (S2-二-4.2: 视人为丢失，由责任者照价赔偿), proposed as a
    ``depot_loss`` penalty.
    """
    _name = "stock.inventory"
    _inherit = ["stock.inventory", "mail.thread", "mail.activity.mixin"]

    state = fields.Selection(track_visibility="onchange")
    depot_id = fields.Many2one(
        "stock.warehouse", string="Depot", index=True, readonly=True,
        states={"draft": [("readonly", False)]}, domain=[("depot_level", "!=", False)])
    count_month = fields.Date(
        "Count Month", readonly=True, index=True,
        help="First day of the month this depot count belongs to (one count per depot and month).")
    keeper_id = fields.Many2one(
        "res.users", string="Responsible Keeper", track_visibility="onchange",
        states={"done": [("readonly", True)], "cancel": [("readonly", True)]},
        help="The keeper who counts; a shortage is charged to their employee record.")
    shortage_value = fields.Monetary(
        "Shortage Value", currency_field="currency_id", readonly=True, copy=False,
        help="Value at HQ price of the parts found missing, charged to the keeper.")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    penalty_id = fields.Many2one("aftersales.penalty", string="Loss Penalty", readonly=True, copy=False)

    _sql_constraints = [
        ("depot_month_uniq", "unique(depot_id, count_month)", "This depot already has its count for that month."),
    ]

    @api.onchange("depot_id")
    def _onchange_depot_id(self):
        if self.depot_id:
            self.location_id = self.depot_id.lot_stock_id
            self.keeper_id = self.depot_id.keeper_ids[:1]

    @api.multi
    def _schedule_keeper_activity(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        model = self.env["ir.model"]._get(self._name)
        for inventory in self.filtered("keeper_id"):
            self.env["mail.activity"].sudo().create({
                "res_model_id": model.id,
                "res_id": inventory.id,
                "activity_type_id": activity_type.id,
                "user_id": inventory.keeper_id.id,
                "summary": _("Count depot %s") % inventory.depot_id.name,
                "date_deadline": fields.Date.context_today(self),
            })

    @api.multi
    def _depot_shortages(self):
        """[(line, missing qty, value at HQ price)] of the lines counted short."""
        self.ensure_one()
        shortages = []
        for line in self.line_ids:
            rounding = line.product_id.uom_id.rounding
            missing = line.theoretical_qty - line.product_qty
            if missing > rounding / 2.0:
                shortages.append((line, missing, missing * line.product_id.hq_price))
        return shortages

    @api.multi
    def _ensure_keeper_employee(self):
        for inventory in self.filtered("depot_id"):
            keeper = inventory.keeper_id or inventory.depot_id.keeper_ids[:1]
            if not keeper:
                raise UserError(_("Count %s: set the responsible keeper of depot %s before validating.")
                                % (inventory.name, inventory.depot_id.name))
            if inventory._depot_shortages() and not inventory._keeper_employee(keeper):
                raise UserError(_(
                    "Count %s has a shortage to charge to keeper %s, who is not linked to an employee. "
                    "Link the user to an employee (Employees > user) and validate again.")
                    % (inventory.name, keeper.name))

    @api.model
    def _keeper_employee(self, user):
        return self.env["hr.employee"].sudo().search([("user_id", "=", user.id)], limit=1)

    def action_done(self):
        self._ensure_keeper_employee()
        res = super().action_done()
        self.filtered("depot_id")._charge_shortages()
        return res

    @api.multi
    def _charge_shortages(self):
        """S2-二-4.2: the shortage's value at HQ price becomes a penalty proposal on the keeper."""
        rule = self.env["aftersales.penalty.rule"].sudo().get_by_code("depot_loss")
        Penalty = self.env["aftersales.penalty"].sudo()
        for inventory in self:
            shortages = inventory._depot_shortages()
            total = inventory.currency_id.round(sum(value for __, __, value in shortages))
            inventory.shortage_value = total
            if not shortages or inventory.currency_id.is_zero(total):
                continue
            keeper = inventory.keeper_id or inventory.depot_id.keeper_ids[:1]
            employee = self._keeper_employee(keeper)
            details = "\n".join(
                _("%s: %s missing x %.2f = %.2f") % (
                    line.product_id.display_name, qty, line.product_id.hq_price, value)
                for line, qty, value in shortages)
            penalty = Penalty.propose([{
                "employee_id": employee.id,
                "rule_id": rule.id,
                "amount": total,
                "date": fields.Date.context_today(self),
                "source_ref": "%s,%d" % (inventory._name, inventory.id),
                "reason": _("Count %s of depot %s: shortage charged to the keeper at HQ price "
                            "(S2-二-4.2).\n%s") % (inventory.name, inventory.depot_id.name, details),
            }])
            inventory.penalty_id = penalty[:1]
            inventory.message_post(body=_("Shortage of %.2f at HQ price proposed as a loss charged to %s.")
                                   % (total, employee.name))

    @api.multi
    def action_view_penalty(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.penalty",
            "view_mode": "form",
            "res_id": self.penalty_id.id,
        }
