# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError

from .common_roles import role_user
from .common_sla import SlaCase, utc

# The test calendar works Mon-Fri 8:00-17:00 in Asia/Shanghai (UTC+8):
# 8:00 local = 0:00 UTC, 17:00 local = 9:00 UTC. 2026-03-06 is a Friday.
FRIDAY_17_LOCAL = utc(2026, 3, 6, 9, 0)


class TestSlaDeadlines(SlaCase):
    """Deadlines as the procedures count them (SPEC §3.1)."""

    def test_48_working_hours_from_friday_evening(self):
        # S1-4.10: 48 h inspection, counted in working hours for the test.
        rule = self.rule_model.create({
            "code": "t_wh48", "name": "48 working hours", "duration": 48, "unit": "working_hours",
            "grace": 4, "calendar_id": self.calendar.id})
        timer = self.customers[0]._sla_start("t_wh48", start=FRIDAY_17_LOCAL, responsible=self.technician)
        # By hand: Friday 17:00 has no hours left; Mon 9 + Tue 9 + Wed 9 + Thu 9 + Fri 9 = 45,
        # the 3 remaining hours end Monday 2026-03-16 at 11:00 local = 03:00 UTC.
        self.assertEqual(timer.deadline, "2026-03-16 03:00:00")
        # Grace of 4 working hours on top: Monday 15:00 local = 07:00 UTC.
        self.assertEqual(timer.grace_deadline, "2026-03-16 07:00:00")
        # At risk after 80 % of the natural span (234 h): 187.2 h after the start.
        self.assertEqual(timer.at_risk_date, "2026-03-14 04:12:00")
        self.assertEqual(timer.state, "running")
        self.assertEqual(timer.responsible_id, self.technician)
        self.assertEqual((timer.res_model, timer.res_id, timer.rule_id), ("res.partner", self.customers[0].id, rule))

    def test_working_hours_skip_public_holiday(self):
        self.rule_model.create({"code": "t_wh48", "name": "48 working hours", "duration": 48,
                                "unit": "working_hours", "calendar_id": self.calendar.id})
        # Wednesday 2026-03-11 off (00:00-23:59 local).
        self.env["resource.calendar.leaves"].create({
            "name": "Holiday", "calendar_id": self.calendar.id, "tz": "Asia/Shanghai",
            "date_from": "2026-03-10 16:00:00", "date_to": "2026-03-11 15:59:59"})
        timer = self.customers[0]._sla_start("t_wh48", start=FRIDAY_17_LOCAL)
        # Mon, Tue, Thu, Fri, Mon = 45 h; 3 more on Tuesday 2026-03-17 -> 11:00 local.
        self.assertEqual(timer.deadline, "2026-03-17 03:00:00")

    def test_working_hours_ending_with_the_day(self):
        # 9 working hours from Monday 8:00 end Monday 17:00, not at Tuesday's opening.
        self.rule_model.create({"code": "t_wh9", "name": "9 working hours", "duration": 9,
                                "unit": "working_hours", "calendar_id": self.calendar.id})
        timer = self.customers[0]._sla_start("t_wh9", start=utc(2026, 3, 9, 0, 0))
        self.assertEqual(timer.deadline, "2026-03-09 09:00:00")

    def test_company_calendar_when_rule_has_none(self):
        self.rule_model.create({"code": "t_wh3", "name": "3 working hours", "duration": 3,
                                "unit": "working_hours"})
        # Saturday 10:00 local: next working time is Monday 8:00, so Monday 11:00 local.
        timer = self.customers[0]._sla_start("t_wh3", start=utc(2026, 3, 7, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-09 03:00:00")

    def test_factory_repair_10_working_days(self):
        # S1 第五篇: factory repair within ten working days; the day of receipt does not count.
        rule = self.env.ref("aftersales_service.sla_rule_repair_factory")
        self.assertEqual((rule.duration, rule.unit), (10, "working_days"))
        # Received Monday 2026-03-09 10:00 local: day 1 is Tuesday, day 10 is Monday 2026-03-23,
        # due at its end (17:00 local = 09:00 UTC).
        timer = self.customers[0]._sla_start("repair_factory", start=utc(2026, 3, 9, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-23 09:00:00")
        # Received on Saturday: day 1 is Monday 2026-03-09, day 10 is Friday 2026-03-20.
        timer = self.customers[1]._sla_start("repair_factory", start=utc(2026, 3, 7, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-20 09:00:00")

    def test_natural_units_and_grace(self):
        self.rule_model.create({"code": "t_30min", "name": "Arrival", "duration": 30, "unit": "minutes",
                                "grace": 10})
        self.rule_model.create({"code": "t_3d", "name": "Result sent", "duration": 3, "unit": "days",
                                "grace": 1, "at_risk_percent": 50})
        timer = self.customers[0]._sla_start("t_30min", start=FRIDAY_17_LOCAL)
        self.assertEqual((timer.deadline, timer.grace_deadline), ("2026-03-06 09:30:00", "2026-03-06 09:40:00"))
        timer = self.customers[0]._sla_start("t_3d", start=FRIDAY_17_LOCAL)
        # Natural days run through the weekend.
        self.assertEqual((timer.deadline, timer.grace_deadline, timer.at_risk_date),
                         ("2026-03-09 09:00:00", "2026-03-10 09:00:00", "2026-03-07 21:00:00"))

    def test_seeded_rules(self):
        expected = {
            "part_promise": (15, "days"), "part_production": (12, "days"), "closing_grace": (3, "days"),
            "return_inspection": (48, "hours"), "return_result_sent": (3, "days"),
            "return_customer_confirm": (2, "days"), "return_resolution": (15, "days"),
            "complaint_response": (24, "hours"), "service_reply": (24, "hours"),
            "service_arrival": (30, "minutes"), "service_arrival_remote": (60, "minutes"),
            "service_entrapment": (30, "minutes"), "repair_minor": (30, "minutes"),
            "repair_major": (2, "hours"), "repair_factory": (10, "working_days"),
        }
        rules = self.rule_model.search([("code", "in", list(expected))])
        self.assertEqual({r.code: (r.duration, r.unit) for r in rules}, expected)
        self.assertEqual(self.rule_model.get_by_code("return_customer_confirm").breach_method,
                         "action_deemed_accepted")

    def test_bad_rules_refused(self):
        with self.assertRaises(ValidationError):
            self.rule_model.create({"code": "t_neg", "name": "Negative", "duration": -1, "unit": "hours"})
        with self.assertRaises(ValidationError):
            self.rule_model.create({"code": "t_half", "name": "Half day", "duration": 1.5, "unit": "working_days"})
        with self.assertRaises(UserError):
            self.customers[0]._sla_start("no_such_rule")
        self.rule_model.create({"code": "t_other", "name": "Other model", "duration": 1, "unit": "hours",
                                "model_id": self.env.ref("base.model_res_users").id})
        with self.assertRaises(UserError):
            self.customers[0]._sla_start("t_other")


class TestSlaStartStop(SlaCase):
    """Start, stop, cancel and the traffic light of a document."""

    def setUp(self):
        super().setUp()
        self.rule = self.rule_model.create({
            "code": "t_24h", "name": "Complaint response", "duration": 24, "unit": "hours", "grace": 2,
            "penalty_rule_id": self.penalty_rule.id, "breach_activity": True})
        self.start = utc(2026, 3, 2, 0, 0)  # deadline 03-03 00:00, grace until 02:00

    def test_start_is_idempotent_per_record(self):
        timers = self.customers._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(len(timers), 3)
        again = self.customers[:2]._sla_start("t_24h", start=utc(2026, 3, 2, 5, 0))
        self.assertEqual(again, timers[:2])
        self.assertEqual(again[0].start, "2026-03-02 00:00:00")
        self.assertEqual(self.timer_model.search_count([("rule_id", "=", self.rule.id)]), 3)

    def test_stop_before_deadline_is_met(self):
        doc = self.customers[0]
        doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        timer = doc._sla_stop("t_24h", stop=utc(2026, 3, 2, 23, 0))
        self.assertEqual((timer.state, timer.stop), ("met", "2026-03-02 23:00:00"))
        self.assertFalse(self.penalties(doc))
        self.assertEqual(doc._sla_values(now="2026-03-05 00:00:00")[doc.id], (False, "none"))

    def test_stop_within_grace_is_met(self):
        doc = self.customers[0]
        doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        timer = doc._sla_stop("t_24h", stop=utc(2026, 3, 3, 2, 0))  # exactly at the grace deadline
        self.assertEqual(timer.state, "met")
        self.assertFalse(self.penalties(doc))

    def test_stop_after_grace_is_breached_and_acts_once(self):
        doc = self.customers[0]
        doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        timer = doc._sla_stop("t_24h", stop=utc(2026, 3, 3, 2, 1))
        self.assertEqual((timer.state, timer.breach_date), ("breached", "2026-03-03 02:01:00"))
        penalty = self.penalties(doc)
        self.assertEqual(len(penalty), 1)
        self.assertEqual((penalty.employee_id, penalty.amount, penalty.state, penalty.source_ref),
                         (self.technician, 50.0, "proposed", doc))
        activity = self.activities(doc, self.rule)
        self.assertEqual(activity.user_id, self.manager_user)  # the technician's manager
        self.assertEqual(doc._sla_values(now="2026-03-05 00:00:00")[doc.id], (False, "breached"))
        # neither a later sweep nor stopping again acts a second time
        self.assertFalse(self.timer_model._cron_sweep(now=utc(2026, 3, 9)))
        doc._sla_stop("t_24h", stop=utc(2026, 3, 4))
        self.assertEqual(len(self.penalties(doc)), 1)
        self.assertEqual(len(self.activities(doc, self.rule)), 1)

    def test_stop_after_sweep_keeps_single_breach(self):
        doc = self.customers[0]
        timer = doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 3, 0)), timer)
        self.assertEqual((timer.state, timer.stop), ("breached", False))
        self.assertEqual(len(self.penalties(doc)), 1)
        doc._sla_stop("t_24h", stop=utc(2026, 3, 3, 6, 0))
        self.assertEqual((timer.state, timer.stop, timer.breach_date),
                         ("breached", "2026-03-03 06:00:00", "2026-03-03 03:00:00"))
        self.assertEqual(len(self.penalties(doc)), 1)
        self.assertEqual(len(self.activities(doc, self.rule)), 1)

    def test_traffic_light(self):
        doc = self.customers[0]
        timer = doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        light = {now: doc._sla_values(now=now)[doc.id][1] for now in (
            "2026-03-02 12:00:00", "2026-03-02 19:12:00", "2026-03-03 01:00:00", "2026-03-03 02:00:01")}
        self.assertEqual(light, {
            "2026-03-02 12:00:00": "on_track",
            "2026-03-02 19:12:00": "at_risk",  # 80 % of 24 h
            "2026-03-03 01:00:00": "at_risk",  # past the deadline, within grace
            "2026-03-03 02:00:01": "overdue",  # past the grace deadline, not yet swept
        })
        self.assertEqual(doc._sla_values(now="2026-03-02 12:00:00")[doc.id][0], "2026-03-03 00:00:00")
        with freeze_time("2026-03-02 20:00:00"):
            self.assertEqual(timer.status, "at_risk")
            self.assertEqual(self.timer_model.search([("status", "=", "at_risk"), ("id", "=", timer.id)]), timer)
            self.assertFalse(self.timer_model.search([("status", "in", ("on_track", "overdue")),
                                                      ("id", "=", timer.id)]))
        with freeze_time("2026-03-04 00:00:00"):
            self.timer_model._cron_sweep()
            timer.invalidate_cache()
            self.assertEqual((timer.state, timer.status), ("breached", "overdue"))
            self.assertEqual(self.timer_model.search([("status", "=", "overdue"), ("id", "=", timer.id)]), timer)

    def test_search_documents_by_deadline_status(self):
        on_time, late, closed_late = self.customers
        on_time._sla_start("t_24h", start=self.start)  # deadline 03-03 00:00, grace to 02:00
        late._sla_start("t_24h", start=utc(2026, 3, 2, 12, 0))  # deadline 03-03 12:00
        closed_late._sla_start("t_24h", start=self.start)
        closed_late._sla_stop("t_24h", stop=utc(2026, 3, 3, 3, 0))
        partners = self.env["res.partner"]
        with freeze_time("2026-03-03 01:00:00"):
            def search(value, operator="="):
                return partners.search(partners._search_sla_state(operator, value)) & self.customers
            self.assertEqual(search("at_risk"), on_time)
            self.assertEqual(search("on_track"), late)
            self.assertEqual(search("breached"), closed_late)
            self.assertFalse(search("overdue"))
            self.assertEqual(search(["at_risk", "on_track"], "in"), on_time | late)
            self.assertEqual(search("on_track", "!="), on_time | closed_late)
            self.assertFalse(search("none"))
            self.assertEqual(partners.search(partners._search_sla_deadline("<", "2026-03-03 06:00:00")), on_time)
        with freeze_time("2026-03-03 02:30:00"):
            self.assertEqual(search("overdue"), on_time)
        on_time._sla_cancel("t_24h")
        late._sla_stop("t_24h", stop=utc(2026, 3, 3, 0, 0))
        self.assertEqual(search("none"), on_time | late)
        # the traffic light the lists and boards show: no open timer left on any of them
        self.assertEqual(self.customers._sla_values(now="2026-03-03 04:00:00"), {
            on_time.id: (False, "none"), late.id: (False, "none"), closed_late.id: (False, "breached")})

    def test_cancel(self):
        doc = self.customers[0]
        timer = doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        doc._sla_cancel("t_24h")
        self.assertEqual(timer.state, "cancelled")
        self.assertFalse(self.timer_model._cron_sweep(now=utc(2026, 3, 9)))
        self.assertFalse(self.penalties(doc))
        self.assertEqual(doc._sla_values(now="2026-03-09 00:00:00")[doc.id], (False, "none"))
        # a new timer may start after the cancelled one
        self.assertNotEqual(doc._sla_start("t_24h", start=self.start), timer)

    def test_activity_falls_back_to_group_without_manager(self):
        doc = self.customers[1]
        group = self.env["res.groups"].create({"name": "SLA escalation", "users": [(6, 0, self.tech_user.ids)]})
        self.rule.activity_group_id = group
        doc._sla_start("t_24h", start=self.start, responsible=self.manager)  # Wang Qiang has no manager
        doc._sla_stop("t_24h", stop=utc(2026, 3, 4))
        self.assertEqual(self.activities(doc, self.rule).mapped("user_id"), self.tech_user)

    def test_breach_method_called_once_per_batch(self):
        self.rule.write({"penalty_rule_id": False, "breach_activity": False, "breach_method": "toggle_active"})
        self.customers._sla_start("t_24h", start=self.start)
        self.timer_model._cron_sweep(now=utc(2026, 3, 4))
        self.assertFalse(any(self.customers.with_context(active_test=False).mapped("active")))
        self.timer_model._cron_sweep(now=utc(2026, 3, 5))
        self.assertFalse(any(self.customers.with_context(active_test=False).mapped("active")))

    def test_failing_breach_method_recorded_not_blocking(self):
        self.rule_model.create({"code": "t_broken", "name": "Broken", "duration": 1, "unit": "hours",
                                "breach_activity": False, "breach_method": "action_no_such_method"})
        broken = self.customers[0]._sla_start("t_broken", start=self.start)
        good = self.customers[1]._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 4)), broken | good)
        self.assertIn("action_no_such_method", broken.breach_error)
        self.assertFalse(good.breach_error)
        self.assertEqual(len(self.penalties(self.customers[1])), 1)
        # once the rule is fixed, a manager retries the failed actions
        broken.rule_id.write({"breach_method": "toggle_active"})
        broken.action_retry_breach()
        self.assertFalse(broken.breach_error)
        self.assertFalse(self.customers[0].active)
        with self.assertRaises(UserError):
            good.action_retry_breach()


