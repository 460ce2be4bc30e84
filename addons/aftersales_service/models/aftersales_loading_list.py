# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .concurrency import atomic, lock_rows


class AftersalesLoadingList(models.Model):
    """Daily spare-part loading list (补件装车单, S1-4.7).

    The parts dispatcher groups the day's ready requests per customer pickup,
    in the finished-goods warehouse's loading order, and hands the list with
    the prepared parts to the depot keeper, who loads them: loading ships the
    requests.
    """
    _name = "aftersales.loading.list"
    _description = "Spare-part Loading List"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _order = "date desc, sequence, id desc"
    _document_transitions = {"loaded": ("draft",), "cancelled": ("draft",)}

    state = fields.Selection(
        [("draft", "To Load"), ("loaded", "Loaded"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, index=True, track_visibility="onchange")
    date = fields.Date("Loading Date", required=True, default=fields.Date.context_today, index=True,
                       readonly=True, states={"draft": [("readonly", False)]})
    sequence = fields.Integer("Loading Order", default=10,
                              help="Order in the finished-goods warehouse's loading sequence.")
    partner_id = fields.Many2one(
        "res.partner", "Pickup", required=True, index=True, readonly=True,
        states={"draft": [("readonly", False)]}, help="Customer pickup or delivery address.")
    warehouse_id = fields.Many2one("stock.warehouse", "Warehouse", readonly=True,
                                   states={"draft": [("readonly", False)]})
    vehicle = fields.Char("Vehicle")
    driver_name = fields.Char("Driver")
    driver_phone = fields.Char("Driver Phone")
    user_id = fields.Many2one("res.users", "Dispatcher", default=lambda self: self.env.user)
    keeper_id = fields.Many2one("res.users", "Depot Keeper", track_visibility="onchange")
    request_ids = fields.One2many("aftersales.part.request", "loading_list_id", "Requests", readonly=True,
                                  states={"draft": [("readonly", False)]})
    line_ids = fields.Many2many("aftersales.part.request.line", compute="_compute_line_ids", string="Parts")
    request_count = fields.Integer(compute="_compute_line_ids")
    loaded_date = fields.Datetime(readonly=True, copy=False)
    note = fields.Text()

    @api.depends("request_ids.line_ids")
    def _compute_line_ids(self):
        for loading_list in self:
            loading_list.line_ids = loading_list.request_ids.mapped("line_ids")
            loading_list.request_count = len(loading_list.request_ids)

    @api.model
    def generate(self, date=None):
        """Group the ready requests picked up by ``date`` into one list per
        pickup and warehouse; requests already on an open list stay there."""
        date = date or fields.Date.context_today(self)
        Request = self.env["aftersales.part.request"]
        self.env.cr.execute("""
            SELECT r.id FROM aftersales_part_request r
              LEFT JOIN aftersales_loading_list l ON l.id = r.loading_list_id
             WHERE r.state = 'ready' AND (r.pickup_date IS NULL OR r.pickup_date <= %s)
               AND (r.loading_list_id IS NULL OR l.state = 'cancel')
             ORDER BY r.id FOR UPDATE OF r SKIP LOCKED
        """, (date,))
        requests = Request.browse([row[0] for row in self.env.cr.fetchall()])
        groups = {}
        for request in requests:
            key = (request.company_id.id, (request.partner_shipping_id or request.partner_id).id,
                   request.warehouse_id.id)
            groups.setdefault(key, Request.browse())
            groups[key] |= request
        lists = self.browse()
        for (company_id, partner_id, warehouse_id), group in groups.items():
            loading_list = self.search([("state", "=", "draft"), ("date", "=", date), ("company_id", "=", company_id),
                                        ("partner_id", "=", partner_id), ("warehouse_id", "=", warehouse_id)],
                                       limit=1)
            if not loading_list:
                loading_list = self.create({"date": date, "company_id": company_id, "partner_id": partner_id,
                                            "warehouse_id": warehouse_id})
            group.write({"loading_list_id": loading_list.id})
            lists |= loading_list
        return lists

    @api.model
    def _cron_generate(self):
        return self.generate()

    @api.multi
    def action_load(self):
        """Loaded by the depot keeper: every request on the list ships."""
        lock_rows(self)
        self._ensure_can("loaded", _("loaded"))
        for loading_list in self:
            if not loading_list.request_ids:
                raise UserError(_("Loading list %s has no requests.") % loading_list.name)
        with atomic(self.env):
            self.mapped("request_ids").action_ship()
            self.filtered(lambda l: not l.keeper_id).write({"keeper_id": self.env.uid})
            self.write({"state": "loaded", "loaded_date": fields.Datetime.now()})
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_can("cancelled", _("cancelled"))
        self.mapped("request_ids").write({"loading_list_id": False})
        self.write({"state": "cancel"})
        return True
