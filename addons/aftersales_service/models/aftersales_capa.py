# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from .roles import QUALITY_GROUP, SPECIALIST_GROUP


CAPA_STATES = [
    ("draft", "Draft"),
    ("issued", "Issued"),
    ("implemented", "Implemented"),
    ("verified", "Verified"),
    ("cancel", "Cancelled"),
]


class AftersalesCapa(models.Model):
    """Corrective and preventive action (纠正预防报告 / 整改报告).

    For products with recurring complaints, the quality office director
    reviews and issues a corrective action to the department concerned and
    follows it up (S1-4.15, 4.16, 4.17): owner, due date, implementation,
    verification of its effect.
    """
    _name = "aftersales.capa"
    _description = "Corrective / Preventive Action"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_transitions = {
        "issued": ("draft",),
        "implemented": ("issued",),
        "verified": ("implemented",),
        "cancelled": ("draft", "issued"),
        "reset": ("cancel",),
    }
    _order = "date_due, id desc"

    title = fields.Char(required=True, track_visibility="onchange")
    state = fields.Selection(CAPA_STATES, default="draft", required=True, readonly=True, copy=False,
                             index=True, track_visibility="onchange")
    complaint_id = fields.Many2one("aftersales.complaint", "Complaint", index=True, ondelete="restrict")
    return_id = fields.Many2one("aftersales.return", "Return", index=True, ondelete="restrict")
    product_id = fields.Many2one("product.product", index=True)
    department_id = fields.Many2one("hr.department", "Department Concerned", index=True,
                                    track_visibility="onchange")
    owner_id = fields.Many2one("res.users", "Owner", required=True, index=True, track_visibility="onchange",
                               default=lambda self: self.env.user)
    date_due = fields.Date("Due Date", index=True, track_visibility="onchange")
    problem = fields.Text("Problem Description", required=True)
    root_cause = fields.Text("Root Cause")
    corrective_action = fields.Text("Corrective Action")
    preventive_action = fields.Text("Preventive Action")
    issued_by_id = fields.Many2one("res.users", "Issued by", readonly=True, copy=False)
    date_issued = fields.Date("Issued on", readonly=True, copy=False)
    implementation_notes = fields.Text(copy=False)
    date_done = fields.Date("Implemented on", readonly=True, copy=False)
    verification_result = fields.Selection(
        [("effective", "Effective"), ("ineffective", "Not Effective")], copy=False, track_visibility="onchange")
    verification_notes = fields.Text(copy=False)
    verified_by_id = fields.Many2one("res.users", "Verified by", readonly=True, copy=False)
    date_verified = fields.Date("Verified on", readonly=True, copy=False)
    is_overdue = fields.Boolean(compute="_compute_is_overdue", search="_search_is_overdue", string="Overdue")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The corrective action number must be unique."),
    ]

    def _compute_is_overdue(self):
        today = fields.Date.context_today(self)
        for capa in self:
            capa.is_overdue = capa.state == "issued" and bool(capa.date_due) and capa.date_due < today

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!=") or value not in (True, False):
            raise UserError(_("Unsupported search on Overdue."))
        domain = ["&", ("state", "=", "issued"), ("date_due", "<", fields.Date.context_today(self))]
        positive = (operator == "=") == bool(value)
        return domain if positive else ["!"] + domain

    def _ensure_office(self):
        """Drafts are the after-sales office's; the owner only implements (SPEC §2, §4.4)."""
        self._ensure_role([SPECIALIST_GROUP], _(
            "Corrective actions are drafted, cancelled and reopened by the after-sales office "
            "(specialists and above); the quality office director issues and verifies them."))

    @api.multi
    def action_issue(self):
        """The quality office director reviews and issues the report to the department."""
        self._ensure_role([QUALITY_GROUP], _("The quality office director issues corrective actions (S1-4.15)."))
        self._ensure_can("issued", _("issued"))
        for capa in self:
            if not capa.date_due or not capa.owner_id:
                raise UserError(_("Corrective action %s: set the owner and the due date.") % capa.name)
            if not (capa.corrective_action or "").strip():
                raise UserError(_("Corrective action %s: describe the corrective action.") % capa.name)
        self.write({"state": "issued", "issued_by_id": self.env.uid,
                    "date_issued": fields.Date.context_today(self)})
        for capa in self:
            capa.message_subscribe_users(capa.owner_id.ids)
            capa._document_activity(capa.owner_id, _("Implement corrective action %s") % capa.name,
                                    deadline=capa.date_due)
        return True

    @api.multi
    def action_implement(self):
        if not self.env.user.has_group(QUALITY_GROUP):
            for capa in self.sudo():
                if capa.owner_id != self.env.user:
                    raise AccessError(_("Corrective action %(capa)s is reported implemented by its owner "
                                        "(%(owner)s) or the quality office director.")
                                      % {"capa": capa.name, "owner": capa.owner_id.name})
        self._ensure_can("implemented", _("marked implemented"))
        for capa in self:
            if not (capa.implementation_notes or "").strip():
                raise UserError(_("Corrective action %s: describe what was done.") % capa.name)
        self.write({"state": "implemented", "date_done": fields.Date.context_today(self)})
        self.mapped("activity_ids").action_done()
        return True

    @api.multi
    def action_verify(self):
        """Verification of the effect; a failed one reopens the action."""
        self._ensure_role([QUALITY_GROUP], _("The quality office verifies corrective actions."))
        self._ensure_can("verified", _("verified"))
        for capa in self:
            if not capa.verification_result:
                raise UserError(_("Corrective action %s: record whether it was effective.") % capa.name)
            if capa.verification_result == "ineffective" and not (capa.verification_notes or "").strip():
                raise UserError(_("Corrective action %s: explain why it was not effective.") % capa.name)
        effective = self.filtered(lambda c: c.verification_result == "effective")
        effective.write({"state": "verified", "verified_by_id": self.env.uid,
                         "date_verified": fields.Date.context_today(self)})
        for capa in self - effective:
            capa.write({"state": "issued", "date_done": False, "verification_result": False})
            capa.message_post(body=_("Not effective: %s. The action is reopened.") % capa.verification_notes)
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_office()
        if any(capa.state == "issued" for capa in self):
            self._ensure_role([QUALITY_GROUP],
                              _("An issued corrective action is cancelled by the quality office director."))
        self._ensure_can("cancelled", _("cancelled"))
        self.mapped("activity_ids").unlink()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_draft(self):
        self._ensure_office()
        return super().action_draft()

    @api.constrains("date_due", "date_issued")
    def _check_dates(self):
        for capa in self:
            if capa.date_due and capa.date_issued and capa.date_due < capa.date_issued:
                raise ValidationError(_("Corrective action %s: the due date is before the issue date.") % capa.name)
