# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError


class DepotDefectReturnLine(models.Model):
    _name = "depot.defect.return.line"
    _description = "Defective Part Return Line"
    _order = "return_id, sequence, id"

    return_id = fields.Many2one("depot.defect.return", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one("product.product", string="Part", required=True)
    part_model = fields.Char(related="product_id.part_model", readonly=True)
    part_spec = fields.Char(related="product_id.part_spec", readonly=True)
    product_qty = fields.Float(
        "Quantity", required=True, default=1.0, digits=dp.get_precision("Product Unit of Measure"))
    fault = fields.Text("Fault Found", help="What is wrong with the part, as seen on site.")
    verdict = fields.Selection(
        [("product_defect", "Product defect"), ("site_caused", "Site-caused damage")],
        string="QC Verdict",
        help="S2 三-1: a part tested before leaving the factory, without marks of external force or "
             "burns, is a product defect (replaced); damage caused on site is charged to who caused it.")
    qc_note = fields.Text("QC Findings")
    charge_to = fields.Selection(
        [("invoice", "Invoice the responsible party"), ("penalty", "Penalty on the responsible employee")],
        string="Charge By")
    responsible_partner_id = fields.Many2one("res.partner", string="Responsible Party")
    responsible_employee_id = fields.Many2one("hr.employee", string="Responsible Employee")
    charge_amount = fields.Monetary(
        currency_field="currency_id", help="Defaults to the quantity at HQ price (照价赔偿).")
    currency_id = fields.Many2one(related="return_id.currency_id", readonly=True)
    invoice_id = fields.Many2one("account.invoice", readonly=True, copy=False)
    penalty_id = fields.Many2one("aftersales.penalty", readonly=True, copy=False)

    @api.constrains("product_qty")
    def _check_product_qty(self):
        for line in self:
            if line.product_qty <= 0:
                raise ValidationError(_("The quantity of %s must be positive.") % line.product_id.display_name)

    @api.onchange("verdict", "product_id", "product_qty")
    def _onchange_verdict(self):
        if self.verdict == "site_caused" and not self.charge_amount:
            self.charge_amount = self.product_qty * self.product_id.hq_price

    @api.multi
    def _ensure_verdict_complete(self):
        for line in self:
            if not line.verdict:
                raise UserError(_("Give the QC verdict of %s.") % line.product_id.display_name)
            if line.verdict != "site_caused":
                continue
            if line.charge_to == "invoice" and not line.responsible_partner_id:
                raise UserError(_("%s: site-caused damage invoiced needs the responsible party.")
                                % line.product_id.display_name)
            if line.charge_to == "penalty" and not line.responsible_employee_id:
                raise UserError(_("%s: site-caused damage charged by penalty needs the responsible employee.")
                                % line.product_id.display_name)
            if not line.charge_to:
                raise UserError(_("%s: say how the site-caused damage is charged (invoice or penalty).")
                                % line.product_id.display_name)
            if not line.charge_amount:
                line.charge_amount = line.product_qty * line.product_id.hq_price
            if line.charge_amount <= 0:
                raise UserError(_("%s: the amount charged for site-caused damage must be positive.")
                                % line.product_id.display_name)

    @api.multi
    def _charge_by_invoice(self):
        Invoice = self.env["account.invoice"].sudo()
        for partner in self.mapped("responsible_partner_id"):
            lines = self.filtered(lambda l: l.responsible_partner_id == partner)
            ret = lines[0].return_id
            invoice = Invoice.with_context(type="out_invoice").create({
                "partner_id": partner.id,
                "type": "out_invoice",
                "origin": ret.name,
                "company_id": ret.company_id.id,
                "comment": _("Parts damaged on site (%s), charged at HQ price.") % (ret.project or ret.name),
            })
            invoice_lines = []
            for line in lines:
                product = line.product_id
                account = product.product_tmpl_id.get_product_accounts(fiscal_pos=invoice.fiscal_position_id)["income"]
                if not account:
                    raise UserError(_("Set an income account on %s or its category to invoice it.")
                                    % product.display_name)
                invoice_lines.append((0, 0, {
                    "product_id": product.id,
                    "name": _("%s: %s damaged on site") % (ret.name, product.display_name),
                    "quantity": line.product_qty,
                    "uom_id": product.uom_id.id,
                    "price_unit": line.charge_amount / line.product_qty,
                    "account_id": account.id,
                }))
            invoice.write({"invoice_line_ids": invoice_lines})
            invoice.compute_taxes()
            lines.write({"invoice_id": invoice.id})
            ret.invoice_ids = [(4, invoice.id)]

    @api.multi
    def _charge_by_penalty(self):
        if not self:
            return
        rule = self.env["aftersales.penalty.rule"].sudo().get_by_code("depot_loss")
        Penalty = self.env["aftersales.penalty"].sudo()
        # one proposal per employee and return (propose is idempotent per source)
        for (ret, employee) in {(line.return_id, line.responsible_employee_id) for line in self}:
            lines = self.filtered(lambda x: x.return_id == ret and x.responsible_employee_id == employee)
            details = "\n".join(_("%s x %s: %.2f %s") % (
                line.product_qty, line.product_id.display_name, line.charge_amount, line.qc_note or "")
                for line in lines)
            penalty = Penalty.propose([{
                "employee_id": employee.id,
                "rule_id": rule.id,
                "amount": sum(lines.mapped("charge_amount")),
                "source_ref": "%s,%d" % (ret._name, ret.id),
                "reason": _("%s: parts damaged on site (%s), charged at HQ price.\n%s") % (
                    ret.name, ret.project or "", details),
            }])
            lines.write({"penalty_id": penalty[:1].id})
