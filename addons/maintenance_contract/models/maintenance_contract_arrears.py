# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .maintenance_contract import RUNNING_STATES


class MaintenanceContractArrears(models.Model):
    """Arrears (S2-一-4.2.2/4.2.3): contract invoices unpaid past the arrears delay ask
    the branch for a written reason and a promised collection date; past the limit the
    contract is suspended; the payment clears the arrears and reactivates it.
    """
    _inherit = "maintenance.contract"

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

    @api.depends("arrears_due_date", "arrears_promised_date", "company_id.contract_suspension_days")
    def _compute_arrears_limit_date(self):
        for contract in self:
            contract.arrears_limit_date = contract._arrears_limit_date()

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
