# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from .roles import SPECIALIST_GROUP, SUPERVISOR_GROUP


COMPLAINT_STATES = [
    ("draft", "New"),
    ("routed", "Routed"),
    ("responded", "Responded"),
    ("closed", "Closed"),
    ("cancel", "Cancelled"),
]


class AftersalesComplaint(models.Model):
    """Customer feedback / complaint (客户信息反馈表, SPEC §4.4).

    Taken by hotline, letter or visit from a dealer or a consumer; its
    category routes it to the department that must propose measures; the
    customer gets an answer within 24 hours (S1-4.14). Serious problems are
    traced to the responsible unit or person and a penalty is proposed
    (S1-4.15); recurring ones lead to a corrective action (CAPA).
    """
    _name = "aftersales.complaint"
    _description = "Customer Complaint"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]
    _document_transitions = {
        "routed": ("draft",),
        "responded": ("routed",),
        "closed": ("responded",),
        "cancelled": ("draft", "routed"),
        "reset": ("cancel",),
    }
    _order = "date_received desc, id desc"

    state = fields.Selection(COMPLAINT_STATES, default="draft", required=True, readonly=True, copy=False,
                             index=True, track_visibility="onchange")
    channel = fields.Selection(
        [("hotline", "Hotline"), ("letter", "Letter"), ("visit", "Visit")],
        required=True, default="hotline", index=True)
    source = fields.Selection(
        [("dealer", "Dealer"), ("consumer", "Consumer")], required=True, default="dealer", index=True,
        help="S1-4.14: a dealer's complaint is answered with the company's measures; a consumer's is handled "
             "with the local dealer and answered by phone.")
    partner_id = fields.Many2one("res.partner", "Customer / Dealer", index=True, track_visibility="onchange")
    dealer_id = fields.Many2one("res.partner", "Local Dealer",
                                help="For a consumer complaint: the dealer who handles it locally.")
    contact_name = fields.Char("Contact Person")
    phone = fields.Char()
    date_received = fields.Datetime("Received on", required=True, default=fields.Datetime.now, index=True,
                                    help="The 24-hour response deadline counts from here.")
    received_by_id = fields.Many2one("res.users", "Taken by", default=lambda self: self.env.user)
    product_id = fields.Many2one("product.product", index=True)
    lot_id = fields.Many2one("stock.production.lot", "Lot/Serial Number")
    sale_order_id = fields.Many2one("sale.order", "Sale Order")
    description = fields.Text(required=True)
    category_id = fields.Many2one("aftersales.complaint.category", "Category", index=True,
                                  track_visibility="onchange")
    route = fields.Selection(related="category_id.route", readonly=True, store=True)
    department_id = fields.Many2one("hr.department", "Routed to Department", index=True,
                                    track_visibility="onchange")
    user_id = fields.Many2one("res.users", "Responsible", index=True, track_visibility="onchange")
    # S1-4.14: the answer within 24 hours
    measures = fields.Text("Measures Proposed", help="The measures of the department the complaint was routed to.")
    response = fields.Text("Response to the Customer")
    response_date = fields.Datetime(readonly=True, copy=False)
    responded_by_id = fields.Many2one("res.users", readonly=True, copy=False)
    response_late = fields.Boolean(readonly=True, copy=False, index=True,
                                   help="Answered after the 24-hour deadline (the timer was breached).")
    follow_up = fields.Text("Follow-up Result")
    # S1-4.15: responsibility
    severity = fields.Selection(
        [("normal", "Normal"), ("serious", "Serious Quality Problem"), ("severe", "Severe Complaint")],
        default="normal", required=True, track_visibility="onchange",
        help="Serious: violates the process structure or material requirements, wrong or missing packing "
             "(S1-4.15). Severe: severe complaint about the service (fine 3000 and dismissal).")
    responsibility = fields.Selection(
        [("none", "Not Traced"), ("unit", "Responsible Unit"), ("employee", "Responsible Person")],
        default="none", required=True, track_visibility="onchange")
    responsible_department_id = fields.Many2one("hr.department", "Responsible Unit")
    responsible_employee_id = fields.Many2one("hr.employee", "Responsible Person")
    penalty_amount = fields.Monetary(currency_field="currency_id",
                                     help="Proposed fine; the rule's minimum when empty.")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    penalty_count = fields.Integer(compute="_compute_penalty_count")
    capa_ids = fields.One2many("aftersales.capa", "complaint_id", "Corrective Actions")
    capa_count = fields.Integer(compute="_compute_capa_count")

    can_propose_penalty = fields.Boolean(compute="_compute_can_be")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The complaint number must be unique per company."),
    ]

    def _compute_penalty_count(self):
        counts = {}
        for penalty in self.env["aftersales.penalty"].sudo().search_read(
                # a new form (onchange) has no id yet, hence no penalty
                [("source_ref", "in", ["%s,%d" % (self._name, c.id) for c in self if isinstance(c.id, int)])],
                ["source_ref"]):
            counts[penalty["source_ref"]] = counts.get(penalty["source_ref"], 0) + 1
        for complaint in self:
            complaint.penalty_count = counts.get("%s,%s" % (self._name, complaint.id), 0)

    def _compute_capa_count(self):
        for complaint in self:
            complaint.capa_count = len(complaint.capa_ids)

    @api.depends("state", "responsibility", "user_id")
    def _compute_can_be(self):
        """Header buttons of the complaint form."""
        res = super()._compute_can_be()
        supervisor = self.env.user.has_group(SUPERVISOR_GROUP)
        for complaint in self:
            complaint.can_propose_penalty = supervisor and complaint.state in ("responded", "closed") \
                and complaint.responsibility != "none"
        return res

    @api.onchange("category_id")
    def _onchange_category_id(self):
        if self.category_id:
            self.department_id = self.category_id.department_id
            self.user_id = self.category_id._responsible_user()

    @api.model
    def create(self, vals):
        if vals.get("category_id"):
            category = self.env["aftersales.complaint.category"].browse(vals["category_id"])
            vals.setdefault("department_id", category.department_id.id)
            vals.setdefault("user_id", category._responsible_user().id)
        return super().create(vals)

    @api.constrains("responsibility", "responsible_department_id", "responsible_employee_id")
    def _check_responsibility(self):
        for complaint in self:
            if complaint.responsibility == "unit" and not complaint.responsible_department_id:
                raise ValidationError(_("Complaint %s: name the responsible unit.") % complaint.name)
            if complaint.responsibility == "employee" and not complaint.responsible_employee_id:
                raise ValidationError(_("Complaint %s: name the responsible person.") % complaint.name)

    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        return self.user_id.employee_ids[:1] if self.user_id else self.env["hr.employee"]

    # ------------------------------------------------------------------
    # actions
    # ------------------------------------------------------------------
    def _ensure_office(self):
        """Intake, routing, closing and cancelling are the after-sales office's
        (SPEC §2); the people a complaint is routed to only answer it."""
        self._ensure_role([SPECIALIST_GROUP], _(
            "Complaints are taken, routed, closed and cancelled by after-sales specialists "
            "and their supervisors (S1-4.14)."))

    def _ensure_can_respond(self):
        """The answer comes from the person the complaint is routed to, or the office."""
        user = self.env.user
        if user.has_group(SPECIALIST_GROUP):
            return
        for complaint in self.sudo():
            if complaint.user_id != user:
                raise AccessError(_("Complaint %(complaint)s is answered by the person it is routed to "
                                    "(%(person)s) or by an after-sales specialist.")
                                  % {"complaint": complaint.name, "person": complaint.user_id.name or "-"})

    @api.multi
    def action_route(self):
        """Route by category (S1-4.14) and start the 24-hour response timer."""
        self._ensure_office()
        self._ensure_can("routed", _("routed"))
        for complaint in self:
            if not complaint.category_id:
                raise UserError(_("Complaint %s: choose its category to route it.") % complaint.name)
            vals = {"state": "routed"}
            if not complaint.department_id:
                vals["department_id"] = complaint.category_id.department_id.id
            if not complaint.user_id:
                vals["user_id"] = complaint.category_id._responsible_user().id
            complaint.write(vals)
            if not complaint.user_id:
                raise UserError(_("Category %s has no responsible person and its department no manager: "
                                  "set the responsible of the complaint.") % complaint.category_id.name)
            complaint._sla_start("complaint_response", start=complaint.date_received)
            complaint._notify_responsible()
        return True

    def _notify_responsible(self):
        self.ensure_one()
        self.message_subscribe_users(self.user_id.ids)
        deadline = fields.Datetime.from_string(self.sla_deadline or self.date_received)
        self._document_activity(self.user_id, _("Answer complaint %s within 24 hours") % self.name,
                                note=self.description, deadline=fields.Date.to_string(deadline.date()))

    @api.multi
    def action_respond(self):
        """The answer reached the customer; late answers count as breached."""
        self._ensure_can_respond()
        self._ensure_can("responded", _("answered"))
        for complaint in self:
            if not (complaint.response or "").strip():
                raise UserError(_("Complaint %s: write the response given to the customer.") % complaint.name)
        now = fields.Datetime.now()
        self.write({"state": "responded", "response_date": now, "responded_by_id": self.env.uid})
        timers = self._sla_stop("complaint_response", stop=now)
        late = self.browse(timers.filtered(lambda t: t.state == "breached").mapped("res_id"))
        late.write({"response_late": True})
        for complaint in late:
            complaint.message_post(body=_("Answered after the 24-hour response deadline."))
        self.mapped("activity_ids").filtered(lambda a: a.user_id in self.mapped("user_id")).action_done()
        return True

    @api.multi
    def action_close(self):
        self._ensure_office()
        self._ensure_can("closed", _("closed"))
        for complaint in self:
            if not (complaint.follow_up or "").strip():
                raise UserError(_("Complaint %s: record the follow-up result before closing.") % complaint.name)
        self.write({"state": "closed"})
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_office()
        self._ensure_can("cancelled", _("cancelled"))
        self._sla_cancel("complaint_response")
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_draft(self):
        self._ensure_office()
        return super().action_draft()

    def _penalty_employee(self):
        self.ensure_one()
        if self.responsibility == "employee":
            return self.responsible_employee_id
        if self.responsibility == "unit":
            return self.responsible_department_id.manager_id
        return self.env["hr.employee"]

    @api.multi
    def action_propose_penalty(self):
        """S1-4.15: propose the complaint penalty on the responsible person
        (for a unit, its manager); a supervisor confirms it."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise UserError(_("The after-sales supervisor proposes penalties."))
        penalty_model = self.env["aftersales.penalty"].sudo()
        vals_list = []
        for complaint in self:
            employee = complaint._penalty_employee()
            if not employee:
                raise UserError(_("Complaint %s: trace the responsible person, or a unit with a manager, first.")
                                % complaint.name)
            code = "complaint_severe" if complaint.severity == "severe" else "complaint"
            rule = self.env["aftersales.penalty.rule"].sudo().get_by_code(code)
            vals = {
                "employee_id": employee.id,
                "rule_id": rule.id,
                "reason": _("Complaint %s (%s): %s") % (
                    complaint.name, complaint.category_id.name or "", complaint.description),
                "source_ref": "%s,%d" % (self._name, complaint.id),
                "company_id": complaint.company_id.id,
            }
            if complaint.penalty_amount:
                vals["amount"] = complaint.penalty_amount
            vals_list.append(vals)
        penalties = penalty_model.propose(vals_list)
        for penalty in penalties:
            complaint = self.browse(int(penalty.source_ref.id))
            complaint.message_post(body=_("Penalty %s proposed on %s.") % (penalty.name, penalty.employee_id.name))
        return self.action_view_penalties()

    @api.multi
    def action_view_penalties(self):
        sources = ["%s,%d" % (self._name, c.id) for c in self]
        return self._document_window_action(
            "aftersales_service.action_aftersales_penalty", [("source_ref", "in", sources)], {})

    @api.multi
    def action_create_capa(self):
        """S1-4.15: the after-sales supervisor (售后主办) issues the corrective action
        (整改报告) for a recurring problem; the quality director reviews it."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(_("The after-sales supervisor issues corrective actions for complaints (S1-4.15)."))
        self.ensure_one()
        capa = self.env["aftersales.capa"].create({
            "complaint_id": self.id,
            "title": _("Complaint %s: %s") % (self.name, (self.description or "").splitlines()[0][:80]),
            "product_id": self.product_id.id,
            "problem": self.description,
            "department_id": (self.responsible_department_id or self.department_id).id,
            "owner_id": (self.user_id or self.env.user).id,
            "company_id": self.company_id.id,
        })
        return {
            "type": "ir.actions.act_window",
            "res_model": "aftersales.capa",
            "res_id": capa.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
