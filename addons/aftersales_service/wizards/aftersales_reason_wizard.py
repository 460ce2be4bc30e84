# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesReasonWizard(models.AbstractModel):
    """The reason of a step that needs one (a cancellation, a forced close). The
    wizard only collects it: the documents (``_reason_documents``, a field of the
    wizard) decide in their ``_reason_step`` method whether the step is allowed and
    refuse an empty reason; the header buttons themselves take no argument (issue 11)."""
    _name = "aftersales.reason.wizard"
    _description = "Reason of a Step"

    _reason_documents = None
    _reason_step = "_cancel"

    reason = fields.Text(required=True)

    @api.multi
    def action_confirm(self):
        self.ensure_one()
        getattr(self[self._reason_documents], self._reason_step)((self.reason or "").strip() or False)
        return {"type": "ir.actions.act_window_close"}
