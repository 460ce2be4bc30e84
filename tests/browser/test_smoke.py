# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Browser smoke test: a real Odoo server and headless Chromium (Debian packages).

Starts Odoo on the test database on its own port, logs in as admin through the
login form, opens the After-sales application and checks its menu sections,
then saves a screenshot in .run/screenshots/ (git-ignored).
"""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def test_login_and_aftersales_menu(odoo_server, browser):
    try:
        _walk_menu(browser, odoo_server)
    except Exception:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "FAILED-aftersales_menu.png"))
        raise


def _walk_menu(browser, server):
    wait = WebDriverWait(browser, 90)
    # The menu labels asserted below are the English ones.
    server.rpc("res.lang", "write",
               server.rpc("res.lang", "search", [("code", "=", "en_US"), ("active", "=", False)]), {"active": True})
    admin = server.rpc("res.users", "search", [("login", "=", "admin")])
    server.rpc("res.users", "write", admin, {"lang": "en_US"})
    server.login(browser, wait)

    root = server.res_id("aftersales_service.menu_aftersales_root")
    assert root, "the After-sales root menu is installed"
    browser.get("%s/web#menu_id=%d" % (server.url, root))
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
