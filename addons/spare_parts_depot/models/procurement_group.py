# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class ProcurementGroup(models.Model):
    _inherit = "procurement.group"

    @api.model
    def _get_orderpoint_domain(self, company_id=False):
        """The standard stock list of a lower depot is refilled by a paid
        replenishment from its parent (S2-二-3), not by the scheduler."""
        domain = super()._get_orderpoint_domain(company_id=company_id)
        return domain + [("warehouse_id.parent_depot_id", "=", False)]
