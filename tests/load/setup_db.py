# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Prepare the load database (run by scripts/load.sh through ``odoo-bin shell``).

Never run against a database that matters: it shortens the service-level
rules to one minute and makes the crons fire every minute. It creates, per
client, role users (base.group_user + ONE suite role, password = login, via
the suite's own ``role_user``), their employees (the technician's and the
specialist's manager is the client's supervisor, so that breach activities
have an addressee), a technician van with stock, a customer who received
parts (so that returns are returnable), and shared maintenance cycles that
every client generates at once. Prints one JSON line ``LOAD_FIXTURES {...}``
that the runner reads.
"""
import json
import os
from datetime import date

from odoo.addons.aftersales_service.tests.common_roles import role_user

CLIENTS = int(os.environ.get("LOAD_CLIENTS", "10"))
CYCLES = int(os.environ.get("LOAD_CYCLES", "6"))
# dispatched orders per client whose arrival deadlines fall due over the traffic phase
BACKLOG = int(os.environ.get("LOAD_BACKLOG", "15"))
# received (not dispatched) orders per client: their reply deadline has no responsible, so each
# breach schedules an activity for every user of the rule's fallback group (many at once)
BACKLOG_RECEIVED = int(os.environ.get("LOAD_BACKLOG_RECEIVED", "5"))
BACKLOG_LEAD = int(os.environ.get("LOAD_BACKLOG_LEAD", "45"))   # s from now to the first deadline
BACKLOG_SPAN = int(os.environ.get("LOAD_BACKLOG_SPAN", "120"))  # s over which they fall due
SHORT_RULES = os.environ.get("LOAD_SHORT_RULES", (
    "part_promise,service_reply,service_arrival,service_arrival_remote,service_entrapment,"
    "repair_minor,repair_major,return_inspection,complaint_response,return_result_sent")).split(",")
SUITE_MODULES = ("aftersales_service", "spare_parts_depot", "field_service", "maintenance_contract")
RACED_CRONS = ("aftersales_service.ir_cron_aftersales_sla_sweep", "field_service.cron_field_service_cycle")

env = env(context=dict(env.context, tracking_disable=True, mail_create_nosubscribe=True,  # noqa: F821
                       no_reset_password=True))
ref = env.ref
company = env.user.company_id
warehouse = ref("stock.warehouse0")
Quant = env["stock.quant"]
Employee = env["hr.employee"]

# ---------------------------------------------------------------- products
# Three parts, each shared by a third of the clients: one part for all ten made one stock
# quant the hot spot of every reservation, and both Odoo's own sale-order confirmation and the
# suite's start then ran out of Odoo's five retries on it (runs of 2026-12-06).
PARTS = 3
parts = []
for number in range(PARTS):
    parts.append(env["product.product"].create({
        "name": "Load test part %d" % number, "default_code": "LOAD-PART-%d" % number, "type": "product",
        "list_price": 50.0, "standard_price": 20.0, "taxes_id": [(5,)], "supplier_taxes_id": [(5,)]}))
    Quant._update_available_quantity(parts[-1], warehouse.lot_stock_id, 1000000)

# ---------------------------------------------------------------- complaint category
category = env["aftersales.complaint.category"].create({"name": "Load test complaints", "route": "supervisor"})

# ---------------------------------------------------------------- people, vans, customers
customer_location = ref("stock.stock_location_customers")
out_type = warehouse.out_type_id
# Odoo's yardstick list: the sale orders read as a salesperson who sees all of them (the
# suite's list reads see all of their documents too), not the supervisor's own few
sales_all = role_user(env, "load_sales_all", "odoo_sales_all", name="Load sales (all documents)",
                      password="load_sales_all")
clients = []
for index in range(CLIENTS):
    part = parts[index % PARTS]

    def user(role, index=index):
        login = "load_%s_%02d" % (role, index)
        return role_user(env, login, role, name="Load %s %02d" % (role, index), password=login)

    spec, sup, director, keeper, tech = (user(r) for r in
                                         ("specialist", "supervisor", "director", "keeper", "technician"))
    keeper.write({"depot_ids": [(4, warehouse.id)]})
    emp_sup = Employee.create({"name": sup.name, "user_id": sup.id})
    emp_spec = Employee.create({"name": spec.name, "user_id": spec.id, "parent_id": emp_sup.id})
    Employee.create({"name": director.name, "user_id": director.id})
    Employee.create({"name": keeper.name, "user_id": keeper.id, "parent_id": emp_sup.id})
    van = env["stock.location"].create({
        "name": "Load van %02d" % index, "usage": "internal", "location_id": warehouse.view_location_id.id})
    emp_tech = Employee.create({"name": tech.name, "user_id": tech.id, "parent_id": emp_sup.id,
                                "van_location_id": van.id})
    Quant._update_available_quantity(part, van, 100000)
    customer = env["res.partner"].create({"name": "Load customer %02d" % index, "customer": True,
                                          "phone": "1380000%04d" % index})
    # parts already delivered to the customer: what the return scenario sends back
    picking = env["stock.picking"].create({
        "picking_type_id": out_type.id, "partner_id": customer.id,
        "location_id": warehouse.lot_stock_id.id, "location_dest_id": customer_location.id,
        "move_lines": [(0, 0, {"name": "load delivery", "product_id": part.id, "product_uom": part.uom_id.id,
                               "product_uom_qty": 20000, "location_id": warehouse.lot_stock_id.id,
                               "location_dest_id": customer_location.id})]})
    picking.action_confirm()
    picking.action_assign()
    for move_line in picking.move_line_ids:
        move_line.qty_done = move_line.product_uom_qty
    picking.action_done()
    clients.append({
        "index": index,
        "logins": {"specialist": spec.login, "supervisor": sup.login, "director": director.login,
                   "keeper": keeper.login, "technician": tech.login, "sales_all": sales_all.login},
        "employee_specialist": emp_spec.id, "employee_technician": emp_tech.id,
        "supervisor_uid": sup.id, "customer": customer.id, "van": van.id, "part": part.id,
    })

# ---------------------------------------------------------------- shared cycles
cycles = []
first_tech = Employee.browse(clients[0]["employee_technician"])
for index in range(CYCLES):
    customer = env["res.partner"].browse(clients[index % CLIENTS]["customer"])
    equipment = env["maintenance.equipment"].create({
        "name": "Load lift %02d" % index, "customer_id": customer.id, "technician_id": first_tech.id})
    cycles.append(env["field.service.cycle"].create({
        "name": "Load patrol %02d" % index, "equipment_id": equipment.id, "partner_id": customer.id,
        "order_type": "patrol", "interval_days": 1, "next_date": date.today().isoformat(),
        "technician_id": first_tech.id}).id)

# ---------------------------------------------------------------- deadlines that breach during the run
rules = env["aftersales.sla.rule"].with_context(active_test=False).search([("code", "in", SHORT_RULES)])
rules.write({"duration": 1, "unit": "minutes", "grace": 0, "active": True})
env["aftersales.sla.rule"]._link_default_penalty_rules()

# ---------------------------------------------------------------- a backlog that breaches during the traffic
# Dispatched repair orders whose arrival deadlines fall due one after the other over the
# traffic phase: the sweep crons breach them (activity for the technician's manager, the
# late-arrival penalty) while the clients work, as a busy day's backlog would be.
backlog_ids = []
Order = env["field.service.order"]
for index, client in enumerate(clients):
    for number in range(BACKLOG):
        order = Order.create({
            "order_type": "repair", "partner_id": client["customer"], "caller_name": "load backlog",
            "technician_id": client["employee_technician"], "symptom": "backlog"})
        order.action_dispatch()
        backlog_ids.append(order.id)
    for number in range(BACKLOG_RECEIVED):
        backlog_ids.append(Order.create({
            "order_type": "repair", "partner_id": client["customer"], "caller_name": "load backlog",
            "technician_id": client["employee_technician"], "symptom": "backlog, not dispatched"}).id)
env.cr.execute("""
    UPDATE aftersales_sla_timer t
       SET deadline = o.due, grace_deadline = o.due, at_risk_date = (now() at time zone 'UTC')
      FROM (SELECT id, (now() at time zone 'UTC')
                       + make_interval(secs => %(lead)s + %(span)s * row_number() OVER (ORDER BY id) / %(count)s) AS due
              FROM field_service_order WHERE id = ANY(%(ids)s)) o
     WHERE t.res_model = 'field.service.order' AND t.res_id = o.id AND t.state = 'running'
