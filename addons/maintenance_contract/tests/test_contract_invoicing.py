# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-一-4.2.1: the fee is invoiced per the contract's billing (one-off, quarterly,
monthly) by a cron, as customer invoices whose taxes Odoo computes."""
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ContractCase


class TestContractInvoicing(ContractCase):

    def _run_cron(self, today):
        invoices = self.env["maintenance.contract.schedule"]._cron_create_invoices(today=today)
        # demo contracts may be invoiced by the same run: keep this test's contracts only
        return invoices.filtered(lambda i: i.maintenance_contract_id.partner_id == self.customer)

    def test_quarterly_12000_gives_four_invoices_of_3000(self):
        contract = self._activate(self._contract(fees=(12000.0,), billing="quarterly"))
        schedule = contract.schedule_ids
        self.assertEqual(schedule.mapped("date"), ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"])
        self.assertEqual(schedule.mapped("period_end"), ["2026-03-31", "2026-06-30", "2026-09-30", "2026-12-31"])
        self.assertEqual(schedule.mapped("amount"), [3000.0] * 4)
        self.assertEqual(contract.amount_total, 12000.0)

        first = self._run_cron("2026-01-15")
        self.assertEqual(len(first), 1)
        self.assertEqual(first.type, "out_invoice")
        self.assertEqual(first.state, "draft")
        self.assertEqual(first.partner_id, self.customer)
        self.assertEqual(first.maintenance_contract_id, contract)
        self.assertEqual(first.amount_untaxed, 3000.0)
        self.assertEqual(first.amount_tax, 390.0)  # computed by Odoo from the product's tax
        self.assertEqual(first.amount_total, 3390.0)
        self.assertEqual(first.tax_line_ids.tax_id, self.tax)
        self.assertEqual(first.date_invoice, "2026-01-01")
        self.assertEqual(schedule[0].invoice_id, first)
        self.assertEqual(schedule[0].state, "invoiced")
        self.assertFalse(self._run_cron("2026-03-31"), "a period is invoiced once")

        rest = self._run_cron("2026-12-31")
        self.assertEqual(len(rest), 3)
        invoices = contract.invoice_ids
        self.assertEqual(len(invoices), 4)
        self.assertEqual(invoices.mapped("amount_untaxed"), [3000.0] * 4)
        self.assertEqual(sum(invoices.mapped("amount_untaxed")), 12000.0)
        self.assertEqual(contract.invoice_count, 4)
        self.assertFalse(self._run_cron("2027-06-30"))

    def test_lines_per_equipment_monthly(self):
        contract = self._activate(self._contract(fees=(12000.0, 9000.0), billing="monthly"))
        self.assertEqual(len(contract.schedule_ids), 12)
        self.assertEqual(contract.schedule_ids[0].amount, 1750.0)
        invoice = self._run_cron("2026-01-01")
        self.assertEqual(len(invoice.invoice_line_ids), 2)
        self.assertEqual(sorted(invoice.invoice_line_ids.mapped("price_unit")), [750.0, 1000.0])
        self.assertIn("1号客梯", " ".join(invoice.invoice_line_ids.mapped("name")))

    def test_one_off_and_partial_term(self):
        contract = self._activate(self._contract(billing="one_off", date_start="2026-01-01",
                                                 date_end="2027-06-30"))
        self.assertEqual(len(contract.schedule_ids), 1)
        self.assertEqual(contract.schedule_ids.amount, 18000.0)
        quarterly = self._contract(date_start="2027-07-01", date_end="2027-08-14")
        self._activate(quarterly, today="2027-07-01")
        # one month and 14 days of August: (1 + 14/31) months of 1,000
        self.assertEqual(quarterly.schedule_ids.amount, 1451.61)

    def test_not_in_force_not_invoiced(self):
        contract = self._contract()
        self._approve(contract)
        self.assertFalse(self._run_cron("2026-02-01"))
        with freeze_time("2026-01-01 08:00:00"):
            contract.action_activate()
        contract.sudo(self.manager).action_suspend()
        self.assertFalse(self._run_cron("2026-02-01"))

    def test_one_bad_contract_does_not_block_the_others(self):
        good = self._activate(self._contract(fees=(12000.0,)))
        bad = self._activate(self._contract(line_ids=[(0, 0, {
            "equipment_id": self.elevator2.id, "fee": 9000.0, "technician_id": self.technician.id})]))
        Schedule = type(self.env["maintenance.contract.schedule"])
        prepare = Schedule._prepare_invoice

        def flaky(schedule, cache):
            if schedule.contract_id == bad:
                raise UserError("No income account for the fee product")
            return prepare(schedule, cache)

        with patch.object(Schedule, "_prepare_invoice", flaky):
            invoices = self._run_cron("2026-01-01")
        self.assertEqual(invoices.mapped("maintenance_contract_id"), good)
        self.assertFalse(bad.invoice_ids)
        self.assertIn("could not be invoiced", bad.message_ids[0].body)
        self.assertEqual(self._run_cron("2026-01-01").mapped("maintenance_contract_id"), bad)
