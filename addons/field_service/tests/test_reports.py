# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed forms (SPEC §8: 售后服务报告单/维修单, 巡查单, 工程安装调试进场审查单) and the
monthly statistics (S1 第五篇 二-(三)-8) as pivot data and XLSX."""
import shutil
import unittest

import xlrd
from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.common_report import report_pdf_text

from .common import FieldServiceCase


class TestReports(FieldServiceCase):

    def _done_repair(self):
        self._stock(self.part, self.van, 2)
        with freeze_time("2026-03-02 01:00:00"):
            order = self._repair(abnormal_damage=True)
            order.action_dispatch()
        with freeze_time("2026-03-02 01:45:00"):
            order.action_arrive()
            order.write({"part_ids": [(0, 0, {"product_id": self.part.id, "quantity": 1,
                                              "old_part_serial": "MB-2025-118"})]})
            self._complete_report(order)
            order.action_finish()
        return order

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
    def test_printed_forms(self):
        order = self._done_repair()
        text = report_pdf_text(self, "field_service.action_report_service_order", order)
        for expected in (order.name, "Service Report", "上海锦江大厦物业管理有限公司", "门机控制板烧毁",
                         "更换门机控制板", "门机控制板", "MB-2025-118", "满意, 维修及时", "张经理", "Customer Signature"):
            self.assertIn(expected, text)

        cycle = self.env["field.service.cycle"].create({
            "equipment_id": self.elevator.id, "order_type": "patrol", "next_date": "2026-03-02"})
        with freeze_time("2026-03-02 02:00:00"):
            patrol = cycle.generate_orders(until="2026-03-03")
        patrol.checklist_ids[2].write({"result": "fault", "note": "机房门锁损坏"})
        text = report_pdf_text(self, "field_service.action_report_patrol_sheet", patrol)
        for expected in (patrol.name, "Patrol Sheet", "Safety Hazards", "机房门锁损坏", "1号客梯"):
            self.assertIn(expected, text)

        installation = self.Order.create({
            "order_type": "installation", "equipment_id": self.elevator.id, "technician_id": self.technician.id,
            "entry_date": "2026-03-20", "ready_drawings": True, "readiness_note": "机房无电源, 需整改",
            "work_plan": "第1-3天 导轨安装"})
        text = report_pdf_text(self, "field_service.action_report_installation_entry", installation)
        for expected in (installation.name, "Installation Entry Review", "机房无电源", "第1-3天 导轨安装",
                         "Project Manager"):
            self.assertIn(expected, text)

    def test_monthly_statistics(self):
        order = self._done_repair()
        late = self.env["field.service.report"].search([("order_id", "=", order.id)])
        self.assertEqual(late.order_count, 1)
        self.assertAlmostEqual(late.reply_minutes, 0.0)
        self.assertAlmostEqual(late.arrival_minutes, 45.0)
        self.assertAlmostEqual(late.repair_minutes, 0.0)
        self.assertEqual(late.late_arrival_count, 1, "45 minutes: the arrival deadline was missed")
        self.assertEqual(late.breach_count, 1)
        groups = self.env["field.service.report"].read_group(
            [("technician_id", "=", self.technician.id)], ["order_count", "breach_count", "arrival_minutes", "date"],
            ["date:month"])
        self.assertEqual(groups[0]["order_count"], 1)

        wizard = self.env["field.service.stats.wizard"].create({"date_from": "2026-03-01", "date_to": "2026-03-31"})
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        content, fmt = self.env.ref("field_service.action_report_fs_monthly_xlsx").render_xlsx(wizard.ids, {})
        self.assertEqual(fmt, "xlsx")
        sheet = xlrd.open_workbook(file_contents=content).sheet_by_index(0)
        rows = [sheet.row_values(i) for i in range(sheet.nrows)]
        technician_rows = [r for r in rows if r and r[1] == self.technician.name]
        self.assertEqual(len(technician_rows), 1)
        self.assertEqual(technician_rows[0][2], 1, "one order")
