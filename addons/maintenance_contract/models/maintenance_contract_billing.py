# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import calendar
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

BILLING = [("one_off", "One-off"), ("quarterly", "Quarterly"), ("monthly", "Monthly")]
BILLING_MONTHS = {"monthly": 1, "quarterly": 3}


class MaintenanceContractBilling(models.Model):
    """Billing of a contract: billing periods and their share of the annual fee, the
    invoicing schedule built at activation (S2-一-4.2.1) and the contract's invoices
    (invoiced by ``maintenance.contract.schedule._cron_create_invoices``).
    """
    _inherit = "maintenance.contract"

    billing = fields.Selection(
        BILLING, required=True, default="quarterly", track_visibility="onchange",
        readonly=True, states={"draft": [("readonly", False)]},
        help="S2-一-4.2.1: the fee is paid at once or per quarter (or per month).")
    payment_term_id = fields.Many2one(
        "account.payment.term", "Payment Terms",
        readonly=True, states={"draft": [("readonly", False)]})
    schedule_ids = fields.One2many(
        "maintenance.contract.schedule", "contract_id", "Invoicing Schedule", readonly=True)
    invoice_ids = fields.One2many("account.invoice", "maintenance_contract_id", "Invoices", readonly=True)
    invoice_count = fields.Integer(compute="_compute_invoice_count")

    def _compute_invoice_count(self):
        data = self.env["account.invoice"].read_group(
            [("maintenance_contract_id", "in", self.ids)], ["maintenance_contract_id"], ["maintenance_contract_id"])
        counts = {d["maintenance_contract_id"][0]: d["maintenance_contract_id_count"] for d in data}
        for contract in self:
            contract.invoice_count = counts.get(contract.id, 0)

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

    def _contract_periods(self, months):
        """[(start, end exclusive)] of the contract's term cut every ``months`` months from
        its start (the last period ends with the term); the whole term when ``months`` is 0."""
        self.ensure_one()
        start = fields.Date.from_string(self.date_start)
        end_exclusive = fields.Date.from_string(self.date_end) + timedelta(days=1)
        if not months:
            return [(start, end_exclusive)]
        periods = []
        period_start = start
        while period_start < end_exclusive:
            period_end = min(start + relativedelta(months=(len(periods) + 1) * months), end_exclusive)
            periods.append((period_start, period_end))
            period_start = period_end
        return periods

    def _billing_periods(self):
        """[(start, end inclusive, fraction of the annual fee)] of the invoicing schedule."""
        return [(period_start, period_end - timedelta(days=1), self._period_fraction(period_start, period_end))
                for period_start, period_end in self._contract_periods(BILLING_MONTHS.get(self.billing))]

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

    @api.multi
    def action_view_invoices(self):
        self.ensure_one()
        return self._document_window_action(
            "account.action_invoice_tree1", [("maintenance_contract_id", "=", self.id)],
            {"default_maintenance_contract_id": self.id, "type": "out_invoice"})
