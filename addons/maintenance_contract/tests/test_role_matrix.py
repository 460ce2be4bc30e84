# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Role matrix of the paid maintenance contract (issue 11, SPEC §2, S2-一-2.1 and 4.2):
the after-sales lead (branch) drafts, submits, activates and renews contracts; only
managers approve the pricing, suspend or end a contract early and change the
settings; the accountant (Billing) invoices the schedule with the lead. See
aftersales_service/tests/common_matrix.py for how each case runs."""
from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.common_matrix import RoleMatrixMixin, web_create

from .common import ContractCase

LEAD = {"supervisor", "director", "manager"}


class TestContractRoleMatrix(RoleMatrixMixin, ContractCase):
    MATRIX_NAME = "contract"
    MATRIX = [
        ("maintenance.contract", "contract_create", LEAD),
        ("maintenance.contract", "contract_submit", LEAD),
        ("maintenance.contract", "contract_approve", {"manager"}),
        ("maintenance.contract", "contract_activate", LEAD),
        ("maintenance.contract", "contract_draft", LEAD),
        ("maintenance.contract", "contract_cancel", LEAD),
        ("maintenance.contract", "contract_suspend", {"manager"}),
        ("maintenance.contract", "contract_resume", {"manager"}),
        ("maintenance.contract", "contract_renew", LEAD),
        ("maintenance.contract", "contract_end", {"manager"}),
        ("maintenance.contract.schedule", "schedule_invoice", LEAD | {"accountant"}),
        ("maintenance.contract.settings", "contract_settings", {"manager"}),
    ]

    def test_role_matrix(self):
        users = self._step_matrix_users()
        with freeze_time("2026-01-05 08:00:00"):
            self.assertStepMatrix(users)

    def _approved(self):
        return self._approve(self._contract())

    def _active(self):
        contract = self._approved()
        contract.action_activate()
        return contract

    def _step_contract_create(self, user):
        contract = web_create(self.env["maintenance.contract"].sudo(user), {
            "partner_id": self.customer.id, "contract_type_id": self.ctype.id, "date_start": "2026-02-01",
            "line_ids": [(0, 0, {"equipment_id": self.elevator1.id, "fee": 12000.0, "standard_fee": 12000.0,
                                 "technician_id": self.technician.id})]})
        self.assertEqual(contract.state, "draft")
        self.assertEqual(contract.date_end, "2027-01-31")

    def _step_contract_submit(self, user):
        contract = self._contract().sudo(user)
        contract.action_submit()
        self.assertEqual(contract.state, "to_approve")

    def _step_contract_approve(self, user):
        contract = self._contract()
        contract.sudo(self.supervisor).action_submit()   # the approver is never the submitter
        contract.sudo(user).validate_tier()
        self.assertTrue(contract.validated)

    def _step_contract_activate(self, user):
        contract = self._approved().sudo(user)
        contract.action_activate()
        self.assertEqual(contract.state, "active")

    def _step_contract_suspend(self, user):
        contract = self._active().sudo(user)
        contract.action_suspend()
        self.assertEqual(contract.state, "suspended")

    def _step_contract_draft(self, user):
        contract = self._contract()
        contract.sudo(self.supervisor).action_submit()
        contract.sudo(user).action_draft()
        self.assertEqual(contract.state, "draft")
        self.assertFalse(contract.review_ids)

    def _step_contract_cancel(self, user):
        contract = self._contract().sudo(user)
        contract.action_cancel()
        self.assertEqual(contract.state, "cancel")

    def _step_contract_resume(self, user):
        contract = self._active()
        contract.action_suspend()
        contract.sudo(user).action_resume()
        self.assertEqual(contract.state, "active")

    def _step_contract_renew(self, user):
        contract = self._active().sudo(user)
        contract.action_propose_renewal()
        self.assertTrue(contract.renewal_contract_id)

    def _step_contract_end(self, user):
        contract = self._active().sudo(user)
        contract.action_end()
        self.assertEqual(contract.state, "ended")

    def _step_schedule_invoice(self, user):
        schedule = self._active().schedule_ids.sorted("sequence")[:1]
        schedule.sudo(user).action_create_invoice()
        self.assertTrue(schedule.invoice_id)

    def _step_contract_settings(self, user):
        settings = web_create(self.env["maintenance.contract.settings"].sudo(user), {"contract_arrears_days": 45})
        settings.execute()
        self.assertEqual(self.company.contract_arrears_days, 45)
