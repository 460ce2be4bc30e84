# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Monthly appraisal (SPEC §3.3, S1 考核标准及奖惩办法): 100 − confirmed
deductions + bonuses, bonus scaled by the score, installation quality ±300,
two consecutive failed acceptances; the XLSX sheets and the PDF 考核表."""
import shutil
import unittest

from dateutil.relativedelta import relativedelta
from xlrd import open_workbook

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests.common import TransactionCase

from .common_report import report_pdf_text
from .common_roles import role_user


class AppraisalCase(TransactionCase):

    def setUp(self):
        super().setUp()
        self.manager = role_user(self.env, "apr_manager", "manager", name="李经理")
        self.supervisor = role_user(self.env, "apr_supervisor", "supervisor", name="赵主管")
        self.tech_user = role_user(self.env, "apr_tech", "technician", name="王建军")
        self.accountant = role_user(self.env, "apr_accountant", "accountant", name="钱会计")
        self.company = self.env.user.company_id
        self.company.write({"aftersales_bonus_service": 200, "aftersales_bonus_installation": 200})
        self.department = self.env["hr.department"].create({"name": "售后服务部"})
        Employee = self.env["hr.employee"]
        self.wang = Employee.create({"name": "王建军", "user_id": self.tech_user.id,
                                     "department_id": self.department.id})
        self.chen = Employee.create({"name": "陈志明", "department_id": self.department.id})
        self.Penalty = self.env["aftersales.penalty"]
        self.Appraisal = self.env["aftersales.appraisal"]

    def entry(self, employee, code, day, state="confirmed", **extra):
        rule = self.env["aftersales.penalty.rule"].get_by_code(code)
        vals = dict({"employee_id": employee.id, "rule_id": rule.id, "date": day,
                     "amount": rule.amount_min, "points": rule.points,
                     "reason": "%s %s" % (code, day)}, **extra)
        if state == "confirmed":
            # created confirmed by the superuser (a manager): the tier path is tested in test_penalty
            return self.Penalty.create(dict(vals, state="confirmed"))
        penalty = self.Penalty.create(vals)
        if state == "cancelled":
            penalty.sudo(self.supervisor)._cancel("不属实")
        return penalty


class TestAppraisalArithmetic(AppraisalCase):

    def test_score_and_amounts(self):
        # March 2026: deductions 2 + 5 (confirmed), bonus +6, cancelled and proposed ignored
        self.entry(self.wang, "pts_badge", "2026-03-02")
        self.entry(self.wang, "pts_late_repair", "2026-03-10", points=5)
        self.entry(self.wang, "pts_contribution", "2026-03-20", points=6)
        self.entry(self.wang, "pts_serious_error", "2026-03-21", state="cancelled", points=10)
        self.entry(self.wang, "pts_missed_patrol", "2026-03-22", state="proposed")
        # fines: 50 + 20 confirmed, a 100 one cancelled
        self.entry(self.wang, "late_arrival", "2026-03-05")
        self.entry(self.wang, "incomplete_report", "2026-03-06")
        self.entry(self.wang, "disobedience", "2026-03-07", state="cancelled")
        # installation acceptance: one reward, one fine
        self.entry(self.wang, "install_quality_reward", "2026-03-15")
        self.entry(self.wang, "install_quality_fine", "2026-03-25")
        # outside the month
        self.entry(self.wang, "pts_safety", "2026-02-28")
        self.entry(self.wang, "pts_safety", "2026-04-01")

        appraisal = self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-03-17"})
        self.assertEqual(appraisal.date_from, "2026-03-01")
        self.assertEqual(appraisal.date_to, "2026-03-31")
        self.assertEqual(appraisal.month, "2026-03")
        self.assertEqual(appraisal.deduction_points, 7)
        self.assertEqual(appraisal.bonus_points, 6)
        self.assertEqual(appraisal.score, 99)               # 100 − 7 + 6
        self.assertEqual(appraisal.bonus_amount, 396)       # 400 × 99 / 100
        self.assertEqual(appraisal.install_reward_amount, 300)
        self.assertEqual(appraisal.install_fine_amount, 300)
        self.assertEqual(appraisal.install_quality_amount, 0)
        self.assertEqual(appraisal.fine_amount, 70)         # 50 + 20
        self.assertEqual(appraisal.total_amount, 326)       # 396 + 0 − 70
        self.assertEqual(appraisal.penalty_count, 7)
        self.assertEqual(len(appraisal.penalty_ids), 7)
        self.assertFalse(appraisal.install_failed_twice)

    def test_bonus_base_configurable_and_forfeit(self):
        self.company.write({"aftersales_bonus_service": 300, "aftersales_bonus_installation": 100})
        self.entry(self.chen, "pts_serious_error", "2026-05-08", points=10)
        appraisal = self.Appraisal.create({"employee_id": self.chen.id, "date_from": "2026-05-01"})
        self.assertEqual(appraisal.score, 90)
        self.assertEqual(appraisal.bonus_amount, 360)       # 400 × 0.9
        appraisal.write({"bonus_forfeited": True, "forfeit_reason": "请假超过三天"})
        appraisal.action_recompute()
        self.assertEqual(appraisal.bonus_amount, 0)
        self.assertEqual(appraisal.total_amount, 0)

    def test_two_consecutive_failed_acceptances(self):
        self.entry(self.wang, "install_quality_fine", "2026-02-10")
        self.entry(self.wang, "install_quality_reward", "2026-03-03")
        self.entry(self.wang, "install_quality_fine", "2026-03-12")
        march = self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-03-01"})
        self.assertFalse(march.install_failed_twice)        # fail, excellent, fail
        self.entry(self.wang, "install_quality_fine", "2026-04-09")
        april = self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-04-01"})
        self.assertTrue(april.install_failed_twice)         # March and April both failed
        self.assertEqual(april.install_quality_amount, -300)
        # a cancelled fine does not count
        self.Penalty.search([("employee_id", "=", self.wang.id), ("date", "=", "2026-04-09")]) \
            .sudo(self.manager)._cancel("复验合格")
        april.action_recompute()
        self.assertFalse(april.install_failed_twice)


class TestAppraisalWorkflow(AppraisalCase):

    def test_prepare_month_is_idempotent(self):
        self.entry(self.chen, "late_arrival", "2026-06-03", state="proposed")
        appraisals = self.Appraisal.prepare_month("2026-06-15")
        employees = appraisals.mapped("employee_id")
        self.assertIn(self.chen, employees)   # activity: a penalty entry
        self.assertIn(self.wang, employees)   # a technician
        self.assertEqual(set(appraisals.mapped("date_from")), {"2026-06-01"})
        again = self.Appraisal.prepare_month("2026-06-30")
        self.assertEqual(again, appraisals)
        self.assertEqual(len(again.filtered(lambda a: a.employee_id == self.chen)), 1)
        # the cron prepares the previous month
        self.env["aftersales.appraisal"]._cron_prepare_month()

    def test_prepare_wizard(self):
        # Issue 12: the demo data prepares the last two months' appraisals (relative to
        # the day the database was made), so a fixed month collided with them each
        # December 2026. Three years back never holds demo appraisals, whatever the day.
        month = fields.Date.from_string(fields.Date.context_today(self.Appraisal)) - relativedelta(years=3)
        wizard = self.env["aftersales.appraisal.prepare"].sudo(self.supervisor).create(
            {"date": fields.Date.to_string(month.replace(day=20))})
        with self.assertRaisesRegex(UserError, "prepare the month first"):
            wizard.action_export_xlsx()
        action = wizard.action_prepare()
        prepared = self.Appraisal.search(action["domain"])
        self.assertIn(self.wang, prepared.mapped("employee_id"))
        self.assertEqual(set(prepared.mapped("month")), {month.strftime("%Y-%m")})
        export = wizard.action_export_xlsx()
        self.assertEqual(export["report_type"], "xlsx")
        self.assertEqual(sorted(export["context"]["active_ids"]), sorted(prepared.ids))

    def test_states_and_permissions(self):
        self.entry(self.wang, "pts_badge", "2026-07-02")
        appraisal = self.Appraisal.sudo(self.supervisor).create(
            {"employee_id": self.wang.id, "date_from": "2026-07-01"})
        self.assertEqual(appraisal.score, 98)
        with self.assertRaises(AccessError):
            appraisal.action_approve()
        appraisal.sudo(self.manager).action_approve()
        self.assertEqual(appraisal.state, "approved")
        self.assertEqual(appraisal.approved_by_id, self.manager)
        # frozen: no recompute, no new confirmation or cancellation in the month
        with self.assertRaises(UserError):
            appraisal.action_recompute()
        late = self.entry(self.wang, "pts_passive", "2026-07-20", state="proposed")
        with self.assertRaisesRegex(UserError, "already approved"):
            late.sudo(self.manager).action_confirm()
        badge = self.Penalty.search([("employee_id", "=", self.wang.id), ("rule_code", "=", "pts_badge")])
        with self.assertRaisesRegex(UserError, "already approved"):
            badge.sudo(self.manager)._cancel("撤销")
        with self.assertRaises(UserError):
            appraisal.sudo(self.manager).unlink()
        # accounting pays
        with self.assertRaises(AccessError):
            appraisal.sudo(self.supervisor).action_done()
        appraisal.sudo(self.accountant).action_done()
        self.assertEqual(appraisal.state, "done")
        with self.assertRaises(UserError):
            appraisal.sudo(self.manager).action_reset_draft()
        tracked = appraisal.sudo().message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field == "state")
        self.assertEqual(sorted(tracked.mapped("new_value_char"))[:2], ["Approved", "Done"])

    def test_reset_to_draft_reopens(self):
        appraisal = self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-08-01"})
        appraisal.sudo(self.manager).action_approve()
        appraisal.sudo(self.manager).action_reset_draft()
        self.entry(self.wang, "pts_safety", "2026-08-11")
        appraisal.action_recompute()
        self.assertEqual(appraisal.score, 97)

    def test_technician_sees_only_own(self):
        mine = self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-09-01"})
        other = self.Appraisal.create({"employee_id": self.chen.id, "date_from": "2026-09-01"})
        seen = self.Appraisal.sudo(self.tech_user).search([("id", "in", (mine | other).ids)])
        self.assertEqual(seen, mine)
        self.assertEqual(self.wang.sudo(self.tech_user).aftersales_appraisal_count, 1)

    def test_employee_smart_buttons(self):
        self.entry(self.wang, "pts_badge", "2026-10-02")
        self.entry(self.wang, "late_arrival", "2026-10-03", state="cancelled")
        self.Appraisal.create({"employee_id": self.wang.id, "date_from": "2026-10-01"})
        self.assertEqual(self.wang.aftersales_penalty_count, 1)   # cancelled not counted
        self.assertEqual(self.wang.aftersales_appraisal_count, 1)
        action = self.wang.action_open_aftersales_penalties()
        self.assertEqual(self.Penalty.search(action["domain"]).mapped("employee_id"), self.wang)
        action = self.wang.action_open_aftersales_appraisals()
        self.assertEqual(len(self.Appraisal.search(action["domain"])), 1)


class TestAppraisalPrints(AppraisalCase):

    def setUp(self):
        super().setUp()
        self.entry(self.wang, "pts_late_repair", "2026-03-10", points=4)
        self.entry(self.wang, "late_arrival", "2026-03-11")
        self.entry(self.chen, "pts_contribution", "2026-03-12", points=5)
        self.entry(self.chen, "install_quality_reward", "2026-03-13")
        self.appraisals = self.Appraisal.prepare_month("2026-03-01").filtered(
            lambda a: a.employee_id in (self.wang | self.chen))

    def test_xlsx_summary_and_details(self):
        report = self.env.ref("aftersales_service.action_report_appraisal_xlsx")
        content, fmt = report.render(self.appraisals.ids, {})
        self.assertEqual(fmt, "xlsx")
        book = open_workbook(file_contents=content)
        summary, details = book.sheet_by_index(0), book.sheet_by_index(1)
        rows = {summary.cell_value(r, 1): summary.row_values(r) for r in range(3, summary.nrows)}
        self.assertEqual(rows["王建军"][6], 96)         # score
        self.assertEqual(rows["王建军"][7], 384)        # 400 × 0.96
        self.assertEqual(rows["王建军"][10], 50)        # fine
        self.assertEqual(rows["王建军"][11], 334)
        self.assertEqual(rows["陈志明"][6], 105)
        self.assertEqual(rows["陈志明"][8], 300)        # installation reward
        self.assertEqual(rows["陈志明"][11], 720)       # 420 + 300
        total_row = 3 + len(self.appraisals)   # right under the employee rows
        self.assertEqual(summary.cell_value(total_row, 11), 334 + 720)
        detail_rows = [details.row_values(r) for r in range(3, details.nrows)]
        wang_entries = [r for r in detail_rows if r[0] == "王建军" and r[4] in ("pts_late_repair", "late_arrival")]
        self.assertEqual(len(wang_entries), 2)
        self.assertIn(-4, [r[7] for r in wang_entries])    # deduction points signed
        self.assertIn(-50, [r[8] for r in wang_entries])   # fine signed

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
    def test_pdf_appraisal_sheet(self):
        appraisal = self.appraisals.filtered(lambda a: a.employee_id == self.wang)
        text = report_pdf_text(self, "aftersales_service.action_report_appraisal", appraisal)
        self.assertIn("王建军", text)
        self.assertIn(appraisal.name, text)
        self.assertIn("2026-03", text)
        self.assertIn("96", text)
        self.assertIn("Accounting", text)   # signature boxes
