# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The shared printed-form layout carries company and document number in the
page body (Debian's wkhtmltopdf drops Odoo's header/footer)."""
import shutil
import subprocess
import tempfile
import unittest
from unittest.mock import patch

from odoo.tests.common import TransactionCase
from odoo.tools import config


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

    def _pdf_text(self, report_xmlid, records):
        report = self.env.ref(report_xmlid)
        # Odoo 11 renders HTML instead of PDF in test mode unless a report
        # directory is configured: give it one so wkhtmltopdf really runs.
        with tempfile.TemporaryDirectory() as folder, \
                patch.dict(config.options, {"test_report_directory": folder}):
            pdf, fmt = report.render_qweb_pdf(records.ids)
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf did not produce a PDF")
        with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
            f.write(pdf)
            f.flush()
            return subprocess.check_output(["pdftotext", "-layout", f.name, "-"]).decode("utf-8")

    def test_penalty_notice_carries_company_and_number(self):
        self.assertTrue(self.penalty.name.startswith("PEN/"))
        text = self._pdf_text("aftersales_service.action_report_penalty_notice", self.penalty)
        self.assertIn("华东电梯售后服务有限公司", text)
        self.assertIn(self.penalty.name, text)
        self.assertIn("王师傅", text)
        self.assertIn("Supervisor", text)  # signature boxes are in the body
