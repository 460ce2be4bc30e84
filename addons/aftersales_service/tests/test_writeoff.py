# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Write-off reports (冲账申请报告, SPEC §4.3, S1-4.11)."""
import threading
import time

import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_return import ReturnCase, make_user


class WriteoffCase(ReturnCase):

    def setUp(self):
        super().setUp()
        self.accountant = make_user(self.env, "ret_qian", "钱会计 (accountant)", "accountant")
        self.writeoff_model = self.env["aftersales.writeoff"]
        self.receivable = self.dealer.property_account_receivable_id
        self.income = self.env["account.account"].search([
            ("user_type_id", "=", self.env.ref("account.data_account_type_revenue").id),
            ("company_id", "=", self.company.id)], limit=1)
        self.loss_account = self.env["account.account"].search([
            ("user_type_id", "=", self.env.ref("account.data_account_type_expenses").id),
            ("company_id", "=", self.company.id)], limit=1)
        self.assertTrue(self.receivable and self.income and self.loss_account, "a chart of accounts is installed")

    def invoice(self, amount=5600.0):
        invoice = self.env["account.invoice"].create({
            "partner_id": self.dealer.id,
            "type": "out_invoice",
            "account_id": self.receivable.id,
            "invoice_line_ids": [(0, 0, {
                "product_id": self.product.id, "name": self.product.name, "quantity": 2,
                "price_unit": amount / 2, "account_id": self.income.id})],
        })
        invoice.action_invoice_open()
        return invoice

    def new_writeoff(self, **vals):
        values = {"partner_id": self.dealer.id, "amount": 2800.0, "reason": "沙发坐垫开裂，退货退款"}
        values.update(vals)
        return self.writeoff_model.browse(self.writeoff_model.sudo(self.lead).create(values).id)

    def refunds_of(self, writeoff):
        return self.env["account.invoice"].search([("aftersales_writeoff_id", "=", writeoff.id)])


class TestWriteoffCreditNote(WriteoffCase):

    def test_manager_approval_creates_one_draft_credit_note(self):
        invoice = self.invoice()
        wo = self.new_writeoff(invoice_id=invoice.id)
        self.assertTrue(wo.name.startswith("WO/"))
        wo.sudo(self.lead).action_submit()
        self.assertEqual(wo.state, "to_approve")
        self.assertIn(self.manager, wo.review_ids.reviewer_ids)
        # neither a specialist, the lead nor the quality director approve write-offs
        for user in (self.specialist, self.lead, self.director):
            with self.assertRaisesRegex(AccessError, "After-sales Manager"):
                wo.sudo(user).validate_tier()
            self.assertEqual(wo.state, "to_approve")
            with self.assertRaises(AccessError):
                wo.sudo(user).action_approve()
        self.assertFalse(self.refunds_of(wo))
        wo.sudo(self.manager).validate_tier()
        self.assertEqual(wo.state, "approved")
        self.assertEqual(wo.approved_by_id, self.manager)
        refund = self.refunds_of(wo)
        self.assertEqual(len(refund), 1)
        self.assertEqual(wo.refund_id, refund)
        self.assertEqual((refund.type, refund.state), ("out_refund", "draft"))
        self.assertEqual(refund.amount_total, 2800.0)
        self.assertEqual(refund.partner_id, self.dealer)
        self.assertEqual(refund.refund_invoice_id, invoice)
        self.assertEqual(refund.invoice_line_ids.account_id, self.income)
        # approving again never makes a second credit note
        with self.assertRaises(UserError):
            wo.sudo(self.manager).action_approve()
        self.assertEqual(len(self.refunds_of(wo)), 1)

    def test_posting_is_done_by_an_accountant(self):
        wo = self.new_writeoff(invoice_id=self.invoice().id)
        wo.sudo(self.lead).action_submit()
        wo.sudo(self.manager).validate_tier()
        refund = wo.refund_id
        # the manager who approved cannot post, nor can the after-sales lead
        with self.assertRaises(AccessError):
            wo.sudo(self.manager).action_post()
        with self.assertRaises(AccessError):
            refund.sudo(self.lead).action_invoice_open()
        self.assertEqual(refund.state, "draft")
        # the accountant validates the credit note (from the invoice or from the write-off)
        refund.sudo(self.accountant).action_invoice_open()
        self.assertEqual(refund.state, "open")
        self.assertTrue(refund.number)
        self.assertEqual(wo.state, "posted")
        receivable_lines = refund.move_id.line_ids.filtered(lambda line: line.account_id == self.receivable)
        self.assertEqual(receivable_lines.credit, 2800.0)
        self.assertTrue(any("Posted by" in body for body in wo.message_ids.mapped("body")))

    def test_credit_note_without_invoice_uses_the_writeoff_account(self):
        self.company.aftersales_writeoff_account_id = self.loss_account
        wo = self.new_writeoff()
        wo.sudo(self.lead).action_submit()
        wo.sudo(self.manager).validate_tier()
        self.assertEqual(wo.refund_id.invoice_line_ids.account_id, self.loss_account)
        wo.sudo(self.accountant).action_post()
        self.assertEqual(wo.refund_id.state, "open")
        self.assertEqual(wo.state, "posted")

    def test_amount_checks(self):
        invoice = self.invoice(amount=1000.0)
        with self.assertRaises(ValidationError):
            self.new_writeoff(amount=0.0)
        with self.assertRaises(ValidationError):
            self.new_writeoff(amount=1200.0, invoice_id=invoice.id)
        other = self.env["res.partner"].create({"name": "苏州金鼎物业"})
        with self.assertRaises(ValidationError):
            self.new_writeoff(partner_id=other.id, invoice_id=invoice.id)

    def test_cancel_a_draft_credit_note(self):
        wo = self.new_writeoff(invoice_id=self.invoice().id)
        wo.sudo(self.lead).action_submit()
        wo.sudo(self.manager).validate_tier()
        refund = wo.refund_id
        wo.sudo(self.manager).action_cancel()
        self.assertEqual(wo.state, "cancel")
        self.assertEqual(refund.state, "cancel")
        with self.assertRaises(UserError):
            wo.sudo(self.manager).unlink()


