# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Bad input never leaves half-created pickings or sale orders (SPEC §9)."""
from unittest.mock import patch

from odoo.exceptions import UserError

from .common_part_request import PartRequestCase


class TestPartRequestAtomic(PartRequestCase):

    def _count(self, model, domain):
        return self.env[model].search_count(domain)

    def test_failure_while_placing_orders_rolls_everything_back(self):
        self.stock(self.armrest, 5)
        request = self.approve(self.submit(self.make_request([
            (self.armrest, 1),
            (self.drawer, 1, {"route": "workshop"}),
            (self.headboard, 1, {"route": "fg_borrow", "package_product_id": self.package.id}),
        ])))
        job_timers = self._count("aftersales.sla.timer", [("res_model", "=", "aftersales.part.job")])
        line_class = type(self.env["aftersales.part.request.line"])
        with patch.object(line_class, "_create_borrows", side_effect=UserError("仓库系统故障")):
            with self.assertRaisesRegex(UserError, "仓库系统故障"):
                request.sudo(self.supervisor).action_start()
        self.assertEqual(request.state, "approved")
        self.assertEqual(self._count("stock.picking", [("part_request_id", "=", request.id)]), 0,
                         "the depot delivery made before the failure is gone")
        self.assertEqual(self._count("aftersales.part.job", [("request_id", "=", request.id)]), 0)
        self.assertEqual(self._count("aftersales.sla.timer", [("res_model", "=", "aftersales.part.job")]), job_timers,
                         "no production timer left behind")
        # The same request then starts cleanly.
        request.sudo(self.supervisor).action_start()
        self.assertEqual(len(request.picking_ids), 1)
        self.assertEqual(len(request.job_ids), 2)
        self.assertEqual(len(request.borrow_ids), 1)

    def test_failure_at_approval_leaves_no_sale_order(self):
        request = self.submit(self.make_request([(self.headboard, 1)], reason="customer_damage", amount=200))
        request.sudo(self.supervisor).validate_tier()
        order_class = type(self.env["sale.order"])
        with patch.object(order_class, "create", side_effect=UserError("价格表缺失")):
            with self.assertRaisesRegex(UserError, "价格表缺失"):
                request.sudo(self.director).validate_tier()
        self.assertEqual(request.state, "submitted")
        self.assertEqual(self._count("sale.order", [("part_request_id", "=", request.id)]), 0)
        self.assertEqual(len(request.review_ids.filtered(lambda r: r.status == "approved")), 1,
                         "the director's approval is rolled back with the rest")
        request.sudo(self.director).validate_tier()
        self.assertEqual(request.state, "approved")
        self.assertEqual(len(request.sale_order_ids), 1)

    def test_failed_loading_ships_nothing(self):
        self.stock(self.armrest, 5)
        free = self.approve(self.submit(self.make_request([(self.armrest, 1)])))
        charged = self.approve(self.submit(
            self.make_request([(self.armrest, 1)], reason="customer_damage", amount=90)))
        (free | charged).sudo(self.supervisor).action_start()
        loading = self.env["aftersales.loading.list"].generate().filtered(lambda l: l.partner_id == self.dealer)
        self.assertEqual(loading.request_ids, free | charged)
        request_class = type(self.env["aftersales.part.request"])
        with patch.object(request_class, "_create_invoices", side_effect=UserError("发票号码段用完")):
            with self.assertRaisesRegex(UserError, "发票号码段用完"):
                loading.sudo(self.supervisor).action_load()
        self.assertEqual(loading.state, "draft")
        self.assertEqual((free | charged).mapped("state"), ["ready", "ready"])
        self.assertEqual(set((free | charged).mapped("picking_ids.state")), {"assigned"})
        self.assertEqual(self.on_hand(self.armrest, self.warehouse.lot_stock_id), 5)
        loading.sudo(self.supervisor).action_load()
        self.assertEqual((free | charged).mapped("state"), ["shipped", "shipped"])
        self.assertEqual(charged.invoice_ids.amount_total, 90)
        self.assertFalse(free.invoice_ids)

    def test_bad_route_settings_refused_before_anything_is_made(self):
        request = self.approve(self.submit(self.make_request([(self.armrest, 1)])))
        # A line without a depot (e.g. the depot was removed from it) is refused up front.
        request.line_ids.sudo().write({"warehouse_id": False})
        with self.assertRaisesRegex(UserError, "source depot"):
            request.sudo(self.supervisor).action_start()
        self.assertEqual(self._count("stock.picking", [("part_request_id", "=", request.id)]), 0)