class TestSlaAccess(SlaCase):
    """Users read timers; only the system and managers write; technicians see their own."""

    def setUp(self):
        super().setUp()
        self.rule_model.create({"code": "t_1h", "name": "One hour", "duration": 1, "unit": "hours"})
        self.own = self.customers[0]._sla_start("t_1h", responsible=self.technician)
        self.other = self.customers[1]._sla_start("t_1h", responsible=self.manager)

    def test_technician_sees_own_timers(self):
        visible = self.timer_model.sudo(self.tech_user).search([("rule_id.code", "=", "t_1h")])
        self.assertEqual(visible, self.own)
        visible = self.timer_model.sudo(self.manager_user).search([("rule_id.code", "=", "t_1h")])
        self.assertEqual(visible, self.own | self.other)

    def test_users_do_not_write_timers_or_rules(self):
        with self.assertRaises(AccessError):
            self.own.sudo(self.manager_user).write({"state": "met"})
        with self.assertRaises(AccessError):
            self.rule_model.sudo(self.manager_user).get_by_code("t_1h").write({"duration": 5})
        # but a specialist's document action starts and stops timers (as the system)
        self.customers[2].sudo(self.manager_user)._sla_start("t_1h")
        timer = self.customers[2].sudo(self.manager_user)._sla_stop("t_1h")
        self.assertEqual(timer.state, "met")

    def test_manager_configures_rules(self):
        manager = role_user(self.env, "sla_zhao_min", "manager", name="Zhao Min")
        rule = self.rule_model.sudo(manager).get_by_code("t_1h")
        rule.write({"duration": 2})
        self.assertEqual(rule.duration, 2)
