# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import OrderedDict

from odoo import _, models


class PartAnalysisXlsx(models.AbstractModel):
    """月度补件分析 (S1-4.12): the month's parts by reason, part, dealer and
    month, then the detail, for the multi-department quality meeting (S1-4.16)."""
    _name = "report.aftersales_service.part_analysis_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _rows(self, data, objs):
        if data and data.get("date_from"):
            domain = [("date", ">=", data["date_from"]), ("date", "<=", data["date_to"])]
            if data.get("company_id"):
                domain.append(("company_id", "=", data["company_id"]))
            return self.env["aftersales.part.analysis"].search(domain, order="date, request_id, id")
        return objs.sorted(lambda r: (r.date or "", r.id))

    @staticmethod
    def _summarise(rows, key):
        summary = OrderedDict()
        for row in rows:
            label = key(row) or "-"
            entry = summary.setdefault(label, [0, 0.0, 0.0, 0.0, 0])
            entry[0] += row.line_count
            entry[1] += row.qty
            entry[2] += row.open_qty
            entry[3] += row.amount
            entry[4] += row.late_count
        return sorted(summary.items(), key=lambda item: (-item[1][0], item[0]))

    def generate_xlsx_report(self, workbook, data, objs):
        rows = self._rows(data, objs)
        bold = workbook.add_format({"bold": True})
        title = workbook.add_format({"bold": True, "font_size": 14})
        head = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        cell = workbook.add_format({"border": 1})
        number = workbook.add_format({"border": 1, "num_format": "#,##0.00"})
        reasons = dict(self.env["aftersales.part.analysis"]._fields["reason"]._description_selection(self.env))
        charges = dict(self.env["aftersales.part.analysis"]._fields["charge_type"]._description_selection(self.env))
        routes = dict(self.env["aftersales.part.analysis"]._fields["route"]._description_selection(self.env))
        period = ""
        if data and data.get("date_from"):
            period = "%s ~ %s" % (data["date_from"], data["date_to"])

        summary_head = [_("Parts Requested"), _("Quantity"), _("Owed"), _("Charged Amount"), _("Shipped Late")]
        sheets = [
            (_("By Reason"), _("Reason"), lambda r: reasons.get(r.reason)),
            (_("By Part"), _("Part"), lambda r: r.product_id.display_name),
            (_("By Dealer"), _("Dealer"), lambda r: r.dealer_id.display_name),
            (_("By Month"), _("Month"), lambda r: (r.date or "")[:7]),
        ]
        for sheet_name, label, key in sheets:
            sheet = workbook.add_worksheet(sheet_name[:31])
            sheet.write(0, 0, _("Monthly Spare-part Analysis"), title)
            sheet.write(1, 0, period, bold)
            sheet.set_column(0, 0, 36)
            sheet.set_column(1, 5, 14)
            for col, text in enumerate([label] + summary_head):
                sheet.write(3, col, text, head)
            row_index = 4
            for name, values in self._summarise(rows, key):
                sheet.write(row_index, 0, name, cell)
                sheet.write(row_index, 1, values[0], cell)
                sheet.write(row_index, 2, values[1], number)
                sheet.write(row_index, 3, values[2], number)
                sheet.write(row_index, 4, values[3], number)
                sheet.write(row_index, 5, values[4], cell)
                row_index += 1
            sheet.write(row_index, 0, _("Total"), head)
            sheet.write(row_index, 1, sum(r.line_count for r in rows), head)
            sheet.write(row_index, 2, sum(r.qty for r in rows), head)
            sheet.write(row_index, 3, sum(r.open_qty for r in rows), head)
            sheet.write(row_index, 4, sum(r.amount for r in rows), head)
            sheet.write(row_index, 5, sum(r.late_count for r in rows), head)

        detail = workbook.add_worksheet(_("Detail")[:31])
        columns = [_("Request"), _("Date"), _("Customer"), _("Dealer"), _("Part"), _("Reason"), _("Charge"),
                   _("Fulfilment"), _("Quantity"), _("Delivered"), _("Owed"), _("Charged Amount")]
        for col, text in enumerate(columns):
            detail.write(0, col, text, head)
        detail.set_column(0, 7, 18)
        for index, row in enumerate(rows, start=1):
            values = [row.request_id.name, row.date, row.partner_id.display_name, row.dealer_id.display_name,
                      row.product_id.display_name, reasons.get(row.reason), charges.get(row.charge_type),
                      routes.get(row.route)]
            for col, value in enumerate(values):
                detail.write(index, col, value or "", cell)
            detail.write(index, 8, row.qty, number)
            detail.write(index, 9, row.delivered_qty, number)
            detail.write(index, 10, row.open_qty, number)
            detail.write(index, 11, row.amount, number)
