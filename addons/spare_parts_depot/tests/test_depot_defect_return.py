# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""S2-二-6.2: defective parts go back to HQ with a packing list; a product
defect is replaced, site-caused damage charged to who caused it."""
from odoo.exceptions import UserError

from .common import DepotCase


class TestDefectReturn(DepotCase):

    def setUp(self):
        super().setUp()
        self.receive(self.hq, self.belt, 50)
        self.receive(self.hq, self.curtain, 5)
        self.receive(self.level3, self.belt, 4)
        self.receive(self.level3, self.curtain, 1)
        self.receive(self.level3, self.drive, 1)
        self.employee = self.env["hr.employee"].create({"name": "孙维保"})
        self.packer = self.keeper3_employee
        self.checker = self.env["hr.employee"].create({"name": "周质检"})
        self.receiver = self.env["hr.employee"].create({"name": "吴收货"})
        self.installer = self.env["res.partner"].create({"name": "无锡安装队", "customer": True})
        self.ret = self.env["depot.defect.return"].sudo(self.keeper3).create({
            "depot_id": self.level3.id,
            "hq_depot_id": self.hq.id,
            "project": "无锡万达广场 3#梯",
            "packer_id": self.packer.id,
            "line_ids": [
                (0, 0, {"product_id": self.belt.id, "product_qty": 2, "fault": "断裂"}),
                (0, 0, {"product_id": self.curtain.id, "product_qty": 1, "fault": "无信号"}),
                (0, 0, {"product_id": self.drive.id, "product_qty": 1, "fault": "烧毁"}),
            ],
        })

    def test_full_flow(self):
        ret = self.ret
        ret.action_send()
        self.assertEqual(ret.state, "sent")
        picking = ret.picking_id
        self.assertEqual(picking.location_id, self.level3.lot_stock_id)
        self.assertEqual(picking.location_dest_id, self.hq.defect_location_id)
        self.assertFalse(self.hq.defect_location_id.parent_left >= self.hq.lot_stock_id.parent_left
                         and self.hq.defect_location_id.parent_left < self.hq.lot_stock_id.parent_right,
                         "defective parts stay out of HQ's sellable stock")
        ret.write({"checker_id": self.checker.id, "receiver_id": self.receiver.id})
        self.validate_picking(picking)
        self.assertEqual(ret.state, "received")
        self.assertTrue(ret.date_received)

        with self.assertRaisesRegex(UserError, "Give the QC verdict"):
            ret.sudo(self.supervisor).action_inspect()
        belt_line, curtain_line, drive_line = ret.line_ids.sorted("id")
        belt_line.write({"verdict": "product_defect", "qc_note": "材料缺陷"})
        curtain_line.write({"verdict": "site_caused", "charge_to": "invoice",
                            "responsible_partner_id": self.installer.id, "qc_note": "外力损坏"})
        drive_line.write({"verdict": "site_caused", "charge_to": "penalty",
                          "responsible_employee_id": self.employee.id, "qc_note": "接线错误"})
        with self.assertRaisesRegex(UserError, "Only the quality office"):
            ret.sudo(self.keeper3).action_inspect()
        ret.sudo(self.supervisor).action_inspect()
        self.assertEqual(ret.state, "inspected")
        self.assertEqual(curtain_line.charge_amount, 1200.0)   # at HQ price by default

        ret.sudo(self.supervisor).action_resolve()
        self.assertEqual(ret.state, "done")
        replacement = ret.replacement_picking_id
        self.assertEqual(replacement.location_id, self.hq.lot_stock_id)
        self.assertEqual(replacement.location_dest_id, self.level3.lot_stock_id)
        self.assertEqual(replacement.move_lines.product_id, self.belt)
        self.assertEqual(replacement.move_lines.product_uom_qty, 2)
        self.assertEqual(replacement.state, "assigned")
        invoice = curtain_line.invoice_id
        self.assertEqual(invoice.partner_id, self.installer)
        self.assertAlmostEqual(invoice.amount_untaxed, 1200.0)
        penalty = drive_line.penalty_id
        penalty = penalty.sudo()
        self.assertEqual(penalty.employee_id, self.employee)
        self.assertEqual(penalty.amount, 2800.0)
        self.assertEqual(penalty.rule_id.code, "depot_loss")
        self.assertEqual(ret.sudo(self.supervisor).penalty_ids, penalty)
        self.assertFalse(ret.penalty_ids, "keepers do not see penalties")

    def test_guards(self):
        self.ret.action_send()
        with self.assertRaisesRegex(UserError, "kept for the record"):
            self.ret.unlink()
        self.ret.action_cancel()
        self.assertEqual(self.ret.picking_id.state, "cancel")
        self.assertEqual(self.ret.state, "cancel")
