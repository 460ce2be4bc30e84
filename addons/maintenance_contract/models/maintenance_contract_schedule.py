# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from psycopg2.extras import execute_values

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .maintenance_contract import RUNNING_STATES

_logger = logging.getLogger(__name__)


class MaintenanceContractSchedule(models.Model):
    """One billing period of a contract: invoiced by the cron on its date (pre-paid).

    The invoice is a normal customer invoice (``account.invoice``) with one line per
    covered equipment; Odoo computes its taxes, the accountant validates it."""
    _name = "maintenance.contract.schedule"
    _description = "Maintenance Contract Invoicing Schedule"
    _order = "date, contract_id, sequence, id"

    contract_id = fields.Many2one("maintenance.contract", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=1)
    date = fields.Date("Invoice Date", required=True, index=True)
    period_start = fields.Date(required=True)
    period_end = fields.Date(required=True)
    fraction = fields.Float(
        "Share of Annual Fee", required=True,
        help="Part of the annual fee invoiced for this period (a quarter = 0.25).")
    amount = fields.Monetary(
        "Untaxed Amount", compute="_compute_amount", store=True, currency_field="currency_id")
    invoice_id = fields.Many2one("account.invoice", "Invoice", readonly=True, copy=False, index=True,
                                 ondelete="set null")
    invoice_state = fields.Selection(related="invoice_id.state", readonly=True, string="Invoice Status")
    date_due = fields.Date(related="invoice_id.date_due", readonly=True, string="Due Date")
    residual = fields.Monetary(related="invoice_id.residual", readonly=True, string="Amount Due",
                               currency_field="currency_id")
    amount_total = fields.Monetary(related="invoice_id.amount_total", readonly=True, string="Invoiced Total",
                                   currency_field="currency_id")
    cancelled = fields.Boolean(readonly=True, copy=False)
    state = fields.Selection(
        [("planned", "Planned"), ("invoiced", "Invoiced"), ("paid", "Paid"), ("cancelled", "Cancelled")],
        compute="_compute_state", store=True, index=True)
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, readonly=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", readonly=True)

    @api.depends("fraction", "contract_id.line_ids.fee")
    def _compute_amount(self):
        for schedule in self:
            currency = schedule.contract_id.currency_id
            schedule.amount = sum(currency.round(line.fee * schedule.fraction)
                                  for line in schedule.contract_id.line_ids)

    @api.depends("invoice_id.state", "cancelled")
    def _compute_state(self):
        for schedule in self:
            invoice_state = schedule.invoice_id.state
            if schedule.cancelled or invoice_state == "cancel":
                schedule.state = "cancelled"
            elif invoice_state == "paid":
                schedule.state = "paid"
            elif schedule.invoice_id:
                schedule.state = "invoiced"
            else:
                schedule.state = "planned"

    @api.model
    def _cron_create_invoices(self, today=None, limit=None):
        """Daily: invoice every planned period that has started, for contracts in force.

        Set-based: the due periods are picked and locked in one query (SKIP LOCKED, so
        several cron workers share the work), partner/product/tax lookups are made once
        per distinct value, and each invoice is created in one ORM call with its lines."""
        today = today or fields.Date.context_today(self)
        query = """
            SELECT s.id FROM maintenance_contract_schedule s
              JOIN maintenance_contract c ON c.id = s.contract_id
             WHERE s.invoice_id IS NULL AND NOT s.cancelled AND s.date <= %s AND c.state IN %s
             ORDER BY s.date, s.id
        """
        params = [today, RUNNING_STATES]
        if limit:
            query += " LIMIT %s"
            params.append(limit)
        self.env.cr.execute(query + " FOR UPDATE OF s SKIP LOCKED", params)
        schedules = self.browse([r[0] for r in self.env.cr.fetchall()])
        return schedules._create_invoices()

    def _create_invoices(self):
        """Create the customer invoices of these periods.

        Each invoice is one ``account.invoice.create`` with its lines and its tax lines
        (computed by Odoo's ``get_taxes_values``, as the invoice form does); stored
        computed fields (amounts, residual, partner links …) are recomputed once for
        the whole batch, grouped by value, instead of after each invoice."""
        schedules = self.filtered(lambda s: not s.invoice_id and not s.cancelled)
        if not schedules:
            return self.env["account.invoice"]
        # Read what the invoices need in a few queries (prefetch by recordset).
        contracts = schedules.mapped("contract_id")
        # sudo: the equipment's name on the invoice line is a fact of the contract; the
        # accountant who invoices may not read the customers' equipment (maintenance rules)
        contracts.sudo().mapped("line_ids.equipment_id.name")
        contracts.mapped("contract_type_id.product_id.name")
        contracts.mapped("partner_id.name")
        cache = _InvoicingCache(self.env)
        for company in contracts.mapped("company_id"):
            cache.prefetch_partners(contracts.filtered(lambda c: c.company_id == company).mapped("partner_id"), company)
        Invoice = self.env["account.invoice"].with_context(
            mail_create_nolog=True, type="out_invoice", tracking_disable=True)
        links = []
        failed = []
        with self.env.norecompute():
            for schedule in schedules:
                # one misconfigured contract must not stop the invoicing of the others
                try:
                    with self.env.cr.savepoint():
                        invoice = Invoice.create(schedule._prepare_invoice(cache))
                except (UserError, ValidationError) as error:
                    failed.append((schedule, error))
                    continue
                links.append((schedule.id, invoice.id))
            if not links:
                self._report_failures(failed)
                return Invoice
            execute_values(self.env.cr, """
                UPDATE maintenance_contract_schedule s SET invoice_id = v.invoice_id,
                       write_uid = %s, write_date = (now() at time zone 'UTC')
                  FROM (VALUES %%s) AS v(id, invoice_id) WHERE s.id = v.id
            """ % int(self.env.uid), links, page_size=1000)
            schedules.invalidate_cache(["invoice_id", "write_uid", "write_date"])
            schedules.modified(["invoice_id"])
        self.recompute()
        self._report_failures(failed)
        return Invoice.browse([link[1] for link in links])

    @api.model
    def _report_failures(self, failed):
        for schedule, error in failed:
            _logger.warning("Contract %s, period %s: not invoiced: %s",
                            schedule.contract_id.name, schedule.period_start, error)
            schedule.contract_id.message_post(body=_(
                "The period %s - %s could not be invoiced: %s") % (
                schedule.period_start, schedule.period_end, error.name if hasattr(error, "name") else error))

    def _prepare_invoice(self, cache):
        self.ensure_one()
        contract = self.contract_id
        company = contract.company_id
        partner_vals = cache.partner(contract.partner_id, company)
        payment_term = contract.payment_term_id or partner_vals["payment_term"]
        product = contract.contract_type_id.product_id
        fpos = partner_vals["fiscal_position"]
        account, taxes = cache.product(product, fpos, company, partner_vals["partner"])
        if not account:
            raise UserError(_("No income account for %s: set it on the product or its category.")
                            % product.display_name)
        currency = contract.currency_id
        period = "%s - %s" % (self.period_start, self.period_end)
        lines = []
        for line in contract.line_ids:
            lines.append((0, 0, {
                "product_id": product.id,
                "name": _("%s: %s (%s)") % (product.name, line.equipment_id.sudo().display_name, period),
                "account_id": account.id,
                "quantity": 1.0,
                "uom_id": product.uom_id.id,
                "price_unit": currency.round(line.fee * self.fraction),
                "invoice_line_tax_ids": [(6, 0, taxes.ids)],
            }))
        vals = {
            "type": "out_invoice",
            "partner_id": partner_vals["partner"].id,
            "company_id": company.id,
            "journal_id": cache.journal(company).id,
            "currency_id": currency.id,
            "account_id": partner_vals["account"].id,
            "payment_term_id": payment_term.id,
            "fiscal_position_id": fpos.id,
            "partner_bank_id": False,
            "date_invoice": self.date,
            "date_due": cache.date_due(payment_term, self.date, company),
            "origin": contract.name,
            "name": _("Maintenance %s") % period,
            "user_id": contract.user_id.id,
            "maintenance_contract_id": contract.id,
            "invoice_line_ids": lines,
        }
        if "team_id" in self.env["account.invoice"]._fields:  # sales team (sale), the same for the batch
            vals["team_id"] = cache.default("account.invoice", "team_id")
        vals["tax_line_ids"] = [(0, 0, tax) for tax in cache.tax_lines(vals)]
        return vals

    @api.multi
    def action_create_invoice(self):
        """Invoice these periods now (before their date)."""
        for schedule in self:
            if schedule.contract_id.state not in RUNNING_STATES:
                raise UserError(_("Contract %s is not in force: its periods are not invoiced.")
                                % schedule.contract_id.name)
        invoices = self._create_invoices()
        action = self.env.ref("account.action_invoice_tree1").read()[0]
        action["domain"] = [("id", "in", invoices.ids)]
        return action


