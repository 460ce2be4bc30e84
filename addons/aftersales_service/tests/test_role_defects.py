# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 11, numbered defects of aftersales_service: each test failed on the
code before the fix (role-only users, web-client-shaped calls)."""
import inspect
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError

from .common_form import form_create
from .common_part_request import PartRequestCase
from .common_return import ReturnCase
from .common_roles import ROLES, role_groups, role_user


class TestPartRequestDefects(PartRequestCase):

    def _form(self, user, **values):
        values = dict({"partner_id": self.dealer.id, "reason": "production_defect", "consumer_name": "张先生"},
                      **values)
        return form_create(self.Request.sudo(user), values, lines_field="line_ids",
                           lines=[{"product_id": self.headboard.id, "qty": 1}])

    def test_defect_1_specialist_saves_a_new_request_with_lines(self):
        """The form sends charge_override: false; the lines' delivered quantity reads stock moves."""
        request = self._form(self.specialist)
        self.assertTrue(request.name.startswith("BJ/"))
        self.assertEqual((request.line_ids.qty, request.line_ids.open_qty), (1.0, 1.0))
        self.assertFalse(request.charge_override)
        # over RPC, with a line, and duplicated
        other = self.Request.sudo(self.specialist).create({
            "partner_id": self.dealer.id, "reason": "production_defect", "charge_override": False,
            "line_ids": [(0, 0, {"product_id": self.armrest.id, "qty": 2})]})
        self.assertEqual(other.line_ids.open_qty, 2.0)
        copy = other.sudo(self.specialist).copy()
        self.assertEqual(copy.line_ids.open_qty, 2.0)
        # an actual override stays the supervisor's
        with self.assertRaisesRegex(AccessError, "supervisor"):
            self._form(self.specialist, charge_override="charged", charge_override_reason="x")

    def test_defect_2_supervisor_saves_the_default_promise(self):
        request = self._form(self.supervisor)
        # "today" is the supervisor's (his time zone), as the form's default is: between 16:00 and
        # 24:00 UTC it is already tomorrow in Shanghai
        today = fields.Date.from_string(fields.Date.context_today(self.Request.sudo(self.supervisor)))
        self.assertEqual(request.request_date, fields.Date.to_string(today))
        self.assertEqual(request.promised_date, fields.Date.to_string(today + timedelta(days=15)))
        self.assertFalse(request.promise_extension_approved)
        with self.assertRaisesRegex(AccessError, "quality director"):
            self._form(self.supervisor, promise_extension_approved=True)

    def test_defect_6_buttons_take_no_arguments(self):
        """The web client calls buttons with the context as first argument."""
        methods = [
            self.env["aftersales.closing"].action_approve, self.env["aftersales.closing"].action_evaluate,
            self.env["aftersales.fg.borrow"].action_qa_pass, self.env["aftersales.part.job"].action_qc_pass,
            self.Request.action_confirm_by_phone, self.Request.action_cancel,
        ]
        for method in methods:
            self.assertEqual(list(inspect.signature(method).parameters), [], method.__name__)
        # the phone note comes from the form's field, never from the context
        request = self.make_request([(self.headboard, 1)])
        request.sudo(self.specialist).with_context(lang="zh_CN", params={"x": 1}).write(
            {"phone_confirmation_note": "张先生确认"})
        request.sudo(self.specialist).with_context(lang="zh_CN", params={"x": 1}).action_confirm_by_phone()
        self.assertEqual((request.phone_confirmed, request.phone_confirmation_note), (True, "张先生确认"))

    def test_defect_7_no_self_approval_and_one_tier_per_user(self):
        request = self.make_request([(self.headboard, 1)])
        # the quality director files and submits his own request
        own = self.Request.sudo(self.director).create({
            "partner_id": self.dealer.id, "reason": "production_defect", "responsible_id": self.employee.id,
            "promised_date": fields.Date.context_today(self.Request),
            "line_ids": [(0, 0, {"product_id": self.headboard.id, "qty": 1})]})
        own.sudo(self.director).action_confirm_by_phone()
        own.sudo(self.director).action_submit()
        with self.assertRaisesRegex(AccessError, "you created or submitted it"):
            own.sudo(self.director).validate_tier()
        self.assertFalse(own.review_ids.filtered(lambda r: r.status == "approved"))
        self.assertFalse(own.can_review)
        # one user, one tier: the director reviews as the lead, another director approves
        self.submit(request)
        request.sudo(self.director).validate_tier()
        self.assertEqual(request.review_ids.filtered(lambda r: r.status == "approved").done_by, self.director)
        self.assertEqual(request.state, "submitted")
        with self.assertRaisesRegex(AccessError, "already approved one of its tiers"):
            request.sudo(self.director).validate_tier()
        other_director = role_user(self.env, "pr_director2", "director")
        request.sudo(other_director).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(set(request.review_ids.mapped("done_by")), {self.director, other_director})

    def test_defect_11_refused_save_takes_no_number(self):
        sequence = self.env.ref("aftersales_service.seq_aftersales_part_request")
        self.assertEqual(sequence.implementation, "no_gap")
        expected = sequence.get_next_char(sequence.number_next_actual)
        today = fields.Date.from_string(fields.Date.context_today(self.Request))
        for _attempt in range(2):
            with self.assertRaises(ValidationError) as refused:
                self._form(self.specialist, promised_date=fields.Date.to_string(today + timedelta(days=30)))
            self.assertNotIn("BJ/", refused.exception.args[0], "the message cites no number")
            self.assertIn("the new request", refused.exception.args[0])
        request = self._form(self.specialist)
        self.assertEqual(request.name, expected, "the refused saves used no number")


