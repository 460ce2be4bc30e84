# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from .maintenance_contract import RUNNING_STATES


class FieldServiceOrder(models.Model):
    """Orders on equipment under a paid contract are billed per the contract terms:
    no labour charge; parts at cost, or free when the contract covers parts."""
    _inherit = "field.service.order"

    billing_mode = fields.Selection(selection_add=[
        ("contract_labour", "Maintenance contract: labour included, parts at cost")])
    maintenance_contract_id = fields.Many2one(
        "maintenance.contract", "Maintenance Contract", compute="_compute_billing_mode",
        help="Paid maintenance contract covering the equipment on the day the order was received.")
    consumable_ids = fields.One2many("maintenance.contract.consumable", "order_id", "Consumables", readonly=True)

    @api.model
    def _selection_coverage(self):
        return super()._selection_coverage() + [
            ("contract_labour", _("Maintenance Contract (labour)")),
            ("contract_full", _("Maintenance Contract (labour and parts)")),
        ]

    def _contracts_by_order(self):
        """{order id: contract line} of the running contracts covering each order's equipment
        on its reception day — one search for the whole recordset."""
        orders = self.filtered("equipment_id")
        if not orders:
            return {}
        lines = self.env["maintenance.contract.line"].sudo().search([
            ("equipment_id", "in", orders.mapped("equipment_id").ids), ("state", "in", RUNNING_STATES)])
        result = {}
        for order in orders:
            day = order._received_day()
            for line in lines:
                if line.equipment_id == order.equipment_id and line.date_start <= day <= line.date_end:
                    result[order.id] = line
                    break
        return result

    @api.multi
    def _get_coverage(self):
        coverage = super()._get_coverage()
        for order_id, line in self._contracts_by_order().items():
            coverage[order_id] = "contract_full" if line.contract_id.coverage == "full" else "contract_labour"
        return coverage

    @api.depends("equipment_id.warranty_end", "equipment_id.acceptance_date", "date_received", "abnormal_damage")
    def _compute_billing_mode(self):
        res = super()._compute_billing_mode()
        lines = self._contracts_by_order()
        for order in self:
            order.maintenance_contract_id = lines[order.id].contract_id if order.id in lines else False
        return res

    @api.model
    def _billing_mode_for(self, coverage, abnormal_damage):
        if coverage == "contract_full":
            return "parts_at_cost" if abnormal_damage else "free"
        if coverage == "contract_labour":
            return "contract_labour"
        return super()._billing_mode_for(coverage, abnormal_damage)

    @api.multi
    def _close(self, now):
        res = super()._close(now)
        self._record_contract_consumables()
        return res

    def _record_contract_consumables(self):
        """S2-一-4.1.3: wearing parts (lamps, oil…) used on orders under a contract are
        reported on the contract, at the cost recorded on the order."""
        lines = self._contracts_by_order()
        vals_list = []
        for order in self.filtered(lambda o: o.id in lines and not o.consumable_ids):
            contract = lines[order.id].contract_id
            for part in order.part_ids.filtered(lambda p: p.product_id.maintenance_consumable):
                vals_list.append({
                    "contract_id": contract.id,
                    "equipment_id": order.equipment_id.id,
                    "order_id": order.id,
                    "date": order._local_day(order.date_finished),
                    "product_id": part.product_id.id,
                    "name": part.product_id.display_name,
                    "quantity": part.quantity,
                    "uom_id": part.product_uom.id,
                    "unit_price": part.unit_cost,
                    "source": "stock",
                    "technician_id": order.technician_id.id,
                    "state": "done",
                })
        Consumable = self.env["maintenance.contract.consumable"].sudo()
        for vals in vals_list:
            Consumable.create(vals)
