# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser check of the field service views a dispatcher and a technician use:
the dispatch board (kanban by technician with deadline colours), its timeline
(OCA web_timeline) and calendar, an order form with the customer's signature
(OCA web_widget_digitized_signature), the statistics pivot — each must render
without a client error. Screenshots go to .run/screenshots/ (git-ignored).

Needs the demo data of field_service (orders in every state) in the test database.
"""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CLIENT_ERROR = ".o_dialog_error, .o_error_detail, .o_crash_manager"


def _res_id(server, xmlid):
    res_id = server.res_id(xmlid)
    if not res_id:
        pytest.skip("%s not in the database (no field_service demo data)" % xmlid)
    return res_id


def _open(browser, wait, url, fragment, selector, shot):
    browser.get("%s/web#%s" % (url, fragment))
    try:
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, selector)
                   or d.find_elements(By.CSS_SELECTOR, CLIENT_ERROR))
        assert not browser.find_elements(By.CSS_SELECTOR, CLIENT_ERROR), browser.execute_script(
            "return document.body.innerText.slice(0, 2000);")
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / ("field_service_%s.png" % shot)))


def test_field_service_views_render(odoo_server, browser):
    url = odoo_server.url
    wait = WebDriverWait(browser, 90)
    odoo_server.login(browser, wait)

    board = _res_id(odoo_server, "field_service.field_service_dispatch_action")
    _open(browser, wait, url, "action=%d&view_type=kanban" % board,
          ".o_kanban_view .o_kanban_group .o_kanban_record", "dispatch_board")
    cards = browser.find_elements(By.CSS_SELECTOR, ".o_kanban_record.o_fs_card")
    assert cards, "dispatch board cards"
    headers = " ".join(h.text for h in browser.find_elements(By.CSS_SELECTOR, ".o_kanban_header"))
    assert "王建国" in headers or "陈志强" in headers, "columns per technician: %s" % headers
    assert browser.find_elements(By.CSS_SELECTOR, ".o_fs_card .label"), "deadline / priority labels"

    _open(browser, wait, url, "action=%d&view_type=timeline" % board, ".vis-timeline", "timeline")
    _open(browser, wait, url, "action=%d&view_type=calendar" % board, ".o_calendar_view", "calendar")

    order = _res_id(odoo_server, "field_service.demo_order_done")
    orders = _res_id(odoo_server, "field_service.field_service_order_action")
    _open(browser, wait, url, "id=%d&model=field.service.order&view_type=form&action=%d" % (order, orders),
          ".o_form_view .o_statusbar_status", "order_form")
    text = browser.execute_script("return document.body.innerText;")
    assert "周经理" in text, "the signed report of the demo order"

    stats = _res_id(odoo_server, "field_service.field_service_report_action")
    _open(browser, wait, url, "action=%d&view_type=pivot" % stats, ".o_pivot", "statistics")
