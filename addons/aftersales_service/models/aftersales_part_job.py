# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import float_compare

from .concurrency import atomic, lock_rows
from .roles import INSPECTOR_GROUP, KEEPER_GROUP, SPECIALIST_GROUP, SUPERVISOR_GROUP

RECEIVER_GROUPS = (INSPECTOR_GROUP, KEEPER_GROUP,
                   SUPERVISOR_GROUP)


class AftersalesPartJob(models.Model):
    """A part ordered from the parts workshop (补配组) or an outside workshop
    (S1-4.2, 4.6): 12-day production timer, the resident QC inspector's
    stamp, and the receipt checks at the after-sales warehouse (packaging
    intact, label = customer + part + quantity, QC stamp) before it goes in."""
    _name = "aftersales.part.job"
    _description = "Parts Workshop Job"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]
    _document_transitions = {
        "qc_passed": ("in_production",),
        "received": ("qc_passed",),
        "cancelled": ("draft", "in_production", "qc_passed"),
    }
    _order = "id desc"

    state = fields.Selection(
        [("draft", "Draft"), ("in_production", "In Production"), ("qc_passed", "QC Passed"),
         ("received", "Received"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    request_line_id = fields.Many2one(
        "aftersales.part.request.line", "Request Line", required=True, ondelete="restrict", index=True,
        readonly=True)
    request_id = fields.Many2one(related="request_line_id.request_id", store=True, readonly=True, index=True)
    partner_id = fields.Many2one(related="request_id.partner_id", store=True, readonly=True, string="Customer")
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, readonly=True, required=False, default=None)
    product_id = fields.Many2one("product.product", "Part", required=True, readonly=True)
    qty = fields.Float("Quantity", required=True, readonly=True, digits=(16, 2))
    product_uom_id = fields.Many2one("product.uom", "Unit", required=True, readonly=True)
    workshop = fields.Selection(
        [("internal", "Parts Workshop"), ("subcontractor", "Outside Workshop")],
        default="internal", required=True, track_visibility="onchange",
        help="Outside workshops' parts are released by the outsourcing inspection (S1-4.6).")
    supplier_id = fields.Many2one("res.partner", "Outside Workshop")
    warehouse_id = fields.Many2one("stock.warehouse", "Receiving Warehouse", required=True)
    responsible_id = fields.Many2one("hr.employee", "Responsible", track_visibility="onchange")
    inspector_id = fields.Many2one(
        "hr.employee", "QC Inspector", track_visibility="onchange",
        help="The inspector resident at the workshop answers for the part's quality (S1-4.6).")
    date_start = fields.Datetime("Ordered On", readonly=True, copy=False)
    qc_date = fields.Datetime("QC Stamped On", readonly=True, copy=False)
    qc_note = fields.Char("QC Note")
    receipt_date = fields.Datetime(readonly=True, copy=False)
    received_by = fields.Many2one("res.users", readonly=True, copy=False)
    receipt_move_id = fields.Many2one("stock.move", readonly=True, copy=False)

    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        return self.responsible_id

    @api.multi
    def action_start_production(self):
        """S1-4.2: ordered from the workshop; follow the 12-day production cycle."""
        if self.filtered(lambda j: j.state != "draft"):
            raise UserError(_("Only draft workshop jobs can be ordered."))
        now = fields.Datetime.now()
        self.write({"state": "in_production", "date_start": now})
        self._sla_start("part_production", start=now)
        return True

    @api.multi
    def action_qc_pass(self):
        """The QC inspector stamps the part as passed (S1-4.6).

        The inspector is the job's ``inspector_id`` or, when empty, the employee
        of the user stamping; the note is the form's ``qc_note`` field."""
        if not self.env.user.has_group(INSPECTOR_GROUP):
            raise AccessError(_("Only a QC inspector may stamp a workshop part as QC passed (S1-4.6)."))
        if self.filtered(lambda j: j.state != "in_production"):
            raise UserError(_("Only parts in production can be stamped by QC."))
        inspector = self.env["hr.employee"].search([("user_id", "=", self.env.uid)], limit=1)
        for job in self:
            vals = {"state": "qc_passed", "qc_date": fields.Datetime.now()}
            if inspector and not job.inspector_id:
                vals["inspector_id"] = inspector.id
            job.write(vals)
        return True

    def _receipt_problems(self, packaging_intact, label_partner, label_product, label_qty, qc_stamp):
        """What the after-sales lead finds wrong at the warehouse door (S1-4.6)."""
        self.ensure_one()
        problems = []
        if not packaging_intact:
            problems.append(_("the outer packaging is damaged"))
        if not label_partner or label_partner != self.partner_id.commercial_partner_id \
                and label_partner != self.partner_id:
            problems.append(_("the label does not name the customer %s") % self.partner_id.display_name)
        if label_product != self.product_id:
            problems.append(_("the label does not name the part %s") % self.product_id.display_name)
        if label_qty is None or float_compare(label_qty, self.qty, precision_digits=2) != 0:
            problems.append(_("the label quantity %s is not %s") % (label_qty, self.qty))
        if not qc_stamp:
            problems.append(_("there is no QC inspector's pass stamp"))
        return problems

    @api.multi
    def action_receive(self, packaging_intact, label_partner, label_product, label_qty, qc_stamp):
        """Receive the workshop's part into the after-sales warehouse (S1-4.6).

        Every check must hold or the receipt is refused with its reasons.
        On receipt the 12-day timer stops and the part is sent on: delivery
        to the customer, or back into the borrowed package (S1-4.4).
        """
        self.ensure_one()
        if not any(self.env.user.has_group(group) for group in RECEIVER_GROUPS):
            raise AccessError(_("Workshop parts are received by a QC inspector, a depot keeper or an "
                                "after-sales supervisor (S1-4.6)."))
        lock_rows(self)
        if self.state != "qc_passed":
            raise UserError(_("Job %s: the part has not passed the QC inspection yet; it cannot be received.")
                            % self.name)
        problems = self._receipt_problems(packaging_intact, label_partner, label_product, label_qty, qc_stamp)
        if problems:
            raise ValidationError(_("Receipt of job %s refused: %s.") % (self.name, "; ".join(problems)))
        # The checks above are the authorisation: the stock side (receipt move,
        # delivery to the customer, repacking) is their consequence, done as
        # superuser so that an inspector needs no Inventory rights.
        stock_side = self.sudo()
        with atomic(self.env):
            move = stock_side._create_receipt_move()
            now = fields.Datetime.now()
            self.write({"state": "received", "receipt_date": now, "received_by": self.env.uid,
                        "receipt_move_id": move.id})
            self._sla_stop("part_production", stop=now)
            line = stock_side.request_line_id
            if line.route == "workshop" and line.state == "in_progress":
                line._create_delivery_pickings()
                line.request_id._try_mark_ready()
            elif line.route == "fg_borrow":
                # S1-4.4: the part is here, it goes back into the borrowed package.
                line.borrow_ids.filtered(lambda b: b.state == "borrowed")._put_back_part(
                    source=stock_side.warehouse_id.lot_stock_id)
            self.message_post(body=_("Received into %(location)s: packaging intact, label and QC stamp "
                                     "checked.") % {"location": stock_side.warehouse_id.lot_stock_id.display_name})
        return True

    def _create_receipt_move(self):
        """Stock the part: production (workshop) -> after-sales warehouse stock."""
        self.ensure_one()
        source = self.product_id.property_stock_production
        if self.workshop == "subcontractor" and self.supplier_id:
            source = self.supplier_id.property_stock_supplier or source
        move = self.env["stock.move"].create({
            "name": "%s: %s" % (self.name, self.product_id.display_name),
            "product_id": self.product_id.id,
            "product_uom_qty": self.qty,
            "product_uom": self.product_uom_id.id,
            "location_id": source.id,
            "location_dest_id": self.warehouse_id.lot_stock_id.id,
            "picking_type_id": self.warehouse_id.in_type_id.id,
            "origin": "%s / %s" % (self.name, self.request_id.name),
            "company_id": self.company_id.id or self.env.user.company_id.id,
        })
        move._action_confirm()
        move._action_assign()
        move.quantity_done = self.qty
        move._action_done()
        return move

    @api.multi
    def action_cancel(self):
        self._ensure_role([SPECIALIST_GROUP], _(
            "Workshop jobs are cancelled by after-sales specialists or supervisors (with their request)."))
        if self.filtered(lambda j: j.state == "received"):
            raise UserError(_("A received part cannot be cancelled."))
        self._ensure_can("cancelled", _("cancelled"))
        self.write({"state": "cancel"})
        self._sla_cancel("part_production")
        return True