class TestReturnDefects(ReturnCase):

    def test_defect_3_return_names_another_salespersons_order(self):
        salesman = self.env["res.users"].search([("login", "=", "admin")])
        order = self.env["sale.order"].create({
            "partner_id": self.dealer.id, "user_id": salesman.id,
            "order_line": [(0, 0, {"product_id": self.product.id, "product_uom_qty": 2,
                                   "price_unit": 2800.0})]})
        order.action_confirm()
        values = {"partner_id": self.dealer.id, "sale_order_id": order.id, "description": "坐垫开裂",
                  "alternative_offered": "parts", "alternative_outcome": "declined"}
        ret = self.return_model.sudo(self.lead).create(values)
        self.assertEqual(ret.sale_order_id, order)
        other = self.env["res.partner"].create({"name": "别的客户"})
        with self.assertRaisesRegex(ValidationError, "was not sold to"):
            self.return_model.sudo(self.lead).create(dict(values, partner_id=other.id))

    def test_defect_8_non_reviewer_gets_an_error_on_every_tier_document(self):
        writeoff = self.env["aftersales.writeoff"].sudo(self.lead).create(
            {"partner_id": self.dealer.id, "amount": 100.0, "reason": "损坏", "writeoff_type": "credit_note"})
        writeoff.sudo(self.lead).action_submit()
        for user in (self.specialist, self.director):
            with self.assertRaisesRegex(AccessError, "After-sales Manager"):
                writeoff.sudo(user).validate_tier()
            with self.assertRaisesRegex(AccessError, "After-sales Manager"):
                writeoff.sudo(user).reject_tier()
        self.assertEqual(writeoff.state, "to_approve")
        self.assertEqual(set(writeoff.review_ids.mapped("status")), {"pending"})
        writeoff.sudo(self.manager).validate_tier()
        self.assertEqual(writeoff.state, "approved")


class TestDemoUsers(ReturnCase):
    """Defect 9: every demo user holds its one role and nothing more."""

    DEMO = {
        "as_specialist": "specialist", "as_lead": "supervisor", "as_quality": "director",
        "as_engineer": "technician", "as_qc": "inspector", "as_accountant": "accountant",
        "as_manager": "manager", "as_supervisor": "supervisor", "as_technician": "technician",
        "as_technician2": "technician", "as_keeper": "keeper",
    }

    def test_defect_9_demo_users_hold_one_role(self):
        Users = self.env["res.users"].with_context(active_test=False)
        for login, role in self.DEMO.items():
            user = Users.search([("login", "=", login)])
            self.assertTrue(user, login)
            self.assertIn(self.env.ref(ROLES[role]), user.groups_id, login)
            extra = user.groups_id - role_groups(self.env, role)
            self.assertFalse(extra, "%s: %s" % (login, ", ".join(extra.mapped("full_name"))))
        self.assertFalse(Users.search([("login", "=", "as_manager")]).has_group("hr.group_hr_user"))
