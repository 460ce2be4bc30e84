# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, models


class AppraisalXlsx(models.AbstractModel):
    """考核奖汇总表 / 考核奖明细表 (S1 考核执行程序): the summary of the selected
    appraisals (one row per employee and month, with totals) and the detail of
    the confirmed entries behind them."""
    _name = "report.aftersales_service.appraisal_xlsx"
    _inherit = "report.report_xlsx.abstract"

    def _formats(self, workbook):
        base = {"font_name": "SimSun", "font_size": 10, "border": 1, "valign": "vcenter"}
        return {
            "title": workbook.add_format({"font_name": "SimSun", "bold": True, "font_size": 14}),
            "head": workbook.add_format(dict(base, bold=True, bg_color="#DDDDDD", text_wrap=True, align="center")),
            "text": workbook.add_format(base),
            "wrap": workbook.add_format(dict(base, text_wrap=True)),
            "num": workbook.add_format(dict(base, num_format="0.0")),
            "money": workbook.add_format(dict(base, num_format="#,##0.00")),
            "total_text": workbook.add_format(dict(base, bold=True)),
            "total_num": workbook.add_format(dict(base, bold=True, num_format="0.0")),
            "total_money": workbook.add_format(dict(base, bold=True, num_format="#,##0.00")),
        }

    def generate_xlsx_report(self, workbook, data, appraisals):
        appraisals = appraisals.sorted(lambda a: (a.date_from, a.department_id.name or "", a.employee_id.name))
        fmt = self._formats(workbook)
        months = ", ".join(sorted(set(appraisals.mapped("month"))))
        company = appraisals[:1].company_id or self.env.user.company_id
        self._write_summary(workbook, fmt, appraisals, company, months)
        self._write_details(workbook, fmt, appraisals, company, months)

    def _write_summary(self, workbook, fmt, appraisals, company, months):
        sheet = workbook.add_worksheet(_("Bonus Summary"))
        sheet.write(0, 0, "%s %s %s" % (company.name, _("Appraisal Bonus Summary"), months), fmt["title"])
        heads = [(_("No."), 6), (_("Employee"), 14), (_("Department"), 14), (_("Month"), 9),
                 (_("Deduction Points"), 10), (_("Bonus Points"), 10), (_("Score"), 8),
                 (_("Appraisal Bonus"), 12), (_("Installation Quality"), 12), (_("Other Rewards"), 11),
                 (_("Fines"), 11), (_("Net Amount"), 12), (_("Two Failed Acceptances"), 10), (_("Status"), 9),
                 (_("Signature"), 12)]
        for col, (head, width) in enumerate(heads):
            sheet.set_column(col, col, width)
            sheet.write(2, col, head, fmt["head"])
        states = dict(appraisals._fields["state"]._description_selection(self.env))
        row = 3
        for index, appraisal in enumerate(appraisals, 1):
            values = [
                (index, "text"), (appraisal.employee_id.name, "text"),
                (appraisal.department_id.name or "", "text"), (appraisal.month, "text"),
                (appraisal.deduction_points, "num"), (appraisal.bonus_points, "num"), (appraisal.score, "num"),
                (appraisal.bonus_amount, "money"), (appraisal.install_quality_amount, "money"),
                (appraisal.reward_amount, "money"), (appraisal.fine_amount, "money"),
                (appraisal.total_amount, "money"),
                (_("Yes") if appraisal.install_failed_twice else "", "text"),
                (states.get(appraisal.state, appraisal.state), "text"), ("", "text"),
            ]
            for col, (value, kind) in enumerate(values):
                sheet.write(row, col, value, fmt[kind])
            row += 1
        sheet.write(row, 0, _("Total"), fmt["total_text"])
        for col in (1, 2, 3, 4, 5, 6, 12, 13, 14):
            sheet.write(row, col, "", fmt["total_text"])
        for col, field in ((7, "bonus_amount"), (8, "install_quality_amount"), (9, "reward_amount"),
                           (10, "fine_amount"), (11, "total_amount")):
            sheet.write_number(row, col, sum(appraisals.mapped(field)), fmt["total_money"])
        row += 2
        for col, label in enumerate((_("Prepared by (supervisor)"), _("Office"), _("Approved by (manager)"),
                                     _("Accounting"))):
            sheet.write(row, col * 3 + 1, label + ":", fmt["total_text"])
        sheet.freeze_panes(3, 2)

    def _write_details(self, workbook, fmt, appraisals, company, months):
        sheet = workbook.add_worksheet(_("Bonus Details"))
        sheet.write(0, 0, "%s %s %s" % (company.name, _("Appraisal Bonus Details"), months), fmt["title"])
        heads = [(_("Employee"), 14), (_("Month"), 9), (_("Date"), 11), (_("Entry"), 16), (_("Rule Code"), 18),
                 (_("Rule"), 30), (_("Type"), 8), (_("Points"), 8), (_("Amount"), 11), (_("Reason"), 40)]
        for col, (head, width) in enumerate(heads):
            sheet.set_column(col, col, width)
            sheet.write(2, col, head, fmt["head"])
        types = dict(self.env["aftersales.penalty"]._fields["rule_type"]._description_selection(self.env))
        row = 3
        for appraisal in appraisals:
            entries = appraisal.penalty_ids.sorted(lambda p: (p.date, p.id))
            for penalty in entries:
                # signed: deductions and fines negative, bonuses and rewards positive
                sign = 1 if penalty.rule_type == "bonus" else -1
                values = [
                    (appraisal.employee_id.name, "text"), (appraisal.month, "text"), (penalty.date, "text"),
                    (penalty.name, "text"), (penalty.rule_code, "text"), (penalty.rule_id.name, "wrap"),
                    (types.get(penalty.rule_type, ""), "text"), (sign * penalty.points, "num"),
                    (sign * penalty.amount, "money"), (penalty.reason or "", "wrap"),
                ]
                for col, (value, kind) in enumerate(values):
                    sheet.write(row, col, value, fmt[kind])
                row += 1
            # one line per employee with the score, also when nothing was recorded
            sheet.write(row, 0, appraisal.employee_id.name, fmt["total_text"])
            sheet.write(row, 1, appraisal.month, fmt["total_text"])
            sheet.write(row, 2, _("Score"), fmt["total_text"])
            sheet.write_number(row, 3, appraisal.score, fmt["total_num"])
            sheet.write(row, 4, _("Subtotal"), fmt["total_text"])
            sheet.write(row, 5, "", fmt["total_text"])
            sheet.write(row, 6, "", fmt["total_text"])
            sheet.write_number(row, 7, appraisal.bonus_points - appraisal.deduction_points, fmt["total_num"])
            sheet.write_number(row, 8, appraisal.install_quality_amount + appraisal.reward_amount
                               - appraisal.fine_amount, fmt["total_money"])
            sheet.write(row, 9, "", fmt["total_text"])
            row += 1
        sheet.freeze_panes(3, 1)