class TestWriteoffLoss(WriteoffCase):

    def test_loss_without_invoice_posts_on_the_writeoff_account(self):
        wo = self.new_writeoff(writeoff_type="loss", origin="配件运输丢失 (补件 PR/2026/00012)", amount=460.0)
        wo.sudo(self.lead).action_submit()
        # without a configured write-off account the approval says what to do
        with self.assertRaisesRegex(UserError, "write-off account"), self.env.cr.savepoint():
            wo.sudo(self.manager).validate_tier()
        self.env.clear()  # the savepoint was rolled back: forget cached values
        self.company.aftersales_writeoff_account_id = self.loss_account
        wo.sudo(self.manager).validate_tier()
        self.assertEqual(wo.state, "approved")
        self.assertFalse(self.refunds_of(wo))
        move = wo.move_id
        self.assertEqual(move.state, "draft")
        debit = move.line_ids.filtered(lambda line: line.debit)
        credit = move.line_ids.filtered(lambda line: line.credit)
        self.assertEqual((debit.account_id, debit.debit), (self.loss_account, 460.0))
        self.assertEqual((credit.account_id, credit.credit, credit.partner_id),
                         (self.receivable, 460.0, self.dealer))
        wo.sudo(self.accountant).action_post()
        self.assertEqual(move.state, "posted")
        self.assertEqual(wo.state, "posted")


class TestWriteoffFromReturn(WriteoffCase):

    def setUp(self):
        super().setUp()
        self.deliver(self.product, 5)
        ret = self.decide(self.inspect(self.receive(self.approve(self.new_return(qty=2)))), decision="refund")
        ret.sudo(self.lead).action_mark_sent()
        ret.sudo(self.lead).action_customer_confirm()
        self.ret = ret

    def test_refund_resolves_and_closes_the_return(self):
        ret = self.ret
        with self.assertRaisesRegex(UserError, "write-off"):
            ret.sudo(self.lead).action_resolve()
        action = ret.sudo(self.lead).action_create_writeoff()
        wo = self.writeoff_model.browse(action["res_id"])
        self.assertEqual(wo.return_id, ret)
        self.assertEqual(wo.amount, 5600.0)  # 2 counted × 2800
        # opening it again shows the same write-off
        self.assertEqual(ret.sudo(self.lead).action_create_writeoff()["res_id"], wo.id)
        # at most one open write-off per return
        with self.assertRaises(ValidationError):
            self.new_writeoff(return_id=ret.id)
        self.company.aftersales_writeoff_account_id = self.loss_account
        wo.sudo(self.lead).action_submit()
        wo.sudo(self.manager).validate_tier()
        ret.sudo(self.lead).action_resolve()
        self.assertEqual(ret.state, "resolved")
        wo.refund_id.sudo(self.accountant).action_invoice_open()
        self.assertEqual(wo.state, "posted")
        self.assertEqual(ret.state, "done")
        html = self.env.ref("aftersales_service.action_report_writeoff").render_qweb_html(wo.ids)[0].decode()
        self.assertIn(wo.name, html)
        self.assertIn(ret.name, html)
        self.assertIn(wo.refund_id.number, html)

    def test_cancelled_writeoff_frees_the_return(self):
        wo = self.new_writeoff(return_id=self.ret.id)
        wo.sudo(self.lead).action_cancel()
        again = self.new_writeoff(return_id=self.ret.id)
        self.assertEqual(again.state, "draft")


