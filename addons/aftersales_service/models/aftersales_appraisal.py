# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from .roles import ACCOUNTANT_GROUP, MANAGER_GROUP, SUPERVISOR_GROUP, TECHNICIAN_GROUP


INSTALL_FINE = "install_quality_fine"
INSTALL_REWARD = "install_quality_reward"
BASE_SCORE = 100.0


def month_bounds(day):
    """First and last day of the month of ``day`` (date or 'YYYY-MM-DD')."""
    if isinstance(day, str):
        day = fields.Date.from_string(day)
    first = date(day.year, day.month, 1)
    return first, first + relativedelta(months=1, days=-1)


class AftersalesAppraisal(models.Model):
    """Monthly appraisal of one employee (考核表, S1 考核标准及奖惩办法).

    Score = 100 − confirmed deduction points + confirmed bonus points of the
    month. The appraisal bonus (200 for service + 200 for installation by
    default, per company) is paid in proportion to the score; installation
    acceptance rewards and fines (±300) and the other confirmed fines of the
    month are added or taken off. Figures are computed while in draft and
    frozen once approved: draft → approved (manager, 分管经理审批) → done
    (paid by accounting, 会计室执行).
    """
    _name = "aftersales.appraisal"
    _description = "Monthly Appraisal"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _order = "date_from desc, employee_id"

    _draft_only = {"draft": [("readonly", False)]}

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, readonly=True, states=_draft_only,
        track_visibility="onchange")
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Department")
    date_from = fields.Date(
        "Month", required=True, index=True, readonly=True, states=_draft_only,
        default=lambda self: fields.Date.to_string(month_bounds(fields.Date.context_today(self))[0]
                                                   - relativedelta(months=1)),
        help="Any day of the month appraised; stored as its first day.")
    date_to = fields.Date("Month End", compute="_compute_date_to", store=True)
    month = fields.Char(compute="_compute_date_to", store=True, index=True, help="YYYY-MM")
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved"), ("done", "Done")],
        default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    company_id = fields.Many2one(readonly=True, states=_draft_only)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    # frozen figures (written by _compute_figures while in draft)
    deduction_points = fields.Float(readonly=True)
    bonus_points = fields.Float(readonly=True)
    score = fields.Float(readonly=True, default=BASE_SCORE, group_operator="avg", track_visibility="onchange")
    bonus_service_base = fields.Monetary(
        "Service Bonus Base", readonly=True, states=_draft_only,
        help="Full appraisal bonus for after-sales service work (S1: 200).")
    bonus_installation_base = fields.Monetary(
        "Installation Bonus Base", readonly=True, states=_draft_only,
        help="Full appraisal bonus for installation work (S1: 200).")
    bonus_forfeited = fields.Boolean(
        readonly=True, states=_draft_only, track_visibility="onchange",
        help="No appraisal bonus this month, e.g. leave over three days or work log not handed in (S1 第二篇 三).")
    forfeit_reason = fields.Char(readonly=True, states=_draft_only)
    bonus_amount = fields.Monetary("Appraisal Bonus", readonly=True, help="Bonus base × score / 100.")
    install_reward_amount = fields.Monetary("Installation Rewards", readonly=True)
    install_fine_amount = fields.Monetary("Installation Fines", readonly=True)
    install_quality_amount = fields.Monetary(
        "Installation Quality", readonly=True, help="Rewards minus fines of installation acceptances (±300 each).")
    reward_amount = fields.Monetary("Other Rewards", readonly=True)
    fine_amount = fields.Monetary("Fines", readonly=True, help="Confirmed fines of the month, installation excluded.")
    total_amount = fields.Monetary(
        "Net Amount", readonly=True, help="Appraisal bonus + installation quality + other rewards − fines.")
    penalty_count = fields.Integer("Entries", readonly=True)
    install_failed_twice = fields.Boolean(
        "Two Consecutive Failed Acceptances", readonly=True,
        help="The last two installation acceptances up to the end of the month both failed: "
             "the procedure revokes the team-lead position (S1 考核标准 五).")
    computed_on = fields.Datetime("Computed on", readonly=True)
    approved_by_id = fields.Many2one("res.users", "Approved by", readonly=True, copy=False)
    note = fields.Text()
    penalty_ids = fields.Many2many(
        "aftersales.penalty", compute="_compute_penalty_ids", string="Confirmed Entries")

    _sql_constraints = [
        ("employee_month_uniq", "unique(employee_id, date_from)",
         "There is already an appraisal of this employee for this month."),
    ]

    @api.depends("date_from")
    def _compute_date_to(self):
        for appraisal in self:
            if appraisal.date_from:
                first, last = month_bounds(appraisal.date_from)
                appraisal.date_to = fields.Date.to_string(last)
                appraisal.month = first.strftime("%Y-%m")

    @api.multi
    def _compute_penalty_ids(self):
        Penalty = self.env["aftersales.penalty"]
        for appraisal in self:
            appraisal.penalty_ids = Penalty.search(appraisal._penalty_domain())

    @api.multi
    def _penalty_domain(self):
        self.ensure_one()
        return [("employee_id", "=", self.employee_id.id), ("state", "=", "confirmed"),
                ("date", ">=", self.date_from), ("date", "<=", self.date_to)]

    @api.multi
    def name_get(self):
        return [(a.id, "%s %s" % (a.month or "", a.employee_id.name or "")) for a in self]

    @api.constrains("bonus_service_base", "bonus_installation_base")
    def _check_bases(self):
        if any(a.bonus_service_base < 0 or a.bonus_installation_base < 0 for a in self):
            raise ValidationError(_("Bonus bases cannot be negative."))

    # ------------------------------------------------------------------
    # Computation (set-based: one SQL aggregate for the whole batch)
    # ------------------------------------------------------------------
    @api.multi
    def _compute_figures(self):
        if not self:
            return
        if any(a.state != "draft" for a in self):
            raise UserError(_("Only draft appraisals are recomputed; reset it to draft first."))
        self.recompute()  # pending stored fields (rule_type, rule_code) before reading SQL
        self.env.cr.execute("""
            SELECT a.id, p.rule_type, p.rule_code = %s AS install_fine, p.rule_code = %s AS install_reward,
                   COALESCE(SUM(p.points), 0), COALESCE(SUM(p.amount), 0), COUNT(p.id)
              FROM aftersales_appraisal a
              JOIN aftersales_penalty p ON p.employee_id = a.employee_id
                                       AND p.state = 'confirmed'
                                       AND p.date BETWEEN a.date_from AND a.date_to
             WHERE a.id IN %s
          GROUP BY a.id, p.rule_type, install_fine, install_reward
        """, [INSTALL_FINE, INSTALL_REWARD, tuple(self.ids)])
        sums = {}
        for appraisal_id, rule_type, install_fine, install_reward, points, amount, count in self.env.cr.fetchall():
            data = sums.setdefault(appraisal_id, dict.fromkeys(
                ("deduction", "bonus", "fine", "reward", "install_fine", "install_reward", "count"), 0.0))
            data["count"] += count
            if rule_type == "bonus":
                data["bonus"] += points
                data["install_reward" if install_reward else "reward"] += amount
            else:
                data["deduction"] += points
                data["install_fine" if install_fine else "fine"] += amount
        failed_twice = self._install_failed_twice()
        now = fields.Datetime.now()
        for appraisal in self:
            data = sums.get(appraisal.id) or dict.fromkeys(
                ("deduction", "bonus", "fine", "reward", "install_fine", "install_reward", "count"), 0.0)
            company = appraisal.company_id
            service_base = appraisal.bonus_service_base
            install_base = appraisal.bonus_installation_base
            if not appraisal.computed_on:  # first computation: take the company's bases
                service_base = company.aftersales_bonus_service
                install_base = company.aftersales_bonus_installation
            score = BASE_SCORE - data["deduction"] + data["bonus"]
            bonus = 0.0 if appraisal.bonus_forfeited else (service_base + install_base) * max(score, 0.0) / 100.0
            bonus = appraisal.currency_id.round(bonus) if appraisal.currency_id else round(bonus, 2)
            install_quality = data["install_reward"] - data["install_fine"]
            appraisal.write({
                "deduction_points": data["deduction"],
                "bonus_points": data["bonus"],
                "score": score,
                "bonus_service_base": service_base,
                "bonus_installation_base": install_base,
                "bonus_amount": bonus,
                "install_reward_amount": data["install_reward"],
                "install_fine_amount": data["install_fine"],
                "install_quality_amount": install_quality,
                "reward_amount": data["reward"],
                "fine_amount": data["fine"],
                "total_amount": bonus + install_quality + data["reward"] - data["fine"],
                "penalty_count": int(data["count"]),
                "install_failed_twice": failed_twice.get(appraisal.id, False),
                "computed_on": now,
            })

    @api.multi
    def _install_failed_twice(self):
        """{appraisal id: True} when the employee's last two installation
        acceptances up to the month end both failed."""
        history = {}
        for month_end in set(self.mapped("date_to")):
            batch = self.filtered(lambda a: a.date_to == month_end)
            results = self._install_acceptance_history(batch.mapped("employee_id"), month_end)
            for appraisal in batch:
                last_two = results.get(appraisal.employee_id.id, [])[:2]
                history[appraisal.id] = len(last_two) == 2 and all(r == "fail" for r in last_two)
        return history

    @api.model
    def _install_acceptance_history(self, employees, until):
        """Installation acceptance results per employee, latest first:
        {employee id: ['fail' | 'excellent', ...]} (at most two each).

        Base: the confirmed ``install_quality_fine`` (fail) and
        ``install_quality_reward`` (excellent) entries up to ``until``.
        Field service may extend this with its own acceptance records.
        """
        if not employees:
            return {}
        self.env.cr.execute("""
            SELECT employee_id, rule_code FROM (
                SELECT employee_id, rule_code,
                       row_number() OVER (PARTITION BY employee_id ORDER BY date DESC, id DESC) AS rank
                  FROM aftersales_penalty
                 WHERE employee_id IN %s AND state = 'confirmed' AND date <= %s AND rule_code IN %s
            ) last WHERE rank <= 2 ORDER BY employee_id, rank
        """, [tuple(employees.ids), until, (INSTALL_FINE, INSTALL_REWARD)])
        history = {}
        for employee_id, code in self.env.cr.fetchall():
            history.setdefault(employee_id, []).append("fail" if code == INSTALL_FINE else "excellent")
        return history

    # ------------------------------------------------------------------
    # Preparation of a month (cron and wizard)
    # ------------------------------------------------------------------
    @api.model
    def _appraisal_employees(self, date_from, date_to):
        """Employees with after-sales activity in the month: any penalty or
        bonus entry (not cancelled), a callback about them, or a user in the
        technician group. Higher modules add theirs (e.g. work orders)."""
        self.env.cr.execute("""
            SELECT employee_id FROM aftersales_penalty
             WHERE date BETWEEN %(from)s AND %(to)s AND state != 'cancelled'
            UNION
            SELECT employee_id FROM aftersales_callback
             WHERE employee_id IS NOT NULL AND date >= %(from)s AND date < %(to)s::date + 1
        """, {"from": date_from, "to": date_to})
        ids = {row[0] for row in self.env.cr.fetchall()}
        technicians = self.env.ref(TECHNICIAN_GROUP).users
        ids |= set(self.env["hr.employee"].sudo().search([("user_id", "in", technicians.ids)]).ids)
        return self.env["hr.employee"].sudo().browse(sorted(ids))

    @api.model
    def prepare_month(self, day=None):
        """Create the missing draft appraisals of the month of ``day`` (default:
        the previous month, S1: 每月月初对上月工作进行考核) and recompute the
        drafts of that month. Idempotent: one appraisal per employee and
        month (unique constraint); drafts locked by another run are skipped.
        Returns the month's appraisals."""
        if not day:
            day = month_bounds(fields.Date.context_today(self))[0] - relativedelta(months=1)
        first, last = month_bounds(day)
        date_from, date_to = fields.Date.to_string(first), fields.Date.to_string(last)
        employees = self._appraisal_employees(date_from, date_to)
        existing = self.search([("date_from", "=", date_from)])
        missing = employees - existing.mapped("employee_id")
        for employee in missing:
            self.create({
                "employee_id": employee.id,
                "date_from": date_from,
                "company_id": (employee.company_id or self.env.user.company_id).id,
            })
        # S1 has the work done by the 10th: recompute what is still draft, skipping
        # rows another run (or a user) holds
        self.env.cr.execute("""
            SELECT id FROM aftersales_appraisal WHERE date_from = %s AND state = 'draft'
               FOR UPDATE SKIP LOCKED
        """, [date_from])
        drafts = self.browse([row[0] for row in self.env.cr.fetchall()])
        drafts._compute_figures()
        return self.search([("date_from", "=", date_from)])

    @api.model
    def _cron_prepare_month(self):
        self.sudo().prepare_month()

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @api.multi
    def action_recompute(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(_("Only after-sales supervisors compute appraisals."))
        self._compute_figures()
        return True

    @api.multi
    def action_approve(self):
        """S1 考核执行程序: the department's sheet goes to the manager for approval."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only an after-sales manager approves appraisals."))
        if any(a.state != "draft" for a in self):
            raise UserError(_("Only draft appraisals can be approved."))
        self._compute_figures()
        self.write({"state": "approved", "approved_by_id": self.env.user.id})
        return True

    @api.multi
    def action_done(self):
        """Accounting pays the approved appraisal (会计室执行)."""
        user = self.env.user
        if not (user.has_group(MANAGER_GROUP) or user.has_group(ACCOUNTANT_GROUP)):
            raise AccessError(_("Only accounting or an after-sales manager marks appraisals as paid."))
        if any(a.state != "approved" for a in self):
            raise UserError(_("Only approved appraisals can be marked done."))
        self.write({"state": "done"})
        return True

    @api.multi
    def action_reset_draft(self):
        if not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(_("Only an after-sales manager reopens an approved appraisal."))
        if any(a.state != "approved" for a in self):
            raise UserError(_("Only approved (not yet paid) appraisals can be reset to draft."))
        self.write({"state": "draft", "approved_by_id": False})
        return True

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("date_from"):
            vals["date_from"] = fields.Date.to_string(month_bounds(vals["date_from"])[0])
        appraisal = super().create(vals)
        appraisal._compute_figures()
        return appraisal

    @api.multi
    def write(self, vals):
        if vals.get("date_from"):
            vals["date_from"] = fields.Date.to_string(month_bounds(vals["date_from"])[0])
        return super().write(vals)
