# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    maintenance_consumable = fields.Boolean(
        "Maintenance Consumable",
        help="Wearing part of the maintenance (lamps, oil…): its use on orders under a paid "
             "contract is reported per contract (S2-一-4.1.3).")
