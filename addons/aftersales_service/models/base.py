# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import _, api, models
from odoo.exceptions import ValidationError

# The addons whose models get the suite's input checks (the same four as tier_validation's).
SUITE_MODULES = ("aftersales_service", "spare_parts_depot", "field_service", "maintenance_contract")
NUMBER_FIELD_TYPES = ("float", "monetary", "integer")


class Base(models.AbstractModel):
    """Input checks shared by every model the suite's four addons define (SPEC §9).

    A JSON-RPC client (or a web client widget gone wrong) may send text where a
    number goes; Odoo's ``float()`` / ``int()`` in the ORM then raises a bare
    ValueError, a server error with a traceback. Here the suite's models refuse it
    first, on create and write, with a message naming the field (issue 14).
    On ``base`` (the model every model inherits) so that documents and their lines
    alike are covered without each declaring it; other models are left as they are.
    """
    _inherit = "base"

    @api.model
    def create(self, vals):
        if self._original_module in SUITE_MODULES:
            self._aftersales_check_numbers(vals)
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if self._original_module in SUITE_MODULES:
            self._aftersales_check_numbers(vals)
        return super().write(vals)

    @api.model
    def _aftersales_check_numbers(self, vals):
        """Refuse a value of a number field (Float, Monetary, Integer) that is not a number.

        Numbers, booleans (Odoo's empty value) and text holding a number ("-2",
        " 3.5 ") pass: the ORM converts them, and the field's constraints judge the
        number. One2many lines are checked by their own model's create / write."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None or field.type not in NUMBER_FIELD_TYPES or value is None or isinstance(value, bool):
                continue
            whole = field.type == "integer"
            if isinstance(value, int) or (isinstance(value, float) and not whole and math.isfinite(value)):
                continue
            try:
                number = int(value) if whole else float(value)
                valid = math.isfinite(number)
            except (TypeError, ValueError, OverflowError):
                valid = False
            if not valid:
                self._aftersales_refuse_number(field, value, whole)

    def _aftersales_refuse_number(self, field, value, whole):
        text = value if isinstance(value, str) else repr(value)
        if len(text) > 40:
            text = text[:40] + "…"
        values = {
            "model": self.env["ir.model"].sudo()._get(self._name).name or self._description,
            "field": field._description_string(self.env),
            "value": text,
        }
        if whole:
            raise ValidationError(_('%(model)s, %(field)s: a whole number is expected, not "%(value)s". '
                                    'Enter digits, e.g. 2.') % values)
        raise ValidationError(_('%(model)s, %(field)s: a number is expected, not "%(value)s". '
                                'Enter digits, e.g. 2 or 2.5.') % values)