class TestWriteoffRace(WriteoffCase):
    """Two managers approving the same write-off at the same moment still
    produce one credit note (row lock + unique index)."""

    def test_concurrent_approvals_create_one_credit_note(self):
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "并发测试经销商"})
            wo = env["aftersales.writeoff"].create({
                "partner_id": partner.id, "amount": 999.0, "reason": "race test",
                "company_id": env.ref("base.main_company").id})
            wo.action_submit()
            wo.review_ids.write({"status": "approved"})  # reviews done: both now approve
            wo_id, partner_id = wo.id, partner.id
            cr.commit()
        outcome = {}
        cr1, cr2 = registry.cursor(), registry.cursor()
        try:
            for cr in (cr1, cr2):  # a wait longer than the test's own (1.5 s) fails, never hangs
                cr.execute("SET LOCAL lock_timeout = '5s'")
            with api.Environment.manage():
                env1 = api.Environment(cr1, SUPERUSER_ID, {})
                env1["aftersales.writeoff"].browse(wo_id).action_approve()  # holds the row lock

                def second_manager():
                    with api.Environment.manage():
                        env2 = api.Environment(cr2, SUPERUSER_ID, {})
                        try:
                            env2["aftersales.writeoff"].browse(wo_id).action_approve()
                            cr2.commit()
                            outcome["second"] = "approved"
                        except (psycopg2.Error, UserError) as exc:
                            cr2.rollback()
                            outcome["second"] = exc

                thread = threading.Thread(target=second_manager)
                thread.start()
                time.sleep(1.5)  # the second approval is now waiting on the lock
                cr1.commit()
                thread.join(60)
            self.assertFalse(thread.is_alive())
            self.assertIsInstance(outcome["second"], (psycopg2.extensions.TransactionRollbackError, UserError))
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM account_invoice WHERE aftersales_writeoff_id = %s", (wo_id,))
                self.assertEqual(cr.fetchone()[0], 1)
                cr.execute("SELECT state, refund_id IS NOT NULL FROM aftersales_writeoff WHERE id = %s", (wo_id,))
                self.assertEqual(cr.fetchone(), ("approved", True))
        finally:
            cr1.close()
            cr2.close()
            with registry.cursor() as cr:
                cr.execute("SELECT id FROM account_invoice WHERE aftersales_writeoff_id = %s", (wo_id,))
                invoice_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
                cr.execute("DELETE FROM mail_message WHERE model = 'account.invoice' AND res_id IN %s", (invoice_ids,))
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'account.invoice' AND res_id IN %s",
                           (invoice_ids,))
                cr.execute("DELETE FROM account_invoice WHERE id IN %s", (invoice_ids,))
                cr.execute("DELETE FROM tier_review WHERE model = 'aftersales.writeoff' AND res_id = %s", (wo_id,))
                cr.execute("DELETE FROM mail_message WHERE model = 'aftersales.writeoff' AND res_id = %s", (wo_id,))
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'aftersales.writeoff' AND res_id = %s",
                           (wo_id,))
                cr.execute("DELETE FROM aftersales_writeoff WHERE id = %s", (wo_id,))
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'res.partner' AND res_id = %s", (partner_id,))
                cr.execute("DELETE FROM res_partner WHERE id = %s", (partner_id,))
                cr.commit()
