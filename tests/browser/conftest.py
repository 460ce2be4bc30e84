# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the browser tests: a real Odoo server on the test database (its own
free port, no cron thread; log in .run/log/browser-<test module>.log) and headless
Chromium with chromedriver (Debian packages)."""
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
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


class OdooServer:
    """A running Odoo: its URL, its database, XML-RPC as admin and the login form."""

    def __init__(self, url, db):
        self.url, self.db = url, db

    def rpc(self, model, method, *args, **kwargs):
        uid = xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/common").authenticate(self.db, "admin", "admin", {})
        return xmlrpc.client.ServerProxy(self.url + "/xmlrpc/2/object").execute_kw(
            self.db, uid, "admin", model, method, list(args), kwargs)

    def res_id(self, xmlid):
        """Database id of an external id, or None when it is not in the database."""
        module, name = xmlid.split(".")
        data = self.rpc("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)],
                        fields=["res_id"])
        return data[0]["res_id"] if data else None

    def login(self, browser, wait):
        """Log in as admin through the login form and wait for the web client."""
        from selenium.webdriver.common.by import By
        from selenium.webdriver.support import expected_conditions as EC
        browser.get(self.url + "/web/login?db=" + self.db)
        browser.find_element(By.NAME, "login").send_keys("admin")
        browser.find_element(By.NAME, "password").send_keys("admin")
        browser.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_main_navbar, .o_web_client")))


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def odoo_server(request):
    db = request.config.getoption("--odoo-database", default=None) or os.environ.get("AFTERSALES_TEST_DB")
    if not db:
        pytest.skip("no --odoo-database given")
    port = _free_port()
    log_name = "browser-%s.log" % request.module.__name__.rsplit(".", 1)[-1]
    log = open(str(ROOT / ".run" / "log" / log_name), "w")
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
            pytest.fail("Odoo server exited early; see .run/log/%s" % log_name)
    else:
        proc.kill()
        pytest.fail("Odoo server did not answer /web/login within 120 s")
    yield OdooServer(url, db)
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
    log.close()


@pytest.fixture(scope="module")
def browser():
    webdriver = pytest.importorskip("selenium.webdriver")
    if not (os.path.exists(CHROMIUM) and os.path.exists(CHROMEDRIVER)):
        pytest.fail("chromium and chromium-driver (Debian) are required: make setup installs them")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--window-size=1400,900"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=webdriver.ChromeService(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()
