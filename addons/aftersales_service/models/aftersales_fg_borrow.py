# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .concurrency import atomic, lock_rows
from .roles import INSPECTOR_GROUP, KEEPER_GROUP, SUPERVISOR_GROUP

STOCK_GROUPS = (KEEPER_GROUP, SUPERVISOR_GROUP)


class AftersalesFgBorrow(models.Model):
    """Borrowing a finished-goods package (成品借用单, S1-4.4).

    For parts too complex to make within 15 days, the after-sales lead borrows
    a package from the finished-goods warehouse: the package goes to the
    "Unpacked Products" area, the part is taken out for the customer, and when
    the workshop's part arrives it goes back in; the repacked product returns
    to the finished-goods warehouse only after finished-goods QA passed it.
    Every step is a stock move touching the unpacked area: that is its ledger
    (拆包产品台帐).
    """
    _name = "aftersales.fg.borrow"
    _description = "Finished-goods Package Borrowing"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_transitions = {
        "borrowed": ("draft",),
        "put_back": ("borrowed",),
        "qa_passed": ("to_qa",),
        "returned": ("to_qa",),
        "cancelled": ("draft",),
    }
    _order = "id desc"

    state = fields.Selection(
        [("draft", "Draft"), ("borrowed", "Borrowed and Unpacked"), ("to_qa", "Repacked, Awaiting QA"),
         ("returned", "Returned"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    request_line_id = fields.Many2one(
        "aftersales.part.request.line", "Request Line", required=True, ondelete="restrict", index=True,
        readonly=True, states={"draft": [("readonly", False)]})
    request_id = fields.Many2one(related="request_line_id.request_id", store=True, readonly=True, index=True)
    partner_id = fields.Many2one(related="request_id.partner_id", store=True, readonly=True, string="Customer")
    company_id = fields.Many2one(
        related="request_id.company_id", store=True, readonly=True, required=False, default=None)
    product_id = fields.Many2one(related="request_line_id.product_id", readonly=True, string="Part")
    qty = fields.Float(related="request_line_id.qty", readonly=True, string="Part Quantity")
    package_product_id = fields.Many2one(
        "product.product", "Finished-goods Package", required=True, readonly=True,
        states={"draft": [("readonly", False)]})
    package_qty = fields.Float(default=1.0, required=True, readonly=True, states={"draft": [("readonly", False)]})
    warehouse_id = fields.Many2one(
        "stock.warehouse", "Finished-goods Warehouse", required=True, readonly=True,
        states={"draft": [("readonly", False)]})
    unpacked_location_id = fields.Many2one(
        "stock.location", "Unpacked Products Area", required=True, readonly=True,
        states={"draft": [("readonly", False)]},
        default=lambda self: self.env.ref("aftersales_service.stock_location_unpacked", False))
    user_id = fields.Many2one("res.users", "Issued By", default=lambda self: self.env.user, readonly=True)
    move_ids = fields.One2many("stock.move", "fg_borrow_id", "Ledger", readonly=True)
    borrow_date = fields.Datetime(readonly=True, copy=False)
    put_back_date = fields.Datetime("Part Put Back On", readonly=True, copy=False)
    qa_passed = fields.Boolean("QA Passed", readonly=True, copy=False, track_visibility="onchange")
    qa_by = fields.Many2one("res.users", "QA Signed By", readonly=True, copy=False)
    qa_date = fields.Datetime("QA Date", readonly=True, copy=False)
    qa_note = fields.Char("QA Note", copy=False)
    return_date = fields.Datetime(readonly=True, copy=False)

    def _document_can(self, key):
        if key == "qa_passed":
            return not self.qa_passed
        if key == "returned":
            return self.qa_passed
        return True

    def _ledger_move(self, product, qty, source, destination, check_available=False, consequence=False):
        """One done stock move of the ledger. ``consequence``: a move that touches
        neither side of the finished-goods warehouse (the part taken out of or put
        back into the package, in the unpacked area): once the user's move of the
        package itself went through (the depot keeper's rules apply to it), these
        follow as superuser, as the workshop receipt's stock side does."""
        self.ensure_one()
        moves = self.env["stock.move"].sudo() if consequence else self.env["stock.move"]
        move = moves.create({
            "name": "%s: %s" % (self.name, product.display_name),
            "product_id": product.id,
            "product_uom_qty": qty,
            "product_uom": product.uom_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "origin": "%s / %s" % (self.name, self.request_id.name),
            "company_id": self.company_id.id or self.env.user.company_id.id,
            "fg_borrow_id": self.id,
        })
        move._action_confirm()
        move._action_assign()
        if check_available and move.state != "assigned":
            raise UserError(_("%s: not enough %s in %s (%s needed).")
                            % (self.name, product.display_name, source.display_name, qty))
        move.quantity_done = qty
        move._action_done()
        return move

    def _ensure_stock_role(self):
        self._ensure_role(STOCK_GROUPS, _(
            "Finished-goods packages are borrowed, repacked and returned by a depot keeper "
            "or an after-sales supervisor (S1-4.4)."))

    @api.multi
    def action_borrow(self):
        """Take the package out of the finished-goods warehouse, unpack it and
        hand the part to the request's delivery."""
        self._ensure_stock_role()
        lock_rows(self)
        self._ensure_can("borrowed", _("borrowed"))
        for borrow in self:
            if borrow.request_id.state != "in_progress":
                raise UserError(_("%s: the request %s is not in progress.") % (borrow.name, borrow.request_id.name))
            with atomic(self.env):
                unpacked = borrow.unpacked_location_id
                production = borrow.product_id.property_stock_production
                borrow._ledger_move(borrow.package_product_id, borrow.package_qty,
                                    borrow.warehouse_id.lot_stock_id, unpacked, check_available=True)
                # The part taken out of the package is now on the unpacked ledger.
                borrow._ledger_move(borrow.product_id, borrow.qty, production, unpacked, consequence=True)
                borrow.request_line_id.sudo()._create_delivery_pickings(location=unpacked)
                borrow.write({"state": "borrowed", "borrow_date": fields.Datetime.now()})
            borrow.request_id.sudo()._try_mark_ready()
        return True

    @api.multi
    def action_put_back(self):
        """The replacement part is available in the warehouse: put it back into the package."""
        self._ensure_stock_role()
        for borrow in self:
            borrow._put_back_part(source=borrow.warehouse_id.lot_stock_id, check_available=True)
        return True

    def _put_back_part(self, source, check_available=False):
        lock_rows(self)
        self._ensure_can("put_back", _("repacked"))
        for borrow in self:
            with atomic(self.env):
                unpacked = borrow.unpacked_location_id
                borrow._ledger_move(borrow.product_id, borrow.qty, source, unpacked, check_available=check_available)
                # Repacked: the part is part of the package again.
                borrow._ledger_move(borrow.product_id, borrow.qty, unpacked,
                                    borrow.product_id.property_stock_production, consequence=True)
                borrow.write({"state": "to_qa", "put_back_date": fields.Datetime.now()})
                borrow.message_post(body=_("Part put back and the product repacked; waiting for finished-goods QA."))
        return True

    @api.multi
    def action_qa_pass(self):
        """Finished-goods QA passed the repacked product and signs the ledger (S1-4.4).
        The QA note is the form's ``qa_note`` field."""
        if not self.env.user.has_group(INSPECTOR_GROUP):
            raise AccessError(_("Only a QC inspector may pass the finished-goods QA of a repacked product."))
        if self.filtered(lambda b: b.state != "to_qa"):
            raise UserError(_("Only repacked products waiting for QA can be passed."))
        self.write({"qa_passed": True, "qa_by": self.env.uid, "qa_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_return_package(self):
        """Give the package back to the finished-goods warehouse (S1-4.4)."""
        self._ensure_stock_role()
        lock_rows(self)
        for borrow in self:
            if borrow.state != "to_qa":
                raise UserError(_("%s: the package can only be returned once it is repacked.") % borrow.name)
            if not borrow.qa_passed:
                raise UserError(_("%s: the repacked product must pass finished-goods QA before it goes back "
                                  "to the finished-goods warehouse (S1-4.4).") % borrow.name)
            with atomic(self.env):
                borrow._ledger_move(borrow.package_product_id, borrow.package_qty, borrow.unpacked_location_id,
                                    borrow.warehouse_id.lot_stock_id, check_available=True)
                borrow.write({"state": "returned", "return_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_cancel(self):
        if self.filtered(lambda b: b.state != "draft"):
            raise UserError(_("A package already taken out must be returned, not cancelled."))
        self.write({"state": "cancel"})
        return True

    @api.model
    def action_open_unpacked_ledger(self):
        """The unpacked products ledger: every move in or out of the unpacked areas."""
        groups = self.read_group([], ["unpacked_location_id"], ["unpacked_location_id"])
        locations = self.env["stock.location"].browse([g["unpacked_location_id"][0] for g in groups])
        locations |= self.env.ref("aftersales_service.stock_location_unpacked")
        action = self.env.ref("stock.stock_move_action").read()[0]
        action.update({
            "name": _("Unpacked Products Ledger"),
            "domain": ["|", ("location_id", "in", locations.ids), ("location_dest_id", "in", locations.ids)],
            "context": {"search_default_done": 1},
        })
        return action
