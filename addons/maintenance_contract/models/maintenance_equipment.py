# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .maintenance_contract import RUNNING_STATES


class MaintenanceEquipment(models.Model):
    _inherit = "maintenance.equipment"

    contract_line_ids = fields.One2many("maintenance.contract.line", "equipment_id", "Contract Lines")
    contract_id = fields.Many2one(
        "maintenance.contract", "Maintenance Contract", compute="_compute_contract_id",
        help="Paid maintenance contract in force today.")
    contract_proposal_id = fields.Many2one(
        "maintenance.contract", "Conversion Proposal", readonly=True, copy=False,
        help="Draft paid contract proposed before the free maintenance ended (S2-一-2.1); "
             "proposed once per equipment.")

    def _compute_contract_id(self):
        today = fields.Date.context_today(self)
        lines = self.env["maintenance.contract.line"].search([
            ("equipment_id", "in", self.ids), ("state", "in", RUNNING_STATES),
            ("date_start", "<=", today), ("date_end", ">=", today)])
        by_equipment = {line.equipment_id.id: line.contract_id for line in lines}
        for equipment in self:
            equipment.contract_id = by_equipment.get(equipment.id, False)

    @api.multi
    def action_view_contracts(self):
        self.ensure_one()
        contracts = self.contract_line_ids.mapped("contract_id") | self.contract_proposal_id
        action = self.env.ref("maintenance_contract.action_maintenance_contract").read()[0]
        action["domain"] = [("id", "in", contracts.ids)]
        action["context"] = {}
        return action
