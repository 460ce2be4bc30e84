# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from .roles import MANAGER_GROUP, SUPERVISOR_GROUP


class AftersalesPenalty(models.Model):
    """One fine, deduction or bonus on an employee (SPEC §3.3).

    Breaches and events only *propose* (``propose``); a supervisor cancels with
    a reason or asks for approval; a manager confirms (tier validation, SPEC
    §3.2). Only confirmed entries count in the monthly appraisal.
    """
    _name = "aftersales.penalty"
    _description = "Penalty / Bonus"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin", "tier.validation"]
    _document_deletable_states = ("proposed",)
    _document_transitions = {
        "confirmed": ("proposed",),
        "cancelled": ("proposed", "confirmed"),
    }
    _order = "date desc, id desc"

    # tier.validation (OCA base_tier_validation): leaving "proposed" for
    # "confirmed" needs the approved reviews of data/aftersales_tier_definition_data.xml
    _state_from = ["proposed"]
    _state_to = ["confirmed"]
    _cancel_state = "cancelled"

    employee_id = fields.Many2one(
        "hr.employee", required=True, index=True, track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    department_id = fields.Many2one(
        related="employee_id.department_id", store=True, readonly=True, string="Department")
    rule_id = fields.Many2one(
        "aftersales.penalty.rule", required=True, ondelete="restrict", track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    rule_type = fields.Selection(related="rule_id.rule_type", store=True, readonly=True)
    rule_code = fields.Char(related="rule_id.code", store=True, readonly=True, index=True)
    variable_amount = fields.Boolean(related="rule_id.variable_amount", readonly=True)
    amount = fields.Monetary(
        currency_field="currency_id", track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    points = fields.Float(
        track_visibility="onchange",
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    date = fields.Date(
        required=True, default=fields.Date.context_today, index=True,
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    source_ref = fields.Reference(
        selection="_selection_source_ref", string="Source Document", readonly=True,
        help="The document whose event or missed deadline caused this entry.")
    reason = fields.Text(
        required=True,
        states={"confirmed": [("readonly", True)], "cancelled": [("readonly", True)]})
    cancel_reason = fields.Text(readonly=True, track_visibility="onchange")
    state = fields.Selection(
        [("proposed", "Proposed"), ("confirmed", "Confirmed"), ("cancelled", "Cancelled")],
        default="proposed", required=True, readonly=True, copy=False, index=True,
        track_visibility="onchange")
    currency_id = fields.Many2one(related="company_id.currency_id", readonly=True)

    @api.model
    def _selection_source_ref(self):
        return [(m.model, m.name) for m in self.env["ir.model"].sudo().search([])]

    def _document_can(self, key):
        # a proposal is withdrawn by a supervisor; a confirmed entry cancelled by a manager
        if key == "confirmed" or (key == "cancelled" and self.state == "confirmed"):
            return self.env.user.has_group(MANAGER_GROUP)
        if key == "cancelled":
            return self.env.user.has_group(SUPERVISOR_GROUP)
        return True

    @api.onchange("rule_id")
    def _onchange_rule_id(self):
        if self.rule_id:
            self.amount = self.rule_id.amount_min
            self.points = self.rule_id.points

    @api.constrains("rule_id", "amount", "points")
    def _check_within_rule_limits(self):
        for penalty in self:
            rule = penalty.rule_id
            amount_max = rule.amount_max or rule.amount_min
            if penalty.amount < 0 or penalty.points < 0:
                raise ValidationError(_("Amounts and points are magnitudes: enter them without a sign."))
            if rule.variable_amount:
                # S2-二-4.2: the event sets the amount (value of the loss)
                if not penalty.amount:
                    raise ValidationError(_("Rule %s charges the amount of the event: enter that amount.")
                                          % rule.name)
            elif rule.amount_min or rule.amount_max:
                if not rule.amount_min <= penalty.amount <= amount_max:
                    raise ValidationError(_(
                        "Rule %s allows an amount between %.2f and %.2f, not %.2f.")
                        % (rule.name, rule.amount_min, amount_max, penalty.amount))
            elif penalty.amount:
                raise ValidationError(_("Rule %s has no fine amount.") % rule.name)
            points_max = rule.points_max or rule.points
            if (rule.points or rule.points_max) and not rule.points <= penalty.points <= points_max:
                raise ValidationError(_(
                    "Rule %s allows between %s and %s points, not %s.")
                    % (rule.name, rule.points, points_max, penalty.points))
            elif not (rule.points or rule.points_max) and penalty.points:
                raise ValidationError(_("Rule %s gives no appraisal points.") % rule.name)

    # ------------------------------------------------------------------
    # Guards: confirmation is a manager's decision (SPEC §3.2/§3.3)
    # ------------------------------------------------------------------
    def _ensure_manager(self, action):
        self._ensure_role([MANAGER_GROUP], _("Only an after-sales manager can %s a penalty.") % action)

    @api.multi
    def _ensure_can_be_confirmed(self):
        self._ensure_manager(_("confirm"))
        if any(p.state != "proposed" for p in self):
            raise UserError(_("Only proposed penalties can be confirmed."))
        self._ensure_appraisal_open()

    @api.multi
    def _ensure_supervisor(self):
        # before any read: a role without the supervisor's rights may not see the entry at all
        self._ensure_role([SUPERVISOR_GROUP], _("Only an after-sales supervisor or manager can cancel a penalty."))

    @api.multi
    def _ensure_can_be_cancelled(self, reason):
        self._ensure_supervisor()
        if not (reason or "").strip():
            raise UserError(_("Give the reason for the cancellation."))
        self._ensure_can("cancelled", _("cancelled"))
        if any(p.state == "confirmed" for p in self):
            self._ensure_manager(_("cancel a confirmed"))
            self._ensure_appraisal_open()

    @api.multi
    def _ensure_appraisal_open(self):
        """The month of an approved appraisal is closed: its entries are neither
        confirmed nor cancelled any more (the appraisal's figures are frozen)."""
        Appraisal = self.env["aftersales.appraisal"].sudo()
        for penalty in self:
            closed = Appraisal.search([
                ("employee_id", "=", penalty.employee_id.id), ("state", "!=", "draft"),
                ("date_from", "<=", penalty.date), ("date_to", ">=", penalty.date)], limit=1)
            if closed:
                raise UserError(_(
                    "The appraisal %s of this month is already approved: reset it to draft before "
                    "changing %s, or date the entry in an open month.") % (closed.display_name, penalty.name))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm(self):
        """Manager confirms: approves the pending tier reviews, then confirms."""
        self._ensure_can_be_confirmed()
        for penalty in self.filtered(lambda p: p.review_ids and not p.validated):
            penalty._validate_tier()
        self.write({"state": "confirmed"})
        return True

    @api.multi
    def _cancel(self, reason):
        """Cancel with a reason (tracked in the chatter): the Cancel wizard (aftersales.penalty.cancel)."""
        self._ensure_can_be_cancelled(reason)
        self.write({"state": "cancelled", "cancel_reason": reason.strip()})
        return True

    @api.multi
    def action_open_cancel_wizard(self):
        self._ensure_can_be_cancelled("-")
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancel Penalty"),
            "res_model": "aftersales.penalty.cancel",
            "view_mode": "form",
            "target": "new",
            "context": {"default_penalty_ids": [(6, 0, self.ids)]},
        }

    # tier.validation: the supervisor asks for the approval (SPEC §3.3: a supervisor
    # confirms or cancels a proposal), whoever else may read the entry
    @api.multi
    def request_validation(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(_("An after-sales supervisor asks for the manager's approval of a penalty."))
        return super().request_validation()

    @api.multi
    def restart_validation(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(_("An after-sales supervisor asks for the manager's approval of a penalty."))
        return super().restart_validation()

    # tier.validation: reviewing is the manager's too, whatever the definition says
    @api.multi
    def validate_tier(self):
        self._ensure_manager(_("approve"))
        return super().validate_tier()

    def _on_tiers_approved(self):
        # the last approval confirms the entry at once (no second click)
        self.filtered(lambda p: p.state == "proposed").write({"state": "confirmed"})

    @api.multi
    def reject_tier(self):
        self._ensure_manager(_("reject"))
        return super().reject_tier()

    @api.model
    def _get_under_validation_exceptions(self):
        # the chatter and activities stay usable while the manager reviews
        return super()._get_under_validation_exceptions() + ["activity_ids"]

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get("state") == "confirmed":
            self._ensure_manager(_("confirm"))
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("state") == "confirmed":
            self._ensure_manager(_("confirm"))
        return super().write(vals)

    @api.model
    def _new_proposals(self, vals_list):
        """The values of the proposals of ``vals_list`` that do not exist yet (same employee,
        rule and source, not cancelled; nor twice in the list), with the rule's minimum
        amount and points as defaults; shared by ``propose`` and ``_propose_batch``."""
        if not vals_list:
            return []
        rules = self.env["aftersales.penalty.rule"].browse({v["rule_id"] for v in vals_list})
        rules.mapped("amount_min")  # prefetch the rules in one read
        # One raw query restricted to the sources at hand: its cost does not
        # grow with an employee's history (the ORM would resolve every
        # Reference value with a query of its own).
        self.env.cr.execute(
            """SELECT employee_id, rule_id, source_ref FROM aftersales_penalty
               WHERE state != 'cancelled' AND employee_id IN %s AND rule_id IN %s
                 AND (source_ref IN %s OR source_ref IS NULL)""",
            (tuple({v["employee_id"] for v in vals_list}), tuple(rules.ids),
             tuple({v["source_ref"] for v in vals_list if v.get("source_ref")} or [""])))
        existing = {(e, r, src or False) for e, r, src in self.env.cr.fetchall()}
        by_id = {rule.id: rule for rule in rules}
        todo = []
        for vals in vals_list:
            key = (vals["employee_id"], vals["rule_id"], vals.get("source_ref") or False)
            if key in existing:
                continue
            existing.add(key)
            rule = by_id[vals["rule_id"]]
            if rule.variable_amount and not vals.get("amount"):
                raise UserError(_("Rule %s charges the amount of the event: pass 'amount' when proposing.")
                                % rule.code)
            todo.append(dict({"amount": rule.amount_min, "points": rule.points}, **vals))
        return todo

    @api.model
    def propose(self, vals_list):
        """Propose penalties in batch; the single entry point for events and breaches.

        Each dict needs ``employee_id``, ``rule_id`` and ``reason``; it may give
        ``source_ref`` ("model,id"), ``date``, ``amount`` and ``points`` (both
        default to the rule's minimum; a ``variable_amount`` rule needs the
        amount). A proposal that already exists (same employee, rule and
        source, not cancelled) is not created again, so callers may propose
        idempotently. Returns the created penalties.
        """
        todo = self._new_proposals(vals_list)
        penalties = self.browse()
        creator = self.with_context(mail_create_nolog=True)  # the tracked state says enough
        for vals in todo:
            penalties |= creator.create(vals)
        return penalties.with_env(self.env)

    @api.multi
    def unlink(self):
        self._document_check_unlink()  # before the reviews go
        self.mapped("review_ids").sudo().unlink()
        return super().unlink()

    # ------------------------------------------------------------------
    # Batch proposals (the SLA sweep, issue 14)
    # ------------------------------------------------------------------
    @api.model
    def _propose_batch(self, vals_list):
        """``propose`` for many proposals at once (the SLA sweep), same checks and idempotency.

        Odoo 11 creates one record per INSERT, and each create reads its record
        back and checks its source document twice (a dozen queries per penalty).
        Here the existing proposals are read in one query, the numbers drawn in
        one query, the penalties inserted in one multi-row INSERT with the
        defaults of ``default_get``, then what ``create`` does after its INSERT
        is done once for the batch: fields marked modified, Python constraints
        checked, stored related fields (department, rule type and code) computed.
        ``create`` itself is not called: system proposals have no creation log,
        no follower and no tracking (as ``propose`` under ``tracking_disable``).
        """
        self.check_access_rights("create")
        if not vals_list:
            return self.browse()
        todo = self._new_proposals(vals_list)
        if not todo:
            return self.browse()
        if any(vals.get("state") == "confirmed" for vals in todo):
            self._ensure_manager(_("confirm"))  # as create() does
        # the columns create() would write: stored, not computed, not the log columns
        columns = [name for name, field in self._fields.items()
                   if field.store and field.column_type and not field.compute and not field.related
                   and name not in models.MAGIC_COLUMNS]
        defaults = self.default_get([name for name in columns if any(name not in vals for vals in todo)])
        rows = [dict(defaults, **vals) for vals in todo]
        names = self._document_next_numbers(len([row for row in rows if row.get("name", "/") == "/"]))
        for row in rows:
            if row.get("name", "/") == "/":
                row["name"] = names.pop(0)
        columns = [name for name in columns if any(name in row for row in rows)]
        params = []
        for row in rows:
            params.extend(self._fields[name].convert_to_column(row.get(name), self, row) for name in columns)
            params.extend([self.env.uid, self.env.uid])
        placeholders = "(%s, %%s, (now() at time zone 'UTC'), %%s, (now() at time zone 'UTC'))" % ", ".join(
            ["%s"] * len(columns))
        self.env.cr.execute(
            'INSERT INTO "%s" (%s, create_uid, create_date, write_uid, write_date) VALUES %s RETURNING id' % (
                self._table, ", ".join('"%s"' % name for name in columns), ", ".join([placeholders] * len(rows))),
            params)
        penalties = self.browse([row[0] for row in self.env.cr.fetchall()])
        # what create() does after its INSERT, for the batch; the stored related fields of
        # two steps (department, rule type and code) are set in one UPDATE each from the
        # records read once, instead of the ORM's computation record by record
        related = self._batch_related_values(penalties, rows)
        with self.env.protecting([self._fields[name] for name in related], penalties):
            penalties.modified(self._fields)
        for name, by_value in related.items():
            for value, ids in by_value.items():
                self.env.cr.execute('UPDATE "%s" SET "%s" = %%s WHERE id IN %%s' % (self._table, name),
                                    (value or None, tuple(ids)))
        for penalty, row in zip(penalties, rows):
            values = {name: row.get(name, False) for name in columns + ["cancel_reason", "message_last_post"]}
            values.update({name: row["_related"][name] for name in related})
            if row.get("source_ref"):  # a record, not "model,id": no existence query per penalty
                res_model, res_id = row["source_ref"].split(",")
                values["source_ref"] = self.env[res_model].browse(int(res_id))
            penalty._cache.update(penalty._convert_to_cache(values, validate=False))
        penalties._validate_fields(columns)
        self.recompute()
        return penalties

    @api.model
    def _batch_related_values(self, penalties, rows):
        """{field: {value: ids}} of the stored related fields ``a_id.b`` whose ``a_id`` the rows
        give; each row also gets them under ``_related``."""
        related = {}
        for name, field in self._fields.items():
            if field.store and field.related and len(field.related) == 2 and field.related[0] in rows[0]:
                related[name] = field.related
        values = {name: {} for name in related}
        sources = {}
        for name, (link, target) in related.items():
            comodel = self._fields[link].comodel_name
            ids = {row[link] for row in rows if row.get(link)}
            if (comodel, target) not in sources:
                records = self.env[comodel].sudo().browse(ids)
                sources[(comodel, target)] = {
                    record.id: self._fields[name].convert_to_write(record[target], self) for record in records}
        for penalty, row in zip(penalties, rows):
            row["_related"] = {}
            for name, (link, target) in related.items():
                value = sources[(self._fields[link].comodel_name, target)].get(row.get(link)) or False
                row["_related"][name] = value
                values[name].setdefault(value, []).append(penalty.id)
        return values
