# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models

MEASURES = ["order_count", "done_count", "reply_minutes", "arrival_minutes", "repair_minutes",
            "breach_count", "late_arrival_count", "missed_count", "rework_count", "incomplete_count"]


class FieldServiceMonthlyXlsx(models.AbstractModel):
    """Monthly statistics workbook (维修统计表): one row per month and technician, then per type."""
    _name = "report.field_service.report_fs_monthly_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _rows(self, wizard, groupby):
        report = self.env["field.service.report"]
        domain = [("date", ">=", wizard.date_from), ("date", "<", wizard.date_to + " 23:59:59")]
        fields = MEASURES + [g.split(":")[0] for g in groupby]
        return report.read_group(domain, fields, groupby, lazy=False, orderby="date")

    def generate_xlsx_report(self, workbook, data, wizards):
        wizard = wizards[:1]
        bold = workbook.add_format({"bold": True, "bg_color": "#DDDDDD", "border": 1})
        title = workbook.add_format({"bold": True, "font_size": 14})
        number = workbook.add_format({"num_format": "0.0", "border": 1})
        cell = workbook.add_format({"border": 1})
        report = self.env["field.service.report"]
        labels = [report._fields[m].get_description(self.env)["string"] for m in MEASURES]
        for key, head in (("technician_id", _("Technician")), ("order_type", _("Type"))):
            sheet = workbook.add_worksheet(head)
            sheet.write(0, 0, _("Field service statistics %s – %s") % (wizard.date_from, wizard.date_to), title)
            headers = [_("Month"), head] + labels
            for col, text in enumerate(headers):
                sheet.write(2, col, text, bold)
                sheet.set_column(col, col, 16)
            selection = dict(report._fields["order_type"]._description_selection(self.env))
            row = 3
            for group in self._rows(wizard, ["date:month", key]):
                value = group[key]
                if key == "technician_id":
                    value = value[1] if value else _("(unassigned)")
                else:
                    value = selection.get(value, value or "")
                sheet.write(row, 0, group["date:month"], cell)
                sheet.write(row, 1, value, cell)
                for col, measure in enumerate(MEASURES, start=2):
                    sheet.write_number(row, col, group[measure] or 0, number)
                row += 1