""", {"ids": backlog_ids, "lead": BACKLOG_LEAD, "span": BACKLOG_SPAN, "count": max(1, len(backlog_ids))})
# the technicians arrive at some of them right when they fall due, racing the sweep
env.cr.execute("""SELECT o.technician_id, o.id, to_char(t.grace_deadline, 'YYYY-MM-DD HH24:MI:SS')
                    FROM aftersales_sla_timer t JOIN field_service_order o ON o.id = t.res_id
                   WHERE t.res_model = 'field.service.order' AND t.state = 'running' AND o.id = ANY(%s)
                     AND o.state = 'dispatched'""",
               (backlog_ids,))
by_technician = {}
for technician_id, order_id, due in env.cr.fetchall():
    by_technician.setdefault(technician_id, []).append([order_id, due])
for client in clients:
    client["backlog"] = sorted(by_technician.get(client["employee_technician"], []), key=lambda item: item[1])

# ---------------------------------------------------------------- crons every minute
env.cr.execute("SELECT to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')")
now = env.cr.fetchone()[0]
suite_crons = env["ir.cron"].browse([d.res_id for d in env["ir.model.data"].search([
    ("model", "=", "ir.cron"), ("module", "in", SUITE_MODULES)])]).exists()
suite_crons.write({"interval_number": 1, "interval_type": "minutes", "nextcall": now, "active": True,
                   "numbercall": -1})
raced = env["ir.cron"]
for xmlid in RACED_CRONS:
    cron = ref(xmlid, False)
    if cron:
        # a second job with the same code: both servers' cron threads run them at once
        raced |= cron.copy({"name": "%s (load: second job)" % cron.name, "nextcall": now,
                            "interval_number": 1, "interval_type": "minutes"})
# Odoo skips a database whose modules wait to be installed (scripts/lib.sh settle_modules).
env.cr.execute("UPDATE ir_module_module SET state = 'uninstalled' WHERE state = 'to install'")

fixtures = {
    "part": parts[0].id, "part_uom": parts[0].uom_id.id, "category": category.id, "cycles": cycles,
    "warehouse": warehouse.id, "clients": clients,
    "backlog_orders": len(backlog_ids),
    "crons": sorted((suite_crons | raced).mapped("name")),
    "short_rules": sorted(rules.mapped("code")),
}
env.cr.commit()
print("LOAD_FIXTURES " + json.dumps(fixtures))
