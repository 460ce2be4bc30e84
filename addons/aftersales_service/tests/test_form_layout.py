# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared printed-form layout carries company and document number in the
page body (Debian's wkhtmltopdf drops Odoo's header/footer)."""
import shutil
import unittest

from odoo.tests.common import TransactionCase

from .common_report import report_pdf_text


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
class TestFormLayout(TransactionCase):

    def setUp(self):
        super().setUp()
        self.company = self.env.user.company_id
        self.company.name = "华东电梯售后服务有限公司"
        rule = self.env["aftersales.penalty.rule"].create({
            "code": "TEST_LATE", "name": "迟到", "amount_min": 50, "amount_max": 50})
        employee = self.env["hr.employee"].create({"name": "王师傅"})
        self.penalty = self.env["aftersales.penalty"].create({
            "employee_id": employee.id, "rule_id": rule.id, "amount": 50,
            "reason": "Arrived 31 minutes after dispatch"})

    def test_penalty_notice_carries_company_and_number(self):
        self.assertTrue(self.penalty.name.startswith("PEN/"))
        text = report_pdf_text(self, "aftersales_service.action_report_penalty_notice", self.penalty)
        self.assertIn("华东电梯售后服务有限公司", text)
        self.assertIn(self.penalty.name, text)
        self.assertIn("王师傅", text)
        self.assertIn("Supervisor", text)  # signature boxes are in the body
