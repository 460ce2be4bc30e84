# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class ReturnAnalysisXlsx(models.AbstractModel):
    """Monthly returns and complaints analysis (S1-4.12, 4.16): returns by
    reason, product, dealer and month; complaints by category, product,
    dealer and month; then the detail. Aggregates come from read_group (SQL)."""
    _name = "report.aftersales_service.return_analysis_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _domains(self, data, objs):
        if data and data.get("date_from"):
            line_domain = [("date_request", ">=", data["date_from"]), ("date_request", "<=", data["date_to"]),
                           ("state", "not in", ("cancel", "rejected"))]
            complaint_domain = [("date_received", ">=", data["date_from"] + " 00:00:00"),
                                ("date_received", "<=", data["date_to"] + " 23:59:59"),
                                ("state", "!=", "cancel")]
            if data.get("company_id"):
                line_domain.append(("company_id", "=", data["company_id"]))
                complaint_domain.append(("company_id", "=", data["company_id"]))
        else:
            line_domain = [("return_id", "in", objs.ids)]
            complaint_domain = [("id", "=", 0)]
        return line_domain, complaint_domain

    @staticmethod
    def _label(value, selection=None):
        if isinstance(value, (list, tuple)):
            return value[1]
        if selection is not None:
            return selection.get(value) or "-"
        return value or "-"

    def _write_summary(self, sheet, formats, row, label, heads, groups, key, selection, values):
        sheet.write(row, 0, label, formats["head"])
        for col, text in enumerate(heads, start=1):
            sheet.write(row, col, text, formats["head"])
        row += 1
        totals = [0.0] * len(heads)
        for group in groups:
            sheet.write(row, 0, self._label(group[key], selection), formats["cell"])
            for col, value in enumerate(values(group), start=1):
                sheet.write(row, col, value, formats["number"])
                totals[col - 1] += value
            row += 1
        sheet.write(row, 0, _("Total"), formats["head"])
        for col, value in enumerate(totals, start=1):
            sheet.write(row, col, value, formats["head"])
        return row + 2

    def generate_xlsx_report(self, workbook, data, objs):
        line_model = self.env["aftersales.return.line"]
        complaint_model = self.env["aftersales.complaint"]
        line_domain, complaint_domain = self._domains(data, objs)
        formats = {
            "title": workbook.add_format({"bold": True, "font_size": 14}),
            "bold": workbook.add_format({"bold": True}),
            "head": workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1}),
            "cell": workbook.add_format({"border": 1}),
            "number": workbook.add_format({"border": 1, "num_format": "#,##0.00"}),
        }
        period = "%s ~ %s" % (data["date_from"], data["date_to"]) if data and data.get("date_from") else ""
        reasons = dict(line_model._fields["reason"]._description_selection(self.env))
        verdicts = dict(line_model._fields["verdict"]._description_selection(self.env))

        # returns: one sheet per axis
        return_heads = [_("Lines"), _("Applied Qty"), _("Counted Qty"), _("Value")]
        return_fields = ["qty", "qty_received", "price_subtotal"]
        axes = [
            (_("Returns by Reason"), _("Reason"), "reason", reasons),
            (_("Returns by Product"), _("Product"), "product_id", None),
            (_("Returns by Dealer"), _("Dealer"), "partner_id", None),
            (_("Returns by Month"), _("Month"), "date_request:month", None),
            (_("Returns by Verdict"), _("Verdict"), "verdict", verdicts),
        ]
        for sheet_name, label, groupby, selection in axes:
            sheet = workbook.add_worksheet(sheet_name[:31])
            sheet.write(0, 0, _("Monthly Returns and Complaints Analysis"), formats["title"])
            sheet.write(1, 0, period, formats["bold"])
            sheet.set_column(0, 0, 36)
            sheet.set_column(1, 4, 14)
            groups = line_model.read_group(
                line_domain, return_fields + [groupby.split(":")[0]], [groupby], lazy=False)
            self._write_summary(
                sheet, formats, 3, label, return_heads, groups, groupby, selection,
                lambda g: [g["__count"], g["qty"] or 0.0, g["qty_received"] or 0.0, g["price_subtotal"] or 0.0])

        # complaints
        categories_sheet = workbook.add_worksheet(_("Complaints")[:31])
        categories_sheet.write(0, 0, _("Complaints"), formats["title"])
        categories_sheet.write(1, 0, period, formats["bold"])
        categories_sheet.set_column(0, 0, 36)
        categories_sheet.set_column(1, 3, 14)
        row = 3
        complaint_heads = [_("Complaints"), _("Answered Late")]
        for label, groupby in [(_("Category"), "category_id"), (_("Product"), "product_id"),
                               (_("Customer / Dealer"), "partner_id"), (_("Month"), "date_received:month")]:
            field = groupby.split(":")[0]
            groups = complaint_model.read_group(complaint_domain, [field], [groupby], lazy=False)
            late = {}
            for group in complaint_model.read_group(
                    complaint_domain + [("response_late", "=", True)], [field], [groupby], lazy=False):
                late[self._label(group[groupby])] = group["__count"]
            row = self._write_summary(
                categories_sheet, formats, row, label, complaint_heads, groups, groupby, None,
                lambda g: [g["__count"], late.get(self._label(g[groupby]), 0)])

        # detail
        detail = workbook.add_worksheet(_("Return Detail")[:31])
        columns = [_("Return"), _("Date"), _("Customer"), _("Product"), _("Reason"), _("Applied Qty"),
                   _("Counted Qty"), _("Mismatch"), _("Verdict"), _("Decision"), _("Value"), _("Status")]
        for col, text in enumerate(columns):
            detail.write(0, col, text, formats["head"])
        detail.set_column(0, 11, 16)
        return_model = self.env["aftersales.return"]
        decisions = dict(return_model._fields["decision"]._description_selection(self.env))
        states = dict(return_model._fields["state"]._description_selection(self.env))
        lines = line_model.search(line_domain, order="date_request, return_id, sequence, id")
        for index, line in enumerate(lines, start=1):
            ret = line.return_id
            values = [ret.name, line.date_request, ret.partner_id.display_name, line.product_id.display_name,
                      reasons.get(line.reason)]
            for col, value in enumerate(values):
                detail.write(index, col, value or "", formats["cell"])
            detail.write(index, 5, line.qty, formats["number"])
            detail.write(index, 6, line.qty_received, formats["number"])
            detail.write(index, 7, _("Yes") if line.qty_mismatch else "", formats["cell"])
            detail.write(index, 8, verdicts.get(line.verdict) or "", formats["cell"])
            detail.write(index, 9, decisions.get(ret.decision) or "", formats["cell"])
            detail.write(index, 10, line.price_subtotal, formats["number"])
            detail.write(index, 11, states.get(ret.state) or "", formats["cell"])

        complaint_detail = workbook.add_worksheet(_("Complaint Detail")[:31])
        columns = [_("Complaint"), _("Received on"), _("Channel"), _("Source"), _("Customer / Dealer"),
                   _("Product"), _("Category"), _("Routed to"), _("Answered on"), _("Answered Late"), _("Status")]
        for col, text in enumerate(columns):
            complaint_detail.write(0, col, text, formats["head"])
        complaint_detail.set_column(0, 10, 16)
        channels = dict(complaint_model._fields["channel"]._description_selection(self.env))
        sources = dict(complaint_model._fields["source"]._description_selection(self.env))
        complaint_states = dict(complaint_model._fields["state"]._description_selection(self.env))
        for index, complaint in enumerate(complaint_model.search(complaint_domain, order="date_received, id"), 1):
            values = [complaint.name, complaint.date_received, channels.get(complaint.channel),
                      sources.get(complaint.source), complaint.partner_id.display_name,
                      complaint.product_id.display_name, complaint.category_id.name,
                      complaint.department_id.name or complaint.user_id.name, complaint.response_date,
                      _("Yes") if complaint.response_late else "", complaint_states.get(complaint.state)]
            for col, value in enumerate(values):
                complaint_detail.write(index, col, value or "", formats["cell"])
