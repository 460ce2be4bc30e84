# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""aftersales.sla.mixin (deadlines, start, stop, cancel, the traffic light and its
searches, breach actions, access) on a small document model built for these tests
only, the way OCA's base_tier_validation tests its mixin."""
from freezegun import freeze_time

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common_roles import role_user
from .common_sla import SlaAssertions, create_sla_fixtures, utc
from .common_tester import build_test_model, drop_test_model, built_by_tests_only

# The test calendar works Mon-Fri 8:00-17:00 in Asia/Shanghai (UTC+8):
# 8:00 local = 0:00 UTC, 17:00 local = 9:00 UTC. 2026-03-06 is a Friday.
FRIDAY_17_LOCAL = utc(2026, 3, 6, 9, 0)


@built_by_tests_only
class SlaTester(models.Model):
    """A document using the timers as the suite's documents do: chatter, activities,
    the mixin; a company (whose calendar counts working time), an ``active`` flag
    (``toggle_active`` is the breach method of some tests) and the employee who
    answers for its deadlines (the ``_sla_responsible`` hook)."""
    _name = "aftersales.sla.tester"
    _description = "SLA Tester"
    _inherit = ["mail.thread", "mail.activity.mixin", "aftersales.sla.mixin"]

    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.user.company_id)
    employee_id = fields.Many2one("hr.employee", "Responsible")

    @api.multi
    def _sla_responsible(self, code):
        self.ensure_one()
        return self.employee_id


