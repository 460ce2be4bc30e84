# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Shared arrangement of the contract tests: a manager, a supervisor, a customer
with two elevators, a 13 % output VAT on the maintenance fee product."""
from freezegun import freeze_time

from odoo.addons.aftersales_service.tests.common_roles import role_user
from odoo.tests.common import SavepointCase


class ContractCase(SavepointCase):
    """Data created once per class; each test runs in its own savepoint."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.user.company_id
        cls.company.write({
            "contract_renewal_months": 3, "contract_arrears_days": 30,
            "contract_suspension_days": 60, "contract_archive_months": 12})
        cls.manager = role_user(cls.env, "mc_manager", "manager", name="刘总")
        cls.supervisor = role_user(cls.env, "mc_supervisor", "supervisor", name="陈主管")
        # the after-sales lead is also the salesperson of the customer (a user less to create)
        cls.salesman = cls.supervisor
        cls.technician = cls.env["hr.employee"].create({"name": "王师傅"})
        cls.customer = cls.env["res.partner"].create({
            "name": "上海锦江大厦物业管理有限公司", "customer": True, "user_id": cls.salesman.id})
        cls.branch = cls.env["res.partner"].create({"name": "华东分公司", "is_company": True})
        cls.tax = cls.env["account.tax"].create({
            "name": "VAT 13%", "amount": 13.0, "amount_type": "percent", "type_tax_use": "sale",
            "company_id": cls.company.id})
        cls.product = cls.env.ref("maintenance_contract.product_maintenance_fee")
        cls.product.write({"taxes_id": [(6, 0, cls.tax.ids)]})
        cls.ctype = cls.env.ref("maintenance_contract.contract_type_elevator")
        Equipment = cls.env["maintenance.equipment"]
        cls.elevator1 = Equipment.create(cls._equipment_vals("1号客梯", "SH-E-0001"))
        cls.elevator2 = Equipment.create(cls._equipment_vals("2号客梯", "SH-E-0002"))

    @classmethod
    def _equipment_vals(cls, name, serial, **kw):
        vals = {"name": name, "serial_no": serial}
        fields = cls.env["maintenance.equipment"]._fields
        if "customer_id" in fields:
            vals.update(customer_id=cls.customer.id, technician_id=cls.technician.id)
        vals.update(kw)
        return vals

    @classmethod
    def _contract(cls, fees=(12000.0,), billing="quarterly", date_start="2026-01-01",
                  date_end="2026-12-31", **kw):
        equipment = [cls.elevator1, cls.elevator2]
        vals = {
            "partner_id": cls.customer.id,
            "project_name": "锦江大厦",
            "branch_id": cls.branch.id,
            "user_id": cls.salesman.id,
            "contract_type_id": cls.ctype.id,
            "date_start": date_start,
            "date_end": date_end,
            "billing": billing,
            "line_ids": [(0, 0, {"equipment_id": equipment[i].id, "fee": fee, "standard_fee": 12000.0,
                                 "technician_id": cls.technician.id})
                         for i, fee in enumerate(fees)],
        }
        vals.update(kw)
        return cls.env["maintenance.contract"].create(vals)

    @classmethod
    def _approve(cls, contract):
        contract.sudo(cls.supervisor).action_submit()
        contract.sudo(cls.manager).validate_tier()
        return contract

    @classmethod
    def _activate(cls, contract, today="2026-01-01"):
        with freeze_time("%s 08:00:00" % today):
            cls._approve(contract)
            contract.action_activate()
        return contract

    @classmethod
    def _pay(cls, invoice, date):
        journal = cls.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", cls.company.id)], limit=1)
        payment = cls.env["account.payment"].create({
            "payment_type": "inbound",
            "partner_type": "customer",
            "partner_id": invoice.partner_id.id,
            "amount": invoice.residual,
            "journal_id": journal.id,
            "payment_date": date,
            "payment_method_id": cls.env.ref("account.account_payment_method_manual_in").id,
            "invoice_ids": [(6, 0, invoice.ids)],
        })
        payment.post()
        return payment
