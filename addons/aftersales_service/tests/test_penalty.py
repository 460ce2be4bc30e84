# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Penalties (SPEC §3.3): seeded rules, limits, proposals, and the manager's
confirmation through a tier review (SPEC §3.2)."""
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import TransactionCase

from .common_roles import role_user


class PenaltyCase(TransactionCase):

    def setUp(self):
        super().setUp()
        self.Penalty = self.env["aftersales.penalty"]
        self.Rule = self.env["aftersales.penalty.rule"]
        self.manager = role_user(self.env, "pen_manager", "manager", name="李经理")
        self.supervisor = role_user(self.env, "pen_supervisor", "supervisor", name="赵主管")
        self.tech_user = role_user(self.env, "pen_tech", "technician", name="王师傅")
        self.other_tech_user = role_user(self.env, "pen_tech2", "technician", name="陈师傅")
        Employee = self.env["hr.employee"]
        self.tech = Employee.create({"name": "王师傅", "user_id": self.tech_user.id})
        self.other_tech = Employee.create({"name": "陈师傅", "user_id": self.other_tech_user.id})
        self.late = self.Rule.get_by_code("late_arrival")

    def _propose(self, employee, rule, source="res.partner,1", **extra):
        vals = dict({"employee_id": employee.id, "rule_id": rule.id,
                     "reason": "到达现场迟到40分钟", "source_ref": source}, **extra)
        return self.Penalty.sudo(self.supervisor).propose([vals])


class TestPenaltyRules(PenaltyCase):

    def test_seeded_codes(self):
        codes = (
            "work_instruction complaint complaint_severe no_door_service bribery misconduct "
            "left_site_without_call late_arrival incomplete_report phone_off disobedience overdue_part "
            "depot_loss install_quality_fine install_quality_reward pts_badge pts_passive "
            "pts_serious_error pts_late_repair pts_missed_patrol pts_complaint pts_install_cooperation "
            "pts_install_quality pts_delay_day pts_safety pts_contribution").split()
        for code in codes:
            self.assertEqual(self.Rule.get_by_code(code).code, code)
        complaint = self.Rule.get_by_code("complaint")
        self.assertEqual((complaint.amount_min, complaint.amount_max), (100, 1000))
        severe = self.Rule.get_by_code("complaint_severe")
        self.assertEqual(severe.amount_min, 3000)
        self.assertTrue(severe.dismissal)
        self.assertEqual(self.Rule.get_by_code("phone_off").amount_min, 10)
        serious = self.Rule.get_by_code("pts_serious_error")
        self.assertEqual((serious.points, serious.points_max), (3, 10))
        self.assertEqual(self.Rule.get_by_code("pts_contribution").rule_type, "bonus")
        self.assertEqual(self.Rule.get_by_code("install_quality_reward").rule_type, "bonus")
        self.assertTrue(self.Rule.get_by_code("depot_loss").variable_amount)
        with self.assertRaises(ValidationError):
            self.Rule.get_by_code("no_such_rule")

    def test_company_rule_wins(self):
        own = self.Rule.create({"code": "late_arrival", "name": "迟到(本公司)", "amount_min": 80})
        self.assertEqual(self.Rule.get_by_code("late_arrival"), own)

    def test_amount_limits(self):
        complaint = self.Rule.get_by_code("complaint")
        ok = self._propose(self.tech, complaint, amount=800)
        self.assertEqual(ok.amount, 800)
        with self.assertRaisesRegex(ValidationError, "between 100.00 and 1000.00"):
            self._propose(self.tech, complaint, source="res.partner,2", amount=1200)
        with self.assertRaises(ValidationError):
            self._propose(self.tech, complaint, source="res.partner,3", amount=50)
        with self.assertRaises(ValidationError):
            self._propose(self.tech, self.Rule.get_by_code("pts_late_repair"), points=6)
        with self.assertRaisesRegex(ValidationError, "no fine amount"):
            self._propose(self.tech, self.Rule.get_by_code("pts_badge"), amount=20)
        # a fixed fine takes the rule's amount
        self.assertEqual(self._propose(self.tech, self.late).amount, 50)

    def test_variable_amount(self):
        loss = self.Rule.get_by_code("depot_loss")
        with self.assertRaisesRegex(UserError, "amount"):
            self._propose(self.tech, loss, source="res.partner,4")
        penalty = self._propose(self.tech, loss, source="res.partner,4", amount=1234.5)
        self.assertEqual(penalty.amount, 1234.5)
        self.assertEqual(penalty.state, "proposed")

    def test_propose_is_idempotent(self):
        first = self._propose(self.tech, self.late)
        self.assertEqual(len(first), 1)
        self.assertFalse(self._propose(self.tech, self.late))
        self.assertTrue(first.name.startswith("PEN/"))
        # once cancelled, the same event may be proposed again
        first.sudo(self.supervisor)._cancel("司机堵车,不属个人原因")
        self.assertEqual(len(self._propose(self.tech, self.late)), 1)


class TestPenaltyApproval(PenaltyCase):
    """The worked tier-validation example: a manager confirms."""

    def test_tier_definition_is_data(self):
        tier = self.env.ref("aftersales_service.tier_definition_penalty_manager")
        self.assertEqual(tier.model, "aftersales.penalty")
        self.assertEqual(tier.reviewer_group_id, self.env.ref("aftersales_service.group_aftersales_manager"))
        self.assertIn("aftersales.penalty", self.env["tier.definition"]._get_tier_validation_model_names())
        # a manager may edit it (SPEC §3.2: editable)
        tier.sudo(self.manager).write({"name": "处罚确认(经理)"})

    def test_supervisor_requests_manager_approves(self):
        penalty = self._propose(self.tech, self.late)
        as_supervisor = penalty.sudo(self.supervisor)
        self.assertTrue(as_supervisor.need_validation)
        self.assertFalse(as_supervisor.can_be_confirmed)
        reviews = as_supervisor.request_validation()
        self.assertEqual(len(reviews), 1)
        self.assertIn(self.manager, reviews.reviewer_ids)
        self.assertNotIn(self.supervisor, reviews.reviewer_ids)
        # under review the entry cannot be edited
        with self.assertRaisesRegex(ValidationError, "under validation"):
            as_supervisor.write({"amount": 50, "reason": "改"})
        # the supervisor can neither confirm nor approve
        with self.assertRaises(AccessError):
            as_supervisor.action_confirm()
        with self.assertRaises(AccessError):
            as_supervisor.validate_tier()
        with self.assertRaises(AccessError):
            as_supervisor.write({"state": "confirmed"})
        self.assertEqual(penalty.state, "proposed")
        # the manager approves: the last approval confirms
        as_manager = penalty.sudo(self.manager)
        self.assertTrue(as_manager.can_review)
        as_manager.validate_tier()
        self.assertEqual(penalty.state, "confirmed")
        self.assertEqual(penalty.review_ids.status, "approved")
        self.assertEqual(penalty.review_ids.done_by, self.manager)

    def test_manager_confirms_directly(self):
        penalty = self._propose(self.tech, self.late)
        penalty.sudo(self.manager).action_confirm()
        self.assertEqual(penalty.state, "confirmed")
        self.assertEqual(penalty.review_ids.status, "approved")
        tracked = penalty.sudo().message_ids.mapped("tracking_value_ids").filtered(lambda t: t.field == "state")
        self.assertIn("Confirmed", tracked.mapped("new_value_char"))
        # confirmed entries stay: no deletion
        with self.assertRaises(UserError):
            penalty.unlink()
        # the printed notice names the approver
        html = self.env["ir.actions.report"].render_template(
            "aftersales_service.report_penalty_notice_document", {"doc": penalty})
        self.assertIn("李经理", html.decode("utf-8"))

    def test_technician_cannot_confirm(self):
        penalty = self._propose(self.tech, self.late)
        with self.assertRaises(AccessError):
            penalty.sudo(self.tech_user).action_confirm()
        with self.assertRaises(AccessError):
            penalty.sudo(self.tech_user).reject_tier()
        with self.assertRaises(AccessError):
            self.Penalty.sudo(self.supervisor).create({
                "employee_id": self.tech.id, "rule_id": self.late.id, "amount": 50,
                "reason": "x", "state": "confirmed"})
        self.assertEqual(penalty.state, "proposed")

    def test_rejected_then_cancelled_with_reason(self):
        penalty = self._propose(self.tech, self.late)
        penalty.sudo(self.supervisor).request_validation()
        penalty.sudo(self.manager).reject_tier()
        self.assertTrue(penalty.rejected)
        self.assertEqual(penalty.state, "proposed")
        wizard = self.env["aftersales.penalty.cancel"].sudo(self.supervisor).create({
            "penalty_ids": [(6, 0, penalty.ids)], "reason": "  "})
        with self.assertRaisesRegex(UserError, "reason"):
            wizard.action_confirm()
        wizard.reason = "客户确认技师准时到达"
        wizard.action_confirm()
        self.assertEqual(penalty.state, "cancelled")
        self.assertEqual(penalty.cancel_reason, "客户确认技师准时到达")
        tracked = penalty.sudo().message_ids.mapped("tracking_value_ids").mapped("field")
        self.assertIn("cancel_reason", tracked)
        self.assertIn("state", tracked)

    def test_confirmed_cancelled_only_by_manager(self):
        penalty = self._propose(self.tech, self.late)
        penalty.sudo(self.manager).action_confirm()
        with self.assertRaises(AccessError):
            penalty.sudo(self.supervisor)._cancel("错了")
        penalty.sudo(self.manager)._cancel("复核后撤销")
        self.assertEqual(penalty.state, "cancelled")


class TestPenaltyVisibility(PenaltyCase):

    def test_technician_sees_only_own(self):
        mine = self._propose(self.tech, self.late)
        theirs = self._propose(self.other_tech, self.late)
        visible = self.Penalty.sudo(self.tech_user).search([("id", "in", (mine | theirs).ids)])
        self.assertEqual(visible, mine)
        with self.assertRaises(AccessError):
            theirs.sudo(self.tech_user).read(["amount"])
        with self.assertRaises(AccessError):
            mine.sudo(self.tech_user).write({"reason": "not me"})
        # the whole form reads for the technician (computed tier fields included)
        mine.sudo(self.supervisor).request_validation()
        as_tech = self.Penalty.sudo(self.tech_user)
        form_fields = as_tech.fields_view_get(view_type="form")["fields"]
        values = mine.sudo(self.tech_user).read(list(form_fields))[0]
        self.assertFalse(values["can_be_confirmed"])
        self.assertFalse(values["can_review"])
        employee_fields = self.env["hr.employee"].sudo(self.tech_user).fields_view_get(view_type="form")["fields"]
        self.assertIn("aftersales_penalty_count", employee_fields)
        self.assertEqual(self.tech.sudo(self.tech_user).read(["aftersales_penalty_count"])[0]
                         ["aftersales_penalty_count"], 1)
        # the supervisor sees both
        self.assertEqual(self.Penalty.sudo(self.supervisor).search([("id", "in", (mine | theirs).ids)]),
                         mine | theirs)

    def test_other_company_hidden(self):
        other = self.env["res.company"].create({"name": "西南分公司"})
        penalty = self._propose(self.tech, self.late)
        penalty.company_id = other
        self.assertFalse(self.Penalty.sudo(self.supervisor).search([("id", "=", penalty.id)]))
