# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A JSON-RPC client that talks to Odoo 11 the way its web client does.

One ``Session`` per logged-in user and client thread (own cookie, own
keep-alive connection). Every call is bounded by a timeout; nothing retries
behind the caller's back: a failed call is reported as failed.
"""
import itertools
import json
import time

import requests

_ids = itertools.count(1)


class RpcError(Exception):
    """Odoo answered with an error (a refusal, a crash) or did not answer."""

    def __init__(self, kind, message, data=None):
        super().__init__("%s: %s" % (kind, message))
        self.kind = kind            # e.g. odoo.exceptions.UserError, http, timeout, connection
        self.message = message
        self.data = data or {}


class Session:

    def __init__(self, url, db, login, password, timeout=60.0):
        self.url = url.rstrip("/")
        self.db = db
        self.login = login
        self.password = password
        self.timeout = timeout
        self.http = requests.Session()
        self.uid = None
        self.context = {}

    def post(self, path, params):
        payload = {"jsonrpc": "2.0", "method": "call", "params": params, "id": next(_ids)}
        try:
            response = self.http.post(
                self.url + path, data=json.dumps(payload), timeout=self.timeout,
                headers={"Content-Type": "application/json"})
        except requests.Timeout as exc:
            raise RpcError("timeout", str(exc))
        except requests.RequestException as exc:
            raise RpcError("connection", str(exc))
        if response.status_code != 200:
            raise RpcError("http", "HTTP %s on %s" % (response.status_code, path))
        try:
            body = response.json()
        except ValueError:
            raise RpcError("http", "not JSON on %s" % path)
        if body.get("error"):
            error = body["error"]
            data = error.get("data") or {}
            raise RpcError(data.get("name") or "odoo", data.get("message") or error.get("message"), data)
        return body.get("result")

    def authenticate(self):
        result = self.post("/web/session/authenticate",
                           {"db": self.db, "login": self.login, "password": self.password})
        if not result or not result.get("uid"):
            raise RpcError("login", "login %s refused" % self.login)
        self.uid = result["uid"]
        self.context = result.get("user_context") or {}
        return self.uid

    def call(self, model, method, *args, **kwargs):
        kwargs.setdefault("context", dict(self.context))
        return self.post("/web/dataset/call_kw/%s/%s" % (model, method),
                         {"model": model, "method": method, "args": list(args), "kwargs": kwargs})

    def button(self, model, method, record_id):
        """A type="object" button: args = [[ids], context], no kwargs (RUNTIME.md)."""
        return self.post("/web/dataset/call_button", {
            "model": model, "method": method, "args": [[record_id], dict(self.context)]})

    def search_read(self, model, domain, fields, limit=80, sort=""):
        """A list or kanban view loading its first page."""
        return self.post("/web/dataset/search_read", {
            "model": model, "domain": domain, "fields": fields, "limit": limit, "offset": 0,
            "sort": sort, "context": dict(self.context)})

    def read(self, model, record_id, fields):
        return self.call(model, "read", [record_id], fields)[0]


def wait_until_up(url, timeout=120.0):
    """Poll /web/webclient/version_info until the server answers (bounded)."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            response = requests.post(url.rstrip("/") + "/web/webclient/version_info", timeout=5,
                                     data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}),
                                     headers={"Content-Type": "application/json"})
            if response.status_code == 200:
                return True
            last = response.status_code
        except requests.RequestException as exc:
            last = exc
        time.sleep(1)
    raise RuntimeError("server %s did not answer within %ss (%s)" % (url, timeout, last))
