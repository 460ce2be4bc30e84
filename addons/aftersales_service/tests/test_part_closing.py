# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The 15-day spare-part closing (补件收尾, S1-4.5)."""
from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError

from .common_part_request import PartRequestCase


class TestPartClosing(PartRequestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Closing = cls.env["aftersales.closing"]
        cls.Penalty = cls.env["aftersales.penalty"]
        cls.colleague = cls.env["hr.employee"].create({"name": "售后专员 何静"})

    def _owing_request(self, product, qty=1, responsible=None):
        """An approved request in progress whose part is not in stock, promised today."""
        today = fields.Date.context_today(self.Request)
        vals = {"promised_date": today}
        if responsible:
            vals["responsible_id"] = responsible.id
        request = self.approve(self.submit(self.make_request([(product, qty)], **vals)))
        request.sudo(self.supervisor).action_start()
        self.assertEqual(request.state, "in_progress")
        return request

    def _closing(self, **vals):
        closing = self.Closing.sudo(self.supervisor).create(dict({
            "date": fields.Date.context_today(self.Closing)}, **vals))
        closing.action_compute_lines()
        return self.Closing.browse(closing.id)

    def test_three_open_lines_after_grace_propose_three_penalties(self):
        owing = [self._owing_request(self.headboard), self._owing_request(self.drawer, 2),
                 self._owing_request(self.armrest, responsible=self.colleague)]
        delivered_later = self._owing_request(self.headboard)
        self.stock(self.armrest, 1)
        done = self.approve(self.submit(self.make_request([(self.armrest, 1)])))
        done.sudo(self.supervisor).action_start()
        done.sudo(self.supervisor).action_ship()

        closing = self._closing()
        self.assertTrue(closing.name.startswith("SW/"))
        # Only this office's customers (demo requests may owe parts too).
        closing.line_ids.filtered(lambda l: l.partner_id not in self.dealer | self.dealer2).unlink()
        listed = closing.line_ids.mapped("request_id")
        self.assertEqual(set(listed.ids), set(r.id for r in owing + [delivered_later]),
                         "every owed part is listed, delivered ones are not")
        self.assertEqual(closing.line_ids.filtered(lambda l: l.request_id == owing[1]).qty_open, 2)
        self.assertEqual(closing.line_ids.filtered(lambda l: l.request_id == owing[2]).responsible_id,
                         self.colleague)

        closing.sudo(self.supervisor).action_submit()
        self.assertEqual(closing.state, "to_approve")
        with self.assertRaises(AccessError):
            closing.sudo(self.technician).validate_tier()
        with self.assertRaisesRegex(AccessError, "Quality Director"):
            closing.sudo(self.supervisor).validate_tier()  # not a reviewer, and its submitter
        self.assertEqual(closing.state, "to_approve", "only the quality director approves")
        closing.sudo(self.director).validate_tier()
        self.assertEqual(closing.state, "approved")
        approved = fields.Datetime.from_string(closing.approved_date)
        self.assertEqual(fields.Datetime.from_string(closing.grace_deadline) - approved, timedelta(days=3))
        timer = self.timer(closing, "closing_grace")
        self.assertEqual(timer.state, "running")

        # During the grace one part arrives and ships.
        self.stock(self.headboard, 1)
        delivered_later.action_mark_ready()
        delivered_later.sudo(self.supervisor).action_ship()
        with self.assertRaisesRegex(UserError, "grace runs until"), freeze_time(approved + timedelta(days=2)):
            closing.action_evaluate()

        after_grace = approved + timedelta(days=3, minutes=1)
        self.Closing._cron_closing_cycle(now=after_grace)
        self.assertEqual(closing.state, "done")
        overdue = closing.line_ids.filtered(lambda l: l.state == "overdue")
        self.assertEqual(sorted(overdue.mapped("request_id").ids), sorted(r.id for r in owing))
        self.assertEqual(closing.line_ids.filtered(lambda l: l.request_id == delivered_later).state, "delivered")
        penalties = self.Penalty.search([("rule_id.code", "=", "overdue_part"),
                                         ("employee_id", "in", (self.employee | self.colleague).ids)])
        self.assertEqual(len(penalties), 3, "one proposal per still-open line")
        self.assertEqual(penalties, overdue.mapped("penalty_id"))
        self.assertEqual(set(penalties.mapped("state")), {"proposed"})
        self.assertEqual(sorted(p.employee_id.id for p in penalties),
                         sorted([self.employee.id, self.employee.id, self.colleague.id]))
        self.assertEqual(set(penalties.mapped("amount")), {self.overdue_rule.amount_min})
        self.assertEqual(sorted(p.source_ref.id for p in penalties), sorted(overdue.ids))
        self.assertIn(owing[1].name, penalties.filtered(lambda p: p.source_ref.request_id == owing[1]).reason)
        self.assertEqual(timer.state, "breached", "parts still owed after the grace")

        # Never twice: the cron and the lines run again without new proposals.
        self.Closing._cron_closing_cycle(now=after_grace + timedelta(hours=1))
        closing.line_ids._evaluate(self.overdue_rule, after_grace)
        with self.assertRaises(UserError), freeze_time(after_grace):
            closing.action_evaluate()
        self.assertEqual(self.Penalty.search_count([("rule_id.code", "=", "overdue_part"),
                                                    ("employee_id", "in", (self.employee | self.colleague).ids)]), 3)

    def test_grace_is_at_most_three_days(self):
        self._owing_request(self.headboard)
        with self.assertRaisesRegex(ValidationError, "cannot exceed 3 days"):
            self._closing(grace_days=4)
        closing = self._closing(grace_days=2)
        closing.action_submit()
        closing.sudo(self.director).validate_tier()
        self.assertEqual(fields.Datetime.from_string(closing.grace_deadline)
                         - fields.Datetime.from_string(closing.approved_date), timedelta(days=2))
        self.assertEqual(self.timer(closing, "closing_grace").deadline, closing.grace_deadline)

    def test_empty_closing_cannot_be_submitted_and_specialist_cannot_approve(self):
        today = fields.Date.from_string(fields.Date.context_today(self.Closing))
        closing = self._closing(date=fields.Date.to_string(today - timedelta(days=1)))
        self.assertFalse(closing.line_ids, "nothing was promised by yesterday")
        with self.assertRaisesRegex(UserError, "no owed parts"):
            closing.action_submit()
        self._owing_request(self.headboard)
        closing.date = fields.Date.to_string(today)
        closing.action_compute_lines()
        closing.action_submit()
        with self.assertRaises(UserError):
            closing.sudo(self.specialist).action_approve()
        self.assertEqual(closing.state, "to_approve")

    def test_cron_opens_a_closing_every_15_days(self):
        self.Closing.search([("state", "in", ("draft", "to_approve", "approved"))]).action_cancel()
        # The cron works on the local business day: at 22:00 UTC it is already the next
        # day in Shanghai, the day the owed part was promised for.
        self.env.user.tz = "Asia/Shanghai"
        self._owing_request(self.headboard)
        local_today = fields.Date.from_string(fields.Date.context_today(self.Closing))
        now = datetime.combine(local_today, time(0, 0)) - timedelta(hours=2)
        created = self.Closing._cron_closing_cycle(now=now)
        self.assertEqual(len(created), 1)
        self.assertEqual(created.state, "draft")
        self.assertEqual(created.date, fields.Date.to_string(local_today))
        self.assertEqual(len(created.line_ids.filtered(lambda l: l.partner_id == self.dealer)), 1)
        self.assertFalse(self.Closing._cron_closing_cycle(now=now + timedelta(days=14)),
                         "within the cycle no second closing")
        self.assertEqual(len(self.Closing._cron_closing_cycle(now=now + timedelta(days=15))), 1)
