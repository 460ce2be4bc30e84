# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Role matrix of the depot documents (issue 11, SPEC §2): who creates depots, counts,
asks for, approves and receives replenishments, sends, receives, inspects and resolves
defect returns. See aftersales_service/tests/common_matrix.py for how each case runs."""
from .common import DepotCase
from odoo.addons.aftersales_service.tests.common_matrix import RoleMatrixMixin, web_create
from odoo.addons.aftersales_service.tests.common_roles import role_user

STOCK_ROLES = {"keeper", "supervisor", "director", "manager"}
QUALITY_ROLES = {"supervisor", "director", "manager"}


class TestDepotRoleMatrix(RoleMatrixMixin, DepotCase):
    MATRIX_NAME = "depot"
    MATRIX = [
        ("stock.warehouse", "depot_create", {"manager"}),
        ("stock.picking", "issue_parts", STOCK_ROLES),
        ("stock.inventory", "count", STOCK_ROLES),
        ("depot.replenishment", "replenishment_submit", STOCK_ROLES),
        ("depot.replenishment", "replenishment_approve", QUALITY_ROLES),
        ("depot.replenishment", "replenishment_receive", STOCK_ROLES),
        ("depot.defect.return", "defect_send", STOCK_ROLES),
        ("depot.defect.return", "defect_receive", STOCK_ROLES),
        ("depot.defect.return", "defect_inspect", QUALITY_ROLES),
        ("depot.defect.return", "defect_resolve", QUALITY_ROLES),
    ]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the approver of the arrangements: one user per tier, never the submitter (admin)
        cls.approver = role_user(cls.env, "mx_depot_approver", "supervisor")
        cls.packer = cls.env["hr.employee"].create({"name": "矩阵装箱人"})

    def setUp(self):
        super().setUp()
        self.users = self._step_matrix_users()
        # the keeper of the matrix keeps the level 3 depot and HQ (defect returns arrive there)
        (self.level3 | self.hq).write({"keeper_ids": [(4, self.users["keeper"].id)]})
        self.receive(self.level2, self.belt, 100)
        self.receive(self.level3, self.belt, 20)
        self.receive(self.hq, self.belt, 20)

    def test_role_matrix(self):
        self.assertStepMatrix(self.users)

    # -- steps -------------------------------------------------------------
    def _step_depot_create(self, user):
        depot = web_create(self.env["stock.warehouse"].sudo(user), {
            "name": "矩阵二级站", "code": "MX2", "depot_level": "level_2", "parent_depot_id": self.level1.id})
        self.assertEqual(depot.value_cap, 30000.0)
        self.assertTrue(depot.lot_stock_id)

    def _step_issue_parts(self, user):
        picking = self.delivery(self.level3, self.belt, 2).sudo(user)
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def _step_count(self, user):
        self.env["stock.warehouse"]._cron_prepare_monthly_counts(today="2031-03-01")
        count = self.env["stock.inventory"].search([("depot_id", "=", self.level3.id),
                                                    ("count_month", "=", "2031-03-01")])
        count = count.sudo(user)
        belt_line = count.line_ids.filtered(lambda line: line.product_id == self.belt)
        count.write({"line_ids": [(1, belt_line.id, {"product_qty": 20})]})
        count.action_done()
        self.assertEqual(count.state, "done")

    def _replenishment(self, user=None):
        Replenishment = self.env["depot.replenishment"]
        if user:
            Replenishment = Replenishment.sudo(user)
        return web_create(Replenishment, {
            "depot_id": self.level3.id,
            "line_ids": [(0, 0, {"product_id": self.belt.id, "product_qty": 5})]})

    def _step_replenishment_submit(self, user):
        replenishment = self._replenishment(user)
        replenishment.action_submit()
        self.assertEqual(replenishment.state, "submitted")

    def _step_replenishment_approve(self, user):
        replenishment = self._replenishment()
        replenishment.action_submit()
        replenishment.sudo(user).action_approve()
        self.assertEqual(replenishment.state, "approved")

    def _step_replenishment_receive(self, user):
        replenishment = self._replenishment()
        replenishment.action_submit()
        replenishment.sudo(self.approver).action_approve()
        picking = replenishment.picking_id.sudo(user)
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        self.assertEqual(picking.state, "done")

    def _defect_return(self, user=None):
        Return = self.env["depot.defect.return"]
        if user:
            Return = Return.sudo(user)
        return web_create(Return, {
            "depot_id": self.level3.id, "hq_depot_id": self.hq.id, "project": "矩阵工地",
            "packer_id": self.packer.id,
            "line_ids": [(0, 0, {"product_id": self.belt.id, "product_qty": 1, "fault": "断裂"})]})

    def _step_defect_send(self, user):
        ret = self._defect_return(user)
        ret.action_send()
        self.assertEqual(ret.state, "sent")

    def _sent_return(self):
        ret = self._defect_return()
        ret.action_send()
        return ret

    def _step_defect_receive(self, user):
        ret = self._sent_return()
        ret.sudo(user).write({"checker_id": self.packer.id, "receiver_id": self.packer.id})
        picking = ret.picking_id.sudo(user)
        for move_line in picking.move_line_ids:
            move_line.qty_done = move_line.product_uom_qty
        picking.button_validate()
        self.assertEqual(ret.state, "received")

    def _received_return(self):
        ret = self._sent_return()
        ret.write({"checker_id": self.packer.id, "receiver_id": self.packer.id})
        self.validate_picking(ret.picking_id)
        ret.line_ids.write({"verdict": "product_defect", "qc_note": "材料缺陷"})
        return ret

    def _step_defect_inspect(self, user):
        ret = self._received_return()
        ret.sudo(user).action_inspect()
        self.assertEqual(ret.state, "inspected")

    def _step_defect_resolve(self, user):
        ret = self._received_return()
        ret.action_inspect()
        ret.sudo(user).action_resolve()
        self.assertEqual(ret.state, "done")
