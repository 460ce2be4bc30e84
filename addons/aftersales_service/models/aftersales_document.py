# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .concurrency import atomic


class AftersalesDocument(models.AbstractModel):
    """What every document of the suite shares (issue 12), configured by class
    attributes the way OCA's ``tier.validation`` is (``_state_from``/``_state_to``):

    - ``name`` and ``company_id``: the paper-form number and the company, declared
      here once (a document redefines only the attributes it changes).
    - ``_document_sequence``: the ir.sequence code of its paper-form number (True:
      the code is the model's name; False: not numbered). The
      record is created unnumbered ("/") and numbered once its constraints passed,
      from the sequence of its company; a refused save takes no number (issue 11).
      ``_document_next_numbers(count)`` draws many numbers at once for generated
      documents.
    - ``_document_deletable_states``: the states in which it may be deleted; in
      the others it is kept for the record (cancelled or archived, never deleted).
    - ``_document_transitions``: step key -> the states the step is allowed
      from. The header buttons' flags ``can_be_<key>`` (non-stored booleans the mixin
      declares for every key, computed by ``_compute_can_be``; views use them in
      ``attrs``) and the guard ``_ensure_can(key, action)`` are both derived from it, so they
      cannot disagree; ``_document_can(key)`` adds what is not a state (roles,
      amounts) to the buttons, the action's own checks add it to the guard;
      ``_document_can_depends`` names the fields ``_document_can`` reads.
    - ``action_draft``: back to draft from the states of the ``reset`` step, its
      reviews withdrawn and ``_document_draft_values`` written (what the earlier
      round decided); documents add their role checks in front.
    - ``_document_activity``: the next person's to-do (Odoo 11 has no
      ``activity_schedule``).
    - ``_on_tiers_approved`` / ``_on_tiers_rejected``: called by the suite's
      tier validation when a document's last tier is approved, or one rejected.

    List ``aftersales.document`` first in ``_inherit``: its guards then run before
    the other mixins act (``mail.thread.unlink`` deletes the chatter first), and the
    number is taken once the whole creation (chatter, timers) passed.
    """
    _name = "aftersales.document"
    _description = "After-sales Document"

    _document_sequence = True
    _document_state_field = "state"
    _document_deletable_states = ("draft",)
    _document_transitions = {}
    _document_can_depends = ()
    _document_draft_values = {}

    name = fields.Char("Number", readonly=True, copy=False, default="/", index=True)
    company_id = fields.Many2one(
        "res.company", "Company", required=True, index=True, default=lambda self: self.env.user.company_id)

    @api.model
    def _setup_base(self):
        """Declare ``can_be_<key>`` for every step of ``_document_transitions`` the
        document does not declare itself (a document's own declaration wins)."""
        result = super()._setup_base()
        for key in self._document_transitions:
            name = "can_be_%s" % key
            if name not in self._fields:
                self._add_field(name, fields.Boolean(
                    compute="_compute_can_be",
                    help="Shows the button of this step (the document's transitions table)."))
        return result

    # ------------------------------------------------------------------
    # Labels
    # ------------------------------------------------------------------
    def _document_label(self):
        """The document's kind in the user's language (its model's name)."""
        return self.env["ir.model"]._get(self._name).name

    def _document_state_label(self, state=None):
        state = state if state is not None else self[self._document_state_field]
        selection = dict(self._fields[self._document_state_field]._description_selection(self.env))
        return selection.get(state, state)

    # ------------------------------------------------------------------
    # Numbering
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if not self._document_sequence or (vals.get("name") and vals["name"] != "/"):
            return super().create(vals)
        # A refused create leaves no unnumbered row behind, even when the caller
        # catches the error and goes on in the same transaction (nor, in the ORM's
        # caches, fields to recompute on the rolled-back rows).
        with atomic(self.env):
            record = super().create(dict(vals, name="/"))
        number = record._document_sequence_env().next_by_code(self._document_sequence_code()) or "/"
        # The model's own write guards (locked states, tier validation) are for
        # users' edits; numbering is part of the creation.
        models.BaseModel.write(record, {"name": number})
        return record

    def _document_sequence_code(self):
        return self._name if self._document_sequence is True else self._document_sequence

    def _document_sequence_env(self):
        """ir.sequence, preferring the sequence of the document's company."""
        sequence = self.env["ir.sequence"]
        company = "company_id" in self._fields and self.sudo().company_id
        return sequence.with_context(force_company=company.id) if company else sequence

    @api.model
    def _document_next_numbers(self, count, company_id=None):
        """``count`` numbers of the document's sequence, drawn in one query (a standard or a
        no-gap sequence without date ranges; else one by one, as ``next_by_code`` does).
        For documents generated in batches (penalties proposed by the SLA sweep, visits
        generated from cycles)."""
        if not count:
            return []
        code = self._document_sequence_code()
        company_id = company_id or self.env.context.get("force_company") or self.env.user.company_id.id
        sequence = self.env["ir.sequence"].sudo().search(
            [("code", "=", code), ("company_id", "in", [company_id, False])], order="company_id", limit=1)
        if not sequence:
            return ["/"] * count
        if sequence.use_date_range:
            return [sequence._next() for _i in range(count)]
        cr = self.env.cr
        if sequence.implementation == "standard":
            cr.execute("SELECT nextval(%s) FROM generate_series(1, %s) ORDER BY 1",
                       ("ir_sequence_%03d" % sequence.id, count))
            numbers = [number for (number,) in cr.fetchall()]
        else:  # no gap: the row lock of the sequence is held until the transaction ends
            step = sequence.number_increment
            cr.execute("""UPDATE ir_sequence SET number_next = number_next + %s WHERE id = %s
                          RETURNING number_next - %s""", (step * count, sequence.id, step * count))
            first = cr.fetchone()[0]
            numbers = [first + step * i for i in range(count)]
            sequence.invalidate_cache(["number_next", "number_next_actual"])
        prefix, suffix = sequence._get_prefix_suffix()  # interpolated once
        return [prefix + "%%0%sd" % sequence.padding % number + suffix for number in numbers]

    # ------------------------------------------------------------------
    # Kept for the record
    # ------------------------------------------------------------------
    @api.multi
    def unlink(self):
        self._document_check_unlink()
        return super().unlink()

    def _document_check_unlink(self):
        """Refuse to delete documents outside ``_document_deletable_states`` (a document
        whose own ``unlink`` cleans something up first calls this before)."""
        kept = self.filtered(lambda r: r[self._document_state_field] not in self._document_deletable_states)
        if kept:
            raise UserError(kept[0]._document_unlink_refusal())
        return True

    def _document_unlink_refusal(self):
        """The message refusing to delete this document; documents that are archived
        rather than cancelled say so by overriding it."""
        values = {"document": self._document_label(), "name": self.display_name,
                  "state": self._document_state_label(),
                  "states": ", ".join(self._document_state_label(s) for s in self._document_deletable_states)}
        if not self._document_deletable_states:
            return _("%(document)s %(name)s is kept for the record: it is never deleted.") % values
        return _("%(document)s %(name)s is %(state)s and kept for the record: only documents in state "
                 "%(states)s can be deleted; cancel it instead.") % values

    # ------------------------------------------------------------------
    # Transitions: header buttons and guards from one table
    # ------------------------------------------------------------------
    def _document_can(self, key):
        """Conditions of the ``key`` button beyond the state (roles, amounts …)."""
        return True

    @api.depends(lambda self: (self._document_state_field,) + tuple(self._document_can_depends))
    def _compute_can_be(self):
        """``can_be_<key>`` for every key of ``_document_transitions``."""
        state_field = self._document_state_field
        for record in self:
            for key, states in self._document_transitions.items():
                record["can_be_%s" % key] = record[state_field] in states and record._document_can(key)

    def _ensure_role(self, groups, message):
        """Steps belong to roles (issue 11): a user without one of ``groups`` (xmlids,
        ``models/roles.py``) gets ``message``, which says who may do it."""
        if self.env.uid != SUPERUSER_ID and not any(self.env.user.has_group(g) for g in groups):
            raise AccessError(message)

    def _ensure_can(self, key, action):
        """Refuse the step ``key`` on documents whose state ``_document_transitions[key]``
        does not allow. ``action``: what the step does to the document, as a past
        participle in the user's language (_("submitted"), _("reset to draft"))."""
        states = self._document_transitions.get(key, ())
        for record in self:
            if record[self._document_state_field] not in states:
                raise UserError(_("%(document)s %(name)s is %(state)s: it cannot be %(action)s now.") % {
                    "action": action, "document": record._document_label(), "name": record.display_name,
                    "state": record._document_state_label()})

    @api.multi
    def action_draft(self):
        """Back to draft (the ``reset`` step): a corrected document is approved again,
        so the reviews of the earlier round are withdrawn."""
        self._ensure_can("reset", _("reset to draft"))
        if "review_ids" in self._fields:
            self.sudo().mapped("review_ids").unlink()
        self.write(dict(self._document_draft_values, **{self._document_state_field: "draft"}))
        return True

    def _document_window_action(self, xmlid, domain, context=None):
        """The window action ``xmlid`` (a smart button's list) on ``domain``; ``context``
        replaces the action's own (whose default filters would hide records)."""
        action = self.env.ref(xmlid).read()[0]
        action["domain"] = domain
        if context is not None:
            action["context"] = context
        return action

    # ------------------------------------------------------------------
    # The next person's work
    # ------------------------------------------------------------------
    def _document_activity(self, user, summary, note=False, deadline=None,
                           activity_type="mail.mail_activity_data_todo"):
        """A to-do activity on each document for ``user`` (Odoo 11's mail.activity.mixin has
        no ``activity_schedule``). Created as superuser: whoever hands the work on may not
        edit the next person's activities. ``deadline``: a date (string), default today."""
        if not user:
            return self.env["mail.activity"]
        activity_type = self.env.ref(activity_type, raise_if_not_found=False)
        model_id = self.env["ir.model"]._get(self._name).id
        deadline = deadline or fields.Date.context_today(self)
        activities = self.env["mail.activity"]
        for record in self:
            activities |= activities.sudo().create({
                "res_model_id": model_id,
                "res_id": record.id,
                "activity_type_id": activity_type.id if activity_type else False,
                "summary": summary,
                "note": note or False,
                "user_id": user.id,
                "date_deadline": deadline,
            })
        return activities

    # ------------------------------------------------------------------
    # Tier validation (tier_validation.py calls these)
    # ------------------------------------------------------------------
    def _on_tiers_approved(self):
        """The last tier of these documents was approved: move them on."""

    def _on_tiers_rejected(self):
        """A tier of these documents was rejected."""
