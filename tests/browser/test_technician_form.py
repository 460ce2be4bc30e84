# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The technician records his arrival in the web client (issue 11, Chromium).

The demo lead (the dispatcher) sends a new repair call to the demo technician over
JSON-RPC, as the web client does; the technician (only "After-sales Technician", zh_CN)
logs in through the login form, opens "My Orders", opens the order from its card and
presses "Arrived on Site". The database then holds the order on site with its arrival
time, written by him. (test_role_walk.py walks a demo repair order to the signature over
JSON-RPC; this test dispatches its own order, so the two do not compete.)
Screenshot: .run/screenshots/technician_arrival.png (git-ignored).
"""
import datetime
from pathlib import Path

import pytest

from webclient import WebClient

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from webform import (FORM, active_status, button_labels, login_as, press_header_button,  # noqa: E402
                     ready_or_error, selection_labels, stable, no_client_error)

MODEL = "field.service.order"


def test_technician_records_his_arrival_in_the_form(odoo_server, browser):
    wait = WebDriverWait(browser, 60)
    action = odoo_server.res_id("field_service.field_service_my_orders_action")
    if not action:
        pytest.skip("field_service is not installed")
    demo_id = odoo_server.res_id("field_service.demo_order_entrapment")
    assert demo_id, "field_service demo data"
    demo = odoo_server.rpc(MODEL, "read", [demo_id], ["partner_id", "site_id", "equipment_id", "technician_id"])[0]
    tech = WebClient(odoo_server.url, odoo_server.db, "as_technician", "as_technician")
    technician = odoo_server.rpc("hr.employee", "search", [("user_id", "=", tech.uid)])
    assert technician == [demo["technician_id"][0]], "the demo site's technician is the demo technician"
    lead = WebClient(odoo_server.url, odoo_server.db, "as_lead", "as_lead")
    order_id = lead.form_create(MODEL, {
        "order_type": "repair", "priority": "urgent", "partner_id": demo["partner_id"][0],
        "site_id": demo["site_id"][0], "equipment_id": demo["equipment_id"][0], "technician_id": technician[0],
        "caller_name": "值班员 李明", "caller_phone": "021-65501234", "symptom": "电梯门反复开关, 无法运行 (browser)"})
    lead.button(MODEL, "action_dispatch", [order_id])
    order = tech.read(MODEL, [order_id], ["name", "state"])[0]
    assert order["state"] == "dispatched"
    labels = button_labels(tech, MODEL)
    states = selection_labels(tech, MODEL, "state")
    started = datetime.datetime.utcnow().replace(microsecond=0)
    try:
        login_as(browser, odoo_server, wait, "as_technician", "as_technician")
        browser.get("%s/web#action=%d" % (odoo_server.url, action))

        def open_card(d):
            cards = [c for c in d.find_elements(By.CSS_SELECTOR, ".o_kanban_view .o_kanban_record")
                     if c.is_displayed() and order["name"] in c.text]
            if not cards:
                return False
            cards[0].find_element(By.CSS_SELECTOR, ".o_kanban_record_title").click()
            return True
        wait.until(stable(open_card))  # his own orders list it (filter "My Orders")
        wait.until(ready_or_error(FORM + ".o_form_readonly .o_statusbar_status"))
        no_client_error(browser)
        wait.until(stable(lambda d: order["name"] in d.find_element(By.CSS_SELECTOR, FORM + " h1").text))
        assert active_status(browser) == states["dispatched"]

        press_header_button(browser, wait, labels["action_arrive"])
        wait.until(stable(lambda d: active_status(d) == states["on_site"]))

        done = odoo_server.rpc(MODEL, "read", [order["id"]], ["state", "date_arrived", "write_uid"])[0]
        assert done["state"] == "on_site"
        assert done["write_uid"][0] == tech.uid, "recorded by the technician himself"
        arrived = datetime.datetime.strptime(done["date_arrived"], "%Y-%m-%d %H:%M:%S")
        assert started - datetime.timedelta(seconds=5) <= arrived <= datetime.datetime.utcnow() + \
            datetime.timedelta(seconds=5), "arrival time is the moment he pressed the button"
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "technician_arrival.png"))
