# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    # S2-一-2.1 and 4.1.4: the branch proposes a paid contract 3 months before the
    # free maintenance ends, and a renewal 3 months before a contract ends.
    contract_renewal_months = fields.Integer(
        "Renewal Lead (months)", default=3,
        help="Months before the end of free maintenance (warranty) or of a contract "
             "when a draft conversion/renewal contract is proposed to the salesperson.")
    # S2-一-4.2.2: the branch explains in writing why the fee is unpaid and when it will be collected.
    contract_arrears_days = fields.Integer(
        "Arrears After (days)", default=30,
        help="Days after the due date of an unpaid contract invoice from which the branch "
             "must give a written reason and a promised collection date.")
    # S2-一-4.2.3: maintenance is stopped when the fee cannot be collected.
    contract_suspension_days = fields.Integer(
        "Suspension After (days)", default=60,
        help="Days after the due date of an unpaid contract invoice after which the contract "
             "is suspended, unless the branch promised a later collection date.")
    # S2-一-7.3: records are kept 12 months after the end of maintenance.
    contract_archive_months = fields.Integer(
        "Keep Records (months)", default=12,
        help="Months after the end of a contract after which its records are archived (never deleted).")
