# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser smoke test: a real Odoo server and headless Chromium (Debian packages).

Starts Odoo on the test database on its own port, logs in as admin through the
login form, opens the After-sales application and checks its menu sections,
then saves a screenshot in .run/screenshots/ (git-ignored).
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


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database(config):
    db = config.getoption("--odoo-database", default=None) or os.environ.get("AFTERSALES_TEST_DB")
    if not db:
        pytest.skip("no --odoo-database given")
    return db


@pytest.fixture(scope="module")
def odoo_server(request):
    db = _database(request.config)
    port = _free_port()
    log = open(str(ROOT / ".run" / "log" / "browser-server.log"), "w")
    cmd = [sys.executable, str(ROOT / "scripts" / "odoo-bin"), "-c", str(ROOT / "odoo.conf"),
           "-d", db, "--db-filter=^%s$" % db, "--http-port=%d" % port, "--workers=0",
           "--max-cron-threads=0", "--db_user=%s" % os.environ.get("PGUSER", "odoo")]
    env = dict(os.environ, ODOO_PRELOAD_ADDONS="no")
    proc = subprocess.Popen(cmd, cwd=str(ROOT), stdout=log, stderr=subprocess.STDOUT, env=env)
    url = "http://127.0.0.1:%d" % port
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(url + "/web/login", timeout=5).status == 200:
                break
        except OSError:
            time.sleep(1)
        if proc.poll() is not None:
            pytest.fail("Odoo server exited early; see .run/log/browser-server.log")
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
        pytest.fail("chromium and chromium-driver (Debian) are required: make setup installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1400,900"):
        options.add_argument(flag)
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    yield driver
    driver.quit()


def _rpc(url, db, model, method, *args, **kwargs):
    uid = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/common").authenticate(db, "admin", "admin", {})
    models = xmlrpc.client.ServerProxy(url + "/xmlrpc/2/object")
    return models.execute_kw(db, uid, "admin", model, method, list(args), kwargs)


def _menu_id(url, db, xmlid):
    module, name = xmlid.split(".")
    data = _rpc(url, db, "ir.model.data", "search_read",
                [("module", "=", module), ("name", "=", name)], fields=["res_id"])
    return data[0]["res_id"]


def test_login_and_aftersales_menu(odoo_server, browser):
    url, db = odoo_server
    try:
        _walk_menu(browser, url, db)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "FAILED-aftersales_menu.png"))
        raise


def _walk_menu(browser, url, db):
    wait = WebDriverWait(browser, 90)
    # The menu labels asserted below are the English ones.
    _rpc(url, db, "res.lang", "write",
         _rpc(url, db, "res.lang", "search", [("code", "=", "en_US"), ("active", "=", False)]), {"active": True})
    admin = _rpc(url, db, "res.users", "search", [("login", "=", "admin")])
    _rpc(url, db, "res.users", "write", admin, {"lang": "en_US"})
    browser.get(url + "/web/login?db=" + db)
    browser.find_element(By.NAME, "login").send_keys("admin")
    browser.find_element(By.NAME, "password").send_keys("admin")
    browser.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_main_navbar, .o_web_client")))

    root = _menu_id(url, db, "aftersales_service.menu_aftersales_root")
    browser.get("%s/web#menu_id=%d" % (url, root))
    # The web client renders the application's menu tree: the sub-menus are in
    # the left bar (Odoo 11) or in the top bar's dropdowns (web_responsive).
    expected = ["Customer Service", "Depots", "Field Service", "Maintenance Contracts",
                "Penalties & Appraisal", "Configuration", "Approval Tiers", "Working Calendars",
                "Customer Equipment"]

    def menu_text(d):
        text = d.execute_script(
            "return Array.from(document.querySelectorAll("
            "'.o_sub_menu, .o_menu_sections, .oe_secondary_menu, .o_main_navbar'))"
            ".map(e => e.textContent).join('|');")
        return text if all(e in text for e in expected) else False
    try:
        text = wait.until(menu_text)
    except Exception:
        raise AssertionError("After-sales menus missing; page shows: %s" % browser.execute_script(
            "return document.body.innerText.slice(0, 2000);"))
    assert "After-sales" in text
    # The application's first action really opens (its title shows in the control panel;
    # an empty list shows Odoo's help text instead of a table).
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".o_control_panel .breadcrumb li")
               and d.find_elements(By.CSS_SELECTOR, ".o_list_view, .o_kanban_view, .oe_view_nocontent, "
                                                    ".o_view_nocontent"))
    SHOTS.mkdir(parents=True, exist_ok=True)
    browser.save_screenshot(str(SHOTS / "aftersales_menu.png"))
    assert (SHOTS / "aftersales_menu.png").stat().st_size > 10000
