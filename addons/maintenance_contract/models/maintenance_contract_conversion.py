# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models


class MaintenanceContractConversion(models.Model):
    """Warranty → paid conversion proposals (S2-一-2.1), made by their own daily job
    (``cron_propose_conversions``); each proposal belongs to the company that maintains
    the equipment (``_conversion_companies``).
    """
    _inherit = "maintenance.contract"

    @api.model
    def _cron_propose_conversions(self, today=None):
        """Daily: conversion proposals for equipment whose free maintenance ends (S2-一-2.1)."""
        return self._propose_conversions(today=today)

    @api.model
    def _conversion_companies(self, equipment):
        """{equipment id: company} of the company that maintains each equipment, whose
        proposal it gets: the company of its field service cycles (the free maintenance,
        the latest cycle if several), else of its assigned technician, else the user's
        (a database without either; Odoo's equipment has no company of its own)."""
        Company = self.env["res.company"]
        cycles = self.env["field.service.cycle"].sudo().search(
            [("equipment_id", "in", equipment.ids)], order="id desc")
        by_cycles = {}
        for cycle in cycles:
            by_cycles.setdefault(cycle.equipment_id.id, cycle.company_id.id)
        companies = {}
        for item in equipment.sudo():
            company_id = by_cycles.get(item.id) or item.technician_id.company_id.id
            companies[item.id] = Company.browse(company_id) if company_id else self.env.user.company_id
        return companies

    @api.model
    def _propose_conversions(self, today=None):
        """S2-一-2.1: three months (company setting) before an equipment's free maintenance
        (warranty) ends, the branch proposes a paid contract: one draft conversion contract
        per customer with the equipment concerned, and an activity for the salesperson.
        Each equipment is proposed once (``contract_proposal_id``), whatever happens next."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        max_months = max(self.env["res.company"].sudo().search([]).mapped("contract_renewal_months") or [3])
        self.env.cr.execute("""
            SELECT e.id FROM maintenance_equipment e
             WHERE e.active AND e.contract_proposal_id IS NULL AND e.customer_id IS NOT NULL
               AND e.warranty_end IS NOT NULL AND e.warranty_end >= %s AND e.warranty_end <= %s
               AND NOT EXISTS (
                   SELECT 1 FROM maintenance_contract_line l JOIN maintenance_contract c ON c.id = l.contract_id
                    WHERE l.equipment_id = e.id AND c.state NOT IN ('cancel', 'ended')
                      AND c.date_end > e.warranty_end)
             ORDER BY e.id
               FOR UPDATE OF e SKIP LOCKED""",
                            (fields.Date.to_string(today),
                             fields.Date.to_string(today + relativedelta(months=max_months))))
        equipment = self.env["maintenance.equipment"].browse([r[0] for r in self.env.cr.fetchall()])
        companies = self._conversion_companies(equipment)
        due = equipment.filtered(lambda e: e.warranty_end <= self._renewal_limit(companies[e.id], today))
        groups = {}
        for item in due:
            key = (item.customer_id, companies[item.id])
            groups.setdefault(key, self.env["maintenance.equipment"])
            groups[key] |= item
        proposals = self.browse()
        types = self.env["maintenance.contract.type"].search([])
        for (customer, company), items in groups.items():
            ctype = types.filtered(lambda t: not t.company_id or t.company_id == company)[:1]
            if not ctype:
                continue
            start = fields.Date.from_string(min(items.mapped("warranty_end"))) + timedelta(days=1)
            proposal = self.create({
                "partner_id": customer.id,
                "project_name": items[0].site_id.name or customer.name,
                "user_id": (customer.user_id or customer.commercial_partner_id.user_id or self.env.user).id,
                "contract_type_id": ctype.id,
                "origin": "conversion",
                "date_start": fields.Date.to_string(start),
                "date_end": fields.Date.to_string(start + relativedelta(months=ctype.term_months) - timedelta(days=1)),
                "billing": ctype.billing,
                "coverage": ctype.coverage,
                # a company-dependent property: the customer's terms in the proposal's company
                "payment_term_id": customer.with_context(
                    force_company=company.id).property_payment_term_id.id,
                "company_id": company.id,
                "line_ids": [(0, 0, {
                    "equipment_id": item.id,
                    "standard_fee": ctype.standard_fee,
                    "fee": ctype.standard_fee,
                    "technician_id": item.technician_id.id,
                }) for item in items],
            })
            items.write({"contract_proposal_id": proposal.id})
            proposal._schedule_salesperson_activity(
                _("Propose paid maintenance to %s") % customer.display_name,
                _("The free maintenance of %s ends on %s. Submit the paid maintenance contract %s to "
                  "the customer and negotiate its content (S2-一-2.1), then send it for pricing approval.")
                % (", ".join(items.mapped("display_name")), min(items.mapped("warranty_end")), proposal.name),
                min(items.mapped("warranty_end")))
            proposals |= proposal
        return proposals
