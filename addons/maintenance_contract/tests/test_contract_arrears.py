# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-一-4.2: an unpaid fee needs the branch's written reason and collection date;
past the limit the contract is suspended (equipment suspended, cycles paused, no
new orders, customer notified); full payment reactivates it."""
from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import ContractCase


class TestContractArrears(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with freeze_time("2026-01-01 08:00:00"):
            cls.contract = cls._activate(cls._contract(fees=(12000.0, 12000.0)))
            cls.env["maintenance.contract.schedule"]._cron_create_invoices(today="2026-01-01")
            cls.invoice = cls.contract.invoice_ids
            cls.invoice.action_invoice_open()
        cls.cycles = cls.env["field.service.cycle"].search([("contract_id", "=", cls.contract.id)])

    def test_invoice_due_on_its_date(self):
        self.assertEqual(self.invoice.state, "open")
        self.assertEqual(self.invoice.date_due, "2026-01-01")

    def _check(self, day):
        with freeze_time("%s 08:00:00" % day):
            self.env["maintenance.contract"]._cron_check_arrears(today=day)

    def test_contract_lines_own_patrol_and_lubrication_cycles(self):
        self.assertEqual(len(self.cycles), 4)
        self.assertEqual(sorted(self.cycles.mapped("interval_days")), [5, 5, 15, 15])
        self.assertEqual(set(self.cycles.mapped("order_type")), {"patrol", "lubrication"})
        self.assertEqual(set(self.cycles.mapped("next_date")), {"2026-01-01"})
        self.assertEqual(self.cycles.mapped("technician_id"), self.technician)
        self.assertEqual(set((self.elevator1 | self.elevator2).mapped("service_status")), {"paid"})

    def test_unpaid_past_limit_suspends_and_payment_reactivates(self):
        self._check("2026-01-31")
        self.assertFalse(self.contract.arrears_due_date, "30 days after due: not yet in arrears")
        self._check("2026-02-01")
        self.assertEqual(self.contract.arrears_due_date, "2026-01-01")
        self.assertEqual(self.contract.arrears_limit_date, "2026-03-02")
        self.assertEqual(self.contract.state, "active")
        activity = self.contract.activity_ids.filtered(lambda a: "written reason" in a.summary)
        self.assertEqual(activity.user_id, self.salesman)
        self._check("2026-02-15")
        self.assertEqual(len(self.contract.activity_ids.filtered(lambda a: "written reason" in a.summary)), 1)

        self._check("2026-03-02")
        self.assertEqual(self.contract.state, "active")
        self._check("2026-03-03")
        self.assertEqual(self.contract.state, "suspended")
        self.assertEqual(self.contract.suspension_reason, "arrears")
        self.assertTrue(all(self.cycles.mapped("paused")))
        self.assertEqual(set((self.elevator1 | self.elevator2).mapped("service_status")), {"suspended"})
        notice = self.contract.message_ids.filtered(lambda m: self.customer in m.partner_ids)
        self.assertTrue(notice and "suspended" in notice[0].body)
        # no new visit is generated while suspended
        with freeze_time("2026-03-03 08:00:00"):
            orders = self.env["field.service.cycle"]._cron_generate_orders(today="2026-03-03")
        self.assertFalse(orders.filtered(lambda o: o.cycle_id in self.cycles))
        with self.assertRaisesRegex(UserError, "until the overdue fee is paid"):
            self.contract.action_resume()

        with freeze_time("2026-03-10 10:00:00"):
            self._pay(self.invoice, "2026-03-10")
        self.assertEqual(self.invoice.state, "paid")
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(self.contract.arrears_due_date)
        self.assertFalse(any(self.cycles.mapped("paused")))
        # cycles resume from the payment day: its visits are planned at once
        for cycle in self.cycles:
            self.assertIn("2026-03-10", cycle.order_ids.filtered(lambda o: o.state != "cancel").mapped("planned_date"))
            self.assertGreater(cycle.next_date, "2026-03-10")
        self.assertEqual(set((self.elevator1 | self.elevator2).mapped("service_status")), {"paid"})

    def test_promised_collection_date_defers_suspension(self):
        self._check("2026-02-01")
        with freeze_time("2026-02-05 08:00:00"):
            with self.assertRaises(UserError):
                self.contract.record_arrears_reason("", "2026-04-15")
            with self.assertRaises(UserError):
                self.contract.record_arrears_reason("客户资金周转困难", "2026-02-01")
            wizard = self.env["maintenance.contract.arrears.wizard"].create({
                "contract_id": self.contract.id, "reason": "客户资金周转困难，承诺四月中旬付款",
                "promised_date": "2026-04-15"})
            wizard.action_confirm()
        self.assertEqual(self.contract.arrears_limit_date, "2026-04-15")
        self._check("2026-03-05")
        self.assertEqual(self.contract.state, "active")
        self._check("2026-04-16")
        self.assertEqual(self.contract.state, "suspended")

    def test_partial_payment_keeps_suspension(self):
        self._check("2026-03-03")
        self.assertEqual(self.contract.state, "suspended")
        journal = self.env["account.journal"].search([("type", "=", "bank")], limit=1)
        with freeze_time("2026-03-10 10:00:00"):
            payment = self.env["account.payment"].create({
                "payment_type": "inbound", "partner_type": "customer", "partner_id": self.customer.id,
                "amount": 1000.0, "journal_id": journal.id, "payment_date": "2026-03-10",
                "payment_method_id": self.env.ref("account.account_payment_method_manual_in").id,
                "invoice_ids": [(6, 0, self.invoice.ids)]})
            payment.post()
            self.env["maintenance.contract"]._cron_check_arrears(today="2026-03-10")
        self.assertEqual(self.invoice.state, "open")
        self.assertEqual(self.contract.state, "suspended")
        self.assertTrue(all(self.cycles.mapped("paused")))

    def test_reactivation_plans_the_next_visit_from_the_payment_day(self):
        """Issue 11, defect 10: a 15-day lubrication cycle suspended for 60 days gets its
        next visit on the reactivation day, then every 15 days — the visits cancelled
        during the suspension are not lost and next_date does not stay in the past."""
        lubrication = self.cycles.filtered(
            lambda c: c.order_type == "lubrication" and c.equipment_id == self.elevator1)
        # the daily cron planned the visits of the next 30 days before the suspension
        for day in ("2026-02-20", "2026-03-02"):
            with freeze_time("%s 01:00:00" % day):
                self.env["field.service.cycle"]._cron_generate_orders(today=day)
        self._check("2026-03-03")
        self.assertEqual(self.contract.state, "suspended")
        planned = lubrication.order_ids.filtered(lambda o: o.state != "cancel").mapped("planned_date")
        self.assertFalse([d for d in planned if d >= "2026-03-03"], "visits after the suspension are cancelled")
        # 60 days later the fee is paid: the contract is reactivated that day
        with freeze_time("2026-05-02 10:00:00"):
            self._pay(self.invoice, "2026-05-02")
        self.assertEqual(self.contract.state, "active")
        self.assertFalse(lubrication.paused)
        self.assertGreaterEqual(lubrication.next_date, "2026-05-02", "next_date does not stay in the past")
        with freeze_time("2026-05-03 01:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders(today="2026-05-03")
        visits = lubrication.order_ids.filtered(lambda o: o.state != "cancel" and o.planned_date >= "2026-03-03")
        self.assertEqual(sorted(visits.mapped("planned_date")), ["2026-05-02", "2026-05-17", "2026-06-01"],
                         "planned from the reactivation day at the cycle's 15-day interval")
