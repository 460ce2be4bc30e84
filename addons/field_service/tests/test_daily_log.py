# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Technician daily log (S1 第二篇 三-(三)-4: the day's repairs reported every day)."""
from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import FieldServiceCase


class TestDailyLog(FieldServiceCase):

    def test_daily_log_lists_the_days_orders_and_is_private(self):
        with freeze_time("2026-03-02 01:00:00"):
            order = self._repair()
            order.action_dispatch()
            order.sudo(self.tech_user).action_arrive()
            other = self._repair(technician_id=self.technician2.id)
            other.action_dispatch()
            other.sudo(self.tech2_user).action_arrive()
        Log = self.env["field.service.daily.log"]
        log = Log.sudo(self.tech_user).create({"date": "2026-03-02"})
        self.assertEqual(log.technician_id, self.technician, "the technician's own log by default")
        self.assertEqual(log.order_ids, order.sudo(self.tech_user))
        with self.assertRaisesRegex(UserError, "work done"):
            log.action_submit()
        log.write({"work_done": "锦江大厦1号客梯: 门机控制板故障排查", "phoned_in": True})
        log.action_submit()
        self.assertEqual(log.state, "submitted")
        with self.assertRaises(UserError):
            log.unlink()
        with self.assertRaises(AccessError):
            log.sudo(self.tech2_user).read(["work_done"])
        log.sudo(self.supervisor_user).action_review()
        self.assertEqual(log.state, "reviewed")
        with self.assertRaisesRegex(IntegrityError, "field_service_daily_log_technician_date_uniq"), \
                mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            Log.create({"technician_id": self.technician.id, "date": "2026-03-02"})
