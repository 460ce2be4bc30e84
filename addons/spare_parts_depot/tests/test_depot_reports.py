# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Printed depot forms: bins on picking slips (S1 第三篇 四-3), bin labels,
coloured ageing labels (S1 第三篇 四-2), the spare parts list and the
packing list (装箱单, S2-二-6.1).

The form bodies are rendered with the report's own rendering values but
without the HTML container, whose asset bundles cost seconds per test; the
picking slip is rendered whole once."""
from .common import DepotCase


class TestDepotReports(DepotCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bin_a = cls.env["stock.location"].create({
            "name": "A-03-2-05", "location_id": cls.level3.lot_stock_id.id, "usage": "internal",
            "bin_zone": "A", "bin_shelf": "03", "bin_layer": "2", "bin_position": "05"})

    def _body(self, report_xmlid, template, records):
        report = self.env.ref(report_xmlid)
        values = {"doc_ids": records.ids, "doc_model": records._name, "docs": records, "doc": records[:1]}
        html = report.render_template(template, values)
        return html.decode() if isinstance(html, bytes) else html

    def test_bin_on_picking_slip(self):
        self.receive(self.level3, self.belt, 5, location=self.bin_a)
        picking = self.delivery(self.level3, self.belt, 3)
        html = self.env.ref("stock.action_report_picking").render_qweb_html(picking.ids)[0]
        html = html.decode() if isinstance(html, bytes) else html
        self.assertIn("Bin: A-03-2-05", html)

    def test_bin_label(self):
        self.receive(self.level3, self.belt, 2, location=self.bin_a)
        html = self._body("spare_parts_depot.action_report_bin_label", "spare_parts_depot.report_bin_label_body",
                          self.bin_a)
        self.assertIn("A-03-2-05", html)
        self.assertIn(self.belt.name, html)

    def test_coloured_ageing_labels(self):
        self.receive(self.level3, self.belt, 5, date=self.days_ago(300), location=self.bin_a)
        self.move(self.belt, self.bin_a, self.customers, 1, date=self.days_ago(120))
        self.receive(self.level3, self.curtain, 1, date=self.days_ago(45))
        rows = self.env["depot.stock.ageing"].search([("warehouse_id", "=", self.level3.id)])
        self.assertEqual(sorted(rows.mapped("flag")), ["red", "yellow"])
        html = self._body("spare_parts_depot.action_report_ageing_label",
                          "spare_parts_depot.report_ageing_label_body", rows)
        self.assertIn("o_ageing_red", html)
        self.assertIn("#e53935", html)      # red
        self.assertIn("o_ageing_yellow", html)
        self.assertIn("#fdd835", html)      # yellow
        self.assertIn(self.belt.name, html)
        self.assertIn("A-03-2-05", html)

    def test_spare_parts_list(self):
        self.env["stock.warehouse.orderpoint"].create({
            "warehouse_id": self.level3.id, "location_id": self.level3.lot_stock_id.id,
            "product_id": self.belt.id, "product_min_qty": 10, "product_max_qty": 30})
        self.belt.product_tmpl_id.part_usage = "层门门机传动"
        html = self._body("spare_parts_depot.action_report_depot_parts_list",
                          "spare_parts_depot.report_depot_parts_list_document", self.level3)
        for text in ("HTD-8M", "8M-1200", "层门门机传动", "30.0", self.level3.name, "Keeper"):
            self.assertIn(text, html)

    def test_packing_list(self):
        packer = self.env["hr.employee"].create({"name": "钱装箱"})
        ret = self.env["depot.defect.return"].create({
            "depot_id": self.level3.id, "hq_depot_id": self.hq.id, "packer_id": packer.id,
            "project": "无锡万达广场 3#梯",
            "line_ids": [(0, 0, {"product_id": self.belt.id, "product_qty": 2, "fault": "断裂"}),
                         (0, 0, {"product_id": self.curtain.id, "product_qty": 1, "fault": "无信号"})]})
        html = self._body("spare_parts_depot.action_report_packing_list",
                          "spare_parts_depot.report_packing_list_document", ret)
        for text in (ret.name, "HTD-8M", "8M-1200", "WECO-917", "钱装箱", "Receiver", "Checker", "断裂"):
            self.assertIn(text, html)
