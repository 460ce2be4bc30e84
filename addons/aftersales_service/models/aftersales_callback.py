# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from .roles import SUPERVISOR_GROUP


class AftersalesCallback(models.Model):
    """One contact with a customer about the service received (SPEC §3.4).

    Callbacks follow finished work orders (sampled), the Friday call to
    maintained sites (S2-一-1.3.2) and the quarterly satisfaction campaign
    (S1-4.17). A satisfaction of 1 or 2 makes the callback *dissatisfied*:
    ``_on_dissatisfied()`` then runs exactly once for it (S1 第五篇 二-(二):
    find out why and hold the technician responsible).
    """
    _name = "aftersales.callback"
    _description = "Customer Callback"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_deletable_states = ("planned", "cancelled",)
    _document_transitions = {"done": ("planned",), "cancelled": ("planned",)}
    _order = "date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, index=True, track_visibility="onchange")
    contact_name = fields.Char("Contact Person")
    phone = fields.Char()
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="Source Document",
        help="The work order, site or contract this callback is about.")
    channel = fields.Selection(
        [("phone", "Phone"), ("visit", "Visit"), ("survey", "Survey")],
        required=True, default="phone")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    user_id = fields.Many2one(
        "res.users", "Called by", default=lambda self: self.env.user, track_visibility="onchange")
    employee_id = fields.Many2one(
        "hr.employee", "Technician", index=True, track_visibility="onchange",
        help="The technician or maintenance worker the callback is about.")
    satisfaction = fields.Integer(
        group_operator="avg", track_visibility="onchange",
        help="1 = very dissatisfied … 5 = very satisfied; 1 or 2 counts as dissatisfied. "
             "Empty while the customer has not answered.")
    dissatisfied = fields.Boolean(compute="_compute_dissatisfied", store=True, index=True)
    dissatisfied_handled = fields.Boolean(
        readonly=True, copy=False,
        help="Technical: the dissatisfaction follow-up (_on_dissatisfied) has run.")
    # S2-一-1.3.2: what the Friday call asks
    fault_count = fields.Integer("Faults since Last Contact")
    entrapment_count = fields.Integer("Entrapments", help="Times people were trapped since the last contact.")
    parts_replaced = fields.Text("Parts Replaced")
    conduct = fields.Selection(
        [("good", "Good"), ("acceptable", "Acceptable"), ("poor", "Poor")], "Technician Conduct")
    answers = fields.Text("Other Answers / Remarks")
    state = fields.Selection(
        [("planned", "To Call"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")

    @api.model
    def _selection_source_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([])]

    @api.depends("satisfaction")
    def _compute_dissatisfied(self):
        for callback in self:
            callback.dissatisfied = bool(callback.satisfaction) and callback.satisfaction <= 2

    @api.constrains("satisfaction", "fault_count", "entrapment_count")
    def _check_answers(self):
        for callback in self:
            if callback.satisfaction and not 1 <= callback.satisfaction <= 5:
                raise ValidationError(_("Satisfaction goes from 1 (very dissatisfied) to 5 (very satisfied)."))
            if callback.fault_count < 0 or callback.entrapment_count < 0:
                raise ValidationError(_("Counts of faults and entrapments cannot be negative."))

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        if self.partner_id:
            self.phone = self.partner_id.mobile or self.partner_id.phone

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_done(self):
        if any(not c.satisfaction for c in self):
            raise UserError(_("Record the customer's satisfaction (1 to 5) before closing the callback."))
        self._ensure_can("done", _("marked done"))
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_can("cancelled", _("cancelled"))
        self.write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Dissatisfaction follow-up
    # ------------------------------------------------------------------
    @api.multi
    def _trigger_dissatisfied(self):
        """Run ``_on_dissatisfied`` once per callback, also under concurrency:
        the flag is claimed in one UPDATE, so a second transaction waits for the
        first and then finds nothing left to claim."""
        candidates = self.filtered(lambda c: c.dissatisfied and not c.dissatisfied_handled)
        if not candidates:
            return
        self.env.cr.execute(
            "UPDATE aftersales_callback SET dissatisfied_handled = TRUE "
            "WHERE id IN %s AND dissatisfied_handled IS NOT TRUE RETURNING id",
            [tuple(candidates.ids)])
        claimed = self.browse([row[0] for row in self.env.cr.fetchall()])
        claimed.invalidate_cache(["dissatisfied_handled"], claimed.ids)
        if claimed:
            claimed._on_dissatisfied()

    @api.multi
    def _dissatisfied_supervisor(self):
        """The user who follows up: the technician's manager's user, else the
        first after-sales supervisor of the company, else the caller."""
        self.ensure_one()
        user = self.employee_id.parent_id.user_id
        if not user:
            group = self.env.ref(SUPERVISOR_GROUP)
            user = group.users.filtered(
                lambda u: u.active and u.id != SUPERUSER_ID and self.company_id in u.company_ids).sorted("id")[:1]
        return user or self.user_id or self.env.user

    @api.multi
    def _on_dissatisfied(self):
        """Hook called exactly once when a callback becomes dissatisfied.

        Base: a to-do activity for the supervisor (due the next day, like the
        24 h complaint response of S1-4.14). Higher modules extend it, e.g.
        field service opens a rework order linked to the work order in
        ``source_ref``.
        """
        activity_type = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        model = self.env["ir.model"]._get(self._name)
        deadline = fields.Date.to_string(fields.Date.from_string(fields.Date.context_today(self)) + timedelta(days=1))
        Activity = self.env["mail.activity"].sudo()
        for callback in self:
            supervisor = callback._dissatisfied_supervisor()
            Activity.create({
                "res_model_id": model.id,
                "res_id": callback.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "user_id": supervisor.id,
                "date_deadline": deadline,
                "summary": _("Dissatisfied customer: find out why"),
                "note": _("%s rated the service %s/5. Find out why, hold the technician %s responsible "
                          "if needed and arrange a rework.") % (
                    callback.partner_id.display_name, callback.satisfaction,
                    callback.employee_id.name or _("(none)")),
            })

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("satisfaction") and "state" not in vals:
            vals["state"] = "done"
        callback = super().create(vals)
        callback._trigger_dissatisfied()
        return callback

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if "satisfaction" in vals:
            self._trigger_dissatisfied()
        return res
