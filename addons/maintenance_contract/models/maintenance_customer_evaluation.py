# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

SCORES = [("1", "1 - Very poor"), ("2", "2 - Poor"), ("3", "3 - Fair"), ("4", "4 - Good"), ("5", "5 - Excellent")]
SCORE_FIELDS = ("score_attitude", "score_response", "score_quality", "score_condition", "score_cleanliness")


class MaintenanceCustomerEvaluation(models.Model):
    """用户评价表 — the customer's yearly evaluation of the maintenance of a project
    (S2-一-2.2.5: one per project per 12 months; S2-一-1.3.6: used to appraise the workers)."""
    _name = "maintenance.customer.evaluation"
    _description = "Customer Evaluation"
    _inherit = ["aftersales.document", "mail.thread"]
    _document_deletable_states = ()
    _order = "date_start desc, id desc"

    contract_id = fields.Many2one("maintenance.contract", "Contract", required=True, index=True,
                                  ondelete="restrict")
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, readonly=True)
    project_name = fields.Char(related="contract_id.project_name", readonly=True)
    branch_id = fields.Many2one(related="contract_id.branch_id", store=True, readonly=True)
    date_start = fields.Date("From", required=True)
    date_end = fields.Date("To", required=True)
    date = fields.Date("Evaluated On")
    respondent = fields.Char("Customer Representative")
    score_attitude = fields.Selection(SCORES, "Service Attitude")
    score_response = fields.Selection(SCORES, "Response Speed")
    score_quality = fields.Selection(SCORES, "Maintenance Quality")
    score_condition = fields.Selection(SCORES, "Equipment Condition")
    score_cleanliness = fields.Selection(SCORES, "Site Cleanliness")
    score = fields.Float("Average Score", compute="_compute_score", store=True, group_operator="avg",
                         digits=(16, 2))
    faults = fields.Integer("Faults in the Period")
    entrapments = fields.Integer("Entrapments in the Period")
    comments = fields.Text("Customer Comments")
    state = fields.Selection(
        [("draft", "To Collect"), ("done", "Evaluated")],
        default="draft", required=True, readonly=True, copy=False, track_visibility="onchange", index=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True, required=False, default=None)
    active = fields.Boolean(default=True)

    @api.depends(*SCORE_FIELDS)
    def _compute_score(self):
        for evaluation in self:
            scores = [int(evaluation[f]) for f in SCORE_FIELDS if evaluation[f]]
            evaluation.score = sum(scores) / float(len(scores)) if scores else 0.0

    @api.multi
    def action_done(self):
        for evaluation in self:
            if not all(evaluation[f] for f in SCORE_FIELDS) or not evaluation.respondent:
                raise UserError(_("Evaluation %s: give every score and the name of the customer's "
                                  "representative who signed it.") % evaluation.name)
        self.write({"state": "done", "date": fields.Date.context_today(self)})

    @api.multi
    def action_draft(self):
        self.write({"state": "draft"})

    def _document_unlink_refusal(self):
        return _("Customer evaluations are never deleted; they are archived 12 months after "
                 "the end of maintenance (S2-一-7.3).")
