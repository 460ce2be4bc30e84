# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .concurrency import atomic, lock_rows
from .roles import KEEPER_GROUP, QUALITY_GROUP, SPECIALIST_GROUP, SUPERVISOR_GROUP

# S1-4.1: quality problems (development, process technology, raw material,
# production) are replaced free; damage on the customer's side, discounted
# products and products past their warranty are charged, with the amount.
FREE_REASONS = ("development_defect", "process_defect", "material_defect", "production_defect")
CHARGED_REASONS = ("customer_damage", "discounted_product", "warranty_expired")
REASONS = [
    ("development_defect", "Development Defect"),
    ("process_defect", "Process Technology Defect"),
    ("material_defect", "Raw Material Defect"),
    ("production_defect", "Production Defect"),
    ("customer_damage", "Damaged by the Customer"),
    ("discounted_product", "Discounted Product"),
    ("warranty_expired", "Warranty Expired"),
]
CHARGE_TYPES = [("free", "Free"), ("charged", "Charged")]
# S1-4.1: the delivery date written on the request is at most 15 days away.
PROMISE_DAYS = 15
STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("approved", "Approved"),
    ("in_progress", "In Progress"),
    ("ready", "Ready"),
    ("shipped", "Shipped"),
    ("done", "Done"),
    ("cancel", "Cancelled"),
]
OPEN_STATES = ("approved", "in_progress", "ready")


