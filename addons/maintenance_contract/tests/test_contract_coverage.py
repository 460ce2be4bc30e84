# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Orders on equipment under a paid contract are free of labour per the contract
terms (field_service billing mode extended); consumables used are reported per
contract (S2-一-4.1.3)."""
from .common import ContractCase


class TestContractCoverage(ContractCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contract = cls._activate(cls._contract(fees=(12000.0, 12000.0)))
        cls.lamp = cls.env["product.product"].create({
            "name": "轿厢照明灯管", "type": "consu", "standard_price": 35.0, "maintenance_consumable": True})
        cls.board = cls.env["product.product"].create({
            "name": "门机控制板", "type": "consu", "standard_price": 1800.0})

    def _order(self, received, equipment=None):
        return self.env["field.service.order"].create({
            "order_type": "repair",
            "equipment_id": (equipment or self.elevator1).id,
            "partner_id": self.customer.id,
            "date_received": received,
            "symptom": "轿厢灯不亮",
        })

    def test_labour_free_parts_at_cost_under_contract(self):
        order = self._order("2026-03-01 02:00:00")
        self.assertEqual(order.coverage, "contract_labour")
        self.assertEqual(order.billing_mode, "contract_labour")
        self.assertEqual(order.maintenance_contract_id, self.contract)
        outside = self._order("2027-03-01 02:00:00")
        self.assertEqual(outside.coverage, "none")
        self.assertEqual(outside.billing_mode, "out_of_warranty")
        self.assertFalse(outside.maintenance_contract_id)

    def test_full_coverage_is_free_and_suspension_removes_it(self):
        self.contract.coverage = "full"
        order = self._order("2026-03-01 02:00:00")
        self.assertEqual(order.coverage, "contract_full")
        self.assertEqual(order.billing_mode, "free")
        order.abnormal_damage = True
        self.assertEqual(order.billing_mode, "parts_at_cost")
        self.contract.sudo(self.manager).action_suspend()
        order.invalidate_cache()
        self.assertEqual(order.billing_mode, "out_of_warranty")

    def test_consumables_used_on_contract_orders_reported(self):
        order = self._order("2026-03-01 02:00:00")
        uom = self.env.ref("product.product_uom_unit")
        for product, qty in ((self.lamp, 2.0), (self.board, 1.0)):
            self.env["field.service.order.part"].create({
                "order_id": order.id, "product_id": product.id, "quantity": qty,
                "product_uom": uom.id, "unit_cost": product.standard_price})
        order._record_contract_consumables()
        consumables = self.contract.consumable_ids
        self.assertEqual(consumables.product_id, self.lamp, "only wearing parts are reported")
        self.assertEqual(consumables.quantity, 2.0)
        self.assertEqual(consumables.amount, 70.0)
        self.assertEqual(consumables.order_id, order)
        order._record_contract_consumables()
        self.assertEqual(len(self.contract.consumable_ids), 1, "reported once")
        # a site purchase at the local price (S2-二-7.2.2)
        oil = self.env["maintenance.contract.consumable"].create({
            "contract_id": self.contract.id, "equipment_id": self.elevator2.id, "product_id": self.lamp.id,
            "quantity": 5.0, "unit_price": 28.0, "source": "site_purchase", "supplier": "锦江五金店"})
        oil.sudo(self.supervisor).action_confirm()
        self.contract.invalidate_cache()
        self.assertEqual(self.contract.consumable_amount, 210.0)
