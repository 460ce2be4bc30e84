# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A JSON-RPC session shaped like Odoo 11's web client (issue 11).

It logs in through /web/session/authenticate as a real user (cookie session), and
calls models the way the form view does: ``default_get`` of the view's fields,
``create`` with EVERY field of the form (``False`` for the empty ones), buttons
through /web/dataset/call_button with ``args = [[ids], context]`` and no kwargs.
"""
import itertools

import requests

from lxml import etree


class RpcError(Exception):
    """An error answered by Odoo: ``name`` is the exception class (e.g.
    ``odoo.exceptions.AccessError``), ``message`` the text shown to the user."""

    def __init__(self, data):
        error = data.get("data") or {}
        self.name = error.get("name", "")
        self.message = error.get("message") or data.get("message", "")
        super().__init__("%s: %s" % (self.name, self.message))


class WebClient:
    _ids = itertools.count(1)

    def __init__(self, url, db, login, password=None):
        self.url, self.db, self.login = url, db, login
        self.http = requests.Session()
        result = self.call("/web/session/authenticate",
                           {"db": db, "login": login, "password": password or login})
        if not result.get("uid"):
            raise AssertionError("login %s refused" % login)
        self.uid = result["uid"]
        self.context = result.get("user_context") or {}

    def call(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(self._ids)}
        answer = self.http.post(self.url + path, json=payload, timeout=300).json()
        if "error" in answer:
            raise RpcError(answer["error"])
        return answer["result"]

    # -- what the views call -------------------------------------------------
    def call_kw(self, model, method, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.context)
        return self.call("/web/dataset/call_kw/%s/%s" % (model, method),
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def button(self, model, method, ids, context=None):
        """A type="object" button: args = [[ids], context], no kwargs (RUNTIME.md)."""
        ctx = dict(self.context, **(context or {}))
        return self.call("/web/dataset/call_button",
                         {"model": model, "method": method, "args": [list(ids), ctx]})

    def search_read(self, model, domain, fields, **kw):
        return self.call_kw(model, "search_read", [domain, fields], kw)

    def read(self, model, ids, fields):
        return self.call_kw(model, "read", [list(ids), fields])

    def form_fields(self, model, view_id=False):
        """Fields of the model's form view, as the web client loads them."""
        view = self.call_kw(model, "fields_view_get", [], {"view_id": view_id, "view_type": "form"})
        arch = etree.fromstring(view["arch"].encode())
        names = []
        for node in arch.iter("field"):
            # only the form's own fields, not those of embedded x2many list/form views
            parent = node.getparent()
            nested = False
            while parent is not None:
                if parent.tag == "field":
                    nested = True
                    break
                parent = parent.getparent()
            if not nested and node.get("name") not in names:
                names.append(node.get("name"))
        return names, view["fields"]

    def form_create(self, model, values, context=None):
        """Save a new record as the form does: defaults of the view's fields, the user's
        values, and False for every other field of the form, then ``create``."""
        names, fields = self.form_fields(model)
        ctx = dict(self.context, **(context or {}))
        defaults = self.call_kw(model, "default_get", [names], {"context": ctx})
        vals = {}
        for name in names:
            if fields[name].get("readonly") and name not in values and name not in defaults:
                continue
            if name in ("id", "display_name", "__last_update"):
                continue
            kind = fields[name]["type"]
            vals[name] = defaults.get(name, [] if kind in ("one2many", "many2many") else False)
        vals.update(values)
        return self.call_kw(model, "create", [vals], {"context": ctx})
