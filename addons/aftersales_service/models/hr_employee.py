# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models


class HrEmployee(models.Model):
    """Smart buttons: the employee's penalties/bonuses and monthly appraisals (SPEC §3.3)."""
    _inherit = "hr.employee"

    aftersales_penalty_ids = fields.One2many("aftersales.penalty", "employee_id", string="Penalties / Bonuses")
    aftersales_appraisal_ids = fields.One2many("aftersales.appraisal", "employee_id", string="Appraisals")
    aftersales_penalty_count = fields.Integer(compute="_compute_aftersales_counts", string="Penalties")
    aftersales_appraisal_count = fields.Integer(compute="_compute_aftersales_counts", string="Appraisals")

    @api.multi
    def _compute_aftersales_counts(self):
        counts = {}
        for model, key in (("aftersales.penalty", "penalty"), ("aftersales.appraisal", "appraisal")):
            if not self.env[model].check_access_rights("read", raise_exception=False):
                continue  # e.g. an HR officer outside after-sales: no count rather than an error
            domain = [("employee_id", "in", self.ids)]
            if key == "penalty":
                domain.append(("state", "!=", "cancelled"))
            for group in self.env[model].read_group(domain, ["employee_id"], ["employee_id"]):
                counts[(key, group["employee_id"][0])] = group["employee_id_count"]
        for employee in self:
            employee.aftersales_penalty_count = counts.get(("penalty", employee.id), 0)
            employee.aftersales_appraisal_count = counts.get(("appraisal", employee.id), 0)

    @api.multi
    def action_open_aftersales_penalties(self):
        self.ensure_one()
        action = self.env.ref("aftersales_service.action_aftersales_penalty").read()[0]
        action.update({
            "name": _("Penalties / Bonuses of %s") % self.name,
            "domain": [("employee_id", "=", self.id)],
            "context": {"default_employee_id": self.id, "search_default_group_month": 1},
        })
        return action

    @api.multi
    def action_open_aftersales_appraisals(self):
        self.ensure_one()
        action = self.env.ref("aftersales_service.action_aftersales_appraisal").read()[0]
        action.update({
            "name": _("Appraisals of %s") % self.name,
            "domain": [("employee_id", "=", self.id)],
            "context": {"default_employee_id": self.id},
        })
        return action
