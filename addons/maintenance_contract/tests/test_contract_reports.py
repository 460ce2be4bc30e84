# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed forms: 有偿保养合同, 取费审批表, 维护保养记录, 用户评价表 (SPEC §8)."""
import shutil
import unittest

from odoo.addons.aftersales_service.tests.common_report import report_pdf_text

from .common import ContractCase


@unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
class TestContractReports(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.name = "华东电梯售后服务有限公司"
        cls.contract = cls._activate(cls._contract(fees=(12000.0, 9600.0), pricing_note="老旧电梯，现场条件差"))

    def test_contract_and_pricing_approval_forms(self):
        text = report_pdf_text(self, "maintenance_contract.action_report_maintenance_contract", self.contract)
        for expected in ("华东电梯售后服务有限公司", self.contract.name, "上海锦江大厦物业管理有限公司",
                         "1号客梯", "SH-E-0002", "Party A", "21,600.00"):
            self.assertIn(expected, text)
        text = report_pdf_text(self, "maintenance_contract.action_report_pricing_approval", self.contract)
        for expected in (self.contract.name, "24,000.00", "21,600.00", "10.0", "老旧电梯", "Management",
                         "刘总"):
            self.assertIn(expected, text)

    def test_record_book_and_evaluation_forms(self):
        book = self.contract.record_book_ids.filtered(lambda b: b.equipment_id == self.elevator1)[:1]
        text = report_pdf_text(self, "maintenance_contract.action_report_record_book", book)
        for expected in (book.name, "1号客梯", "锦江大厦", "Customer Signature", "Maintenance Worker"):
            self.assertIn(expected, text)
        evaluation = self.contract.evaluation_ids
        evaluation.write({"score_attitude": "5", "score_response": "4", "score_quality": "4",
                          "score_condition": "5", "score_cleanliness": "3", "respondent": "李经理"})
        evaluation.action_done()
        self.assertAlmostEqual(evaluation.score, 4.2)
        text = report_pdf_text(self, "maintenance_contract.action_report_customer_evaluation", evaluation)
        for expected in (evaluation.name, "李经理", "4.20", "Customer Representative"):
            self.assertIn(expected, text)
