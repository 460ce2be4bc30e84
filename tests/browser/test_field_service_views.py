# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser check of the field service views a dispatcher and a technician use:
the dispatch board (kanban by technician with deadline colours), its timeline
(OCA web_timeline) and calendar, an order form with the customer's signature
(OCA web_widget_digitized_signature), the statistics pivot — each must render
without a client error. Screenshots go to .run/screenshots/ (git-ignored).

Needs the demo data of field_service (orders in every state) in the test database.
"""
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import xmlrpc.client
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

CLIENT_ERROR = ".o_dialog_error, .o_error_detail, .o_crash_manager"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(request):
    db = request.config.getoption("--odoo-database", default=None) or os.environ.get("AFTERSALES_TEST_DB")
    if not db:
        pytest.skip("no --odoo-database given")
    port = _free_port()
    log = open(str(ROOT / ".run" / "log" / "browser-field-service.log"), "w")
    cmd = [sys.executable, str(ROOT / "scripts" / "odoo-bin"), "-c", str(ROOT / "odoo.conf"),
           "-d", db, "--db-filter=^%s$" % db, "--http-port=%d" % port, "--workers=0",
           "--max-cron-threads=0", "--db_user=%s" % os.environ.get("PGUSER", "odoo")]
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT,
                            env=dict(os.environ, ODOO_PRELOAD_ADDONS="no"))
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/web/login", timeout=5).status == 200:
                break
        except OSError:
            time.sleep(1)
        if proc.poll() is not None:
            pytest.fail("Odoo server exited early; see .run/log/browser-field-service.log")
    else:
        proc.kill()
        pytest.fail("Odoo server did not answer /web/login within 120 s")
    yield url, db
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver (Debian) are required")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _rpc(url, db, model, method, *args, **kwargs):
    uid = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").authenticate(db, "admin", "admin", {})
    return xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object").execute_kw(
        db, uid, "admin", model, method, list(args), kwargs)


def _res_id(url, db, xmlid):
    module, name = xmlid.split(".")
    data = _rpc(url, db, "ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                fields=["res_id"])
    if not data:
        pytest.skip("%s not in the database (no field_service demo data)" % xmlid)
    return data[0]["res_id"]


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


def test_field_service_views_render(server, browser):
    url, db = server
    wait = WebDriverWait(browser, 90)
    browser.get(url + "/web/login?db=" + db)
    browser.find_element(By.NAME, "login").send_keys("admin")
    browser.find_element(By.NAME, "password").send_keys("admin")
    browser.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_main_navbar, .o_web_client")))

    board = _res_id(url, db, "field_service.field_service_dispatch_action")
    _open(browser, wait, url, "action=%d&view_type=kanban" % board,
          ".o_kanban_view .o_kanban_group .o_kanban_record", "dispatch_board")
    cards = browser.find_elements(By.CSS_SELECTOR, ".o_kanban_record.o_fs_card")
    assert cards, "dispatch board cards"
    headers = " ".join(h.text for h in browser.find_elements(By.CSS_SELECTOR, ".o_kanban_header"))
    assert "王建国" in headers or "陈志强" in headers, "columns per technician: %s" % headers
    assert browser.find_elements(By.CSS_SELECTOR, ".o_fs_card .label"), "deadline / priority labels"

    _open(browser, wait, url, "action=%d&view_type=timeline" % board, ".vis-timeline", "timeline")
    _open(browser, wait, url, "action=%d&view_type=calendar" % board, ".o_calendar_view", "calendar")

    order = _res_id(url, db, "field_service.demo_order_done")
    orders = _res_id(url, db, "field_service.field_service_order_action")
    _open(browser, wait, url, "id=%d&model=field.service.order&view_type=form&action=%d" % (order, orders),
          ".o_form_view .o_statusbar_status", "order_form")
    text = browser.execute_script("return document.body.innerText;")
    assert "周经理" in text, "the signed report of the demo order"

    stats = _res_id(url, db, "field_service.field_service_report_action")
    _open(browser, wait, url, "action=%d&view_type=pivot" % stats, ".o_pivot", "statistics")
