# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .maintenance_contract import RUNNING_STATES


class MaintenanceContractLine(models.Model):
    """One covered equipment of a contract and its annual fee.

    A running line owns the equipment's maintenance cycles (patrol, lubrication)."""
    _name = "maintenance.contract.line"
    _description = "Maintenance Contract Equipment"
    _order = "contract_id, sequence, id"

    contract_id = fields.Many2one("maintenance.contract", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", required=True, index=True,
                                   ondelete="restrict")
    standard_fee = fields.Monetary(
        "Standard Annual Fee", currency_field="currency_id",
        help="Annual fee of the company's fee scale for this equipment (取费标准).")
    fee = fields.Monetary(
        "Annual Fee", required=True, currency_field="currency_id",
        help="Agreed annual maintenance fee for this equipment, invoiced per billing period.")
    discount = fields.Float("Discount (%)", compute="_compute_discount", digits=(16, 2))
    technician_id = fields.Many2one(
        "hr.employee", "Technician", help="Maintenance worker in charge of this equipment's cycles.")
    note = fields.Char()
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, readonly=True)
    state = fields.Selection(related="contract_id.state", store=True, readonly=True)
    date_start = fields.Date(related="contract_id.date_start", store=True, readonly=True)
    date_end = fields.Date(related="contract_id.date_end", store=True, readonly=True)
    company_id = fields.Many2one(related="contract_id.company_id", store=True, readonly=True)
    currency_id = fields.Many2one(related="contract_id.currency_id", readonly=True)

    _sql_constraints = [
        ("equipment_uniq", "unique(contract_id, equipment_id)", "An equipment appears once per contract."),
        ("fee_positive", "CHECK(fee >= 0 AND coalesce(standard_fee, 0) >= 0)", "Fees cannot be negative."),
    ]

    # what the pricing approval covers: frozen once the contract left the draft
    PRICED_FIELDS = ("contract_id", "equipment_id", "fee", "standard_fee")

    @api.model
    def create(self, vals):
        contract = self.env["maintenance.contract"].browse(vals.get("contract_id"))
        if contract.state not in (False, "draft"):
            raise UserError(_("Contract %s is no longer a draft: its equipment and fees are those approved.")
                            % contract.name)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if any(name in vals for name in self.PRICED_FIELDS) and any(
                line.contract_id.state != "draft" for line in self):
            raise UserError(_("The equipment and fees of a submitted contract are those of its pricing "
                              "approval: set it back to draft (or propose a new contract) to change them."))
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(line.contract_id.state != "draft" for line in self):
            raise UserError(_("Equipment of a submitted contract cannot be removed."))
        return super().unlink()

    @api.depends("fee", "standard_fee")
    def _compute_discount(self):
        for line in self:
            line.discount = 100.0 * (1 - line.fee / line.standard_fee) if line.standard_fee else 0.0

    @api.onchange("equipment_id")
    def _onchange_equipment_id(self):
        ctype = self.contract_id.contract_type_id
        if self.equipment_id and ctype and not self.standard_fee:
            self.standard_fee = ctype.standard_fee
            self.fee = self.fee or ctype.standard_fee

    @api.onchange("standard_fee")
    def _onchange_standard_fee(self):
        if self.standard_fee and not self.fee:
            self.fee = self.standard_fee

    def _check_equipment_not_covered_elsewhere(self):
        """An equipment is under one running contract at a time (overlapping dates)."""
        if not self:
            return
        self.env.cr.execute("""
            SELECT l.equipment_id, c.name, o.name
              FROM maintenance_contract_line l
              JOIN maintenance_contract c ON c.id = l.contract_id
              JOIN maintenance_contract_line ol ON ol.equipment_id = l.equipment_id AND ol.id != l.id
              JOIN maintenance_contract o ON o.id = ol.contract_id
             WHERE l.id IN %s AND o.state IN %s
               AND o.date_start <= c.date_end AND o.date_end >= c.date_start
             LIMIT 1""", (tuple(self.ids), RUNNING_STATES))
        row = self.env.cr.fetchone()
        if row:
            equipment = self.env["maintenance.equipment"].browse(row[0])
            raise ValidationError(_(
                "%s is already covered by contract %s over the same dates as %s: "
                "change the dates or remove it from one of them.") % (equipment.display_name, row[2], row[1]))

    # ------------------------------------------------------------------ cycles
    def _cycle_specs(self):
        """[(order type, interval days)] of the cycles a line of this contract type owns
        (S2-一-1.3.5: patrol every 5 days, lubrication every 15 days)."""
        ctype = self.contract_id.contract_type_id
        return [(order_type, days) for order_type, days in (
            ("patrol", ctype.patrol_interval), ("lubrication", ctype.lubrication_interval)) if days]

    def _on_contract_running(self):
        """The contract is (again) in force: its lines own running cycles and the equipment
        is under paid maintenance. Existing cycles of the same equipment and visit type
        (warranty period, previous contract) are taken over rather than duplicated."""
        if not self:
            return True
        Cycle = self.env["field.service.cycle"].sudo().with_context(
            active_test=False, mail_create_nolog=True, mail_create_nosubscribe=True)
        today = fields.Date.context_today(self)
        existing = Cycle.search([("equipment_id", "in", self.mapped("equipment_id").ids)])
        for line in self:
            technician = line.technician_id or line.equipment_id.technician_id
            start = max(line.contract_id.date_start, today)
            for order_type, days in line._cycle_specs():
                cycle = existing.filtered(
                    lambda c: c.equipment_id == line.equipment_id and c.order_type == order_type
                    and (c.active or c.contract_line_id == line))[:1]
                vals = {"contract_line_id": line.id, "interval_days": days, "interval_months": 0,
                        "paused": False, "active": True}
                if technician:
                    vals["technician_id"] = technician.id
                if cycle:
                    # a running cycle (warranty period, renewed contract) keeps its rhythm
                    if (not cycle.active or cycle.paused) and cycle.next_date < start:
                        vals["next_date"] = start
                    cycle.write(vals)
                    continue
                if not technician:
                    raise UserError(_(
                        "Assign a technician to %s on contract %s (or on the equipment): its %s cycle "
                        "needs one.") % (line.equipment_id.display_name, line.contract_id.name, order_type))
                vals.update({
                    "equipment_id": line.equipment_id.id,
                    "partner_id": (line.equipment_id.customer_id or line.contract_id.partner_id).id,
                    "site_id": line.equipment_id.site_id.id,
                    "order_type": order_type,
                    "next_date": start,
                    "company_id": line.contract_id.company_id.id,
                })
                Cycle.create(vals)
        self._set_paid_status(today)
        return True

    def _set_paid_status(self, today):
        started = self.filtered(lambda l: l.date_start <= today and l.state in RUNNING_STATES)
        started.mapped("equipment_id").filtered(lambda e: e.service_status != "paid").sudo().write(
            {"service_status": "paid"})

    def _owned_cycles(self):
        """Cycles of these lines' equipment owned by these lines or by the renewal's lines."""
        lines = self | self.mapped("contract_id.renewal_contract_id.line_ids").filtered(
            lambda l: l.equipment_id in self.mapped("equipment_id"))
        return self.env["field.service.cycle"].sudo().search([("contract_line_id", "in", lines.ids)])

    def _on_contract_suspended(self):
        """S2-一-4.2.3: maintenance stops — cycles paused (no new orders), equipment suspended."""
        self._owned_cycles().filtered(lambda c: not c.paused).write({"paused": True})
        self.mapped("equipment_id").sudo().write({"service_status": "suspended"})
        return True

    def _on_contract_resumed(self):
        """Payment received: the paused cycles resume on the reactivation day at their
        interval, and that day's visits are planned at once (the daily cron plans from
        its own day on, so it would skip them); the equipment is maintained again."""
        cycles = self._owned_cycles().filtered("paused")
        cycles.write({"paused": False})
        cycles._generate(fields.Date.context_today(self))
        self.mapped("equipment_id").sudo().write({"service_status": "paid"})
        return True

    def _on_contract_ended(self):
        """Cycles still owned by the ended contract stop for good; the equipment's status
        follows what still covers it (another contract, else ended)."""
        self.env["field.service.cycle"].sudo().search([("contract_line_id", "in", self.ids)]).write(
            {"active": False})
        equipment = self.mapped("equipment_id")
        if not equipment:
            return True
        still_covered = self.search([
            ("equipment_id", "in", equipment.ids), ("state", "in", ("active", "expiring")),
            ("id", "not in", self.ids)]).mapped("equipment_id")
        (equipment - still_covered).sudo().write({"service_status": "ended"})
        return True