class SlaTesterCase(SlaAssertions, SavepointCase):
    """The fixtures of ``create_sla_fixtures`` and three tester documents, once per class."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        build_test_model(cls.env, SlaTester)
        cls.env["ir.model.access"].create({
            "name": "access_aftersales_sla_tester_user", "model_id": cls.env["ir.model"]._get(SlaTester._name).id,
            "group_id": cls.env.ref("base.group_user").id,
            "perm_read": True, "perm_write": True, "perm_create": True, "perm_unlink": True})
        for key, value in create_sla_fixtures(cls.env).items():
            setattr(cls, key, value)
        cls.Tester = cls.env[SlaTester._name]
        cls.documents = cls.Tester
        for name in ("上海华安电梯有限公司 1#梯", "杭州宏达家具城 报修单", "苏州金鼎物业 投诉"):
            cls.documents |= cls.Tester.create({"name": name})

    @classmethod
    def tearDownClass(cls):
        drop_test_model(cls.env, SlaTester)
        super().tearDownClass()


class TestSlaDeadlines(SlaTesterCase):
    """Deadlines as the procedures count them (SPEC §3.1)."""

    def test_48_working_hours_from_friday_evening(self):
        # S1-4.10: 48 h inspection, counted in working hours for the test.
        rule = self.rule_model.create({
            "code": "t_wh48", "name": "48 working hours", "duration": 48, "unit": "working_hours",
            "grace": 4, "calendar_id": self.calendar.id})
        timer = self.documents[0]._sla_start("t_wh48", start=FRIDAY_17_LOCAL, responsible=self.technician)
        # By hand: Friday 17:00 has no hours left; Mon 9 + Tue 9 + Wed 9 + Thu 9 + Fri 9 = 45,
        # the 3 remaining hours end Monday 2026-03-16 at 11:00 local = 03:00 UTC.
        self.assertEqual(timer.deadline, "2026-03-16 03:00:00")
        # Grace of 4 working hours on top: Monday 15:00 local = 07:00 UTC.
        self.assertEqual(timer.grace_deadline, "2026-03-16 07:00:00")
        # At risk after 80 % of the natural span (234 h): 187.2 h after the start.
        self.assertEqual(timer.at_risk_date, "2026-03-14 04:12:00")
        self.assertEqual(timer.state, "running")
        self.assertEqual(timer.responsible_id, self.technician)
        self.assertEqual((timer.res_model, timer.res_id, timer.rule_id), (SlaTester._name, self.documents[0].id, rule))

    def test_working_hours_skip_public_holiday(self):
        self.rule_model.create({"code": "t_wh48", "name": "48 working hours", "duration": 48,
                                "unit": "working_hours", "calendar_id": self.calendar.id})
        # Wednesday 2026-03-11 off (00:00-23:59 local).
        self.env["resource.calendar.leaves"].create({
            "name": "Holiday", "calendar_id": self.calendar.id, "tz": "Asia/Shanghai",
            "date_from": "2026-03-10 16:00:00", "date_to": "2026-03-11 15:59:59"})
        timer = self.documents[0]._sla_start("t_wh48", start=FRIDAY_17_LOCAL)
        # Mon, Tue, Thu, Fri, Mon = 45 h; 3 more on Tuesday 2026-03-17 -> 11:00 local.
        self.assertEqual(timer.deadline, "2026-03-17 03:00:00")

    def test_working_hours_ending_with_the_day(self):
        # 9 working hours from Monday 8:00 end Monday 17:00, not at Tuesday's opening.
        self.rule_model.create({"code": "t_wh9", "name": "9 working hours", "duration": 9,
                                "unit": "working_hours", "calendar_id": self.calendar.id})
        timer = self.documents[0]._sla_start("t_wh9", start=utc(2026, 3, 9, 0, 0))
        self.assertEqual(timer.deadline, "2026-03-09 09:00:00")

    def test_company_calendar_when_rule_has_none(self):
        self.rule_model.create({"code": "t_wh3", "name": "3 working hours", "duration": 3,
                                "unit": "working_hours"})
        # Saturday 10:00 local: next working time is Monday 8:00, so Monday 11:00 local.
        timer = self.documents[0]._sla_start("t_wh3", start=utc(2026, 3, 7, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-09 03:00:00")

    def test_factory_repair_10_working_days(self):
        # S1 第五篇: factory repair within ten working days; the day of receipt does not count.
        rule = self.env.ref("aftersales_service.sla_rule_repair_factory")
        self.assertEqual((rule.duration, rule.unit), (10, "working_days"))
        # Received Monday 2026-03-09 10:00 local: day 1 is Tuesday, day 10 is Monday 2026-03-23,
        # due at its end (17:00 local = 09:00 UTC).
        timer = self.documents[0]._sla_start("repair_factory", start=utc(2026, 3, 9, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-23 09:00:00")
        # Received on Saturday: day 1 is Monday 2026-03-09, day 10 is Friday 2026-03-20.
        timer = self.documents[1]._sla_start("repair_factory", start=utc(2026, 3, 7, 2, 0))
        self.assertEqual(timer.deadline, "2026-03-20 09:00:00")

    def test_natural_units_and_grace(self):
        self.rule_model.create({"code": "t_30min", "name": "Arrival", "duration": 30, "unit": "minutes",
                                "grace": 10})
        self.rule_model.create({"code": "t_3d", "name": "Result sent", "duration": 3, "unit": "days",
                                "grace": 1, "at_risk_percent": 50})
        timer = self.documents[0]._sla_start("t_30min", start=FRIDAY_17_LOCAL)
        self.assertEqual((timer.deadline, timer.grace_deadline), ("2026-03-06 09:30:00", "2026-03-06 09:40:00"))
        timer = self.documents[0]._sla_start("t_3d", start=FRIDAY_17_LOCAL)
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
            self.documents[0]._sla_start("no_such_rule")
        self.rule_model.create({"code": "t_other", "name": "Other model", "duration": 1, "unit": "hours",
                                "model_id": self.env.ref("base.model_res_users").id})
        with self.assertRaises(UserError):
            self.documents[0]._sla_start("t_other")


class TestSlaStartStop(SlaTesterCase):
    """Start, stop, cancel and the traffic light of a document."""

    def setUp(self):
        super().setUp()
        self.rule = self.rule_model.create({
            "code": "t_24h", "name": "Complaint response", "duration": 24, "unit": "hours", "grace": 2,
            "penalty_rule_id": self.penalty_rule.id, "breach_activity": True})
        self.start = utc(2026, 3, 2, 0, 0)  # deadline 03-03 00:00, grace until 02:00

    def test_start_is_idempotent_per_record(self):
        timers = self.documents._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(len(timers), 3)
        again = self.documents[:2]._sla_start("t_24h", start=utc(2026, 3, 2, 5, 0))
        self.assertEqual(again, timers[:2])
        self.assertEqual(again[0].start, "2026-03-02 00:00:00")
        self.assertEqual(self.timer_model.search_count([("rule_id", "=", self.rule.id)]), 3)

    def test_stop_before_deadline_is_met(self):
        doc = self.documents[0]
        doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        timer = doc._sla_stop("t_24h", stop=utc(2026, 3, 2, 23, 0))
        self.assertEqual((timer.state, timer.stop), ("met", "2026-03-02 23:00:00"))
        self.assertFalse(self.penalties(doc))
        self.assertEqual(doc._sla_values(now="2026-03-05 00:00:00")[doc.id], (False, "none"))

    def test_stop_within_grace_is_met(self):
        doc = self.documents[0]
        doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        timer = doc._sla_stop("t_24h", stop=utc(2026, 3, 3, 2, 0))  # exactly at the grace deadline
        self.assertEqual(timer.state, "met")
        self.assertFalse(self.penalties(doc))

    def test_stop_after_grace_is_breached_and_acts_once(self):
        doc = self.documents[0]
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
        doc = self.documents[0]
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
        doc = self.documents[0]
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
        on_time, late, closed_late = self.documents
        on_time._sla_start("t_24h", start=self.start)  # deadline 03-03 00:00, grace to 02:00
        late._sla_start("t_24h", start=utc(2026, 3, 2, 12, 0))  # deadline 03-03 12:00
        closed_late._sla_start("t_24h", start=self.start)
        closed_late._sla_stop("t_24h", stop=utc(2026, 3, 3, 3, 0))
        with freeze_time("2026-03-03 01:00:00"):
            def search(value, operator="="):  # as a list view's filter searches: on the field
                return self.Tester.search([("sla_state", operator, value)]) & self.documents
            self.assertEqual(search("at_risk"), on_time)
            self.assertEqual(search("on_track"), late)
            self.assertEqual(search("breached"), closed_late)
            self.assertFalse(search("overdue"))
            self.assertEqual(search(["at_risk", "on_track"], "in"), on_time | late)
            self.assertEqual(search("on_track", "!="), on_time | closed_late)
            self.assertFalse(search("none"))
            self.assertEqual(self.Tester.search([("sla_deadline", "<", "2026-03-03 06:00:00")]), on_time)
        with freeze_time("2026-03-03 02:30:00"):
            self.assertEqual(search("overdue"), on_time)
        on_time._sla_cancel("t_24h")
        late._sla_stop("t_24h", stop=utc(2026, 3, 3, 0, 0))
        self.assertEqual(search("none"), on_time | late)
        # the traffic light the lists and boards show: no open timer left on any of them
        self.assertEqual(self.documents._sla_values(now="2026-03-03 04:00:00"), {
            on_time.id: (False, "none"), late.id: (False, "none"), closed_late.id: (False, "breached")})

    def test_cancel(self):
        doc = self.documents[0]
        timer = doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        doc._sla_cancel("t_24h")
        self.assertEqual(timer.state, "cancelled")
        self.assertFalse(self.timer_model._cron_sweep(now=utc(2026, 3, 9)))
        self.assertFalse(self.penalties(doc))
        self.assertEqual(doc._sla_values(now="2026-03-09 00:00:00")[doc.id], (False, "none"))
        # a new timer may start after the cancelled one
        self.assertNotEqual(doc._sla_start("t_24h", start=self.start), timer)

    def test_activity_falls_back_to_group_without_manager(self):
        doc = self.documents[1]
        group = self.env["res.groups"].create({"name": "SLA escalation", "users": [(6, 0, self.tech_user.ids)]})
        self.rule.activity_group_id = group
        doc._sla_start("t_24h", start=self.start, responsible=self.manager)  # Wang Qiang has no manager
        doc._sla_stop("t_24h", stop=utc(2026, 3, 4))
        self.assertEqual(self.activities(doc, self.rule).mapped("user_id"), self.tech_user)

    def test_breach_method_called_once_per_batch(self):
        self.rule.write({"penalty_rule_id": False, "breach_activity": False, "breach_method": "toggle_active"})
        self.documents._sla_start("t_24h", start=self.start)
        self.timer_model._cron_sweep(now=utc(2026, 3, 4))
        self.assertFalse(any(self.documents.with_context(active_test=False).mapped("active")))
        self.timer_model._cron_sweep(now=utc(2026, 3, 5))
        self.assertFalse(any(self.documents.with_context(active_test=False).mapped("active")))

    def test_failing_breach_method_recorded_not_blocking(self):
        self.rule_model.create({"code": "t_broken", "name": "Broken", "duration": 1, "unit": "hours",
                                "breach_activity": False, "breach_method": "action_no_such_method"})
        broken = self.documents[0]._sla_start("t_broken", start=self.start)
        good = self.documents[1]._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 4)), broken | good)
        self.assertIn("action_no_such_method", broken.breach_error)
        self.assertFalse(good.breach_error)
        self.assertEqual(len(self.penalties(self.documents[1])), 1)
        # once the rule is fixed, a manager retries the failed actions
        broken.rule_id.write({"breach_method": "toggle_active"})
        broken.action_retry_breach()
        self.assertFalse(broken.breach_error)
        self.assertFalse(self.documents[0].active)
        with self.assertRaises(UserError):
            good.action_retry_breach()

    def test_responsible_from_the_document(self):
        """Without ``responsible``, the document says who answers for it (``_sla_responsible``)."""
        doc, other = self.documents[:2]
        doc.employee_id = self.technician
        timer = doc._sla_start("t_24h", start=self.start)
        self.assertEqual(timer.responsible_id, self.technician)
        self.assertFalse(other._sla_start("t_24h", start=self.start).responsible_id)
        doc._sla_stop("t_24h", stop=utc(2026, 3, 4))
        self.assertEqual(self.penalties(doc).employee_id, self.technician)
        self.assertEqual(self.activities(doc, self.rule).user_id, self.manager_user)

    def test_deadline_fields_of_the_document(self):
        """``sla_timer_ids``, ``sla_deadline`` and ``sla_state``: what lists and boards show."""
        doc, other = self.documents[:2]
        timer = doc._sla_start("t_24h", start=self.start, responsible=self.technician)
        self.assertEqual(doc.sla_timer_ids, timer)
        self.assertFalse(other.sla_timer_ids)
        for now, light in (("2026-03-02 12:00:00", "on_track"), ("2026-03-02 19:12:00", "at_risk"),
                           ("2026-03-03 02:00:01", "overdue")):
            with freeze_time(now):
                doc.invalidate_cache(["sla_deadline", "sla_state"])
                self.assertEqual((doc.sla_deadline, doc.sla_state), ("2026-03-03 00:00:00", light))
        self.assertEqual((other.sla_deadline, other.sla_state), (False, "none"))
        doc._sla_stop("t_24h", stop=utc(2026, 3, 2, 23, 0))  # met: forgets the cached deadline fields
        self.assertEqual((doc.sla_deadline, doc.sla_state), (False, "none"))
        other._sla_start("t_24h", start=self.start)
        other._sla_stop("t_24h", stop=utc(2026, 3, 4))
        self.assertEqual((other.sla_deadline, other.sla_state), (False, "breached"))

    def test_deleting_the_document_closes_its_timers(self):
        running, swept = self.documents[:2]
        running_timer = running._sla_start("t_24h", start=utc(2026, 3, 2, 12, 0), responsible=self.technician)
        swept_timer = swept._sla_start("t_24h", start=self.start, responsible=self.technician)
        ours = running_timer | swept_timer
        self.assertEqual(self.timer_model._cron_sweep(now=utc(2026, 3, 3, 3, 0)) & ours, swept_timer)
        (running | swept).unlink()
        self.assertEqual((running_timer.state, running_timer.stop), ("cancelled", False))
        self.assertEqual(swept_timer.state, "breached")
        self.assertTrue(swept_timer.stop, "the breached timer of a deleted document is closed")
        self.assertFalse(self.timer_model._cron_sweep(now=utc(2026, 3, 9)) & ours)
        self.assertEqual(len(self.penalties()), 1, "only the breach before the deletion")


class TestSlaAccess(SlaTesterCase):
    """Users read timers; only the system and managers write; technicians see their own."""

    def setUp(self):
        super().setUp()
        self.rule_model.create({"code": "t_1h", "name": "One hour", "duration": 1, "unit": "hours"})
        self.own = self.documents[0]._sla_start("t_1h", responsible=self.technician)
        self.other = self.documents[1]._sla_start("t_1h", responsible=self.manager)

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
        self.documents[2].sudo(self.manager_user)._sla_start("t_1h")
        timer = self.documents[2].sudo(self.manager_user)._sla_stop("t_1h")
        self.assertEqual(timer.state, "met")

    def test_manager_configures_rules(self):
        manager = role_user(self.env, "sla_zhao_min", "manager", name="Zhao Min")
        rule = self.rule_model.sudo(manager).get_by_code("t_1h")
        rule.write({"duration": 2})
        self.assertEqual(rule.duration, 2)
