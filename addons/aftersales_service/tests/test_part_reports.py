# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed forms (SPEC §8) and the monthly XLSX analysis (S1-4.12) of spare-part requests."""
import shutil
import unittest

from freezegun import freeze_time
from xlrd import open_workbook

from odoo import fields
from odoo.exceptions import UserError

from .common_part_request import PartRequestCase
from .common_report import report_pdf_text


class TestPartReports(PartRequestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.name = "河南华美家具有限公司"

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
    def test_printed_forms(self):
        self.stock(self.armrest, 2)
        self.stock(self.package, 2, warehouse=self.fg_warehouse)
        request = self.approve(self.submit(self.make_request([
            (self.armrest, 1),
            (self.package, 1, {"route": "fg_package", "warehouse_id": self.fg_warehouse.id}),
            (self.headboard, 1, {"route": "fg_borrow", "warehouse_id": self.fg_warehouse.id,
                                 "package_product_id": self.package.id}),
        ], description="沙发扶手断裂")))
        request.sudo(self.supervisor).action_start()
        request.borrow_ids.action_borrow()

        text = report_pdf_text(self, "aftersales_service.action_report_customer_part_request", request)
        for expected in ("河南华美家具有限公司", request.name, "Customer Spare-part Request", "郑州美家家具经销部",
                         "张先生", "沙发扶手", "张先生确认", request.promised_date, "Customer"):
            self.assertIn(expected, text)

        text = report_pdf_text(self, "aftersales_service.action_report_part_request", request)
        for expected in ("Spare-part Request Form", request.name, "Borrow a Finished-",
                         "成品仓", "Quality Office Director", "售后主办 刘强", "品质办主任 陈建国"):
            self.assertIn(expected, text)

        text = report_pdf_text(self, "aftersales_service.action_report_fg_loading", request)
        for expected in ("Finished-goods Loading List", request.sale_order_ids.name, "三人位真皮沙发",
                         "Sales Finance"):
            self.assertIn(expected, text)

        text = report_pdf_text(self, "aftersales_service.action_report_fg_borrow", request.borrow_ids)
        for expected in ("Finished-goods Borrowing Form", request.borrow_ids.name, "Unpacked Products",
                         "床头靠板", "Finished-goods QA", "Not yet inspected"):
            self.assertIn(expected, text)

        self.assertEqual(request.state, "ready")
        loading = self.env["aftersales.loading.list"].generate().filtered(lambda l: l.partner_id == self.dealer)
        loading.write({"vehicle": "豫A·12345", "driver_name": "马师傅"})
        text = report_pdf_text(self, "aftersales_service.action_report_loading_list", loading)
        for expected in ("Spare-part Loading List", loading.name, request.name, "豫A·12345", "马师傅",
                         "沙发扶手", "Depot Keeper"):
            self.assertIn(expected, text)

    def test_monthly_analysis_xlsx(self):
        self.stock(self.armrest, 5)
        free = self.make_request([(self.armrest, 2), (self.headboard, 1)])
        charged = self.make_request([(self.armrest, 1)], reason="customer_damage", amount=150.0,
                                    partner=self.dealer2)
        self.make_request([(self.drawer, 1)]).sudo(self.specialist).action_cancel()
        rows = self.env["aftersales.part.analysis"].search([("request_id", "in", (free | charged).ids)])
        self.assertEqual(len(rows), 3, "one row per requested part, cancelled requests left out")
        grouped = self.env["aftersales.part.analysis"].read_group(
            [("request_id", "in", (free | charged).ids)], ["reason", "qty", "amount"], ["reason"])
        by_reason = {g["reason"]: (g["qty"], g["amount"]) for g in grouped}
        self.assertEqual(by_reason["production_defect"], (3.0, 0.0))
        self.assertEqual(by_reason["customer_damage"], (1.0, 150.0))

        today = fields.Date.context_today(self.Request)
        wizard = self.env["aftersales.part.analysis.wizard"].create({"date_from": today[:8] + "01",
                                                                     "date_to": today})
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        report = self.env.ref("aftersales_service.action_report_part_analysis_xlsx")
        content, fmt = report.render(rows.ids, action["data"])
        self.assertEqual(fmt, "xlsx")
        book = open_workbook(file_contents=content)
        sheet = book.sheet_by_index(0)
        self.assertEqual(sheet.cell(0, 0).value, "Monthly Spare-part Analysis")
        values = {sheet.cell(r, 0).value: sheet.cell(r, 2).value for r in range(4, sheet.nrows)}
        self.assertGreaterEqual(values["Production Defect"], 3.0)
        self.assertGreaterEqual(values["Damaged by the Customer"], 1.0)
        dealers = book.sheet_by_index(2)
        names = [dealers.cell(r, 0).value for r in range(4, dealers.nrows)]
        self.assertIn("洛阳福源家居", names)
        detail = book.sheet_by_index(4)
        requests = {detail.cell(r, 0).value for r in range(1, detail.nrows)}
        self.assertTrue({free.name, charged.name} <= requests)

    def test_analysis_month_defaults_to_last_month_in_the_users_timezone(self):
        self.env.user.tz = "Asia/Shanghai"
        Wizard = self.env["aftersales.part.analysis.wizard"]
        # 31 March 20:00 UTC is already 1 April in Shanghai: last month is March
        with freeze_time("2026-03-31 20:00:00"):
            defaults = Wizard.default_get(["date_from", "date_to"])
        self.assertEqual((defaults["date_from"], defaults["date_to"]), ("2026-03-01", "2026-03-31"))
        with freeze_time("2026-03-31 12:00:00"):
            defaults = self.env["aftersales.return.analysis.wizard"].default_get(["date_from", "date_to"])
        self.assertEqual((defaults["date_from"], defaults["date_to"]), ("2026-02-01", "2026-02-28"))
        wizard = Wizard.create({"date_from": "2026-03-31", "date_to": "2026-03-01"})
        with self.assertRaisesRegex(UserError, "starts after it ends"):
            wizard.action_export_xlsx()
