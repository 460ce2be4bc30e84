# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Technicians see and work only their own orders and their van depot (SPEC §2)."""
from odoo.exceptions import AccessError, UserError

from .common import FieldServiceCase


class TestTechnicianAccess(FieldServiceCase):

    def setUp(self):
        super().setUp()
        self.mine = self._repair()
        self.other = self._repair(technician_id=self.technician2.id)
        (self.mine | self.other).sudo(self.supervisor_user).action_dispatch()

    def test_technician_cannot_read_another_technicians_order(self):
        Order = self.Order.sudo(self.tech_user)
        self.assertEqual(Order.search([("id", "in", (self.mine | self.other).ids)]), self.mine.sudo(self.tech_user))
        self.mine.sudo(self.tech_user).read(["name", "equipment_id", "partner_id"])
        with self.assertRaises(AccessError):
            self.other.sudo(self.tech_user).read(["name"])
        with self.assertRaises(AccessError):
            self.other.sudo(self.tech_user).write({"solution": "x"})

    def test_technician_cannot_close_without_report(self):
        order = self.mine.sudo(self.tech_user)
        order.action_arrive()
        with self.assertRaises(UserError):
            order.action_finish()
        self.assertEqual(self.mine.state, "on_site")

    def test_technician_cannot_create_or_dispatch(self):
        with self.assertRaises(AccessError):
            self.Order.sudo(self.tech_user).create({"partner_id": self.customer.id})

    def test_team_member_sees_the_order(self):
        self.other.technician_ids = self.technician
        # A team member (not the lead technician) may read the order: no AccessError.
        self.assertEqual(self.other.sudo(self.tech_user).read(["name"])[0]["name"], self.other.name)

    def test_technician_sees_only_his_van(self):
        Location = self.env["stock.location"].sudo(self.tech_user)
        visible = Location.search([("id", "in", (self.van | self.van2).ids)])
        self.assertEqual(visible.ids, self.van.ids)
        self._stock(self.part, self.van, 3)
        self._stock(self.part, self.van2, 7)
        quants = self.env["stock.quant"].sudo(self.tech_user).search([("product_id", "=", self.part.id)])
        self.assertEqual(quants.mapped("location_id"), self.van, "only the own van's stock")
        customers = Location.search([("usage", "=", "customer")])
        self.assertTrue(customers, "non-internal locations stay visible")

    def test_supervisor_sees_all(self):
        orders = self.Order.sudo(self.supervisor_user).search([("id", "in", (self.mine | self.other).ids)])
        self.assertEqual(len(orders), 2)
