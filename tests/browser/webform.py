# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Driving Odoo 11 web client forms in Chromium as a user does (issue 11).

Explicit waits on conditions only. The web client re-renders a field, a one2many row or
the whole form after every onchange or button, so elements are looked up again rather
than kept (``stable`` turns a stale element into "not yet").
"""
from lxml import etree
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC

# an error or warning dialog of the web client (crash manager, UserError, ValidationError),
# or the notification of a refused save
CLIENT_ERROR = (".o_dialog_error, .o_error_detail, .o_crash_manager, .modal .o_dialog_warning, .modal .alert-warning, "
                ".o_notification.o_error")
FORM = ".o_form_view"
AUTOCOMPLETE_ITEM = "ul.ui-autocomplete li.ui-menu-item:not(.o_m2o_dropdown_option) a"


def login_as(browser, server, wait, login, password):
    """Log in through the login form as ``login`` and wait for the web client."""
    browser.delete_all_cookies()
    browser.get(server.url + "/web/session/logout?redirect=/web/login")
    browser.get(server.url + "/web/login?db=" + server.db)
    browser.find_element(By.NAME, "login").send_keys(login)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "form.oe_login_form button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".o_main_navbar, .o_web_client")))


def stable(find):
    """A wait condition from ``find(driver)``: a re-rendered element (stale) is looked up again."""
    def condition(driver):
        try:
            return find(driver)
        except StaleElementReferenceException:
            return False
    return condition


def visible(selector):
    """Wait condition: the first displayed and enabled element of ``selector`` (web_responsive
    also keeps hidden copies of some elements for small screens)."""
    def condition(driver):
        shown = [e for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.is_displayed() and e.is_enabled()]
        return shown[0] if shown else False
    return stable(condition)


def ready_or_error(selector):
    """Wait condition: ``selector`` is displayed, or an error dialog is."""
    return stable(lambda d: visible(selector)(d) or visible(CLIENT_ERROR)(d))


def no_client_error(browser):
    errors = [e for e in browser.find_elements(By.CSS_SELECTOR, CLIENT_ERROR) if e.is_displayed()]
    assert not errors, browser.execute_script("return document.body.innerText.slice(0, 3000);")


def pick_many2one(browser, wait, input_css, text, choice):
    """Type ``text`` into the many2one input found by ``input_css`` (looked up again after
    every step: the row or field re-renders) and choose the proposal reading ``choice``."""
    field = wait.until(EC.element_to_be_clickable((By.CSS_SELECTOR, input_css)))
    field.click()
    field.send_keys(Keys.CONTROL, "a")
    field.send_keys(text)

    def choose(d):
        # Clicking the input lists the first records (empty search), then the typed text is
        # searched: choose once the proposals all match (the answer to the typed text).
        items = [a for a in d.find_elements(By.CSS_SELECTOR, AUTOCOMPLETE_ITEM) if a.is_displayed()]
        if not items or not all(choice in a.text for a in items):
            return False
        items[0].click()
        return True
    wait.until(stable(choose))
    # the choice is in the input once the onchange has answered and the field re-rendered
    wait.until(stable(lambda d: not [a for a in d.find_elements(By.CSS_SELECTOR, AUTOCOMPLETE_ITEM) if a.is_displayed()]
                      and choice in d.find_element(By.CSS_SELECTOR, input_css).get_attribute("value")))


def click_outside(browser):
    """Click the title of the view in the control panel (a neutral spot, never under an
    open date picker): the focused input is left (its value committed), the date picker
    closes, an edited one2many row is saved."""
    browser.find_element(By.CSS_SELECTOR, ".o_control_panel .breadcrumb .active").click()


def header_buttons(driver, label):
    """The displayed buttons of the form's header that read ``label`` (disabled ones too:
    the web client disables them while a button's call runs)."""
    return [e for e in driver.find_elements(By.CSS_SELECTOR, ".o_form_statusbar .o_statusbar_buttons button")
            if e.is_displayed() and e.text.strip() == label]


def click_header_button(label):
    """Wait condition: the header button ``label`` is enabled and was clicked; a button the
    form re-rendered meanwhile (stale) is looked up again."""
    def condition(driver):
        shown = [e for e in header_buttons(driver, label) if e.is_enabled()]
        if not shown:
            return False
        shown[0].click()
        return True
    return stable(condition)


def press_header_button(browser, wait, label):
    """Click the header button ``label`` and wait until the form reloaded the record: the
    button's attrs hide it then (or an error dialog shows, which fails the test)."""
    wait.until(click_header_button(label))
    wait.until(stable(lambda d: not header_buttons(d, label) or visible(CLIENT_ERROR)(d)))
    no_client_error(browser)


def button_labels(client, model):
    """The labels of the form's buttons by method, as ``client``'s form shows them (Odoo 11
    renders header buttons without their name: the user finds them by their label)."""
    view = client.call_kw(model, "fields_view_get", [], {"view_type": "form"})
    return {b.get("name"): b.get("string") for b in etree.fromstring(view["arch"].encode()).iter("button")}


def selection_labels(client, model, field):
    """The labels of a selection field's values in ``client``'s language."""
    description = client.call_kw(model, "fields_get", [[field]], {"attributes": ["selection"]})
    return dict(description[field]["selection"])


def active_status(driver):
    """The label of the status bar's current state."""
    return driver.find_element(By.CSS_SELECTOR, ".o_statusbar_status .btn-primary").text.strip()
