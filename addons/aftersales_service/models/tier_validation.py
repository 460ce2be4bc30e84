# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TierValidation(models.AbstractModel):
    """Approvals (SPEC §3.2) for every document of the suite that opts in."""
    _inherit = "tier.validation"

    @api.multi
    def request_validation(self):
        """Per document with its own prefetch: in a batch, each review created
        would make the next document recompute the tiers of the whole batch
        (queries per document would grow with the batch)."""
        reviews = self.env["tier.review"]
        for record in self:
            reviews |= super(TierValidation, record.with_prefetch()).request_validation()
        return reviews
