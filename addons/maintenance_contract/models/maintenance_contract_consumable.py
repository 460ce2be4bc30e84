# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.addons import decimal_precision as dp
from odoo.exceptions import UserError, ValidationError


class MaintenanceContractConsumable(models.Model):
    """Wearing parts (lamps, oil …) used on a maintained site (S2-一-4.1.3).

    Either issued from a depot on a work order under the contract, or bought on site
    at the local price (S2-二-7.2.2, 维保用现场材料采购申请单). Reported per contract."""
    _name = "maintenance.contract.consumable"
    _description = "Maintenance Consumable"
    _inherit = ["aftersales.document", "mail.thread"]
    _document_sequence = False  # described by its product
    _document_deletable_states = ("draft", "cancel")
    _order = "date desc, id desc"

    contract_id = fields.Many2one(
        "maintenance.contract", "Contract", required=True, index=True, ondelete="restrict",
        domain=[("state", "in", ("active", "expiring", "renewed", "suspended"))])
    equipment_id = fields.Many2one("maintenance.equipment", "Equipment", index=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True)
    product_id = fields.Many2one("product.product", "Consumable", required=True)
    name = fields.Char("Description", readonly=False, copy=True, default=None, index=False)
    quantity = fields.Float(required=True, default=1.0, digits=dp.get_precision("Product Unit of Measure"))
    uom_id = fields.Many2one("product.uom", "Unit")
    unit_price = fields.Monetary(
        required=True, currency_field="currency_id",
        help="Local purchase price for a site purchase, depot price for a part issued from stock.")
    amount = fields.Monetary(compute="_compute_amount", store=True, currency_field="currency_id")
    source = fields.Selection(
        [("stock", "Issued from depot"), ("site_purchase", "Site purchase")],
        required=True, default="site_purchase")
    supplier = fields.Char("Local Supplier")
    order_id = fields.Many2one("field.service.order", "Service Order", index=True, readonly=True,
                               ondelete="set null")
    technician_id = fields.Many2one("hr.employee", "Technician")
    approved_by = fields.Many2one("res.users", readonly=True, copy=False)
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Confirmed"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, track_visibility="onchange", index=True)
    note = fields.Text()
    partner_id = fields.Many2one(related="contract_id.partner_id", store=True, readonly=True)
    company_id = fields.Many2one(
        related="contract_id.company_id", store=True, readonly=True, required=False, default=None)
    currency_id = fields.Many2one(related="contract_id.currency_id", readonly=True)
    active = fields.Boolean(default=True)

    @api.depends("quantity", "unit_price")
    def _compute_amount(self):
        for line in self:
            line.amount = line.quantity * line.unit_price

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id:
            self.uom_id = self.product_id.uom_id
            self.name = self.product_id.display_name
            if not self.unit_price:
                self.unit_price = self.product_id.standard_price

    @api.constrains("quantity", "unit_price")
    def _check_quantity(self):
        for line in self:
            if line.quantity <= 0:
                raise ValidationError(_("The quantity of a consumable must be above zero."))
            if line.unit_price < 0:
                raise ValidationError(_("The unit price cannot be negative."))

    @api.constrains("equipment_id", "contract_id")
    def _check_equipment(self):
        for line in self:
            if line.equipment_id and line.equipment_id not in line.contract_id.line_ids.mapped("equipment_id"):
                raise ValidationError(_("%s is not covered by contract %s.")
                                      % (line.equipment_id.display_name, line.contract_id.name))

    @api.multi
    def action_confirm(self):
        if any(line.state != "draft" for line in self):
            raise UserError(_("Only draft consumables are confirmed."))
        self.write({"state": "done", "approved_by": self.env.uid})

    @api.multi
    def action_cancel(self):
        self.write({"state": "cancel"})
