# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _aftersales_use_no_gap(self, xmlids):
        """Switch the suite's paper-form sequences to "no_gap" (issue 11).

        Odoo's write drops the PostgreSQL sequence of a "standard" one without
        carrying its next number over: carry it, or numbers would restart."""
        for xmlid in xmlids:
            sequence = self.env.ref(xmlid, raise_if_not_found=False)
            if sequence and sequence.implementation != "no_gap":
                sequence.write({"implementation": "no_gap", "number_next": sequence.number_next_actual})
        return True
