# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A repair call, dispatched: the arrival and repair deadlines of S1 第二篇 三-(二)-5
and S2 三-2, with time under control."""
from freezegun import freeze_time

from .common import FieldServiceCase


class TestDispatchDeadlines(FieldServiceCase):

    def _dispatched(self, **kw):
        with freeze_time("2026-03-02 01:00:00"):
            order = self._repair(**kw)
        with freeze_time("2026-03-02 01:10:00"):
            order.sudo(self.supervisor_user).action_dispatch()
        return order

    def test_intake_reply_timer_stops_at_dispatch(self):
        with freeze_time("2026-03-02 01:00:00"):
            order = self._repair()
        self.assertTrue(order.name.startswith("FSO/"))
        self.assertEqual(order.partner_id, self.customer, "customer taken from the equipment")
        self.assertEqual(order.technician_id, self.technician, "the site's technician by default")
        reply = self._timer(order, "service_reply")
        self.assertEqual(reply.state, "running")
        self.assertEqual(reply.deadline, "2026-03-03 01:00:00", "24 hours to answer (S1 第四篇 三-4)")
        with freeze_time("2026-03-02 01:10:00"):
            order.sudo(self.supervisor_user).action_dispatch()
        self.assertEqual(order.state, "dispatched")
        self.assertEqual(order.date_dispatched, "2026-03-02 01:10:00")
        self.assertEqual(reply.state, "met")
        self.assertIn(self.tech_user.partner_id, order.message_partner_ids, "the technician follows the order")

    def test_arrival_31_minutes_after_dispatch_is_late(self):
        order = self._dispatched()
        arrival = self._timer(order, "service_arrival")
        self.assertEqual(arrival.deadline, "2026-03-02 01:40:00", "30 minutes after dispatch")
        self.assertEqual(arrival.responsible_id, self.technician)
        with freeze_time("2026-03-02 01:41:00"):
            order.sudo(self.tech_user).action_arrive()
        self.assertEqual(order.state, "on_site")
        self.assertEqual(arrival.state, "breached")
        penalty = self._penalties(order, "late_arrival")
        self.assertEqual(len(penalty), 1, "late arrival proposed once")
        self.assertEqual(penalty.employee_id, self.technician)
        self.assertEqual(penalty.amount, 50.0)
        self.assertEqual(penalty.state, "proposed")

    def test_arrival_in_time_is_met_without_penalty(self):
        order = self._dispatched()
        with freeze_time("2026-03-02 01:39:00"):
            order.sudo(self.tech_user).action_arrive()
        self.assertEqual(self._timer(order, "service_arrival").state, "met")
        self.assertFalse(self._penalties(order, "late_arrival"))
        minor = self._timer(order, "repair_minor")
        self.assertEqual(minor.start, "2026-03-02 01:39:00", "the repair deadline starts on arrival")
        self.assertEqual(minor.deadline, "2026-03-02 02:09:00", "a common fault is fixed within 30 minutes")

    def test_sweep_breaches_arrival_when_nobody_arrives(self):
        order = self._dispatched()
        self.env["aftersales.sla.timer"]._cron_sweep(now="2026-03-02 01:41:00")
        self.assertEqual(self._timer(order, "service_arrival").state, "breached")
        self.assertEqual(len(self._penalties(order, "late_arrival")), 1)
        self.assertEqual(order.sla_state, "overdue")
        with freeze_time("2026-03-02 02:30:00"):
            order.sudo(self.tech_user).action_arrive()
        self.assertEqual(len(self._penalties(order, "late_arrival")), 1, "proposed exactly once")

    def test_entrapment_uses_its_own_rule(self):
        order = self._dispatched(priority="entrapment", symptom="电梯关人, 三楼")
        self.assertFalse(self._timer(order, "service_arrival"))
        rescue = self._timer(order, "service_entrapment")
        self.assertEqual(rescue.rule_id.code, "service_entrapment")
        self.assertEqual(rescue.state, "running")
        self.assertEqual(rescue.start, "2026-03-02 01:10:00")

    def test_remote_site_has_one_hour(self):
        order = self._dispatched(remote=True)
        self.assertFalse(self._timer(order, "service_arrival"))
        remote = self._timer(order, "service_arrival_remote")
        self.assertEqual(remote.deadline, "2026-03-02 02:10:00")
        with freeze_time("2026-03-02 01:55:00"):
            order.sudo(self.tech_user).action_arrive()
        self.assertEqual(remote.state, "met", "45 minutes is in time on a remote site")
        self.assertFalse(self._penalties(order, "late_arrival"))

    def test_major_fault_gets_two_hours(self):
        order = self._dispatched()
        with freeze_time("2026-03-02 01:30:00"):
            order.sudo(self.tech_user).action_arrive()
        order.sudo(self.tech_user).fault_level = "major"
        self.assertEqual(self._timer(order, "repair_minor").state, "cancelled")
        major = self._timer(order, "repair_major")
        self.assertEqual(major.start, "2026-03-02 01:30:00")
        self.assertEqual(major.deadline, "2026-03-02 03:30:00")
        self._complete_report(order)
        with freeze_time("2026-03-02 03:00:00"):
            order.sudo(self.tech_user).action_finish()
        self.assertEqual(order.state, "done")
        self.assertEqual(major.state, "met")
        self.assertEqual(order.date_finished, "2026-03-02 03:00:00")

    def test_factory_repair_ten_working_days(self):
        order = self._dispatched()
        with freeze_time("2026-03-02 01:30:00"):
            order.sudo(self.tech_user).action_arrive()
            order.sudo(self.tech_user).action_send_to_factory()
        self.assertEqual(order.state, "factory")
        self.assertEqual(self._timer(order, "repair_minor").state, "cancelled")
        factory = self._timer(order, "repair_factory")
        self.assertEqual(factory.state, "running")
        self.assertGreaterEqual(factory.deadline, "2026-03-16 00:00:00", "10 working days, weekends excluded")
        with freeze_time("2026-03-10 02:00:00"):
            order.sudo(self.tech_user).action_factory_returned()
        self.assertEqual(order.state, "on_site")
        self.assertEqual(factory.state, "met")

    def test_cancel_cancels_timers(self):
        order = self._dispatched()
        order.sudo(self.supervisor_user).action_cancel()
        self.assertEqual(order.state, "cancel")
        self.assertEqual(self._timer(order, "service_arrival").state, "cancelled")

    def test_reassigned_order_moves_the_deadline_to_the_new_technician(self):
        order = self._dispatched()
        order.sudo(self.supervisor_user).technician_id = self.technician2
        self.assertIn(self.tech2_user.partner_id, order.message_partner_ids)
        self.assertEqual(self._timer(order, "service_arrival").responsible_id, self.technician2)
        order.sudo(self.tech2_user).read(["name"])
        with freeze_time("2026-03-02 01:45:00"):
            order.sudo(self.tech2_user).action_arrive()
        self.assertEqual(self._penalties(order, "late_arrival").employee_id, self.technician2)
