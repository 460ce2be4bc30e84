# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class DepotPartsListXlsx(models.AbstractModel):
    """备品备件明细表 (S2-二-1, 2.2): the standard stock list of each depot."""
    _name = "report.spare_parts_depot.depot_parts_list_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _columns(self):
        return [
            ("code", _("Code"), 14), ("name", _("Part"), 28), ("model", _("Model"), 16),
            ("spec", _("Specification"), 18), ("substitutes", _("Substitutes"), 22), ("usage", _("Usage"), 24),
            ("hq_price", _("HQ Price"), 11), ("min_qty", _("Minimum"), 10), ("standard_qty", _("Standard Qty"), 12),
            ("on_hand", _("On Hand"), 10), ("shortfall", _("To Replenish"), 12), ("bin", _("Bin"), 14),
        ]

    def generate_xlsx_report(self, workbook, data, depots):
        title = workbook.add_format({"bold": True, "font_size": 14})
        head = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
        cell = workbook.add_format({"border": 1})
        money = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        qty = workbook.add_format({"border": 1, "num_format": "#,##0.##"})
        columns = self._columns()
        for depot in depots:
            sheet = workbook.add_worksheet(depot.code or str(depot.id))
            sheet.write(0, 0, _("Spare Parts List - %s") % depot.name, title)
            sheet.write(1, 0, _("Level: %s  Value cap: %.2f  Stock value: %.2f") % (
                dict(depot._fields["depot_level"].selection).get(depot.depot_level, ""),
                depot.value_cap, depot.stock_value))
            for col, (__, label, width) in enumerate(columns):
                sheet.set_column(col, col, width)
                sheet.write(3, col, label, head)
            for row, line in enumerate(depot._standard_stock_lines(), start=4):
                for col, (key, __, __) in enumerate(columns):
                    fmt = money if key == "hq_price" else qty if key.endswith("qty") or key in (
                        "on_hand", "shortfall") else cell
                    sheet.write(row, col, line[key], fmt)