class _InvoicingCache(object):
    """Per-run lookups of the invoicing cron: each distinct partner, product and
    payment term is resolved once, with Odoo's own helpers (fiscal position,
    account mapping, tax mapping). Lives for one call only (no module state)."""

    def __init__(self, env):
        self.env = env
        self._partners = {}
        self._products = {}
        self._journals = {}
        self._due = {}
        self._taxes = {}
        self._fpos = {}
        self._defaults = {}

    def prefetch_partners(self, partners, company):
        """Read the invoicing data of all customers at once: addresses, and the
        company-dependent receivable account, payment term and fiscal position
        (one ir.property lookup per field for the whole batch)."""
        partners = partners.with_context(force_company=company.id)
        partners.mapped("child_ids")
        invoice_ids = {p.id: p.address_get(["invoice", "delivery"]) for p in partners}
        all_ids = {pid for addr in invoice_ids.values() for pid in addr.values()} | set(partners.ids)
        everyone = partners.browse(list(all_ids))
        everyone.mapped("property_account_receivable_id")
        everyone.mapped("property_payment_term_id")
        everyone.mapped("property_account_position_id")
        everyone.mapped("country_id")
        for partner in partners:
            self.partner(partner, company, addresses=invoice_ids[partner.id])

    def partner(self, partner, company, addresses=None):
        key = (partner.id, company.id)
        if key not in self._partners:
            addresses = addresses or partner.address_get(["invoice", "delivery"])
            forced = partner.with_context(force_company=company.id)
            invoice_partner = forced.browse(addresses["invoice"])
            delivery = forced.browse(addresses["delivery"])
            self._partners[key] = {
                "partner": invoice_partner.with_context(force_company=None),
                "account": invoice_partner.property_account_receivable_id,
                "payment_term": invoice_partner.property_payment_term_id,
                "fiscal_position": self.fiscal_position(invoice_partner, delivery, company),
            }
        return self._partners[key]

    def fiscal_position(self, partner, delivery, company):
        """Odoo's ``get_fiscal_position``, called once per distinct set of the inputs it
        reads (forced positions, VAT subjection, delivery country/state/zip)."""
        key = (partner.property_account_position_id.id, delivery.property_account_position_id.id,
               bool(partner.vat), delivery.country_id.id, delivery.state_id.id, delivery.zip, company.id)
        if key not in self._fpos:
            fpos_id = self.env["account.fiscal.position"].with_context(force_company=company.id) \
                .get_fiscal_position(partner.id, delivery_id=delivery.id)
            self._fpos[key] = self.env["account.fiscal.position"].browse(fpos_id)
        return self._fpos[key]

    def default(self, model, field_name):
        """Defaults that do not depend on the record (e.g. the sales team of the user)."""
        key = (model, field_name)
        if key not in self._defaults:
            self._defaults[key] = self.env[model].default_get([field_name]).get(field_name, False)
        return self._defaults[key]

    def product(self, product, fpos, company, partner):
        key = (product.id, fpos.id, company.id, partner.id)
        if key not in self._products:
            product_c = product.with_context(force_company=company.id)
            account = self.env["account.invoice.line"].get_invoice_line_account(
                "out_invoice", product_c, fpos, company)
            taxes = product_c.taxes_id.filtered(lambda t: t.company_id == company)
            taxes = fpos.map_tax(taxes, product, partner) if fpos else taxes
            self._products[key] = (account, taxes)
        return self._products[key]

    def tax_lines(self, invoice_vals):
        """Tax lines of an invoice, computed by Odoo's own ``get_taxes_values`` on the
        invoice in memory (what the invoice form's onchange does); invoices with the
        same partner, fiscal position and lines share the result."""
        # plain percent/fixed taxes do not depend on the partner: share across customers
        lines = [command[2] for command in invoice_vals["invoice_line_ids"]]
        tax_ids = {t for line in lines for t in line["invoice_line_tax_ids"][0][2]}
        plain = all(t.amount_type in ("percent", "fixed", "division", "group")
                    for t in self.env["account.tax"].browse(list(tax_ids)))
        key = (not plain and invoice_vals["partner_id"], invoice_vals["fiscal_position_id"],
               invoice_vals["currency_id"], invoice_vals["company_id"], tuple(
                   (line["product_id"], line["account_id"], line["quantity"], line["price_unit"],
                    tuple(line["invoice_line_tax_ids"][0][2])) for line in lines))
        if key not in self._taxes:
            invoice = self.env["account.invoice"].new(dict(invoice_vals, tax_line_ids=[]))
            taxes = []
            for tax in invoice.get_taxes_values().values():
                tax = dict(tax)
                tax.pop("invoice_id", None)
                taxes.append(tax)
            self._taxes[key] = taxes
        return self._taxes[key]

    def journal(self, company):
        if company.id not in self._journals:
            journal = self.env["account.journal"].search(
                [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1)
            if not journal:
                raise UserError(_("Define a sale journal for company %s.") % company.name)
            self._journals[company.id] = journal
        return self._journals[company.id]

    def date_due(self, payment_term, date_invoice, company):
        if not payment_term:
            return date_invoice
        key = (payment_term.id, date_invoice)
        if key not in self._due:
            terms = payment_term.with_context(currency_id=company.currency_id.id).compute(
                value=1, date_ref=date_invoice)[0]
            self._due[key] = max(line[0] for line in terms)
        return self._due[key]
