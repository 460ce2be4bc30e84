# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Two invoicing crons at once (workers > 0, several servers): each period is
invoiced by exactly one of them (rows locked FOR UPDATE SKIP LOCKED)."""
from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase


class TestInvoicingRace(TransactionCase):

    def _arrange(self):
        """A contract in force with one due period, committed in its own cursor."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create({"name": "并发测试客户", "customer": True})
            equipment = env["maintenance.equipment"].create({"name": "并发测试电梯", "customer_id": partner.id})
            contract = env["maintenance.contract"].create({
                "partner_id": partner.id,
                "contract_type_id": env.ref("maintenance_contract.contract_type_elevator").id,
                "date_start": "2026-01-01", "date_end": "2026-12-31", "billing": "quarterly",
                "line_ids": [(0, 0, {"equipment_id": equipment.id, "fee": 12000.0})]})
            contract._generate_schedule()
            cr.execute("UPDATE maintenance_contract SET state = 'active' WHERE id = %s", (contract.id,))
            cr.commit()
            return partner.id, equipment.id, contract.id

    def _cleanup(self, partner_id, equipment_id, contract_id):
        with self.registry.cursor() as cr:
            cr.execute("DELETE FROM account_invoice WHERE maintenance_contract_id = %s", (contract_id,))
            cr.execute("DELETE FROM maintenance_record_book WHERE contract_id = %s", (contract_id,))
            cr.execute("DELETE FROM maintenance_contract WHERE id = %s", (contract_id,))
            cr.execute("DELETE FROM maintenance_equipment WHERE id = %s", (equipment_id,))
            cr.execute("DELETE FROM res_partner WHERE id = %s", (partner_id,))
            cr.commit()

    def test_two_crons_invoice_a_period_once(self):
        partner_id, equipment_id, contract_id = self._arrange()
        cr1, cr2 = self.registry.cursor(), self.registry.cursor()
        try:
            cr2.execute("SET LOCAL lock_timeout = '5s'")  # waiting for the first cron's rows fails, never hangs
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            first = env1["maintenance.contract.schedule"]._cron_create_invoices(today="2026-01-01")
            # the first cron holds its periods: the second one skips them instead of waiting
            second = env2["maintenance.contract.schedule"]._cron_create_invoices(today="2026-01-01")
            self.assertEqual(first.filtered(lambda i: i.maintenance_contract_id.id == contract_id).amount_untaxed,
                             3000.0)
            self.assertFalse(second.filtered(lambda i: i.maintenance_contract_id.id == contract_id))
            cr1.commit()
            cr2.rollback()
            # the next run (a new transaction) finds the period invoiced
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            third = env2["maintenance.contract.schedule"]._cron_create_invoices(today="2026-01-01")
            self.assertFalse(third.filtered(lambda i: i.maintenance_contract_id.id == contract_id))
            cr2.rollback()
            cr1.execute("SELECT count(*) FROM account_invoice WHERE maintenance_contract_id = %s", (contract_id,))
            self.assertEqual(cr1.fetchone()[0], 1)
        finally:
            cr1.rollback()
            cr2.rollback()
            cr1.close()
            cr2.close()
            self._cleanup(partner_id, equipment_id, contract_id)
