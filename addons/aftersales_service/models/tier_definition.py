# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class TierDefinition(models.Model):
    _inherit = "tier.definition"

    @api.model
    def _get_tier_validation_model_names(self):
        """Offer every document that opted in to tier validation.

        A model opts in by inheriting ``tier.validation``; it is listed here
        without further code (see readme/USAGE.rst). The penalty is named
        explicitly as the worked example of SPEC §3.2.
        """
        res = super()._get_tier_validation_model_names()
        names = ["aftersales.penalty"] + [
            name for name in self.env["tier.validation"]._inherit_children
            if name in self.env and not self.env[name]._abstract and not self.env[name]._transient]
        return res + [name for name in names if name not in res]