class AftersalesPartRequest(models.Model):
    """Customer spare-part request (客户补件申请单 / 补件申请单, SPEC §4.1, S1-4.1..4.7).

    Flow: draft -> submitted (tier review: supervisor, quality director, and
    sales finance when a finished-goods package ships) -> approved ->
    in_progress (pickings, workshop jobs, sale order, borrowed packages) ->
    ready -> shipped (loading list) -> done; cancel.
    """
    _name = "aftersales.part.request"
    _description = "Spare-part Request"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "aftersales.sla.mixin",
                "tier.validation"]
    _order = "request_date desc, id desc"
    # Reviewers (e.g. sales finance) only read requests, yet their approvals are posted.
    _mail_post_access = "read"

    # tier.validation: the approval runs while the request is submitted.
    _document_transitions = {
        "phone_confirmed": ("draft",),
        "submitted": ("draft",),
        "approved": ("submitted",),
        "started": ("approved",),
        "readied": ("in_progress",),
        "shipped": ("ready",),
        "done": ("shipped",),
        "cancelled": ("draft", "submitted", "approved", "in_progress", "ready"),
        "reset": ("cancel",),
    }
    _document_draft_values = {"cancel_reason": False, "phone_confirmed": False}
    _state_from = ["submitted"]
    _state_to = ["approved"]
    _cancel_state = "cancel"

    state = fields.Selection(
        STATES, default="draft", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    company_id = fields.Many2one(readonly=True, states={"draft": [("readonly", False)]})
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)
    partner_id = fields.Many2one(
        "res.partner", "Customer / Dealer", required=True, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    partner_shipping_id = fields.Many2one(
        "res.partner", "Pickup / Delivery Address", readonly=True,
        states={"draft": [("readonly", False)], "submitted": [("readonly", False)],
                "approved": [("readonly", False)], "in_progress": [("readonly", False)]},
        help="Where the parts are picked up or delivered; ready requests are loaded per pickup (S1-4.7).")
    consumer_name = fields.Char("Consumer", readonly=True, states={"draft": [("readonly", False)]})
    consumer_phone = fields.Char("Consumer Phone", readonly=True, states={"draft": [("readonly", False)]})
    consumer_address = fields.Char(readonly=True, states={"draft": [("readonly", False)]})
    origin_sale_order_id = fields.Many2one(
        "sale.order", "Original Sale Order", readonly=True, states={"draft": [("readonly", False)]})
    origin_product_id = fields.Many2one(
        "product.product", "Product Concerned", readonly=True, states={"draft": [("readonly", False)]},
        help="The finished product the parts belong to.")
    origin_lot_id = fields.Many2one(
        "stock.production.lot", "Lot / Serial", readonly=True, states={"draft": [("readonly", False)]})
    request_date = fields.Date(
        required=True, default=fields.Date.context_today, index=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]})
    description = fields.Text("Customer's Description", readonly=True, states={"draft": [("readonly", False)]})
    reason = fields.Selection(
        REASONS, required=True, track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        help="Quality problems are replaced free of charge; damage by the customer, discounted "
             "products and expired warranties are charged (S1-4.1).")
    charge_override = fields.Selection(
        CHARGE_TYPES, "Charge Override", track_visibility="onchange", copy=False,
        help="Set by a supervisor to deviate from the charge type the reason gives.")
    charge_override_reason = fields.Char(track_visibility="onchange", copy=False)
    charge_type = fields.Selection(
        CHARGE_TYPES, compute="_compute_charge_type", store=True, index=True,
        help="Free or charged: from the reason, unless a supervisor overrode it.")
    amount = fields.Monetary(
        "Charged Amount", currency_field="currency_id", track_visibility="onchange",
        help="Amount invoiced to the customer for a charged request.")
    promised_date = fields.Date(
        "Promised Delivery Date", track_visibility="onchange", copy=False,
        help="Written on the customer's request (S1-4.1): at most 15 days after the request "
             "unless a quality director approved a later date.")
    promise_extension_approved = fields.Boolean(
        "Later Date Approved", track_visibility="onchange", copy=False,
        help="Set by a quality director to allow a promised date more than 15 days away.")
    phone_confirmed = fields.Boolean(
        "Confirmed by Phone", readonly=True, copy=False, track_visibility="onchange",
        help="The specialist called the customer and confirmed the request contents (S1-4.1).")
    phone_confirmed_date = fields.Datetime(readonly=True, copy=False)
    phone_confirmed_by = fields.Many2one("res.users", readonly=True, copy=False)
    phone_confirmation_note = fields.Char(copy=False)
    user_id = fields.Many2one(
        "res.users", "Specialist", default=lambda self: self.env.user, index=True, track_visibility="onchange")
    responsible_id = fields.Many2one(
        "hr.employee", "Responsible Employee", track_visibility="onchange",
        default=lambda self: self._default_responsible(),
        help="Answers for the delivery promise; overdue lines at closing are charged to them.")
    warehouse_id = fields.Many2one(
        "stock.warehouse", "After-sales Warehouse", required=True,
        readonly=True, states={"draft": [("readonly", False)]},
        default=lambda self: self._default_warehouse(),
        help="Default depot the parts ship from and workshop parts are received in.")
    pickup_date = fields.Date(
        help="Day the customer's pickup is expected; the day's loading list takes the ready "
             "requests due by then (S1-4.7).")
    line_ids = fields.One2many(
        "aftersales.part.request.line", "request_id", "Parts", copy=True,
        readonly=True, states={"draft": [("readonly", False)]})
    has_fg_line = fields.Boolean(
        "Ships a Finished-goods Package", compute="_compute_has_fg_line", store=True,
        help="Finished-goods shipments also need the sales finance review (S1-4.3).")
    sale_order_ids = fields.One2many("sale.order", "part_request_id", "Sale Orders", readonly=True)
    picking_ids = fields.One2many("stock.picking", "part_request_id", "Transfers", readonly=True)
    job_ids = fields.One2many("aftersales.part.job", "request_id", "Workshop Jobs", readonly=True)
    borrow_ids = fields.One2many("aftersales.fg.borrow", "request_id", "Borrowed Packages", readonly=True)
    loading_list_id = fields.Many2one("aftersales.loading.list", readonly=True, copy=False, index=True)
    invoice_ids = fields.Many2many("account.invoice", compute="_compute_invoice_ids", string="Invoices")
    sale_order_count = fields.Integer(compute="_compute_counts")
    picking_count = fields.Integer(compute="_compute_counts")
    job_count = fields.Integer(compute="_compute_counts")
    borrow_count = fields.Integer(compute="_compute_counts")
    invoice_count = fields.Integer(compute="_compute_invoice_ids")
    shipped_date = fields.Datetime(readonly=True, copy=False)
    cancel_reason = fields.Char(readonly=True, copy=False, track_visibility="onchange")

    _sql_constraints = [
        ("amount_positive", "CHECK(amount >= 0)", "The charged amount cannot be negative."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_responsible(self):
        return self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)

    @api.model
    def _default_warehouse(self):
        company = self.env.user.company_id
        return self.env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)

    @api.depends("reason", "charge_override")
    def _compute_charge_type(self):
        for request in self:
            if request.charge_override:
                request.charge_type = request.charge_override
            elif request.reason:
                request.charge_type = "free" if request.reason in FREE_REASONS else "charged"
            else:
                request.charge_type = False

    @api.depends("line_ids.route")
    def _compute_has_fg_line(self):
        for request in self:
            request.has_fg_line = any(line.route == "fg_package" for line in request.line_ids)

    @api.depends("sale_order_ids.invoice_ids")
    def _compute_invoice_ids(self):
        for request in self:
            invoices = request.sudo().sale_order_ids.mapped("invoice_ids")
            request.invoice_ids = invoices
            request.invoice_count = len(invoices)

    def _compute_counts(self):
        for request in self:
            request.sale_order_count = len(request.sudo().sale_order_ids)
            request.picking_count = len(request.sudo()._all_pickings())
            request.job_count = len(request.job_ids)
            request.borrow_count = len(request.borrow_ids)

    def _document_can(self, key):
        if key == "approved":
            return self.validated or (not self.review_ids and self._is_quality_director())
        if key == "readied":
            return all(line._is_ready() for line in self.line_ids)
        return True

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.partner_shipping_id = self.partner_id.address_get(["delivery"])["delivery"]

    @api.onchange("request_date")
    def _onchange_request_date(self):
        if self.request_date and not self.promised_date:
            self.promised_date = fields.Date.to_string(
                fields.Date.from_string(self.request_date) + timedelta(days=PROMISE_DAYS))

    # ------------------------------------------------------------------
    # Constraints and guards
    # ------------------------------------------------------------------
    def _number_label(self):
        """The request as its messages name it: its number, or "the new request"
        while it has none (a refused save never cites a number, issue 11)."""
        self.ensure_one()
        return self.name if self.name and self.name != "/" else _("the new request")

    @api.constrains("promised_date", "request_date", "promise_extension_approved")
    def _check_promised_date(self):
        for request in self:
            if not request.promised_date:
                continue
            request_date = fields.Date.from_string(request.request_date)
            promised = fields.Date.from_string(request.promised_date)
            if promised < request_date:
                raise ValidationError(_(
                    "Request %(request)s: the promised delivery date %(promised)s is before the request "
                    "date %(date)s.") % {"request": request._number_label(), "promised": request.promised_date,
                                         "date": request.request_date})
            limit = request_date + timedelta(days=PROMISE_DAYS)
            if promised > limit and not request.promise_extension_approved:
                raise ValidationError(_(
                    "Request %(request)s: the promised delivery date %(promised)s is more than %(days)d days "
                    "after the request date %(date)s (latest %(latest)s). Promise an earlier date, or have a "
                    "quality director approve the later date first.") % {
                        "request": request._number_label(), "promised": request.promised_date,
                        "days": PROMISE_DAYS, "date": request.request_date,
                        "latest": fields.Date.to_string(limit)})

    @api.constrains("charge_type", "amount", "state")
    def _check_charged_amount(self):
        for request in self:
            if request.state not in ("draft", "cancel") and request.charge_type == "charged" \
                    and request.amount <= 0:
                raise ValidationError(_("Request %(request)s is charged: enter the amount to charge the "
                                        "customer.") % {"request": request._number_label()})

    def _is_quality_director(self):
        return self.env.user.has_group(QUALITY_GROUP)

    def _check_protected_fields(self, vals, creating=False):
        """Fields only a supervisor or a quality director may set (S1-4.1, SPEC §4.1).

        On create the web client sends every field of the form, ``False`` for
        the empty ones: an empty value there is "not set", not a change. On
        write, only a value that differs from the stored one is a change."""
        if self.env.uid == SUPERUSER_ID:
            return

        def changed(field):
            if field not in vals:
                return False
            if creating:
                return bool(vals[field])
            return any((request[field] or False) != (vals[field] or False) for request in self)

        if changed("charge_override") or changed("charge_override_reason"):
            if not self.env.user.has_group(SUPERVISOR_GROUP):
                raise AccessError(_("Only an after-sales supervisor may override the charge type."))
        if changed("promise_extension_approved") and not self._is_quality_director():
            raise AccessError(_("Only a quality director may approve a promised date beyond %(days)d days.")
                              % {"days": PROMISE_DAYS})

    @api.model
    def _get_under_validation_exceptions(self):
        # Reviewers may still settle the charge and the promise while they review.
        return super()._get_under_validation_exceptions() + [
            "charge_override", "charge_override_reason", "amount", "promised_date",
            "promise_extension_approved", "pickup_date", "partner_shipping_id", "responsible_id",
            "phone_confirmation_note", "message_last_post", "activity_ids", "loading_list_id"]

    def _ensure_specialist(self):
        self._ensure_role([SPECIALIST_GROUP], _(
            "Spare-part requests are filed, confirmed, closed and cancelled by after-sales specialists "
            "(and their supervisors)."))

    def _ensure_can_be_submitted(self):
        self._ensure_can("submitted", _("submitted"))
        for request in self:
            if not request.line_ids:
                raise UserError(_("Request %s has no parts: add the parts the customer asks for.") % request.name)
            if not request.promised_date:
                raise UserError(_("Request %s: write the promised delivery date (at most %d days) before "
                                  "submitting.") % (request.name, PROMISE_DAYS))
            if not request.phone_confirmed:
                raise UserError(_("Request %s: call the customer and confirm the request contents by phone "
                                  "before submitting (S1-4.1).") % request.name)
            if request.charge_type == "charged" and request.amount <= 0:
                raise UserError(_("Request %s is charged: enter the amount to charge the customer.")
                                % request.name)
            if not request.responsible_id:
                raise UserError(_("Request %s: choose the employee responsible for the delivery.") % request.name)
            request.line_ids._check_route_settings()

    def _ensure_can_be_approved(self):
        self._ensure_can("approved", _("approved"))
        for request in self:
            if request.review_ids:
                if not request.validated:
                    raise UserError(_("Request %s: the approval tiers are not all approved yet "
                                      "(supervisor review, then quality director).") % request.name)
            elif not request._is_quality_director():
                raise AccessError(_("Only a quality director may approve spare-part request %s.") % request.name)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        self._check_protected_fields(vals, creating=True)
        if vals.get("partner_id") and not vals.get("partner_shipping_id"):
            vals["partner_shipping_id"] = self.env["res.partner"].browse(
                vals["partner_id"]).address_get(["delivery"])["delivery"]
        return super().create(vals)

    @api.multi
    def write(self, vals):
        self._check_protected_fields(vals)
        return super().write(vals)

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, request_date=fields.Date.context_today(self))
        return super().copy(default)

    # ------------------------------------------------------------------
    # Timers
    # ------------------------------------------------------------------
    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        return self.responsible_id

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm_by_phone(self):
        """S1-4.1: the specialist phoned the customer, who confirmed the contents.
        What the customer said is the form's ``phone_confirmation_note``."""
        self._ensure_specialist()
        self._ensure_can("phone_confirmed", _("confirmed by phone"))
        # tracked: the chatter shows who confirmed and when
        self.write({"phone_confirmed": True, "phone_confirmed_date": fields.Datetime.now(),
                    "phone_confirmed_by": self.env.uid})
        return True

    @api.multi
    def action_submit(self):
        """Submit for the tier review and start the 15-day promise (S1-4.1, 4.2)."""
        self._ensure_specialist()
        self._ensure_can_be_submitted()
        with atomic(self.env):
            self.write({"state": "submitted"})
            self.request_validation()
            self._sla_start("part_promise")
        return True

    @api.multi
    def restart_validation(self):
        """After a rejection and a correction the tiers start again at once.
        The request keeps its submitter: the supervisor restarting the tiers
        does not become one (segregation of duties, tier_validation.py)."""
        submitters = {request.id: request.sudo().review_ids.mapped("requested_by")[:1] for request in self}
        res = super().restart_validation()
        for request in self.filtered(lambda r: r.state == "submitted"):
            reviews = request.request_validation()
            if submitters.get(request.id):
                reviews.sudo().write({"requested_by": submitters[request.id].id})
        return res

    def _on_tiers_approved(self):
        """Approve the request as soon as the last tier is approved. The approved
        tiers are the authorisation: the last reviewer (maybe sales finance,
        without after-sales rights) triggers the step."""
        self.filtered(lambda r: r.state == "submitted").sudo().action_approve()

    @api.multi
    def action_approve(self):
        """Approved: prepare the quotation of charged requests and finished-goods shipments."""
        lock_rows(self)
        self._ensure_can_be_approved()
        with atomic(self.env):
            self.write({"state": "approved"})
            # The request is the authorisation: its quotation belongs to its specialist,
            # whom salesman record rules would hide from the approver.
            self.filtered(lambda r: r.charge_type == "charged" or r.has_fg_line).sudo()._create_sale_orders()
        return True

    @api.multi
    def action_start(self):
        """Place the orders (S1-4.2..4.4): depot deliveries, workshop jobs, the
        finished-goods sale order and borrowed packages, all or nothing."""
        self._ensure_role([SUPERVISOR_GROUP], _(
            "The orders of an approved request are placed by an after-sales supervisor (dispatcher)."))
        lock_rows(self)
        self._ensure_can("started", _("started"))
        self.mapped("line_ids")._check_route_settings()
        with atomic(self.env):
            lines = self.mapped("line_ids")
            lines.filtered(lambda l: l.route == "stock")._create_delivery_pickings()
            lines.filtered(lambda l: l.route in ("workshop", "fg_borrow"))._create_jobs()
            lines.filtered(lambda l: l.route == "fg_borrow")._create_borrows()
            orders = self.sudo().mapped("sale_order_ids").filtered(lambda o: o.state in ("draft", "sent"))
            if orders:
                orders.action_confirm()
            self.write({"state": "in_progress"})
        self._try_mark_ready()
        return True

    def _try_mark_ready(self):
        """Move in-progress requests whose parts are all available to ready."""
        ready = self.filtered(lambda r: r.state == "in_progress" and all(line._is_ready() for line in r.line_ids))
        if ready:
            ready.write({"state": "ready"})
        return ready

    @api.multi
    def action_mark_ready(self):
        self._ensure_role([KEEPER_GROUP, SUPERVISOR_GROUP], _(
            "Requests are marked ready by a depot keeper or an after-sales supervisor."))
        self._ensure_can("readied", _("marked ready"))
        pickings = self.sudo()._all_pickings().filtered(
            lambda p: p.state in ("confirmed", "waiting", "partially_available"))
        if pickings:
            pickings.action_assign()
        for request in self:
            missing = request.line_ids.filtered(lambda l: not l._is_ready())
            if missing:
                raise UserError(_("Request %s is not ready: %s not yet available.")
                                % (request.name, ", ".join(missing.mapped("product_id.display_name"))))
        self.write({"state": "ready"})
        return True

    @api.multi
    def action_ship(self):
        """Load and deliver (S1-4.7): validate every outgoing transfer of the
        requests, stop the promise timer and invoice charged requests."""
        self._ensure_role([KEEPER_GROUP, SUPERVISOR_GROUP], _(
            "Requests are loaded and shipped by a depot keeper or an after-sales supervisor (S1-4.7)."))
        lock_rows(self)
        self._ensure_can("shipped", _("shipped"))
        with atomic(self.env):
            pickings = self.sudo()._all_pickings().filtered(lambda p: p.state not in ("done", "cancel"))
            visible = self.env["stock.picking"].search([("id", "in", pickings.ids)])
            if pickings - visible:
                raise AccessError(_("Transfer %s ships from a depot you do not keep; ask its keeper to load it.")
                                  % (pickings - visible)[0].name)
            pickings = visible
            not_ready = pickings.filtered(lambda p: p.state != "assigned")
            if not_ready:
                raise UserError(_("Transfer %s is not available yet; check the stock before loading.")
                                % not_ready[0].name)
            # As Odoo's immediate transfer: everything reserved is loaded.
            for move_line in pickings.mapped("move_line_ids"):
                move_line.qty_done = move_line.product_uom_qty
            if pickings:
                pickings.action_done()
            now = fields.Datetime.now()
            self.write({"state": "shipped", "shipped_date": now})
            self._sla_stop("part_promise", stop=now)
            # The loading keeper prepares the draft invoice without accounting
            # rights; the accountant validates it (SPEC §2).
            self.filtered(lambda r: r.charge_type == "charged").sudo()._create_invoices()
        return True

    @api.multi
    def action_done(self):
        """The customer received every part."""
        self._ensure_specialist()
        lock_rows(self)
        self._ensure_can("done", _("closed"))
        for request in self:
            open_lines = request.line_ids.filtered(lambda l: l.open_qty > 0)
            if open_lines:
                raise UserError(_("Request %s still owes %s.")
                                % (request.name, ", ".join(open_lines.mapped("product_id.display_name"))))
        self.write({"state": "done"})
        return True

    @api.multi
    def action_open_cancel_wizard(self):
        """The Cancel button: ask for the reason (aftersales.part.request.cancel)."""
        self._ensure_specialist()
        self._ensure_can("cancelled", _("cancelled"))
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel Spare-part Request"),
            "res_model": "aftersales.part.request.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_ids": [(6, 0, self.ids)]},
        }

    @api.multi
    def action_cancel(self):
        """Cancel without a reason (programmatic); users go through the wizard."""
        return self._cancel(False)

    def _cancel(self, reason):
        self._ensure_specialist()
        lock_rows(self)
        self._ensure_can("cancelled", _("cancelled"))
        with atomic(self.env):
            self.sudo()._all_pickings().filtered(lambda p: p.state not in ("done", "cancel")).action_cancel()
            self.sudo().mapped("sale_order_ids").filtered(lambda o: o.state != "cancel").action_cancel()
            self.mapped("job_ids").filtered(lambda j: j.state not in ("received", "cancel")).action_cancel()
            self.mapped("borrow_ids").filtered(lambda b: b.state == "draft").action_cancel()
            self.write({"state": "cancel", "cancel_reason": reason or False})
            self._sla_cancel("part_promise")
        return True

    @api.multi
    def action_draft(self):
        self._ensure_specialist()
        if self.sudo().mapped("picking_ids").filtered(lambda p: p.state == "done"):
            raise UserError(_("Parts of this request were already delivered; create a new request."))
        return super().action_draft()
