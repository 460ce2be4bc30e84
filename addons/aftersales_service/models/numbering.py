# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


def assign_number(parent, vals, code, company=None):
    """Create a document, then give it its paper-form number (issue 11).

    ``parent`` is the model's ``super()`` inside its ``create``. The record is
    created unnumbered ("/"), so the constraints checked by the create never
    cite a number; the number is taken from the sequence only once they passed.
    The suite's sequences use the ``no_gap`` implementation (transactional), so
    a save refused later in the same transaction gives its number back too.
    """
    if vals.get("name") and vals["name"] != "/":
        return parent.create(vals)
    # A refused create leaves no unnumbered row behind, even when the caller
    # catches the error and goes on in the same transaction.
    with parent.__self__.env.cr.savepoint():
        record = parent.create(dict(vals, name="/"))
    sequence = record.env["ir.sequence"]
    if company is not None:
        sequence = sequence.with_context(force_company=company.id)
    number = sequence.next_by_code(code) or "/"
    # The model's own write guards (locked states, tier validation) are for
    # users' edits; numbering is part of the creation.
    models.BaseModel.write(record, {"name": number})
    return record
