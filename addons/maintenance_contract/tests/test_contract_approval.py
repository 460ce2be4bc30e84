# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-一-2.1: a paid contract comes into force only after the pricing approval form
(取费审批表) is signed by management; its dates must make sense."""
import inspect

from freezegun import freeze_time

from odoo.exceptions import UserError, ValidationError

from .common import ContractCase


class TestContractApproval(ContractCase):

    def test_activate_button_takes_no_positional_parameter(self):
        """Issue 11, defect 6: the web client calls a button as method(ids, context): a
        positional ``today`` received the context dict instead of a date."""
        method = type(self.env["maintenance.contract"]).action_activate
        self.assertEqual(list(inspect.signature(method).parameters), ["self"])
        contract = self._approve(self._contract())
        with freeze_time("2026-01-01 08:00:00"):
            self.assertTrue(contract.action_activate())
        self.assertEqual(contract.state, "active")

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "before the start date"):
            self._contract(date_start="2026-06-01", date_end="2026-05-31")
        contract = self._contract()
        with self.assertRaisesRegex(ValidationError, "before the start date"):
            contract.date_end = "2025-12-31"

    def test_no_activation_without_pricing_approval(self):
        contract = self._contract()
        self.assertEqual(contract.state, "draft")
        with self.assertRaises(UserError):
            contract.action_activate()
        contract.sudo(self.supervisor).action_submit()
        self.assertEqual(contract.state, "to_approve")
        self.assertEqual(len(contract.review_ids), 1)
        self.assertEqual(contract.review_ids.status, "pending")
        # not approved yet: neither the button nor a direct write activates it
        with self.assertRaisesRegex(UserError, "pricing approval"):
            contract.action_activate()
        with self.assertRaises(ValidationError):
            contract.sudo(self.supervisor).write({"state": "active"})
        # a supervisor is not a reviewer of the manager tier: refused, saying who approves
        with self.assertRaisesRegex(UserError, "only its pricing reviewers"):
            contract.sudo(self.supervisor).validate_tier()
        self.assertFalse(contract.validated)
        with self.assertRaisesRegex(UserError, "pricing approval"):
            contract.action_activate()
        self.assertFalse(contract.schedule_ids)
        # the manager signs the pricing approval form
        contract.sudo(self.manager).validate_tier()
        self.assertTrue(contract.validated)
        self.assertTrue(contract.date_approved)
        self.assertTrue(contract.can_be_activated)
        with freeze_time("2026-01-01 08:00:00"):
            contract.action_activate()
        self.assertEqual(contract.state, "active")
        self.assertEqual(len(contract.schedule_ids), 4)

    def test_rejected_pricing_goes_back_to_draft(self):
        contract = self._contract(fees=(6000.0,))
        self.assertAlmostEqual(contract.discount, 50.0)
        contract.sudo(self.supervisor).action_submit()
        contract.sudo(self.manager).reject_tier()
        self.assertTrue(contract.rejected)
        with self.assertRaises(UserError):
            contract.action_activate()
        contract.action_draft()
        self.assertEqual(contract.state, "draft")
        self.assertFalse(contract.review_ids)
        contract.line_ids.fee = 10800.0
        self._approve(contract)
        with freeze_time("2026-01-01 08:00:00"):
            contract.action_activate()
        self.assertEqual(contract.state, "active")

    def test_approved_fees_are_frozen(self):
        contract = self._contract()
        contract.sudo(self.supervisor).action_submit()
        with self.assertRaisesRegex(UserError, "pricing approval"):
            contract.line_ids.sudo(self.supervisor).write({"fee": 1.0})
        with self.assertRaises(UserError):
            self.env["maintenance.contract.line"].create({
                "contract_id": contract.id, "equipment_id": self.elevator2.id, "fee": 100.0})
        contract.line_ids.write({"note": "机房在顶层"})  # remarks stay editable
        self.assertEqual(contract.line_ids.fee, 12000.0)

    def test_submit_needs_equipment_and_fees(self):
        contract = self._contract(fees=())
        with self.assertRaisesRegex(UserError, "no equipment"):
            contract.action_submit()
        contract = self._contract(fees=(0.0,))
        with self.assertRaisesRegex(UserError, "above zero"):
            contract.action_submit()

    def test_equipment_under_one_running_contract(self):
        self._activate(self._contract())
        overlapping = self._contract(date_start="2026-06-01", date_end="2027-05-31")
        self._approve(overlapping)
        with freeze_time("2026-06-01 08:00:00"), self.assertRaisesRegex(ValidationError, "already covered"):
            overlapping.action_activate()

    def test_submitted_contract_is_kept(self):
        contract = self._activate(self._contract())
        with self.assertRaises(UserError):
            contract.unlink()
        with self.assertRaises(UserError):
            contract.action_cancel()
