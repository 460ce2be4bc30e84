# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .concurrency import atomic


class TierValidation(models.AbstractModel):
    """Approvals (SPEC §3.2) for every document of the suite that opts in.

    Segregation of duties (SPEC §2, issue 11), for every tier document of the
    four addons alike:

    - the tiers are cleared in order: a reviewer approves the first pending
      tier, and only when they are one of its reviewers;
    - nobody approves a tier of a document they created or submitted (who
      submitted is the ``requested_by`` of the reviews: the user who called
      ``request_validation``, i.e. who pressed Submit);
    - one user clears at most one tier of a document;
    - anyone else calling ``validate_tier`` / ``reject_tier`` gets one clear
      error saying who may approve, never a silent ``True``.
    There is no override, not even for managers or the administrator: an
    approval by the wrong person is reset and asked again (Restart Approval).

    These rules apply to the suite's own documents (models defined by its four
    addons); any other tier document (OCA's, or another module's) keeps OCA's
    rules, so that standard behaviour and OCA's own tests are unchanged (issue 19).
    """
    _inherit = "tier.validation"

    # the addons whose documents follow the suite's segregation of duties
    _tier_segregated_modules = ("aftersales_service", "spare_parts_depot", "field_service",
                                "maintenance_contract")

    def _tier_segregated(self):
        """True for a document defined by one of the suite's addons."""
        return self._original_module in self._tier_segregated_modules

    @api.multi
    def request_validation(self):
        """Per document with its own prefetch: in a batch, each review created
        would make the next document recompute the tiers of the whole batch
        (queries per document would grow with the batch)."""
        reviews = self.env["tier.review"]
        for record in self:
            reviews |= super(TierValidation, record.with_prefetch()).request_validation()
        return reviews

    # ------------------------------------------------------------------
    # Segregation of duties
    # ------------------------------------------------------------------
    def _tier_reviewers_label(self, review):
        """Who may clear ``review``: its reviewer or its group, by name."""
        definition = review.sudo().definition_id
        if definition.review_type == "individual" and definition.reviewer_id:
            return definition.reviewer_id.name
        if definition.reviewer_group_id:
            return _("a member of %(group)s") % {"group": definition.reviewer_group_id.full_name}
        return ", ".join(review.sudo().reviewer_ids.mapped("name")) or _("nobody (check the tier definition)")

    def _tier_submitters(self):
        """The users who created or submitted the document."""
        self.ensure_one()
        record = self.sudo()
        # Reviews OCA creates on the fly when a reviewer moves the state directly
        # (write path) were "requested" by that reviewer: not a submission.
        auto = self.env.context.get("tier_auto_review_ids") or []
        requests = record.review_ids.filtered(lambda r: r.id not in auto)
        return record.create_uid | requests.mapped("requested_by")

    def _tier_refusal(self, user=None):
        """Why ``user`` may not approve the next tier of this document now
        (a translated message), or an empty string when they may; and the
        review they would clear."""
        self.ensure_one()
        user = user or self.env.user
        reviews = self.sudo().review_ids.sorted(lambda r: (r.sequence, r.id))
        pending = reviews.filtered(lambda r: r.status == "pending")
        document = self.display_name
        if not pending:
            return _("%(document)s has no approval waiting.") % {"document": document}, pending
        review = pending[0]
        if user not in review.reviewer_ids:
            return _("%(document)s: the next approval, \"%(tier)s\", is for %(who)s; you are not one of its "
                     "reviewers.") % {"document": document, "tier": review.name or "",
                                      "who": self._tier_reviewers_label(review)}, review
        if user in self._tier_submitters():
            return _("%(document)s: you created or submitted it, so you may not approve it yourself; "
                     "\"%(tier)s\" is for another user, %(who)s.") % {
                         "document": document, "tier": review.name or "",
                         "who": self._tier_reviewers_label(review)}, review
        if reviews.filtered(lambda r: r.status == "approved" and r.done_by == user):
            return _("%(document)s: you already approved one of its tiers; \"%(tier)s\" is for another "
                     "user, %(who)s.") % {"document": document, "tier": review.name or "",
                                          "who": self._tier_reviewers_label(review)}, review
        return "", review

    @api.multi
    def _compute_need_validation(self):
        """A record being edited in a new form (onchange) has no tiers yet:
        OCA's search on its id would fail on the NewId."""
        new = self.filtered(lambda r: not isinstance(r.id, int))
        for rec in new:
            rec.need_validation = False
        return super(TierValidation, self - new)._compute_need_validation()

    @api.multi
    def _compute_can_review(self):
        """Shows the Validate / Reject buttons to whoever may clear the next tier."""
        if not self._tier_segregated():
            return super()._compute_can_review()
        for rec in self:
            rec.can_review = isinstance(rec.id, int) and not rec._tier_refusal()[0]

    def _validate_tier(self, tiers=False):
        """Approve the one tier this user may clear (see the class docstring).

        ``tiers``: the reviews just created by a state change (OCA's write);
        only those may then be cleared."""
        self.ensure_one()
        if not self._tier_segregated():
            return super()._validate_tier(tiers)
        checked = self.with_context(tier_auto_review_ids=tiers.ids) if tiers else self
        refusal, review = checked._tier_refusal()
        if refusal:
            raise AccessError(refusal)
        if tiers and review not in tiers:
            return None
        return super()._validate_tier(review)

    @api.multi
    def validate_tier(self):
        """Then, documents whose last tier this approval cleared move on at once
        (``_on_tiers_approved`` of ``aftersales.document``): no second click."""
        if not self._tier_segregated():
            return super().validate_tier()
        for rec in self:
            refusal = rec._tier_refusal()[0]
            if refusal:
                raise AccessError(refusal)
        # One document at a time with its own prefetch: in a batch, every
        # approval would make the next one re-read all the reviews.
        res = True
        with atomic(self.env):  # the approval and the step it triggers, or neither
            for rec in self:
                res = super(TierValidation, rec.with_prefetch()).validate_tier()
            finished = self.filtered(lambda r: r.review_ids and r.validated)
            if finished and hasattr(finished, "_on_tiers_approved"):
                finished._on_tiers_approved()
        return res

    @api.multi
    def reject_tier(self):
        """Only a reviewer of a pending tier rejects (not necessarily the next one:
        a later reviewer may stop the document early)."""
        if not self._tier_segregated():
            return super().reject_tier()
        user = self.env.user
        for rec in self:
            pending = rec.sudo().review_ids.filtered(lambda r: r.status == "pending")
            if not pending.filtered(lambda r: user in r.reviewer_ids):
                review = pending.sorted(lambda r: (r.sequence, r.id))[:1]
                who = rec._tier_reviewers_label(review) if review else _("nobody (no approval is waiting)")
                raise AccessError(_("%(document)s: only a reviewer of its pending approval may reject it "
                                    "(%(who)s).") % {"document": rec.display_name, "who": who})
        res = super().reject_tier()
        rejected = self.filtered("rejected")
        if rejected and hasattr(rejected, "_on_tiers_rejected"):
            rejected._on_tiers_rejected()
        return res

    def _demo_validate_tiers(self):
        """Demo data (loaded as superuser, who created and submitted the
        documents): clear every pending tier, in order, each as a different
        reviewer the segregation of duties allows."""
        for rec in self:
            while True:
                pending = rec.sudo().review_ids.filtered(lambda r: r.status == "pending").sorted(
                    lambda r: (r.sequence, r.id))
                if not pending:
                    break
                reviewer = next((user for user in pending[0].reviewer_ids.sorted("id")
                                 if not rec._tier_refusal(user)[0]), None)
                if not reviewer:
                    raise UserError(rec._tier_refusal()[0])
                rec.sudo(reviewer).validate_tier()
        return True

    # ------------------------------------------------------------------
    # Editing under review
    # ------------------------------------------------------------------
    @api.multi
    def write(self, vals):
        """A document under review is not edited (OCA's rule): the suite's documents say
        which and what to do, before OCA's bare "The operation is under validation."."""
        if self._tier_segregated():
            for rec in self:
                if rec._tier_under_review_for(vals):
                    raise ValidationError(rec._tier_under_review_message())
        return super().write(vals)

    def _tier_under_review_for(self, vals):
        """OCA's condition (base_tier_validation 11.0 ``write``) for refusing ``vals`` on
        this document: reviews requested, still in a state to review, not moved on to an
        approved or cancelled state, and not only fields allowed under review."""
        self.ensure_one()
        return bool(self.review_ids and getattr(self, self._state_field) in self._state_from
                    and vals.get(self._state_field) not in (self._state_to + [self._cancel_state])
                    and not self._check_allow_write_under_validation(vals))

    def _tier_under_review_message(self):
        """Why this document cannot be edited now and what to do (translated)."""
        self.ensure_one()
        pending = self.sudo().review_ids.filtered(lambda r: r.status == "pending").sorted(
            lambda r: (r.sequence, r.id))
        if pending:
            reason = _("%(document)s is under validation, waiting for approval by %(who)s: it cannot be "
                       "changed now.") % {"document": self.display_name,
                                          "who": self._tier_reviewers_label(pending[0])}
        else:
            reason = _("%(document)s is under validation: it cannot be changed now.") % {
                "document": self.display_name}
        # every tier document of the suite goes back to draft from cancelled, but penalties
        if hasattr(self, "action_draft"):
            remedy = _("To change it, cancel it, set it back to draft, then edit it and submit it again.")
        else:
            remedy = _("To change it, cancel it and create a new one.")
        # one space between the sentences in English, none in Chinese
        return _("%(reason)s %(remedy)s") % {"reason": reason, "remedy": remedy}

    def _notify_accepted_reviews_body(self):
        return _("A review was accepted by %(user)s on %(date)s.") % {
            "user": self.env.user.name, "date": fields.Datetime.now()}
