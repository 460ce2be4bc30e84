# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

BILLING = [("one_off", "One-off"), ("quarterly", "Quarterly"), ("monthly", "Monthly")]
BILLING_MONTHS = {"monthly": 1, "quarterly": 3}
# Contracts in force: they are invoiced, cover their equipment and own running cycles.
RUNNING_STATES = ("active", "expiring", "renewed")


class MaintenanceContract(models.Model):
    """有偿保养合同 — paid maintenance contract (SPEC §7, S2-一-2 and 4).

    draft → to_approve (pricing approval form 取费审批表, manager tier) → active →
    expiring (a renewal is proposed 3 months before the end) → renewed / ended;
    suspended while a fee stays unpaid past the limit; cancel for proposals the
    customer declined.
    """
    _name = "maintenance.contract"
    _description = "Paid Maintenance Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "tier.validation"]
    _order = "date_start desc, id desc"

    # tier.validation: the pricing approval is asked in to_approve and must be
    # granted before the contract becomes active; back to draft cancels it.
    _state_from = ["to_approve"]
    _state_to = ["active"]
    _cancel_state = "draft"

    name = fields.Char("Number", readonly=True, copy=False, default="/", index=True)
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
    origin_contract_id = fields.Many2one(
        "maintenance.contract", "Renews", readonly=True, copy=False, index=True)
    renewal_contract_id = fields.Many2one(
        "maintenance.contract", "Renewal", readonly=True, copy=False, index=True)
    date_start = fields.Date(
        "Start Date", required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    date_end = fields.Date(
        "End Date", required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    billing = fields.Selection(
        BILLING, required=True, default="quarterly", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        help="S2-一-4.2.1: the fee is paid at once or per quarter (or per month).")
    payment_term_id = fields.Many2one(
        "account.payment.term", "Payment Terms",
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
    schedule_ids = fields.One2many(
        "maintenance.contract.schedule", "contract_id", "Invoicing Schedule", readonly=True)
    invoice_ids = fields.One2many("account.invoice", "maintenance_contract_id", "Invoices", readonly=True)
    invoice_count = fields.Integer(compute="_compute_invoice_count")
    cycle_count = fields.Integer(compute="_compute_cycle_count", string="Cycles")
    callback_count = fields.Integer(compute="_compute_callback_count", string="Callbacks")
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
    # Arrears (S2-一-4.2.2/4.2.3)
    arrears_due_date = fields.Date(
        "Overdue Since", readonly=True, copy=False,
        help="Due date of the oldest contract invoice unpaid past the arrears delay.")
    arrears_reason = fields.Text(
        "Arrears Reason", readonly=True, copy=False, track_visibility="onchange",
        help="The branch's written explanation of why the fee is not collected.")
    arrears_promised_date = fields.Date(
        "Promised Collection Date", readonly=True, copy=False, track_visibility="onchange")
    arrears_limit_date = fields.Date(
        "Suspension Date", compute="_compute_arrears_limit_date",
        help="Day after which the contract is suspended if the overdue fee is still unpaid.")
    suspension_reason = fields.Selection(
        [("arrears", "Unpaid fee"), ("manual", "Decided by the manager")],
        readonly=True, copy=False, track_visibility="onchange")
    consumable_ids = fields.One2many("maintenance.contract.consumable", "contract_id", "Consumables")
    consumable_amount = fields.Monetary(
        "Consumables Cost", compute="_compute_consumable_amount", currency_field="currency_id")
    record_book_ids = fields.One2many("maintenance.record.book", "contract_id", "Record Books")
    evaluation_ids = fields.One2many("maintenance.customer.evaluation", "contract_id", "Customer Evaluations")
    term_closed = fields.Boolean(
        readonly=True, copy=False, help="Set once the end of the term was processed (cycles released).")
    records_archived = fields.Boolean(
        readonly=True, copy=False,
        help="Set when the records were archived, 12 months after the end (S2-一-7.3).")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.user.company_id)
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True, store=True)
    active = fields.Boolean(default=True, track_visibility="onchange")
    color = fields.Integer()

    can_be_submitted = fields.Boolean(
        compute="_compute_can_be", help="Shows the Submit for Approval button (draft, with equipment).")
    can_be_activated = fields.Boolean(
        compute="_compute_can_be", help="Shows the Activate button (pricing approved).")
    can_be_renewed = fields.Boolean(
        compute="_compute_can_be", help="Shows the Propose Renewal button (running, no renewal yet).")
    can_be_suspended = fields.Boolean(compute="_compute_can_be", help="Shows the Suspend button.")
    can_be_resumed = fields.Boolean(compute="_compute_can_be", help="Shows the Resume button.")
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

    def _compute_invoice_count(self):
        data = self.env["account.invoice"].read_group(
            [("maintenance_contract_id", "in", self.ids)], ["maintenance_contract_id"], ["maintenance_contract_id"])
        counts = {d["maintenance_contract_id"][0]: d["maintenance_contract_id_count"] for d in data}
        for contract in self:
            contract.invoice_count = counts.get(contract.id, 0)

    def _compute_cycle_count(self):
        data = self.env["field.service.cycle"].read_group(
            [("contract_id", "in", self.ids)], ["contract_id"], ["contract_id"])
        counts = {d["contract_id"][0]: d["contract_id_count"] for d in data}
        for contract in self:
            contract.cycle_count = counts.get(contract.id, 0)

    def _compute_callback_count(self):
        refs = ["%s,%s" % (self._name, contract_id) for contract_id in self.ids]
        data = self.env["aftersales.callback"].read_group(
            [("source_ref", "in", refs)], ["source_ref"], ["source_ref"]) if refs else []
        counts = {d["source_ref"]: d["source_ref_count"] for d in data}
        for contract in self:
            contract.callback_count = counts.get("%s,%s" % (self._name, contract.id), 0)

    def _compute_consumable_amount(self):
        data = self.env["maintenance.contract.consumable"].read_group(
            [("contract_id", "in", self.ids), ("state", "=", "done")], ["contract_id", "amount"], ["contract_id"])
        amounts = {d["contract_id"][0]: d["amount"] for d in data}
        for contract in self:
            contract.consumable_amount = amounts.get(contract.id, 0.0)

    @api.depends("arrears_due_date", "arrears_promised_date", "company_id.contract_suspension_days")
    def _compute_arrears_limit_date(self):
        for contract in self:
            contract.arrears_limit_date = contract._arrears_limit_date()

    @api.depends("state", "line_ids", "renewal_contract_id", "arrears_due_date", "suspension_reason")
    def _compute_can_be(self):
        for contract in self:
            contract.can_be_submitted = contract.state == "draft" and bool(contract.line_ids)
            contract.can_be_activated = contract.state == "to_approve" and contract.validated
            contract.can_be_renewed = contract.state in ("active", "expiring") and not contract.renewal_contract_id
            contract.can_be_suspended = contract.state in RUNNING_STATES
            contract.can_be_resumed = contract.state == "suspended" and (
                contract.suspension_reason == "manual" or not contract.arrears_due_date)
            contract.can_give_arrears_reason = bool(contract.arrears_due_date) and contract.state in (
                RUNNING_STATES + ("suspended",))

    # ------------------------------------------------------------------ dates
    def _term_fraction(self):
        """Length of the term in years (12 months = 1.0)."""
        if not self.date_start or not self.date_end:
            return 0.0
        return self._period_fraction(fields.Date.from_string(self.date_start),
                                     fields.Date.from_string(self.date_end) + timedelta(days=1))

    @api.model
    def _period_fraction(self, start, end_exclusive):
        """Share of an annual fee for [start, end_exclusive): whole months count 1/12,
        a remaining part of a month its share of the days of that month."""
        if end_exclusive <= start:
            return 0.0
        delta = relativedelta(end_exclusive, start)
        months = delta.years * 12 + delta.months
        fraction = float(months)
        if delta.days:
            anchor = start + relativedelta(months=months)
            fraction += float(delta.days) / calendar.monthrange(anchor.year, anchor.month)[1]
        return fraction / 12.0

    def _billing_periods(self):
        """[(start, end inclusive, fraction of the annual fee)] of the invoicing schedule."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end_exclusive = fields.Date.from_string(self.date_end) + timedelta(days=1)
        step = BILLING_MONTHS.get(self.billing)
        if not step:
            return [(start, end_exclusive - timedelta(days=1), self._period_fraction(start, end_exclusive))]
        periods = []
        index = 0
        while True:
            period_start = start + relativedelta(months=index * step)
            if period_start >= end_exclusive:
                break
            period_end = min(start + relativedelta(months=(index + 1) * step), end_exclusive)
            periods.append((period_start, period_end - timedelta(days=1),
                            self._period_fraction(period_start, period_end)))
            index += 1
        return periods

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
    @api.model
    def create(self, vals):
        if vals.get("name", "/") == "/":
            seq = self.env["ir.sequence"]
            if vals.get("company_id"):
                seq = seq.with_context(force_company=vals["company_id"])
            vals["name"] = seq.next_by_code("maintenance.contract") or "/"
        return super().create(vals)

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_start and contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(_(
                    "Contract %s: the end date (%s) is before the start date (%s). "
                    "Enter an end date on or after the start.")
                    % (contract.name, contract.date_end, contract.date_start))

    @api.multi
    def unlink(self):
        if any(c.state not in ("draft", "cancel") or c.schedule_ids for c in self):
            raise UserError(_("Contracts that were submitted are kept for the record: cancel or end them instead."))
        return super().unlink()

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
        res = super().validate_tier()
        approved = self.filtered(lambda c: c.state == "to_approve" and c.validated)
        if approved:
            approved.write({"date_approved": fields.Datetime.now()})
        return res

    @api.multi
    def action_draft(self):
        """Back to draft (after a rejection, or to change a proposal); cancels the reviews."""
        for contract in self:
            if contract.state not in ("to_approve", "cancel"):
                raise UserError(_("Only contracts waiting for approval or cancelled go back to draft."))
        self.mapped("review_ids").sudo().unlink()
        self.write({"state": "draft", "date_approved": False})

    @api.multi
    def action_cancel(self):
        for contract in self:
            if contract.state not in ("draft", "to_approve"):
                raise UserError(_("Contract %s is in force: end it instead of cancelling it.") % contract.name)
        self.mapped("review_ids").sudo().unlink()
        self.write({"state": "cancel"})

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
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
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
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
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
        if not self.env.user.has_group("aftersales_service.group_aftersales_manager"):
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

    @api.multi
    def action_propose_renewal(self):
        for contract in self:
            if not contract.can_be_renewed:
                raise UserError(_("Contract %s is not in force or already has a renewal.") % contract.name)
        renewals = self._create_renewals()
        return renewals._action_open()

    # ------------------------------------------------------------------ schedule
    def _generate_schedule(self):
        """One schedule line per billing period (S2-一-4.2.1), invoiced by the cron."""
        vals_list = []
        for contract in self:
            if contract.schedule_ids:
                continue
            for sequence, (start, end, fraction) in enumerate(contract._billing_periods(), 1):
                vals_list.append({
                    "contract_id": contract.id,
                    "sequence": sequence,
                    "date": fields.Date.to_string(start),
                    "period_start": fields.Date.to_string(start),
                    "period_end": fields.Date.to_string(end),
                    "fraction": fraction,
                })
        Schedule = self.env["maintenance.contract.schedule"]
        for vals in vals_list:
            Schedule.create(vals)

    def _generate_records(self):
        """Record books per equipment per 3 months, a customer evaluation per contract year
        (S2-一-2.2.5: 维护保养记录 1 book / equipment / 3 months, 用户评价记录 1 / project / 12 months)."""
        books, evaluations = [], []
        for contract in self:
            start = fields.Date.from_string(contract.date_start)
            end_exclusive = fields.Date.from_string(contract.date_end) + timedelta(days=1)
            existing_books = {(b.equipment_id.id, b.date_start) for b in contract.record_book_ids}
            for months, target, key in ((3, books, "book"), (12, evaluations, "evaluation")):
                index = 0
                while True:
                    period_start = start + relativedelta(months=index * months)
                    if period_start >= end_exclusive:
                        break
                    period_end = min(start + relativedelta(months=(index + 1) * months), end_exclusive)
                    vals = {
                        "contract_id": contract.id,
                        "date_start": fields.Date.to_string(period_start),
                        "date_end": fields.Date.to_string(period_end - timedelta(days=1)),
                    }
                    if key == "book":
                        for line in contract.line_ids:
                            if (line.equipment_id.id, vals["date_start"]) not in existing_books:
                                target.append(dict(vals, equipment_id=line.equipment_id.id))
                    elif not contract.evaluation_ids.filtered(lambda e: e.date_start == vals["date_start"]):
                        target.append(vals)
                    index += 1
        # generated by the system: no creation log nor creator subscription on each record
        quiet = dict(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        Book = self.env["maintenance.record.book"].with_context(**quiet)
        for vals in books:
            Book.create(vals)
        Evaluation = self.env["maintenance.customer.evaluation"].with_context(**quiet)
        for vals in evaluations:
            Evaluation.create(vals)

    # ------------------------------------------------------------------ renewals
    def _renewal_values(self):
        self.ensure_one()
        start = fields.Date.from_string(self.date_end) + timedelta(days=1)
        months = int(round(self.term_months)) or self.contract_type_id.term_months or 12
        return {
            "partner_id": self.partner_id.id,
            "project_name": self.project_name,
            "branch_id": self.branch_id.id,
            "user_id": self.user_id.id,
            "contract_type_id": self.contract_type_id.id,
            "origin": "renewal",
            "origin_contract_id": self.id,
            "date_start": fields.Date.to_string(start),
            "date_end": fields.Date.to_string(start + relativedelta(months=months) - timedelta(days=1)),
            "billing": self.billing,
            "payment_term_id": self.payment_term_id.id,
            "coverage": self.coverage,
            "terms": self.terms,
            "company_id": self.company_id.id,
            "line_ids": [(0, 0, {
                "equipment_id": line.equipment_id.id,
                "fee": line.fee,
                "standard_fee": line.standard_fee,
                "technician_id": line.technician_id.id,
            }) for line in self.line_ids],
        }

    def _create_renewals(self):
        renewals = self.browse()
        for contract in self:
            renewal = self.create(contract._renewal_values())
            contract.renewal_contract_id = renewal
            renewals |= renewal
            renewal.message_post_with_view(
                "mail.message_origin_link", values={"self": renewal, "origin": contract},
                subtype_id=self.env.ref("mail.mt_note").id)
            deadline = contract.date_end
            renewal._schedule_salesperson_activity(
                _("Renewal of %s") % contract.name,
                _("Contract %s of %s ends on %s: negotiate its renewal with the customer "
                  "(S2-一-4.1.4) and submit the draft %s for pricing approval.")
                % (contract.name, contract.partner_id.display_name, contract.date_end, renewal.name),
                deadline)
        return renewals

    @api.model
    def _renewal_limit(self, company, today):
        """Contracts ending on or before this date are due for a renewal proposal."""
        return fields.Date.to_string(today + relativedelta(months=company.contract_renewal_months))

    def _propose_renewals(self, today=None):
        """Active contracts within the renewal lead of their end: expiring + a draft renewal, once."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        today_str = fields.Date.to_string(today)
        due = self.filtered(lambda c: c.state == "active" and not c.renewal_contract_id and (
            today_str <= c.date_end <= self._renewal_limit(c.company_id, today)))
        if due:
            due.write({"state": "expiring"})
            due._create_renewals()
        return due

    @api.model
    def _cron_propose_renewals(self, today=None):
        """Daily: renewal proposals for contracts ending within the lead (S2-一-4.1.4) and
        conversion proposals for equipment whose free maintenance ends (S2-一-2.1)."""
        today = today or fields.Date.context_today(self)
        max_months = max(self.env["res.company"].sudo().search([]).mapped("contract_renewal_months") or [3])
        limit = fields.Date.to_string(fields.Date.from_string(today) + relativedelta(months=max_months))
        self.env.cr.execute("""
            SELECT id FROM maintenance_contract
             WHERE state = 'active' AND renewal_contract_id IS NULL AND date_end <= %s AND date_end >= %s
             ORDER BY id
               FOR UPDATE SKIP LOCKED""", (limit, today))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        proposed = contracts._propose_renewals(today=today)
        self._propose_conversions(today=today)
        return proposed

    @api.model
    def _propose_conversions(self, today=None):
        """S2-一-2.1: three months (company setting) before an equipment's free maintenance
        (warranty) ends, the branch proposes a paid contract: one draft conversion contract
        per customer with the equipment concerned, and an activity for the salesperson.
        Each equipment is proposed once (``contract_proposal_id``), whatever happens next."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        max_months = max(self.env["res.company"].sudo().search([]).mapped("contract_renewal_months") or [3])
        self.env.cr.execute("""
            SELECT e.id FROM maintenance_equipment e
             WHERE e.active AND e.contract_proposal_id IS NULL AND e.customer_id IS NOT NULL
               AND e.warranty_end IS NOT NULL AND e.warranty_end >= %s AND e.warranty_end <= %s
               AND NOT EXISTS (
                   SELECT 1 FROM maintenance_contract_line l JOIN maintenance_contract c ON c.id = l.contract_id
                    WHERE l.equipment_id = e.id AND c.state NOT IN ('cancel', 'ended')
                      AND c.date_end > e.warranty_end)
             ORDER BY e.id
               FOR UPDATE OF e SKIP LOCKED""",
                            (fields.Date.to_string(today),
                             fields.Date.to_string(today + relativedelta(months=max_months))))
        equipment = self.env["maintenance.equipment"].browse([r[0] for r in self.env.cr.fetchall()])
        company = self.env.user.company_id
        due = equipment.filtered(lambda e: e.warranty_end <= self._renewal_limit(company, today))
        groups = {}
        for item in due:
            groups.setdefault((item.customer_id, company), self.env["maintenance.equipment"])
            groups[(item.customer_id, company)] |= item
        proposals = self.browse()
        types = self.env["maintenance.contract.type"].search([])
        for (customer, company), items in groups.items():
            ctype = types.filtered(lambda t: not t.company_id or t.company_id == company)[:1]
            if not ctype:
                continue
            start = fields.Date.from_string(min(items.mapped("warranty_end"))) + timedelta(days=1)
            proposal = self.create({
                "partner_id": customer.id,
                "project_name": items[0].site_id.name or customer.name,
                "user_id": (customer.user_id or customer.commercial_partner_id.user_id or self.env.user).id,
                "contract_type_id": ctype.id,
                "origin": "conversion",
                "date_start": fields.Date.to_string(start),
                "date_end": fields.Date.to_string(start + relativedelta(months=ctype.term_months) - timedelta(days=1)),
                "billing": ctype.billing,
                "coverage": ctype.coverage,
                "payment_term_id": customer.property_payment_term_id.id,
                "company_id": company.id,
                "line_ids": [(0, 0, {
                    "equipment_id": item.id,
                    "standard_fee": ctype.standard_fee,
                    "fee": ctype.standard_fee,
                    "technician_id": item.technician_id.id,
                }) for item in items],
            })
            items.write({"contract_proposal_id": proposal.id})
            proposal._schedule_salesperson_activity(
                _("Propose paid maintenance to %s") % customer.display_name,
                _("The free maintenance of %s ends on %s. Submit the paid maintenance contract %s to "
                  "the customer and negotiate its content (S2-一-2.1), then send it for pricing approval.")
                % (", ".join(items.mapped("display_name")), min(items.mapped("warranty_end")), proposal.name),
                min(items.mapped("warranty_end")))
            proposals |= proposal
        return proposals

    # ------------------------------------------------------------------ callbacks
    @api.model
    def _cron_weekly_callbacks(self, today=None):
        """S2-一-1.3.2: every Friday after-sales calls the users of maintained sites
        (running state, faults, entrapments, parts replaced, workers' conduct): one
        planned callback per contract in force and per week, created once."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        if today.weekday() != 4:
            return self.env["aftersales.callback"]
        day = fields.Date.to_string(today)
        self.env.cr.execute("""
            SELECT c.id FROM maintenance_contract c
             WHERE c.state IN %s AND c.date_start <= %s AND c.date_end >= %s
               AND NOT EXISTS (
                   SELECT 1 FROM aftersales_callback cb
                    WHERE cb.source_ref = 'maintenance.contract,' || c.id
                      AND cb.date >= %s::date AND cb.date < %s::date + 1)
             ORDER BY c.id
               FOR UPDATE OF c SKIP LOCKED""", (RUNNING_STATES, day, day, day, day))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        Callback = self.env["aftersales.callback"].sudo()
        callbacks = Callback.browse()
        for contract in contracts:
            callbacks |= Callback.create({
                "partner_id": contract.partner_id.id,
                "phone": contract.partner_id.mobile or contract.partner_id.phone,
                "source_ref": "%s,%s" % (contract._name, contract.id),
                "channel": "phone",
                "date": "%s 09:00:00" % day,
                "employee_id": contract.line_ids[:1].technician_id.id,
                "user_id": contract.user_id.id,
                "company_id": contract.company_id.id,
            })
        return callbacks

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

    # ------------------------------------------------------------------ arrears
    def _arrears_limit_date(self):
        self.ensure_one()
        if not self.arrears_due_date:
            return False
        if self.arrears_promised_date:
            return self.arrears_promised_date
        due = fields.Date.from_string(self.arrears_due_date)
        return fields.Date.to_string(due + timedelta(days=self.company_id.contract_suspension_days))

    @api.model
    def _overdue_by_contract(self, contract_ids=None, today=None):
        """{contract id: oldest due date} of open contract invoices unpaid more than the
        company's arrears delay — one aggregate query."""
        today = today or fields.Date.context_today(self)
        query = """
            SELECT s.contract_id, MIN(i.date_due)
              FROM maintenance_contract_schedule s
              JOIN account_invoice i ON i.id = s.invoice_id
              JOIN res_company rc ON rc.id = i.company_id
             WHERE i.state = 'open' AND i.residual > 0
               AND i.date_due + rc.contract_arrears_days < %s::date
        """
        params = [today]
        if contract_ids is not None:
            query += " AND s.contract_id IN %s"
            params.append(tuple(contract_ids) or (0,))
        query += " GROUP BY s.contract_id"
        self.env.cr.execute(query, params)
        return dict(self.env.cr.fetchall())

    @api.model
    def _cron_check_arrears(self, today=None):
        """Daily (S2-一-4.2): contracts whose fee is overdue past the arrears delay ask the
        branch for a written reason and a promised collection date; past the limit they
        are suspended; paid ones are cleared (and resumed)."""
        today = today or fields.Date.context_today(self)
        overdue = self._overdue_by_contract(today=today)
        self.env.cr.execute("""
            SELECT id FROM maintenance_contract
             WHERE (id IN %s OR arrears_due_date IS NOT NULL)
               AND state IN ('active', 'expiring', 'renewed', 'suspended', 'ended')
             ORDER BY id
               FOR UPDATE SKIP LOCKED""", (tuple(overdue) or (0,),))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        contracts._update_arrears(overdue, today=today)
        return contracts

    def _update_arrears(self, overdue=None, today=None):
        today = today or fields.Date.context_today(self)
        if overdue is None:
            overdue = self._overdue_by_contract(self.ids, today=today)
        new_arrears = self.filtered(lambda c: c.id in overdue and not c.arrears_due_date)
        for contract in self:
            due = overdue.get(contract.id)
            if due and due != contract.arrears_due_date:
                contract.arrears_due_date = due
            elif not due and contract.arrears_due_date:
                contract._clear_arrears()
        for contract in new_arrears:
            contract._schedule_salesperson_activity(
                _("Overdue maintenance fee: written reason required"),
                _("The maintenance fee of contract %s due on %s is unpaid. The branch must give "
                  "the reason in writing and the date the fee will be collected (S2-一-4.2.2); "
                  "otherwise the contract is suspended after %s.")
                % (contract.name, contract.arrears_due_date, contract.arrears_limit_date),
                today)
        past_limit = self.filtered(
            lambda c: c.arrears_due_date and c.state in RUNNING_STATES and c.arrears_limit_date < today)
        past_limit._suspend("arrears")
        return past_limit

    def _clear_arrears(self):
        """The overdue fee was paid: clear the arrears and resume an arrears suspension."""
        for contract in self:
            if contract.arrears_reason or contract.arrears_promised_date:
                contract.message_post(body=_(
                    "Overdue fee collected. Reason given: %s; promised date: %s.")
                    % (contract.arrears_reason or "-", contract.arrears_promised_date or "-"))
        self.write({"arrears_due_date": False, "arrears_reason": False, "arrears_promised_date": False})
        self.filtered(lambda c: c.state == "suspended" and c.suspension_reason == "arrears")._resume()

    def record_arrears_reason(self, reason, promised_date):
        """S2-一-4.2.2: the branch's written reason and the promised collection date."""
        today = fields.Date.context_today(self)
        if not (reason or "").strip():
            raise UserError(_("Write down why the fee is not collected."))
        if not promised_date or promised_date < today:
            raise UserError(_("The promised collection date must be today or later."))
        for contract in self:
            if not contract.arrears_due_date:
                raise UserError(_("Contract %s has no overdue fee.") % contract.name)
        self.write({"arrears_reason": reason, "arrears_promised_date": promised_date})
        # A suspended contract does not resume on a promise, only on payment.
        return True

    @api.model
    def _on_invoices_paid(self, invoices):
        """Called when contract invoices become paid: full payment clears the arrears
        and reactivates a contract suspended for them."""
        contracts = invoices.mapped("maintenance_contract_id").filtered("arrears_due_date")
        if contracts:
            contracts._update_arrears()

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
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        for contract in self:
            user = contract.user_id or contract.partner_id.user_id or self.env.user
            self.env["mail.activity"].create({
                "res_model_id": model_id,
                "res_id": contract.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": summary,
                "note": note,
                "user_id": user.id,
                "date_deadline": deadline or fields.Date.context_today(self),
            })

    def _action_open(self):
        action = self.env.ref("maintenance_contract.action_maintenance_contract").read()[0]
        if len(self) == 1:
            action.update({"views": [(False, "form")], "res_id": self.id})
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action["domain"] = [("maintenance_contract_id", "=", self.id)]
        action["context"] = {"default_maintenance_contract_id": self.id, "type": "out_invoice"}
        return action

    @api.multi
    def action_view_cycles(self):
        self.ensure_one()
        action = self.env.ref("field_service.field_service_cycle_action").read()[0]
        action["domain"] = [("contract_id", "=", self.id)]
        action["context"] = {"active_test": False}
        return action

    @api.multi
    def action_view_callbacks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Callbacks"),
            "res_model": "aftersales.callback",
            "view_mode": "tree,form",
            "domain": [("source_ref", "=", "%s,%s" % (self._name, self.id))],
            "context": {"default_partner_id": self.partner_id.id,
                        "default_source_ref": "%s,%s" % (self._name, self.id)},
        }

    @api.multi
    def action_arrears_reason(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Arrears Reason"),
            "res_model": "maintenance.contract.arrears.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_contract_id": self.id},
        }
