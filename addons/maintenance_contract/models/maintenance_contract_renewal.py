# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Name of the seeded renewal job while it made the conversion proposals too (before issue 12).
RENEWAL_CRON_OLD_NAME = "Maintenance contracts: conversion and renewal proposals"
RENEWAL_CRON_NAME = "Maintenance contracts: renewal proposals"


class MaintenanceContractRenewal(models.Model):
    """Renewal proposals (S2-一-4.1.4): within the company's renewal lead before its end,
    an active contract becomes expiring and gets a draft renewal, once; signed, the
    renewal takes the equipment and cycles over (``action_activate``).
    """
    _inherit = "maintenance.contract"

    origin_contract_id = fields.Many2one(
        "maintenance.contract", "Renews", readonly=True, copy=False, index=True)
    renewal_contract_id = fields.Many2one(
        "maintenance.contract", "Renewal", readonly=True, copy=False, index=True)

    def _renewal_values(self):
        self.ensure_one()
        start = fields.Date.from_string(self.date_end) + timedelta(days=1)
        months = int(round(self.term_months)) or self.contract_type_id.term_months or 12
        return {
            "partner_id": self.partner_id.id,
            "project_name": self.project_name,
            "branch_id": self.branch_id.id,
            "user_id": self.user_id.id,
            "contract_type_id": self.contract_type_id.id,
            "origin": "renewal",
            "origin_contract_id": self.id,
            "date_start": fields.Date.to_string(start),
            "date_end": fields.Date.to_string(start + relativedelta(months=months) - timedelta(days=1)),
            "billing": self.billing,
            "payment_term_id": self.payment_term_id.id,
            "coverage": self.coverage,
            "terms": self.terms,
            "company_id": self.company_id.id,
            "line_ids": [(0, 0, {
                "equipment_id": line.equipment_id.id,
                "fee": line.fee,
                "standard_fee": line.standard_fee,
                "technician_id": line.technician_id.id,
            }) for line in self.line_ids],
        }

    def _create_renewals(self):
        renewals = self.browse()
        for contract in self:
            renewal = self.create(contract._renewal_values())
            contract.renewal_contract_id = renewal
            renewals |= renewal
            renewal.message_post_with_view(
                "mail.message_origin_link", values={"self": renewal, "origin": contract},
                subtype_id=self.env.ref("mail.mt_note").id)
            deadline = contract.date_end
            renewal._schedule_salesperson_activity(
                _("Renewal of %s") % contract.name,
                _("Contract %s of %s ends on %s: negotiate its renewal with the customer "
                  "(S2-一-4.1.4) and submit the draft %s for pricing approval.")
                % (contract.name, contract.partner_id.display_name, contract.date_end, renewal.name),
                deadline)
        return renewals

    @api.model
    def _renewal_limit(self, company, today):
        """Contracts ending on or before this date are due for a renewal proposal."""
        return fields.Date.to_string(today + relativedelta(months=company.contract_renewal_months))

    def _propose_renewals(self, today=None):
        """Active contracts within the renewal lead of their end: expiring + a draft renewal, once."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        today_str = fields.Date.to_string(today)
        due = self.filtered(lambda c: c.state == "active" and not c.renewal_contract_id and (
            today_str <= c.date_end <= self._renewal_limit(c.company_id, today)))
        if due:
            due.write({"state": "expiring"})
            due._create_renewals()
        return due

    @api.model
    def _cron_propose_renewals(self, today=None):
        """Daily: renewal proposals for contracts ending within the lead (S2-一-4.1.4).
        Conversion proposals have their own job (``_cron_propose_conversions``)."""
        today = today or fields.Date.context_today(self)
        max_months = max(self.env["res.company"].sudo().search([]).mapped("contract_renewal_months") or [3])
        limit = fields.Date.to_string(fields.Date.from_string(today) + relativedelta(months=max_months))
        self.env.cr.execute("""
            SELECT id FROM maintenance_contract
             WHERE state = 'active' AND renewal_contract_id IS NULL AND date_end <= %s AND date_end >= %s
             ORDER BY id
               FOR UPDATE SKIP LOCKED""", (limit, today))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        return contracts._propose_renewals(today=today)

    @api.multi
    def action_propose_renewal(self):
        for contract in self:
            if not contract.can_be_renewed:
                raise UserError(_("Contract %s is not in force or already has a renewal.") % contract.name)
        renewals = self._create_renewals()
        return renewals._action_open()

    @api.model
    def _rename_renewal_cron(self):
        """The seeded renewal job (noupdate) of databases built before the conversion
        proposals got their own job (issue 12) is still named after both: it takes its new
        name, and its translations of the old one are dropped, so that the module's
        translations, loaded after its data, give it the new one. A job a manager renamed
        keeps its name."""
        cron = self.env.ref("maintenance_contract.cron_propose_renewals", raise_if_not_found=False)
        if not cron:
            return True
        cron = cron.sudo().with_context(lang=None)
        if cron.name != RENEWAL_CRON_OLD_NAME:
            return True
        cron.write({"name": RENEWAL_CRON_NAME})
        self.env["ir.translation"].sudo().search([
            ("type", "=", "model"), ("src", "=", RENEWAL_CRON_OLD_NAME),
            "|", "&", ("name", "=", "ir.actions.server,name"), ("res_id", "=", cron.ir_actions_server_id.id),
            "&", ("name", "in", ("ir.cron,name", "ir.cron,cron_name")), ("res_id", "=", cron.id)]).unlink()
        return True
