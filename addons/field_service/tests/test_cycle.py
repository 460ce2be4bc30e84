# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cycles generate the planned visits ahead (S2-一-1.3.5: 5-day patrol, 15-day
lubrication; S1 第五篇 二-(三): monthly patrol, quarterly inspection, half-yearly
maintenance), idempotently, set-based, and looking like orders made by hand."""
import re

from freezegun import freeze_time

from odoo import api
from odoo.exceptions import UserError, ValidationError

from .common import FieldServiceCase


class TestCycle(FieldServiceCase):

    def _cycle(self, **kw):
        vals = {"equipment_id": self.elevator.id, "order_type": "patrol", "interval_days": 5,
                "next_date": "2026-03-02"}
        vals.update(kw)
        return self.env["field.service.cycle"].create(vals)

    def test_five_day_patrol_over_thirty_days_creates_six_orders(self):
        cycle = self._cycle()
        self.assertEqual(cycle.partner_id, self.customer)
        self.assertEqual(cycle.technician_id, self.technician)
        with freeze_time("2026-03-02 02:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
        orders = cycle.order_ids.sorted("planned_date")
        self.assertEqual(orders.mapped("planned_date"), [
            "2026-03-02", "2026-03-07", "2026-03-12", "2026-03-17", "2026-03-22", "2026-03-27"])
        self.assertEqual(set(orders.mapped("state")), {"dispatched"})
        self.assertEqual(orders.mapped("technician_id"), self.technician)
        self.assertEqual(cycle.next_date, "2026-04-01")
        with freeze_time("2026-03-02 03:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
            cycle.generate_orders(until="2026-04-01")
        self.assertEqual(len(cycle.order_ids), 6, "running it again creates nothing")
        # a day later the horizon moves by one day and reaches the 7th visit
        with freeze_time("2026-03-03 02:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
        self.assertEqual(len(cycle.order_ids), 7)
        self.assertEqual(cycle.next_date, "2026-04-06")
        with freeze_time("2026-04-01 02:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
        self.assertEqual(len(cycle.order_ids), 12)

    def test_unique_cycle_date_even_if_next_date_is_set_back(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            cycle.generate_orders()
            cycle.next_date = "2026-03-02"
            created = cycle.generate_orders()
        self.assertFalse(created, "the unique (cycle, planned date) index keeps it idempotent")
        self.assertEqual(len(cycle.order_ids), 6)

    def test_archiving_the_cycle_stops_it(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            cycle.generate_orders()
        with freeze_time("2026-03-10 02:00:00"):
            cycle.active = False
            self.env["field.service.cycle"]._cron_generate_orders()
        orders = cycle.order_ids
        self.assertEqual(len(orders), 6)
        self.assertEqual(orders.filtered(lambda o: o.planned_date >= "2026-03-10").mapped("state"),
                         ["cancel"] * 4, "visits not started are cancelled")
        with freeze_time("2026-05-01 02:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
        self.assertEqual(len(cycle.order_ids), 6, "an archived cycle generates nothing")

    def test_pause_stops_and_resume_starts_from_today(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            cycle.generate_orders()
        with freeze_time("2026-03-20 02:00:00"):
            cycle.paused = True
        with freeze_time("2026-04-20 02:00:00"):
            self.env["field.service.cycle"]._cron_generate_orders()
            self.assertEqual(len(cycle.order_ids.filtered(lambda o: o.state != "cancel")), 4)
            cycle.paused = False
            self.assertEqual(cycle.next_date, "2026-04-20", "missed dates are not back-filled")
            self.env["field.service.cycle"]._cron_generate_orders()
        self.assertEqual(min(cycle.order_ids.filtered(lambda o: o.state != "cancel" and o.planned_date > "2026-04-01")
                             .mapped("planned_date")), "2026-04-20")

    def test_quarterly_inspection_in_months(self):
        cycle = self._cycle(order_type="inspection", interval_days=0, interval_months=3, next_date="2026-01-31")
        with freeze_time("2026-01-31 02:00:00"):
            orders = cycle.generate_orders(until="2027-01-31")
        self.assertEqual(orders.sorted("planned_date").mapped("planned_date"),
                         ["2026-01-31", "2026-04-30", "2026-07-31", "2026-10-31"])
        with self.assertRaisesRegex(ValidationError, r"give an interval in days or in months \(one of them\)"), \
                self.env.cr.savepoint():
            self._cycle(interval_days=5, interval_months=1)

    def test_generated_order_looks_like_a_hand_made_one(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            generated = cycle.generate_orders().sorted("planned_date")[1]
            by_hand = self.Order.create({
                "order_type": "patrol", "equipment_id": self.elevator.id, "planned_date": generated.planned_date,
                "technician_id": self.technician.id})
            by_hand.action_dispatch()
        for order in (generated, by_hand):
            self.assertTrue(re.match(r"^FSO/2026/\d{5}$", order.name), order.name)
        self.assertNotEqual(generated.name, by_hand.name)
        fields_compared = ["state", "order_type", "partner_id", "site_id", "equipment_id", "technician_id",
                           "technician_user_id", "priority", "priority_rank", "planned_date", "scheduled_start",
                           "scheduled_stop", "company_id", "fault_level", "install_stage", "date_dispatched",
                           "dispatcher_id", "remote", "billing_mode"]
        self.assertEqual(generated.read(fields_compared)[0], dict(by_hand.read(fields_compared)[0], id=generated.id))
        self.assertEqual(generated.checklist_ids.mapped("area"), by_hand.checklist_ids.mapped("area"))
        self.assertEqual(generated.checklist_ids.mapped("name"), by_hand.checklist_ids.mapped("name"))
        # chatter: the same creation entry
        created = generated.message_ids.filtered(lambda m: "created" in (m.body or ""))
        created_by_hand = by_hand.message_ids.filtered(lambda m: "created" in (m.body or ""))
        self.assertEqual(len(created), 1)
        for field in ("body", "message_type", "subtype_id", "author_id", "email_from", "reply_to", "model", "date"):
            self.assertEqual(created[field], created_by_hand[field], field)
        self.assertEqual(created.record_name, generated.name)
        self.assertTrue(created.message_id)
        # followers: the creator and the technician, with the default subtypes
        self.assertEqual(generated.message_partner_ids, by_hand.message_partner_ids)
        self.assertEqual(generated.message_follower_ids.mapped("subtype_ids"),
                         by_hand.message_follower_ids.mapped("subtype_ids"))
        # timers: the same deadline
        timer, timer_by_hand = self._timer(generated, "fs_visit_due"), self._timer(by_hand, "fs_visit_due")
        self.assertEqual(len(timer), 1)
        for field in ("start", "deadline", "grace_deadline", "state", "responsible_id"):
            self.assertEqual(timer[field], timer_by_hand[field], field)
        with freeze_time("2026-03-02 02:00:00"):
            generated.invalidate_cache()
            self.assertEqual(generated.sla_state, "on_track")

    def test_missed_patrol_proposes_points(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            orders = cycle.generate_orders().sorted("planned_date")
            orders[0].sudo(self.tech_user).action_arrive()
        self.env["aftersales.sla.timer"]._cron_sweep(now="2026-03-09 00:00:00")
        self.assertFalse(orders[0].missed, "the first patrol was made")
        self.assertTrue(orders[1].missed, "the patrol of 7 March was not made")
        self.assertFalse(orders[2].missed)
        self.assertFalse(self._penalties(orders[0], "pts_missed_patrol"))
        penalty = self._penalties(orders[1], "pts_missed_patrol")
        self.assertEqual(penalty.employee_id, self.technician)
        self.assertEqual(penalty.points, 3.0)

    def test_checklist_in_the_customers_language(self):
        """The customer signs the patrol sheet: its checklist is in the customer's language,
        whoever creates the order and whichever language the cron runs in."""
        self.env["res.lang"].load_lang("zh_CN")
        self.elevator.customer_id.lang = "zh_CN"
        cycle = self._cycle()
        Order = self.Order.with_context(lang="en_US")
        with freeze_time("2026-03-02 02:00:00"):
            generated = cycle.with_context(lang="en_US").generate_orders().sorted("planned_date")[:1]
            by_hand = Order.create({"order_type": "patrol", "equipment_id": self.elevator.id,
                                    "planned_date": "2026-03-20", "technician_id": self.technician.id})
        expected = ["系统功能运行正常", "设备运行达到预期效果", "未发现安全隐患"]
        self.assertEqual(generated.checklist_ids.mapped("name"), expected)
        self.assertEqual(by_hand.checklist_ids.mapped("name"), expected)
        # a customer in English gets it in English, from a user working in Chinese
        self.elevator.customer_id.lang = "en_US"
        english = self.Order.with_context(lang="zh_CN").create({
            "order_type": "patrol", "equipment_id": self.elevator.id, "planned_date": "2026-03-21",
            "technician_id": self.technician.id})
        self.assertEqual(english.checklist_ids.mapped("name")[0], "System functions run normally")

    def test_patrol_sheet_needs_checklist_and_signature(self):
        cycle = self._cycle()
        with freeze_time("2026-03-02 02:00:00"):
            order = cycle.generate_orders().sorted("planned_date")[0].sudo(self.tech_user)
            order.action_arrive()
            with self.assertRaisesRegex(UserError, "checklist results"):
                order.action_finish()
            order.checklist_ids.write({"result": "ok"})
            order.checklist_ids.filtered(lambda l: l.area == "hazard").write(
                {"result": "fault", "note": "机房门锁损坏, 已通知物业"})
            with self.assertRaisesRegex(UserError, "customer signature"):
                order.action_finish()
            self._complete_report(order)
            order.checklist_ids.filtered(lambda l: l.area == "hazard").write({"result": "fault"})
            order.action_finish()
        self.assertEqual(order.state, "done")

    def test_generation_queries_per_order(self):
        Equipment = self.env["maintenance.equipment"]
        cycles = self.env["field.service.cycle"]
        for i in range(20):
            equipment = Equipment.create({"name": "%d号梯" % i, "customer_id": self.customer.id,
                                          "technician_id": (self.technician, self.technician2)[i % 2].id})
            cycles |= self._cycle(equipment_id=equipment.id)
        cycles.invalidate_cache()
        with freeze_time("2026-03-02 02:00:00"):
            before = self.env.cr.sql_log_count
            orders = cycles.generate_orders()
            queries = self.env.cr.sql_log_count - before
        self.assertEqual(len(orders), 120)
        self.assertLessEqual(queries / len(orders), 5.0, "%d queries for %d orders" % (queries, len(orders)))

    def test_two_crons_racing_generate_once(self):
        """Two workers generate the same cycle at the same time: the second skips the
        cycle the first one locked, and finds it done afterwards."""
        registry = self.registry
        with registry.cursor() as cr:
            env = api.Environment(cr, self.env.uid, {})
            partner = env["res.partner"].create({"name": "并发测试客户"})
            employee = env["hr.employee"].create({"name": "并发测试师傅"})
            equipment = env["maintenance.equipment"].create({
                "name": "并发测试梯", "customer_id": partner.id, "technician_id": employee.id})
            cycle = env["field.service.cycle"].create({
                "equipment_id": equipment.id, "order_type": "patrol", "interval_days": 5,
                "next_date": "2026-03-02"})
            ids = (partner.id, employee.id, equipment.id, cycle.id)
            cr.commit()
        try:
            cr1, cr2 = registry.cursor(), registry.cursor()
            try:
                for cr in (cr1, cr2):  # waiting for a lock (the other worker's, the test's) fails, never hangs
                    cr.execute("SET LOCAL lock_timeout = '5s'")
                env1 = api.Environment(cr1, self.env.uid, {})
                env2 = api.Environment(cr2, self.env.uid, {})
                first = env1["field.service.cycle"].browse(ids[3]).generate_orders(today="2026-03-02")
                second = env2["field.service.cycle"].browse(ids[3]).generate_orders(today="2026-03-02")
                self.assertEqual(len(first), 6)
                self.assertFalse(second, "the cycle locked by the first worker is skipped, not waited for")
                cr1.commit()
                cr2.rollback()  # the next cron run is a new transaction
                again = env2["field.service.cycle"].browse(ids[3]).generate_orders(today="2026-03-02")
                self.assertFalse(again, "already generated by the other worker")
                cr2.commit()
            finally:
                cr1.close()
                cr2.close()
            with registry.cursor() as cr:
                cr.execute("SELECT count(*) FROM field_service_order WHERE cycle_id = %s", (ids[3],))
                self.assertEqual(cr.fetchone()[0], 6)
        finally:
            with registry.cursor() as cr:
                cr.execute("SELECT id FROM field_service_order WHERE cycle_id = %s", (ids[3],))
                order_ids = tuple(row[0] for row in cr.fetchall()) or (0,)
                cr.execute("DELETE FROM aftersales_sla_timer WHERE res_model = 'field.service.order' AND res_id IN %s",
                           (order_ids,))
                cr.execute("DELETE FROM mail_message WHERE model = 'field.service.order' AND res_id IN %s",
                           (order_ids,))
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'field.service.order' AND res_id IN %s",
                           (order_ids,))
                cr.execute("DELETE FROM field_service_order WHERE id IN %s", (order_ids,))
                cr.execute("DELETE FROM field_service_cycle WHERE id = %s", (ids[3],))
                cr.execute("DELETE FROM mail_message WHERE model = 'field.service.cycle' AND res_id = %s", (ids[3],))
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'field.service.cycle' AND res_id = %s",
                           (ids[3],))
                cr.execute("DELETE FROM maintenance_equipment WHERE id = %s", (ids[2],))
                cr.execute("DELETE FROM hr_employee WHERE id = %s", (ids[1],))
                cr.execute("DELETE FROM res_partner WHERE id = %s", (ids[0],))
                cr.commit()
