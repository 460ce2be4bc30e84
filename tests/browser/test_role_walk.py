# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Each demo user does its own step with its own rights (issue 11 acceptance).

A real Odoo server on the test database (demo data); every step is sent over
JSON-RPC exactly as the web client sends it (cookie session of the demo user,
password = login; ``default_get`` + ``create`` with every form field; buttons
through /web/dataset/call_button with no arguments). The demo users hold
``base.group_user`` and ONE after-sales role (checked first).

The specialist's save also goes through the real form in Chromium: the form sends
every field, ``False`` included, which is what refused a specialist's new request.
"""
import base64
import datetime
from pathlib import Path

import pytest

from webclient import RpcError, WebClient

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"

# demo login -> the one suite group it holds (besides base.group_user)
DEMO_ROLES = {
    "as_specialist": "aftersales_service.group_aftersales_user",
    "as_lead": "aftersales_service.group_aftersales_supervisor",
    "as_quality": "aftersales_service.group_quality_director",
    "as_qc": "aftersales_service.group_qc_inspector",
    "as_keeper": "aftersales_service.group_depot_keeper",
    "qian.keeper": "aftersales_service.group_depot_keeper",
    "as_technician": "aftersales_service.group_aftersales_technician",
    "as_manager": "aftersales_service.group_aftersales_manager",
    "as_accountant": "account.group_account_invoice",
}
# a 1x1 PNG: the customer's signature drawn on the phone
SIGNATURE = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cfc0f01f0005000201a2dd2bd60000000049454e44ae426082")).decode()


PASSWORDS = {"qian.keeper": "demo"}  # spare_parts_depot's demo keepers; the others: password = login


def client(server, login):
    return WebClient(server.url, server.db, login, PASSWORDS.get(login))


def refused(call):
    """The step is refused with a message for the user (never a server crash)."""
    with pytest.raises(RpcError) as info:
        call()
    assert info.value.name.rsplit(".", 1)[-1] in ("AccessError", "UserError", "ValidationError"), info.value
    assert info.value.message.strip()
    return info.value


def test_demo_users_hold_one_role(odoo_server):
    for login, group in DEMO_ROLES.items():
        users = odoo_server.rpc(
            "res.users", "search_read", [("login", "=", login)], fields=["groups_id"])  # role-matrix: reads groups
        assert users, "demo user %s" % login
        allowed = set()
        for xmlid in ("base.group_user", group):
            gid = odoo_server.res_id(xmlid)
            assert gid, xmlid
            allowed.add(gid)
            allowed.update(odoo_server.rpc("res.groups", "read", [gid], ["trans_implied_ids"])[0]["trans_implied_ids"])
        extra = set(users[0]["groups_id"]) - allowed  # role-matrix: reads groups
        names = odoo_server.rpc("res.groups", "read", list(extra), ["full_name"]) if extra else []
        assert not extra, "%s carries groups beyond its role: %s" % (login, [n["full_name"] for n in names])


def test_part_request_specialist_lead_director(odoo_server):
    specialist = client(odoo_server, "as_specialist")
    dealer = specialist.search_read("res.partner", [("customer", "=", True), ("is_company", "=", True)],
                                    ["id"], limit=1)[0]["id"]
    part = specialist.search_read("product.product", [("type", "=", "product")], ["id"], limit=1)[0]["id"]
    promised = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    request_id = specialist.form_create("aftersales.part.request", {
        "partner_id": dealer, "reason": "production_defect", "promised_date": promised,
        "consumer_name": "张先生", "consumer_phone": "13838001234",
        "line_ids": [[0, 0, {"product_id": part, "qty": 2}]],
    })
    model = "aftersales.part.request"
    specialist.button(model, "action_confirm_by_phone", [request_id])
    specialist.button(model, "action_submit", [request_id])
    request = specialist.read(model, [request_id], ["state", "name", "review_ids"])[0]
    assert request["state"] == "submitted"
    assert request["review_ids"], "approval tiers requested"
    # the applicant does not approve his own request (S1-4.2)
    refused(lambda: specialist.button(model, "validate_tier", [request_id]))

    lead = client(odoo_server, "as_lead")
    lead.button(model, "validate_tier", [request_id])
    assert lead.read(model, [request_id], ["state"])[0]["state"] == "submitted", "one tier of two"
    refused(lambda: lead.button(model, "validate_tier", [request_id]))  # not two tiers of one document

    director = client(odoo_server, "as_quality")
    director.button(model, "validate_tier", [request_id])
    assert director.read(model, [request_id], ["state"])[0]["state"] == "approved"
    # the specialist follows his approved request
    assert specialist.read(model, [request_id], ["state"])[0]["state"] == "approved"


def test_qc_inspector_stamps_and_receives_workshop_job(odoo_server):
    inspector = client(odoo_server, "as_qc")
    model = "aftersales.part.job"
    jobs = inspector.search_read(model, [("state", "=", "in_production")],
                                 ["name", "partner_id", "product_id", "qty"], limit=1)
    assert jobs, "the inspector sees the workshop jobs in production (demo data)"
    job = jobs[0]
    inspector.button(model, "action_qc_pass", [job["id"]])
    assert inspector.read(model, [job["id"]], ["state"])[0]["state"] == "qc_passed"
    wizard = inspector.form_create("aftersales.part.job.receive", {
        "packaging_intact": True, "label_partner_id": job["partner_id"][0],
        "label_product_id": job["product_id"][0], "label_qty": job["qty"], "qc_stamp": True,
    }, context={"active_model": model, "active_id": job["id"], "active_ids": [job["id"]],
                "default_job_id": job["id"]})
    inspector.button("aftersales.part.job.receive", "action_receive", [wizard])
    assert inspector.read(model, [job["id"]], ["state"])[0]["state"] == "received"


def test_keeper_issues_from_his_depot(odoo_server):
    keeper = client(odoo_server, "qian.keeper")  # keeps the HQ depot and 华东一级站
    pickings = keeper.search_read("stock.picking", [("state", "=", "assigned"),
                                                    ("picking_type_code", "in", ("outgoing", "internal"))],
                                  ["name", "move_lines"], limit=1)
    assert pickings, "a ready transfer of the keeper's depot (demo data)"
    # a depot he does not keep stays out of reach
    foreign = odoo_server.rpc("stock.picking", "search", [("picking_type_id.warehouse_id.code", "=", "SZ2")])
    assert foreign and not keeper.call_kw("stock.picking", "search", [[("id", "in", foreign)]])
    picking = pickings[0]
    action = keeper.button("stock.picking", "button_validate", [picking["id"]])
    if isinstance(action, dict) and action.get("res_model") == "stock.immediate.transfer":
        keeper.button("stock.immediate.transfer", "process", [action["res_id"]])
    assert keeper.read("stock.picking", [picking["id"]], ["state"])[0]["state"] == "done"


def test_technician_works_his_order_to_the_signature(odoo_server):
    tech = client(odoo_server, "as_technician")
    model = "field.service.order"
    orders = tech.search_read(model, [("state", "=", "dispatched"), ("order_type", "=", "repair")],
                              ["name", "technician_id"], limit=1)
    assert orders, "the technician sees his dispatched repair orders (demo data)"
    order_id = orders[0]["id"]
    # opening the form reads every field of the view (this failed on account.invoice)
    names, _fields = tech.form_fields(model)
    tech.read(model, [order_id], names)
    tech.button(model, "action_arrive", [order_id])
    van = odoo_server.rpc("hr.employee", "read", [orders[0]["technician_id"][0]], ["van_location_id"])[0]
    quants = odoo_server.rpc("stock.quant", "search_read", [("location_id", "=", van["van_location_id"][0]),
                                                            ("quantity", ">", 0)], fields=["product_id"], limit=1)
    values = {"fault_cause": "接触器触点烧蚀", "solution": "更换接触器，试运行正常",
              "customer_opinion": "满意", "customer_signature": SIGNATURE}
    if quants:
        uom = odoo_server.rpc("product.product", "read", [quants[0]["product_id"][0]], ["uom_id"])[0]["uom_id"][0]
        values["part_ids"] = [[0, 0, {"product_id": quants[0]["product_id"][0], "quantity": 1, "product_uom": uom}]]
    tech.call_kw(model, "write", [[order_id], values])
    tech.button(model, "action_finish", [order_id])
    assert tech.read(model, [order_id], ["state"])[0]["state"] == "done"
    # other technicians' orders stay out of reach
    others = odoo_server.rpc(model, "search", [("technician_id.user_id.login", "=", "as_technician2")], limit=1)
    if others:
        refused(lambda: tech.read(model, others, ["name"]))


def test_manager_creates_a_depot(odoo_server):
    manager = client(odoo_server, "as_manager")
    depot = manager.form_create("stock.warehouse", {"name": "洛阳三级库 (walk)", "code": "LYW"})
    assert manager.read("stock.warehouse", [depot], ["lot_stock_id"])[0]["lot_stock_id"]


def test_writeoff_manager_approves_accountant_posts(odoo_server):
    model = "aftersales.writeoff"
    manager = client(odoo_server, "as_manager")
    pending = manager.search_read(model, [("state", "=", "to_approve")], ["name"], limit=1)
    assert pending, "a write-off waiting for approval (demo data)"
    writeoff = pending[0]["id"]
    manager.button(model, "validate_tier", [writeoff])
    done = manager.read(model, [writeoff], ["state", "refund_id"])[0]
    assert done["state"] == "approved"
    assert done["refund_id"], "a draft credit note for the accountant"

    accountant = client(odoo_server, "as_accountant")
    refund = done["refund_id"][0]
    assert accountant.read("account.invoice", [refund], ["state", "type"])[0] == {
        "id": refund, "state": "draft", "type": "out_refund"}
    accountant.button("account.invoice", "action_invoice_open", [refund])
    assert accountant.read("account.invoice", [refund], ["state"])[0]["state"] == "open"
    # the accountant reads the write-off but changes no verdict
    assert accountant.read(model, [writeoff], ["state"])[0]["state"] in ("approved", "posted")
    refused(lambda: accountant.button(model, "action_cancel", [writeoff]))
