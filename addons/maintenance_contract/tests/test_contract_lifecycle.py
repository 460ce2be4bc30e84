# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Warranty → paid conversion (S2-一-2.1), renewal (4.1.4), end of term, archiving
of the records 12 months after the end (7.3), Friday callbacks (1.3.2)."""
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ContractCase


class TestConversionProposal(ContractCase):

    def test_proposal_exactly_three_months_before_warranty_end_once(self):
        elevator = self.env["maintenance.equipment"].create(self._equipment_vals(
            "3号观光梯", "SH-E-0003", acceptance_date="2025-07-01", warranty_end="2026-06-30"))
        Contract = self.env["maintenance.contract"]

        def proposals():
            return Contract.search([("origin", "=", "conversion"), ("line_ids.equipment_id", "=", elevator.id)])

        with freeze_time("2026-03-29 08:00:00"):
            Contract._cron_propose_conversions(today="2026-03-29")
        self.assertFalse(proposals(), "one day too early")
        with freeze_time("2026-03-30 08:00:00"):
            Contract._cron_propose_renewals(today="2026-03-30")
        self.assertFalse(proposals(), "the renewal job leaves the conversions to their own job")
        with freeze_time("2026-03-30 08:00:00"):
            Contract._cron_propose_conversions(today="2026-03-30")
        proposal = proposals()
        self.assertEqual(len(proposal), 1)
        self.assertEqual(proposal.state, "draft")
        self.assertEqual(proposal.partner_id, self.customer)
        self.assertEqual(proposal.date_start, "2026-07-01")
        self.assertEqual(proposal.date_end, "2027-06-30")
        self.assertEqual(proposal.line_ids.equipment_id, elevator)
        self.assertEqual(proposal.line_ids.fee, self.ctype.standard_fee)
        self.assertEqual(elevator.contract_proposal_id, proposal)
        activity = proposal.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.salesman)
        self.assertEqual(activity.date_deadline, "2026-06-30")
        for day in ("2026-03-30", "2026-04-15", "2026-06-30"):
            with freeze_time("%s 08:00:00" % day):
                Contract._cron_propose_conversions(today=day)
        self.assertEqual(proposals(), proposal, "proposed once")
        # even when the customer declines it, the equipment is not proposed again
        proposal.action_cancel()
        with freeze_time("2026-04-01 08:00:00"):
            Contract._cron_propose_conversions(today="2026-04-01")
        self.assertEqual(proposals(), proposal)

    def test_lead_time_is_configurable(self):
        self.company.contract_renewal_months = 2
        elevator = self.env["maintenance.equipment"].create(self._equipment_vals(
            "4号货梯", "SH-E-0004", acceptance_date="2025-07-01", warranty_end="2026-06-30"))
        Contract = self.env["maintenance.contract"]
        with freeze_time("2026-03-30 08:00:00"):
            Contract._cron_propose_conversions(today="2026-03-30")
        self.assertFalse(elevator.contract_proposal_id)
        with freeze_time("2026-04-30 08:00:00"):
            Contract._cron_propose_conversions(today="2026-04-30")
        self.assertTrue(elevator.contract_proposal_id)

    def test_conversion_job_is_its_own(self):
        conversions = self.env.ref("maintenance_contract.cron_propose_conversions")
        renewals = self.env.ref("maintenance_contract.cron_propose_renewals")
        self.assertEqual(conversions.code.strip(), "model._cron_propose_conversions()")
        self.assertEqual(renewals.code.strip(), "model._cron_propose_renewals()")
        self.assertTrue(conversions.active)

    def test_proposal_belongs_to_the_company_maintaining_the_equipment(self):
        """Not to the cron user's company: the equipment's cycles' company, else its technician's."""
        company2 = self.env["res.company"].create({"name": "转有偿测试 苏州分公司"})
        self.assertNotEqual(self.env.user.company_id, company2)
        technician2 = self.env["hr.employee"].create({"name": "赵师傅", "company_id": company2.id})
        ctype2 = self.ctype.copy({"company_id": company2.id})
        Equipment = self.env["maintenance.equipment"]
        # maintained by company2's technician
        by_technician = Equipment.create(self._equipment_vals(
            "5号客梯", "SZ-E-0005", acceptance_date="2025-07-01", warranty_end="2026-06-30",
            technician_id=technician2.id))
        # assigned technician of the user's company, but its free maintenance cycles are company2's
        by_cycle = Equipment.create(self._equipment_vals(
            "6号客梯", "SZ-E-0006", acceptance_date="2025-07-01", warranty_end="2026-06-30"))
        self.env["field.service.cycle"].create({
            "name": "6号客梯 保修期巡检", "equipment_id": by_cycle.id, "partner_id": self.customer.id,
            "order_type": "patrol", "interval_days": 5, "next_date": "2026-04-01",
            "technician_id": self.technician.id, "company_id": company2.id})
        # nothing of company2: the user's company, as before
        own = Equipment.create(self._equipment_vals(
            "7号客梯", "SH-E-0007", acceptance_date="2025-07-01", warranty_end="2026-06-30"))
        with freeze_time("2026-03-30 08:00:00"):
            self.env["maintenance.contract"]._cron_propose_conversions(today="2026-03-30")
        proposals = (by_technician | by_cycle | own).mapped("contract_proposal_id")
        self.assertEqual(len(proposals), 2, "one proposal per customer and company")
        self.assertEqual(by_technician.contract_proposal_id, by_cycle.contract_proposal_id)
        proposal2 = by_technician.contract_proposal_id
        self.assertEqual(proposal2.company_id, company2)
        self.assertEqual(proposal2.contract_type_id, ctype2)
        self.assertEqual(proposal2.line_ids.mapped("company_id"), company2)
        self.assertEqual(own.contract_proposal_id.company_id, self.env.user.company_id)
        self.assertEqual(own.contract_proposal_id.contract_type_id.company_id, self.env.user.company_id)


class TestRenewalAndEnd(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._activate(cls._contract(fees=(12000.0, 10000.0)))
        cls.cycles = cls.env["field.service.cycle"].search([("contract_id", "=", cls.contract.id)])

    def _cron(self, method, day):
        with freeze_time("%s 08:00:00" % day):
            return getattr(self.env["maintenance.contract"], method)(today=day)

    def test_renewal_proposed_three_months_before_end_once(self):
        self._cron("_cron_propose_renewals", "2026-09-30")
        self.assertEqual(self.contract.state, "active")
        self._cron("_cron_propose_renewals", "2026-10-01")
        self.assertEqual(self.contract.state, "expiring")
        renewal = self.contract.renewal_contract_id
        self.assertEqual(renewal.state, "draft")
        self.assertEqual(renewal.origin, "renewal")
        self.assertEqual((renewal.date_start, renewal.date_end), ("2027-01-01", "2027-12-31"))
        self.assertEqual(renewal.line_ids.mapped("fee"), [12000.0, 10000.0])
        self.assertEqual(renewal.activity_ids.user_id, self.salesman)
        self._cron("_cron_propose_renewals", "2026-10-02")
        renewals = self.env["maintenance.contract"].search([("origin_contract_id", "=", self.contract.id)])
        self.assertEqual(renewals, renewal)

        # the renewal is signed: the old contract is renewed and hands its cycles over
        next_dates = self.cycles.mapped("next_date")
        self._activate(renewal, today="2026-11-15")
        self.assertEqual(self.contract.state, "renewed")
        self.assertEqual(self.cycles.mapped("contract_id"), renewal)
        self.assertEqual(self.cycles.mapped("next_date"), next_dates, "the visits keep their rhythm")
        self.assertEqual(self.env["field.service.cycle"].search_count([("contract_id", "=", renewal.id)]), 4)
        self._cron("_cron_end_contracts", "2027-01-01")
        self.assertEqual(self.contract.state, "renewed")
        self.assertTrue(all(self.cycles.mapped("active")))
        self.assertEqual(set((self.elevator1 | self.elevator2).mapped("service_status")), {"paid"})

    def test_end_of_term_stops_cycles(self):
        self._cron("_cron_end_contracts", "2026-12-31")
        self.assertEqual(self.contract.state, "active")
        self._cron("_cron_end_contracts", "2027-01-01")
        self.assertEqual(self.contract.state, "ended")
        self.assertFalse(any(self.cycles.mapped("active")))
        self.assertEqual(set((self.elevator1 | self.elevator2).mapped("service_status")), {"ended"})
        # later planned periods are not invoiced once ended
        invoices = self.env["maintenance.contract.schedule"]._cron_create_invoices(today="2027-01-02")
        self.assertFalse(invoices.filtered(lambda i: i.maintenance_contract_id == self.contract))

    def test_records_archived_twelve_months_after_end_never_deleted(self):
        books = self.contract.record_book_ids
        evaluations = self.contract.evaluation_ids
        self.assertEqual(len(books), 8, "one book per equipment per 3 months")
        self.assertEqual(len(evaluations), 1, "one evaluation per project per year")
        self._cron("_cron_end_contracts", "2027-01-01")
        self._cron("_cron_archive_records", "2027-12-31")
        self.assertTrue(self.contract.active)
        self._cron("_cron_archive_records", "2028-01-01")
        self.assertFalse(self.contract.active)
        self.assertFalse(any(books.mapped("active")))
        self.assertFalse(any(evaluations.mapped("active")))
        Contract = self.env["maintenance.contract"]
        self.assertFalse(Contract.search([("id", "=", self.contract.id)]))
        self.assertEqual(Contract.search([("id", "=", self.contract.id), ("active", "=", False)]), self.contract)
        Book = self.env["maintenance.record.book"]
        self.assertEqual(Book.search([("contract_id", "=", self.contract.id), ("active", "=", False)]), books)
        with self.assertRaisesRegex(UserError, r"Maintenance records are never deleted; they are archived "
                                               r"12 months after the end of maintenance"):
            books[0].unlink()
        self.assertTrue(books.exists())


class TestFridayCallbacks(ContractCase):

    def test_one_callback_per_contract_on_fridays(self):
        contract = self._activate(self._contract())
        Contract = self.env["maintenance.contract"]
        Callback = self.env["aftersales.callback"]
        ref = "maintenance.contract,%s" % contract.id
        self.assertFalse(Contract._cron_weekly_callbacks(today="2026-03-05"), "Thursday: nothing")
        created = Contract._cron_weekly_callbacks(today="2026-03-06")
        mine = Callback.search([("source_ref", "=", ref)])
        self.assertEqual(len(mine), 1)
        self.assertIn(mine, created)
        self.assertEqual(mine.partner_id, self.customer)
        self.assertEqual(mine.state, "planned")
        self.assertEqual(mine.employee_id, self.technician)
        Contract._cron_weekly_callbacks(today="2026-03-06")
        self.assertEqual(Callback.search_count([("source_ref", "=", ref)]), 1)
        with freeze_time("2026-03-09 08:00:00"):  # resuming after the end date would end it
            contract.sudo(self.manager).action_suspend()
        Contract._cron_weekly_callbacks(today="2026-03-13")
        self.assertEqual(Callback.search_count([("source_ref", "=", ref)]), 1, "not while suspended")
        with freeze_time("2026-03-16 08:00:00"):
            contract.action_resume()
        Contract._cron_weekly_callbacks(today="2026-03-20")
        self.assertEqual(Callback.search_count([("source_ref", "=", ref)]), 2)
