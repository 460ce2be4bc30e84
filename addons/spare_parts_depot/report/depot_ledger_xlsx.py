# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class DepotLedgerXlsx(models.AbstractModel):
    """保管帐 (S2-二-4.1): the depot's in/out ledger, per part, with the
    seed's columns: product, origin, spec, date, qty in/out, unit price,
    balance qty and amount, project (摘要), bin (库、存、架、层、位) and an
    empty audit (稽核) column for the branch's signature."""
    _name = "report.spare_parts_depot.depot_ledger_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _columns(self):
        return [
            (_("Part"), 26), (_("Origin"), 10), (_("Specification"), 16), (_("Date"), 17),
            (_("Qty In"), 9), (_("Qty Out"), 9), (_("Unit Price"), 11), (_("Balance Qty"), 11),
            (_("Balance Amount"), 14), (_("Project / Summary"), 26), (_("Bin"), 14), (_("Audit"), 10),
        ]

    def generate_xlsx_report(self, workbook, data, wizards):
        head = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1, "text_wrap": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        cell = workbook.add_format({"border": 1})
        bold = workbook.add_format({"border": 1, "bold": True})
        money = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        qty = workbook.add_format({"border": 1, "num_format": "#,##0.##"})
        for wizard in wizards:
            depot = wizard.depot_id
            sheet = workbook.add_worksheet(depot.code or str(depot.id))
            sheet.write(0, 0, _("Depot Ledger - %s") % depot.name, title)
            sheet.write(1, 0, _("From %s to %s") % (wizard.date_from, wizard.date_to))
            for col, (label, width) in enumerate(self._columns()):
                sheet.set_column(col, col, width)
                sheet.write(3, col, label, head)
            row = 4
            for entry in wizard._ledger_rows():
                opening = entry["type"] == "opening"
                sheet.write(row, 0, entry["product"], bold if opening else cell)
                sheet.write(row, 1, entry["origin"], cell)
                sheet.write(row, 2, entry["spec"], cell)
                sheet.write(row, 3, entry["date"], cell)
                sheet.write(row, 4, entry["qty_in"] or "", qty)
                sheet.write(row, 5, entry["qty_out"] or "", qty)
                sheet.write(row, 6, entry["price"], money)
                sheet.write(row, 7, entry["balance_qty"], qty)
                sheet.write(row, 8, entry["balance_amount"], money)
                sheet.write(row, 9, entry["summary"], cell)
                sheet.write(row, 10, entry["bin"], cell)
                sheet.write(row, 11, "", cell)
                row += 1
