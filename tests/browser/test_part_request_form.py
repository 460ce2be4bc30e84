# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A specialist files a spare-part request in the real form (issue 11, Chromium).

The demo specialist (only "After-sales Specialist", zh_CN) logs in through the login
form, opens a new part request, picks the dealer and the reason, types the promised
date in his language's date format, adds a part line (product, quantity), saves,
confirms by phone and submits. The form sends every field of the view, ``False``
included: this is the save that was refused ("只有售后主办才能更改收费类型") while every
server-side test passed. The outcome is checked in the database: the line, the date as
typed, the submitted state, and the first approval tier waiting for the lead.
Screenshot: .run/screenshots/part_request_specialist.png (git-ignored).
"""
import datetime
from pathlib import Path

import pytest
import pytz

from webclient import WebClient

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / ".run" / "screenshots"

pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support import expected_conditions as EC  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

from webform import (FORM, active_status, button_labels, click_outside, login_as, no_client_error,  # noqa: E402
                     pick_many2one, press_header_button, ready_or_error, selection_labels, stable)

LINE_ROW = ".o_field_one2many[name=line_ids] tr.o_selected_row"


def record(server, xmlid, model, domain, fields):
    """The demo record ``xmlid``, or the first record of ``domain`` when it is not installed."""
    res_id = server.res_id(xmlid)
    found = server.rpc(model, "read", [res_id], fields) if res_id else \
        server.rpc(model, "search_read", domain, fields=fields, limit=1, order="id")
    assert found, "demo data: %s" % xmlid
    return found[0]


def test_specialist_files_and_submits_a_request_in_the_form(odoo_server, browser):
    wait = WebDriverWait(browser, 60)
    dealer = record(odoo_server, "aftersales_service.partner_part_dealer_kaifeng", "res.partner",
                    [("customer", "=", True), ("is_company", "=", True)], ["name"])
    part = record(odoo_server, "spare_parts_depot.demo_part_inverter", "product.product",
                  [("is_spare_part", "=", True), ("type", "=", "product"), ("default_code", "!=", False)],
                  ["default_code", "display_name"])
    action = odoo_server.res_id("aftersales_service.aftersales_part_request_action")
    assert action, "the part request action is installed"
    user = odoo_server.rpc("res.users", "search_read", [("login", "=", "as_specialist")], fields=["lang", "tz"])[0]
    date_format = odoo_server.rpc("res.lang", "search_read", [("code", "=", user["lang"])],
                                  fields=["date_format"])[0]["date_format"]
    # ten days after the specialist's today: within the 15-day promise whatever the hour
    today = datetime.datetime.now(pytz.timezone(user["tz"] or "UTC")).date()
    promised = today + datetime.timedelta(days=10)
    before = odoo_server.rpc("aftersales.part.request", "search", [])
    specialist = WebClient(odoo_server.url, odoo_server.db, "as_specialist", "as_specialist")
    try:
        login_as(browser, odoo_server, wait, "as_specialist", "as_specialist")
        browser.get("%s/web#model=aftersales.part.request&view_type=form&action=%d" % (odoo_server.url, action))
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, FORM + ".o_form_editable")))
        pick_many2one(browser, wait, FORM + " .o_field_widget[name=partner_id] input", dealer["name"], dealer["name"])
        browser.find_element(By.CSS_SELECTOR, FORM + " input[name=consumer_name]").send_keys("张先生")
        Select(browser.find_element(By.CSS_SELECTOR, FORM + " select[name=reason]")).select_by_value(
            '"production_defect"')

        # the promised date, typed in the user's format (zh_CN: 2026年12月13日) over the
        # default the request date's onchange proposed; leaving the input commits it
        typed = promised.strftime(date_format)
        date_css = "%s .o_field_widget[name=promised_date] input.o_datepicker_input, " \
                   "%s input.o_datepicker_input[name=promised_date]" % (FORM, FORM)
        date_input = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, date_css)))
        date_input.click()
        date_input.send_keys(Keys.CONTROL, "a")
        date_input.send_keys(typed)
        click_outside(browser)  # closes the picker too
        wait.until(stable(lambda d: d.find_element(By.CSS_SELECTOR, date_css).get_attribute("value") == typed))

        # a part line: the row re-renders after each change (onchange), so every
        # element of it is looked up again
        browser.find_element(By.CSS_SELECTOR, ".o_field_one2many[name=line_ids] .o_field_x2many_list_row_add a").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, LINE_ROW)))
        pick_many2one(browser, wait, LINE_ROW + " .o_field_widget[name=product_id] input",
                      part["default_code"], part["default_code"])
        wait.until(stable(lambda d: d.find_element(By.CSS_SELECTOR, LINE_ROW + " input[name=name]")
                          .get_attribute("value")))  # the product's onchange filled the description
        qty = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, LINE_ROW + " input[name=qty]")))
        qty.send_keys(Keys.CONTROL, "a")
        qty.send_keys("2")
        click_outside(browser)  # saves the row
        wait.until(stable(lambda d: not d.find_elements(By.CSS_SELECTOR, LINE_ROW) and [
            r for r in d.find_elements(By.CSS_SELECTOR, ".o_field_one2many[name=line_ids] tr.o_data_row")
            if part["default_code"] in r.text and "2.00" in r.text]))
        no_client_error(browser)

        browser.find_element(By.CSS_SELECTOR, ".o_form_button_save").click()
        wait.until(ready_or_error(FORM + ".o_form_readonly"))
        no_client_error(browser)
        name = browser.find_element(By.CSS_SELECTOR, FORM + " h1 .o_field_widget[name=name]").text
        assert name and name != "/", "the saved request has its number"

        # header buttons are found by the label the specialist's form shows
        model = "aftersales.part.request"
        labels = button_labels(specialist, model)
        for button in ("action_confirm_by_phone", "action_submit"):
            press_header_button(browser, wait, labels[button])
        states = selection_labels(specialist, model, "state")
        wait.until(stable(lambda d: active_status(d) == states["submitted"]))

        # the outcome, in the database
        created = odoo_server.rpc(model, "search", [("id", "not in", before)])
        assert len(created) == 1, "one new request"
        request = odoo_server.rpc(model, "read", created, [
            "name", "state", "user_id", "partner_id", "reason", "promised_date", "phone_confirmed",
            "consumer_name", "line_ids", "review_ids"])[0]
        assert (request["name"], request["state"], request["user_id"][0], request["partner_id"][0]) == (
            name, "submitted", specialist.uid, dealer["id"])
        assert (request["reason"], request["consumer_name"], request["phone_confirmed"]) == (
            "production_defect", "张先生", True)
        assert request["promised_date"] == promised.isoformat(), "the promised date as typed (%s)" % typed
        lines = odoo_server.rpc("aftersales.part.request.line", "read", request["line_ids"],
                                ["product_id", "qty", "product_uom_id", "warehouse_id"])
        assert [(line["product_id"][0], line["qty"]) for line in lines] == [(part["id"], 2.0)]
        assert lines[0]["product_uom_id"] and lines[0]["warehouse_id"]

        # the approval waits for the lead: the first pending tier is his to review
        reviews = odoo_server.rpc("tier.review", "read", request["review_ids"],
                                  ["status", "sequence", "reviewer_ids"])
        assert reviews and all(r["status"] == "pending" for r in reviews)
        first = min(reviews, key=lambda r: r["sequence"])
        lead = WebClient(odoo_server.url, odoo_server.db, "as_lead", "as_lead")
        assert lead.uid in first["reviewer_ids"]
        assert lead.read(model, created, ["can_review"])[0]["can_review"], "the lead may review it now"
        assert not odoo_server.rpc(model, "read", created, ["validated"])[0]["validated"]
    finally:
        SHOTS.mkdir(parents=True, exist_ok=True)
        browser.save_screenshot(str(SHOTS / "part_request_specialist.png"))
