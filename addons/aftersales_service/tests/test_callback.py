# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Callbacks (SPEC §3.4): a dissatisfied customer alerts the supervisor once."""
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import TransactionCase

from .common_roles import role_user


class TestCallback(TransactionCase):

    def setUp(self):
        super().setUp()
        self.supervisor_user = role_user(self.env, "cb_supervisor", "supervisor", name="赵主管")
        self.specialist = role_user(self.env, "cb_specialist", "specialist", name="孙专员")
        Employee = self.env["hr.employee"]
        self.boss = Employee.create({"name": "赵主管", "user_id": self.supervisor_user.id})
        self.tech = Employee.create({"name": "王师傅", "parent_id": self.boss.id})
        self.customer = self.env["res.partner"].create({"name": "上海浦东嘉园物业", "phone": "021-58881234"})
        self.Callback = self.env["aftersales.callback"].sudo(self.specialist)

    def _activities(self, callback):
        return self.env["mail.activity"].search([
            ("res_model", "=", "aftersales.callback"), ("res_id", "=", callback.id)])

    def test_satisfied_callback_no_activity(self):
        callback = self.Callback.create({
            "partner_id": self.customer.id, "employee_id": self.tech.id, "satisfaction": 4,
            "fault_count": 1, "entrapment_count": 0, "parts_replaced": "门机皮带", "conduct": "good"})
        self.assertTrue(callback.name.startswith("CB/"))
        self.assertEqual(callback.state, "done")
        self.assertFalse(callback.dissatisfied)
        self.assertFalse(self._activities(callback))

    def test_dissatisfied_creates_one_activity(self):
        callback = self.Callback.create({
            "partner_id": self.customer.id, "employee_id": self.tech.id, "channel": "phone",
            "source_ref": "res.partner,%d" % self.customer.id})
        self.assertEqual(callback.state, "planned")
        self.assertFalse(self._activities(callback))
        callback.write({"satisfaction": 2, "entrapment_count": 1, "conduct": "poor",
                        "answers": "周三关人一次,维修工态度差"})
        self.assertTrue(callback.dissatisfied)
        activities = self._activities(callback)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.supervisor_user)  # the technician's manager
        # further edits, even to another low score, do not alert again
        callback.write({"satisfaction": 1})
        callback.write({"answers": "补充: 已道歉"})
        callback.action_done()
        self.assertEqual(len(self._activities(callback)), 1)
        self.assertEqual(callback.state, "done")

    def test_dissatisfied_at_create_once(self):
        callback = self.Callback.create({
            "partner_id": self.customer.id, "employee_id": self.tech.id, "satisfaction": 1})
        self.assertEqual(len(self._activities(callback)), 1)
        self.assertTrue(callback.dissatisfied_handled)

    def test_hook_called_once(self):
        calls = []
        Model = type(self.env["aftersales.callback"])
        original = Model._on_dissatisfied

        def spy(records):
            calls.extend(records.ids)
            return original(records)
        Model._on_dissatisfied = spy
        try:
            callback = self.Callback.create({"partner_id": self.customer.id, "satisfaction": 3})
            callback.write({"satisfaction": 2})
            callback.write({"satisfaction": 1})
        finally:
            Model._on_dissatisfied = original
        self.assertEqual(calls, [callback.id])

    def test_fallback_to_supervisor_group(self):
        loner = self.env["hr.employee"].create({"name": "刘师傅"})
        callback = self.Callback.create({"partner_id": self.customer.id, "employee_id": loner.id,
                                         "satisfaction": 2})
        activity = self._activities(callback)
        self.assertEqual(len(activity), 1)
        self.assertTrue(activity.user_id.has_group("aftersales_service.group_aftersales_supervisor"))

    def test_bad_input(self):
        with self.assertRaises(ValidationError):
            self.Callback.create({"partner_id": self.customer.id, "satisfaction": 7})
        callback = self.Callback.create({"partner_id": self.customer.id})
        with self.assertRaisesRegex(UserError, "satisfaction"):
            callback.action_done()
        callback.write({"satisfaction": 5})
        callback.action_done()
        with self.assertRaisesRegex(UserError, "kept for the record"):
            callback.sudo().unlink()

    def test_satisfaction_average_by_technician(self):
        for score in (5, 4, 2):
            self.Callback.create({"partner_id": self.customer.id, "employee_id": self.tech.id,
                                  "satisfaction": score})
        groups = self.env["aftersales.callback"].read_group(
            [("employee_id", "=", self.tech.id)], ["satisfaction", "employee_id"], ["employee_id"])
        self.assertAlmostEqual(groups[0]["satisfaction"], 11 / 3, places=2)


class TestCallbackRace(TransactionCase):
    """Two transactions turning the same callback dissatisfied alert once."""

    def test_two_transactions_alert_once(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create({"name": "竞态测试物业(自动删除)"})
            callback_id = env["aftersales.callback"].create({"partner_id": partner.id, "satisfaction": 3}).id
            partner_id = partner.id
            cr.commit()
        try:
            cr1, cr2 = self.registry.cursor(), self.registry.cursor()
            try:
                cr2.execute("SET LOCAL lock_timeout = '5s'")  # a wait on the first's lock fails, never hangs
                first = api.Environment(cr1, SUPERUSER_ID, {})["aftersales.callback"].browse(callback_id)
                second = api.Environment(cr2, SUPERUSER_ID, {})["aftersales.callback"].browse(callback_id)
                self.assertFalse(second.dissatisfied_handled)  # the second transaction's snapshot
                first.write({"satisfaction": 2})
                cr1.commit()
                with self.assertRaises(psycopg2.OperationalError):  # could not serialize: retried by Odoo
                    with self.assertLogs("odoo.sql_db", "ERROR"):
                        second.write({"satisfaction": 1})
                cr2.rollback()
                retried = api.Environment(cr2, SUPERUSER_ID, {})["aftersales.callback"].browse(callback_id)
                retried.write({"satisfaction": 1})
                cr2.commit()
                cr2.execute("SELECT count(*) FROM mail_activity WHERE res_model = 'aftersales.callback' "
                            "AND res_id = %s", [callback_id])
                self.assertEqual(cr2.fetchone()[0], 1)
            finally:
                cr1.close()
                cr2.close()
        finally:
            with self.registry.cursor() as cr:
                cr.execute("DELETE FROM mail_activity WHERE res_model = 'aftersales.callback' AND res_id = %s",
                           [callback_id])
                cr.execute("DELETE FROM mail_message WHERE model = 'aftersales.callback' AND res_id = %s",
                           [callback_id])
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'aftersales.callback' AND res_id = %s",
                           [callback_id])
                cr.execute("DELETE FROM aftersales_callback WHERE id = %s", [callback_id])
                cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])
                cr.commit()
