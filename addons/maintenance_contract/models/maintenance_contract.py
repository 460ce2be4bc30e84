# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.aftersales_service.models.roles import MANAGER_GROUP

# Contracts in force: they are invoiced, cover their equipment and own running cycles.
RUNNING_STATES = ("active", "expiring", "renewed")


class MaintenanceContract(models.Model):
    """有偿保养合同 — paid maintenance contract (SPEC §7, S2-一-2 and 4).

    draft → to_approve (pricing approval form 取费审批表, manager tier) → active →
    expiring (a renewal is proposed 3 months before the end) → renewed / ended;
    suspended while a fee stays unpaid past the limit; cancel for proposals the
    customer declined.

    This file: the document and its lifecycle (approval, activation, suspension and
    resumption, end of term, archiving). The other concerns extend the same model in
    their own files: ``maintenance_contract_billing`` (billing periods, schedule,
    invoices), ``_records`` (record books, evaluations, consumables), ``_renewal``,
    ``_conversion`` (warranty → paid), ``_arrears``, ``_callback`` (Friday callbacks).
    """
    _name = "maintenance.contract"
    _description = "Paid Maintenance Contract"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "tier.validation"]
    _document_deletable_states = ("draft", "cancel")
    _document_transitions = {
        "submitted": ("draft",),
        "activated": ("to_approve",),
        "renewed": ("active", "expiring"),
        "suspended": RUNNING_STATES,
        "resumed": ("suspended",),
        "reset": ("to_approve", "cancel"),  # after a rejection, or to change a proposal
        "cancelled": ("draft", "to_approve"),
    }
    _document_draft_values = {"date_approved": False}
    _order = "date_start desc, id desc"

    # tier.validation: the pricing approval is asked in to_approve and must be
    # granted before the contract becomes active; back to draft cancels it.
    _state_from = ["to_approve"]
    _state_to = ["active"]
    _cancel_state = "draft"

    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    project_name = fields.Char(
        "Project", readonly=True, states={"draft": [("readonly", False)]},
        help="Site or building (工程名称) printed on the covers of the record books.")
    branch_id = fields.Many2one(
        "res.partner", "Branch", track_visibility="onchange",
        help="Branch (分公司) that maintains the site and collects the fee (S2-一-4.2).")
    user_id = fields.Many2one(
        "res.users", "Salesperson", index=True, track_visibility="onchange",
        default=lambda self: self.env.user)
    contract_type_id = fields.Many2one(
        "maintenance.contract.type", "Contract Type", required=True, ondelete="restrict",
        readonly=True, states={"draft": [("readonly", False)]},
        default=lambda self: self.env["maintenance.contract.type"].search([], limit=1))
    origin = fields.Selection(
        [("new", "New"), ("conversion", "Warranty Conversion"), ("renewal", "Renewal")],
        default="new", required=True, readonly=True)
    date_start = fields.Date(
        "Start Date", required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    date_end = fields.Date(
        "End Date", required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    coverage = fields.Selection(
        [("labour", "Labour free, parts charged"),
         ("full", "Labour and parts free")],
        required=True, default="labour", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        help="What work orders on the covered equipment do not charge to the customer.")
    line_ids = fields.One2many(
        "maintenance.contract.line", "contract_id", "Equipment", copy=True,
        readonly=True, states={"draft": [("readonly", False)]})
    cycle_count = fields.Integer(compute="_compute_cycle_count", string="Cycles")
    equipment_count = fields.Integer(compute="_compute_amounts", store=True)
    amount_annual = fields.Monetary(
        "Annual Fee", compute="_compute_amounts", store=True, currency_field="currency_id")
    amount_standard = fields.Monetary(
        "Annual Standard Fee", compute="_compute_amounts", store=True, currency_field="currency_id",
        help="What the company's fee scale asks for the same equipment.")
    discount = fields.Float(
        "Discount (%)", compute="_compute_amounts", store=True, digits=(16, 2),
        help="Rebate of the agreed fee on the standard fee, shown on the pricing approval form.")
    amount_total = fields.Monetary(
        "Contract Value", compute="_compute_amounts", store=True, currency_field="currency_id",
        help="Untaxed fee for the whole term.")
    term_months = fields.Float("Term (months)", compute="_compute_term", store=True, digits=(16, 2))
    pricing_note = fields.Text(
        "Pricing Basis", readonly=True, states={"draft": [("readonly", False)]},
        help="Why this fee (site conditions, age of the equipment, competition): the justification "
             "read by the manager on the pricing approval form (取费审批表).")
    terms = fields.Text(
        "Terms", readonly=True, states={"draft": [("readonly", False)]},
        help="Service content agreed with the customer, printed on the contract.")
    date_signed = fields.Date("Signed On", track_visibility="onchange", copy=False)
    date_approved = fields.Datetime("Pricing Approved On", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"),
         ("to_approve", "Pricing Approval"),
         ("active", "Active"),
         ("expiring", "Expiring"),
         ("suspended", "Suspended"),
         ("renewed", "Renewed"),
         ("ended", "Ended"),
         ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    suspension_reason = fields.Selection(
        [("arrears", "Unpaid fee"), ("manual", "Decided by the manager")],
        readonly=True, copy=False, track_visibility="onchange")
    term_closed = fields.Boolean(
        readonly=True, copy=False, help="Set once the end of the term was processed (cycles released).")
    records_archived = fields.Boolean(
        readonly=True, copy=False,
        help="Set when the records were archived, 12 months after the end (S2-一-7.3).")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True, store=True)
    active = fields.Boolean(default=True, track_visibility="onchange")
    color = fields.Integer()

    can_give_arrears_reason = fields.Boolean(
        compute="_compute_can_be", help="Shows the Arrears Reason button (fee overdue).")

    _sql_constraints = [
        ("name_company_uniq", "unique(name, company_id)", "The contract number must be unique per company."),
    ]

    # ------------------------------------------------------------------ computes
    @api.depends("line_ids.fee", "line_ids.standard_fee", "date_start", "date_end")
    def _compute_amounts(self):
        for contract in self:
            lines = contract.line_ids
            contract.equipment_count = len(lines)
            contract.amount_annual = sum(lines.mapped("fee"))
            contract.amount_standard = sum(lines.mapped("standard_fee"))
            contract.discount = (
                100.0 * (1 - contract.amount_annual / contract.amount_standard)
                if contract.amount_standard else 0.0)
            contract.amount_total = sum(
                contract.currency_id.round(line.fee * contract._term_fraction()) for line in lines)

    @api.depends("date_start", "date_end")
    def _compute_term(self):
        for contract in self:
            contract.term_months = contract._term_fraction() * 12

    def _compute_cycle_count(self):
        data = self.env["field.service.cycle"].read_group(
            [("contract_id", "in", self.ids)], ["contract_id"], ["contract_id"])
        counts = {d["contract_id"][0]: d["contract_id_count"] for d in data}
        for contract in self:
            contract.cycle_count = counts.get(contract.id, 0)

    @api.depends("state", "line_ids", "renewal_contract_id", "arrears_due_date", "suspension_reason")
    def _compute_can_be(self):
        res = super()._compute_can_be()
        for contract in self:
            contract.can_give_arrears_reason = bool(contract.arrears_due_date) and contract.state in (
                RUNNING_STATES + ("suspended",))
        return res

    def _document_can(self, key):
        if key == "submitted":
            return bool(self.line_ids)
        if key == "activated":
            return self.validated
        if key == "renewed":
            return not self.renewal_contract_id
        if key == "resumed":
            return self.suspension_reason == "manual" or not self.arrears_due_date
        return True

    # ------------------------------------------------------------------ onchanges
    @api.onchange("contract_type_id")
    def _onchange_contract_type_id(self):
        ctype = self.contract_type_id
        if ctype:
            self.coverage = ctype.coverage
            self.billing = ctype.billing
            if self.date_start and not self.date_end:
                self.date_end = self._default_date_end(self.date_start, ctype)

    @api.onchange("date_start")
    def _onchange_date_start(self):
        if self.date_start and self.contract_type_id:
            self.date_end = self._default_date_end(self.date_start, self.contract_type_id)

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.payment_term_id = self.partner_id.property_payment_term_id
            if self.partner_id.user_id:
                self.user_id = self.partner_id.user_id

    @api.model
    def _default_date_end(self, date_start, ctype):
        start = fields.Date.from_string(date_start)
        return fields.Date.to_string(start + relativedelta(months=ctype.term_months or 12) - timedelta(days=1))

    # ------------------------------------------------------------------ ORM
    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_start and contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(_(
                    "Contract %s: the end date (%s) is before the start date (%s). "
                    "Enter an end date on or after the start.")
                    % (contract.name, contract.date_end, contract.date_start))

    def _document_check_unlink(self):
        res = super()._document_check_unlink()
        billed = self.filtered("schedule_ids")
        if billed:
            raise UserError(_("Contract %s has a billing schedule: it is kept for the record; cancel or end it "
                              "instead.") % billed[0].name)
        return res

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, origin="new")
        return super().copy(default)

    @api.model
    def _get_under_validation_exceptions(self):
        # Salesperson, branch and signature date may change while the manager reviews the price.
        return super()._get_under_validation_exceptions() + [
            "user_id", "branch_id", "date_signed", "date_approved", "color", "activity_ids"]

    # ------------------------------------------------------------------ guards
    def _ensure_can_be_submitted(self):
        for contract in self:
            if contract.state != "draft":
                raise UserError(_("Contract %s is not a draft: only drafts are submitted for pricing approval.")
                                % contract.name)
            if not contract.line_ids:
                raise UserError(_("Contract %s has no equipment: add the covered equipment and its fee.")
                                % contract.name)
            if any(line.fee <= 0 for line in contract.line_ids):
                raise UserError(_("Contract %s: every equipment needs a fee above zero.") % contract.name)

    def _ensure_can_be_activated(self):
        for contract in self:
            if contract.state != "to_approve":
                raise UserError(_("Contract %s must be submitted for pricing approval before it is activated.")
                                % contract.name)
            if not contract.review_ids or not contract.validated:
                raise UserError(_(
                    "Contract %s cannot become active without an approved pricing approval form "
                    "(取费审批表): ask a manager to approve it.") % contract.name)
            contract.line_ids._check_equipment_not_covered_elsewhere()

    # ------------------------------------------------------------------ workflow
    @api.multi
    def action_submit(self):
        """Draft → pricing approval: request the manager tier (S2-一-2.1)."""
        self._ensure_can_be_submitted()
        self.write({"state": "to_approve"})
        reviews = self.request_validation()
        if not self.mapped("review_ids"):
            raise UserError(_(
                "No pricing approval tier is configured for maintenance contracts: "
                "ask an administrator to restore it in Configuration > Approval Tiers."))
        return reviews

    @api.multi
    def validate_tier(self):
        for contract in self:
            if contract.review_ids and not contract.can_review:
                raise UserError(_(
                    "Contract %(name)s: only its pricing reviewers (%(reviewers)s) may approve the pricing "
                    "approval form (取费审批表).") % {
                        "name": contract.name,
                        "reviewers": ", ".join(contract.reviewer_ids.mapped("name")) or _("an after-sales manager")})
        return super().validate_tier()

    def _on_tiers_approved(self):
        self.filtered(lambda c: c.state == "to_approve").write({"date_approved": fields.Datetime.now()})

    @api.multi
    def action_cancel(self):
        for contract in self:
            if contract.state not in ("draft", "to_approve"):
                raise UserError(_("Contract %s is in force: end it instead of cancelling it.") % contract.name)
        self.mapped("review_ids").sudo().unlink()
        self.write({"state": "cancel"})
        return True

    @api.multi
    def action_activate(self):
        """Pricing approved and contract signed: the contract comes into force.

        Builds the invoicing schedule, the maintenance cycles of every line,
        the record books and the yearly customer evaluations, and marks the
        renewed contract. A button: no positional parameters (the web client
        passes its context as the first one); the day is the user's today."""
        self._ensure_can_be_activated()
        self.filtered(lambda c: not c.date_signed).write({"date_signed": fields.Date.context_today(self)})
        self.write({"state": "active"})
        self._generate_schedule()
        self._generate_records()
        self._on_activate()
        renewed = self.mapped("origin_contract_id").filtered(lambda c: c.state in ("active", "expiring"))
        if renewed:
            renewed.write({"state": "renewed"})
        # A contract activated inside its renewal window proposes its renewal at once.
        self._propose_renewals()
        return True

    def _on_activate(self):
        """Hook: the contract came into force (cycles, equipment status)."""
        self.mapped("line_ids")._on_contract_running()

    def _on_suspend(self):
        """Hook: the contract was suspended (pause cycles, equipment status)."""
        self.mapped("line_ids")._on_contract_suspended()

    def _on_resume(self):
        """Hook: the contract was resumed (resume cycles, equipment status)."""
        self.mapped("line_ids")._on_contract_resumed()

    def _on_end(self):
        """Hook: the contract ended (archive cycles not taken over, equipment status)."""
        self.mapped("line_ids")._on_contract_ended()

    @api.multi
    def action_suspend(self):
        """Manual suspension by a manager (e.g. the customer stopped the service)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(_("Only a manager may suspend a contract by hand."))
        self._suspend("manual")

    def _suspend(self, reason):
        contracts = self.filtered(lambda c: c.state in RUNNING_STATES)
        if not contracts:
            return contracts
        contracts.write({"state": "suspended", "suspension_reason": reason})
        contracts._on_suspend()
        for contract in contracts:
            # S2-一-4.2.3: the customer is told that maintenance stops.
            if reason == "arrears":
                body = _("Maintenance under contract %s is suspended because the maintenance fee "
                         "due on %s is unpaid. It resumes as soon as the fee is paid.") % (
                    contract.name, contract.arrears_due_date)
            else:
                body = _("Maintenance under contract %s is suspended.") % contract.name
            contract.message_post(
                body=body, subject=_("Maintenance suspended: %s") % contract.name,
                partner_ids=contract.partner_id.ids, message_type="comment", subtype="mail.mt_comment")
        return contracts

    @api.multi
    def action_resume(self):
        """Resume a contract suspended by hand: as its suspension, a manager's decision
        (an arrears suspension resumes by itself when the fee is paid)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(_("Only a manager may resume a suspended contract."))
        for contract in self:
            if contract.state != "suspended":
                raise UserError(_("Contract %s is not suspended.") % contract.name)
            if contract.suspension_reason == "arrears" and contract.arrears_due_date:
                raise UserError(_("Contract %s stays suspended until the overdue fee is paid.") % contract.name)
        self._resume()

    def _resume(self):
        contracts = self.filtered(lambda c: c.state == "suspended")
        if not contracts:
            return contracts
        today = fields.Date.context_today(self)
        for contract in contracts:
            if contract.date_end < today:
                state = "ended"
            elif contract.renewal_contract_id.state in RUNNING_STATES:
                state = "renewed"
            elif contract.renewal_contract_id:
                state = "expiring"
            else:
                state = "active"
            contract.write({"state": state, "suspension_reason": False})
        running = contracts.filtered(lambda c: c.state in RUNNING_STATES)
        running._on_resume()
        (contracts - running)._on_end()
        for contract in running:
            contract.message_post(
                body=_("Maintenance under contract %s is resumed.") % contract.name,
                subject=_("Maintenance resumed: %s") % contract.name,
                partner_ids=contract.partner_id.ids, message_type="comment", subtype="mail.mt_comment")
        return contracts

    @api.multi
    def action_end(self):
        """End a contract early (manager), or at its end date (cron)."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(_("Only an after-sales manager may end a contract before its end date."))
        for contract in self:
            if contract.state not in RUNNING_STATES + ("suspended",):
                raise UserError(_("Contract %s is not in force.") % contract.name)
        self._end()

    def _end(self):
        to_end = self.filtered(lambda c: c.state in ("active", "expiring", "suspended"))
        to_end.write({"state": "ended"})
        # A renewed contract keeps its state: its successor took over its cycles,
        # only what it still owns is released.
        self.write({"term_closed": True})
        self._on_end()
        return to_end

    # ------------------------------------------------------------------ end of term
    @api.model
    def _cron_end_contracts(self, today=None):
        """Daily: contracts past their end date end (renewed ones keep their state)."""
        today = today or fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT id FROM maintenance_contract
             WHERE state IN ('active', 'expiring', 'suspended', 'renewed') AND NOT term_closed
               AND date_end < %s
             ORDER BY id
               FOR UPDATE SKIP LOCKED""", (today,))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        # Renewed contracts are handed over: only their own cycles are released.
        ended = contracts._end()
        # Contracts activated ahead of their start put the equipment under paid maintenance on the day.
        self.env.cr.execute("""
            SELECT l.id FROM maintenance_contract_line l
              JOIN maintenance_equipment e ON e.id = l.equipment_id
             WHERE l.state IN %s AND l.date_start <= %s AND l.date_end >= %s
               AND e.service_status NOT IN ('paid', 'suspended')""", (RUNNING_STATES, today, today))
        self.env["maintenance.contract.line"].browse([r[0] for r in self.env.cr.fetchall()])._set_paid_status(today)
        return ended

    # ------------------------------------------------------------------ archive
    @api.model
    def _cron_archive_records(self, today=None):
        """Daily (S2-一-7.3): 12 months after the end, a contract and its records are
        archived — kept, never deleted, found again with the Archived filter."""
        today = today or fields.Date.context_today(self)
        self.env.cr.execute("""
            SELECT c.id FROM maintenance_contract c
              JOIN res_company rc ON rc.id = c.company_id
             WHERE c.state IN ('ended', 'renewed', 'cancel') AND NOT c.records_archived
               AND c.date_end + make_interval(months => rc.contract_archive_months) < %s::date
             ORDER BY c.id
               FOR UPDATE OF c SKIP LOCKED""", (today,))
        contracts = self.with_context(active_test=False).browse([r[0] for r in self.env.cr.fetchall()])
        contracts._archive_records()
        return contracts

    def _archive_records(self):
        self.mapped("record_book_ids").write({"active": False})
        self.mapped("evaluation_ids").write({"active": False})
        self.mapped("consumable_ids").write({"active": False})
        self.write({"records_archived": True, "active": False})

    # ------------------------------------------------------------------ helpers
    def _schedule_salesperson_activity(self, summary, note, deadline):
        for contract in self:
            user = contract.user_id or contract.partner_id.user_id or self.env.user
            contract._document_activity(user, summary, note=note, deadline=deadline)

    def _action_open(self):
        action = self.env.ref("maintenance_contract.action_maintenance_contract").read()[0]
        if len(self) == 1:
            action.update({"views": [(False, "form")], "res_id": self.id})
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    @api.multi
    def action_view_cycles(self):
        self.ensure_one()
        return self._document_window_action(
            "field_service.field_service_cycle_action", [("contract_id", "=", self.id)], {"active_test": False})
