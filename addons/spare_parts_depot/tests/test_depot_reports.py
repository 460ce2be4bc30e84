# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed depot forms: bins on picking slips (S1 第三篇 四-3), bin labels,
coloured ageing labels (S1 第三篇 四-2), the spare parts list and the
packing list (装箱单, S2-二-6.1).

Each is printed through its report action (``ir.actions.report``: its
template, its model, its rendering values, the HTML container) for records
made here. The labels are read as HTML (their colours are styles); the packing
list as the PDF wkhtmltopdf makes of it, read back with pdftotext, as
the other addons' printed forms (not the spare parts list: pdftotext
breaks its eleven narrow columns inside words, its cells are read from the HTML)."""
import re
import shutil
import unittest

from odoo.addons.aftersales_service.tests.common_report import report_pdf_text

from .common import DepotCase


class TestDepotReports(DepotCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bin_a = cls.env["stock.location"].create({
            "name": "A-03-2-05", "location_id": cls.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "A", "bin_shelf": "03", "bin_layer": "2", "bin_position": "05"})

    def _html(self, report_xmlid, records):
        """The HTML the report action prints for ``records``."""
        html, fmt = self.env.ref(report_xmlid).render_qweb_html(records.ids)
        self.assertEqual(fmt, "html")
        return html.decode() if isinstance(html, bytes) else html

    def test_bin_on_picking_slip(self):
        self.receive(self.level3, self.belt, 5, location=self.bin_a)
        picking = self.delivery(self.level3, self.belt, 3)
        html = self._html("stock.action_report_picking", picking)
        self.assertIn("Bin: A-03-2-05", html)
        self.assertIn(picking.name, html)
        self.assertIn(self.belt.default_code, html)

    def test_bin_label(self):
        self.receive(self.level3, self.belt, 2, location=self.bin_a)
        self.receive(self.level3, self.curtain, 1)  # elsewhere in the depot: not on this bin's label
        html = self._html("spare_parts_depot.action_report_bin_label", self.bin_a)
        self.assertEqual(html.count('class="o_bin_label"'), 1)
        self.assertIn("A-03-2-05", html)
        self.assertIn(self.bin_a.location_id.display_name, html)
        self.assertIn("Zone A · Shelf 03", html)
        self.assertIn("Layer 2 · Position 05", html)
        self.assertIn("value=A-03-2-05", html)  # the bin's barcode
        self.assertIn("%s %s" % (self.belt.default_code, self.belt.name), html)
        self.assertIn("HTD-8M", html)
        self.assertNotIn(self.curtain.name, html)

    def test_coloured_ageing_labels(self):
        self.receive(self.level3, self.belt, 5, date=self.days_ago(300), location=self.bin_a)
        self.move(self.belt, self.bin_a, self.customers, 1, date=self.days_ago(120))
        self.receive(self.level3, self.curtain, 1, date=self.days_ago(45))
        rows = self.env["depot.stock.ageing"].search([("warehouse_id", "=", self.level3.id)])
        self.assertEqual(sorted(rows.mapped("flag")), ["red", "yellow"])
        html = self._html("spare_parts_depot.action_report_ageing_label", rows)
        self.assertIn("o_ageing_red", html)
        self.assertIn("#e53935", html)      # red
        self.assertIn("o_ageing_yellow", html)
        self.assertIn("#fdd835", html)      # yellow
        self.assertIn(self.belt.name, html)
        self.assertIn("A-03-2-05", html)
        # one label per row, each with its own colour, quantity, idle days and last issue
        labels = re.split(r'<div class="o_ageing_label ', html)[1:]
        self.assertEqual(len(labels), 2)
        label = {row.product_id: next(text for text in labels if row.product_id.name in text) for row in rows}
        belt_row = rows.filtered(lambda r: r.product_id == self.belt)
        curtain_row = rows - belt_row
        self.assertEqual((belt_row.flag, curtain_row.flag), ("red", "yellow"))
        self.assertTrue(label[self.belt].startswith('o_ageing_red"'))
        self.assertIn("background-color: #e53935", label[self.belt])
        self.assertIn("On hand: 4.0 · Idle: %d days" % belt_row.idle_days, label[self.belt])
        self.assertIn("Last issue: %s" % self.days_ago(120).strftime("%Y-%m-%d"), label[self.belt])
        self.assertIn("Bin: A-03-2-05", label[self.belt])
        self.assertTrue(label[self.curtain].startswith('o_ageing_yellow"'))
        self.assertIn("background-color: #fdd835", label[self.curtain])
        self.assertIn("On hand: 1.0 · Idle: %d days" % curtain_row.idle_days, label[self.curtain])
        self.assertIn("Last issue: never", label[self.curtain])
        self.assertIn("WECO-917 2000mm", label[self.curtain])

    def test_spare_parts_list(self):
        self.env["stock.warehouse.orderpoint"].create({
            "warehouse_id": self.level3.id, "location_id": self.level3.lot_stock_id.id,
            "product_id": self.belt.id, "product_min_qty": 10, "product_max_qty": 30})
        self.belt.product_tmpl_id.part_usage = "层门门机传动"
        self.receive(self.level3, self.belt, 12, location=self.bin_a)
        html = self._html("spare_parts_depot.action_report_depot_parts_list", self.level3)
        for text in ("Spare Parts List", self.level3.code, self.level3.name, "Keeper"):
            self.assertIn(text, html)
        body = html[html.index("<tbody>"):html.index("</tbody>")]
        rows = [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]
        self.assertEqual(rows, [[self.belt.default_code, self.belt.name, "HTD-8M", "8M-1200", "", "层门门机传动",
                                 "35.00",   # HQ price
                                 "30.0",    # standard quantity
                                 "12.0",    # on hand
                                 "18.0",    # to replenish
                                 "A-03-2-05"]])

    @unittest.skipUnless(shutil.which("pdftotext"), "pdftotext (poppler-utils) is required")
    def test_packing_list(self):
        packer = self.env["hr.employee"].create({"name": "钱装箱"})
        ret = self.env["depot.defect.return"].create({
            "depot_id": self.level3.id, "hq_depot_id": self.hq.id, "packer_id": packer.id,
            "project": "无锡万达广场 3#梯",
            "line_ids": [(0, 0, {"product_id": self.belt.id, "product_qty": 2, "fault": "断裂"}),
                         (0, 0, {"product_id": self.curtain.id, "product_qty": 1, "fault": "无信号"})]})
        text = report_pdf_text(self, "spare_parts_depot.action_report_packing_list", ret)
        for expected in ("Packing List", ret.name, self.level3.name, self.hq.name, "无锡万达广场 3#梯",
                         "HTD-8M", "8M-1200", "WECO-917", "钱装箱", "Receiver", "Checker", "断裂", "无信号"):
            self.assertIn(expected, text)
        lines = text.splitlines()
        for product, qty in ((self.belt, "2.0"), (self.curtain, "1.0")):
            row = next((line for line in lines if product.default_code in line), "")
            self.assertIn(qty, row.split(), "%s: quantity %s on its line of the list" % (product.name, qty))
