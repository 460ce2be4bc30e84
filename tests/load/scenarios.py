# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What one load client does: the suite's documents walked through their
steps by the role users, as the web client sends them, and Odoo's own sale
order (create + confirm one line) as the yardstick.

Each step is one measured operation (``Client.op``). A document may be
*parked* after a step and resumed later (after its one-minute deadline), so
that deadlines breach during the run: then either the sweep cron breaches
the timer or the late step stops it as breached. Each document is driven by
one client only; the approver is never the creator.
"""
import base64
import time
from datetime import date, datetime, timedelta

from rpc import RpcError

# 1x1 PNG: the customer's signature on the service report
SIGNATURE = base64.b64encode(bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd4"
    "0000000049454e44ae426082")).decode()

DATETIME = "%Y-%m-%d %H:%M:%S"
# Kinds of operation and the Odoo sale-order operation each is compared with.
BASELINE = {"create": "so.create", "write": "so.create", "button": "so.confirm",
            "read": "so.list", "default_get": "so.default_get"}

LIST_FIELDS = {
    "aftersales.part.request": ["name", "partner_id", "request_date", "promised_date", "state",
                                "charge_type", "sla_state", "sla_deadline", "user_id"],
    "field.service.order": ["name", "order_type", "priority", "partner_id", "technician_id", "state",
                            "scheduled_start", "sla_state", "sla_deadline"],
    "aftersales.return": ["name", "partner_id", "date_request", "state", "decision", "sla_state", "user_id"],
    "aftersales.complaint": ["name", "partner_id", "date_received", "category_id", "state", "user_id",
                             "sla_state", "sla_deadline"],
    "aftersales.sla.timer": ["rule_id", "res_model", "res_id", "deadline", "state", "status", "responsible_id"],
    "sale.order": ["name", "date_order", "partner_id", "user_id", "amount_total", "state", "invoice_status"],
}
KANBAN_FIELDS = ["name", "order_type", "priority", "partner_id", "technician_id", "state", "sla_state",
                 "scheduled_start", "activity_ids", "activity_state", "remote"]


class Parked(Exception):
    """The document waits for a later step (its deadline will pass meanwhile)."""


class Client:
    """One load client: a team of role users of its own, bounded in count and time."""

    def __init__(self, runner, index, fixture, sessions, rnd):
        self.runner = runner
        self.index = index
        self.fx = fixture
        self.s = sessions          # role -> rpc.Session
        self.rnd = rnd
        self.backlog = []          # (due monotonic time, description, callable)
        self.serial = 0
        self.handled = set()       # backlog orders already arrived at

    # ------------------------------------------------------------ plumbing
    def op(self, name, kind, func, *args, **kwargs):
        return self.runner.measure(self.index, name, kind, func, *args, **kwargs)

    def marker(self, prefix):
        self.serial += 1
        return "%s-%s-c%02d-%04d" % (self.runner.tag, prefix, self.index, self.serial)

    def create(self, model, prefix, role, values_for, name):
        """default_get + create as a new form does; the create is reported with its marker."""
        session = self.s[role]
        marker = self.marker(prefix)
        self.op(name.split(".")[0] + ".default_get", "default_get", session.call, model, "default_get",
                list(values_for(marker)))
        self.runner.attempt(model, marker)
        record_id = self.op(name, "create", session.call, model, "create", values_for(marker))
        self.runner.created(model, marker, record_id)
        return record_id

    def step(self, model, record_id, state, name, role, method):
        self.op(name, "button", self.s[role].button, model, method, record_id)
        if state:
            self.runner.reached(model, record_id, state)

    def maybe_park(self, what, resume, probability):
        if self.rnd.random() < probability and self.runner.parking_open():
            self.backlog.append((time.monotonic() + self.runner.park_seconds, what, resume))
            raise Parked(what)

    def resume_due(self):
        now = time.monotonic()
        due = [item for item in self.backlog if item[0] <= now]
        self.backlog = [item for item in self.backlog if item[0] > now]
        for _due, what, resume in due:
            if self.runner.stopping():
                return
            self.guard(what, resume)

    def guard(self, what, func):
        try:
            func()
        except Parked:
            pass
        except RpcError:
            self.runner.abandoned(what)

    # ------------------------------------------------------------ spare-part request
    def part_request(self):
        fx, part = self.fx, self.fx["part"]
        creator = self.runner.pr_creator  # "specialist", or "supervisor" when the role cannot (see run.py)
        today = date.today()
        request_id = self.create("aftersales.part.request", "PR", creator, lambda marker: {
            "partner_id": fx["customer"], "reason": "production_defect",
            "request_date": today.isoformat(), "promised_date": (today + timedelta(days=10)).isoformat(),
            "consumer_name": marker, "consumer_phone": "13838001234", "description": "load",
            "responsible_id": fx["employee_specialist"], "amount": 0.0,
            "line_ids": [[0, 0, {"product_id": part, "qty": 1, "product_uom_id": self.runner.fixtures["part_uom"],
                                 "route": "stock", "name": "Load test part"}]],
        }, "pr.create")
        model = "aftersales.part.request"
        self.step(model, request_id, "draft", "pr.confirm_phone", creator, "action_confirm_by_phone")
        self.step(model, request_id, "submitted", "pr.submit", creator, "action_submit")
        # the supervisor review is never the creator's: another client's supervisor when he created it
        self.step(model, request_id, "submitted", "pr.review", "supervisor" if creator != "supervisor" else "reviewer",
                  "validate_tier")
        self.step(model, request_id, "approved", "pr.approve", "director", "validate_tier")

        def deliver():
            self.step(model, request_id, None, "pr.start", "supervisor", "action_start")
            self.step(model, request_id, "ready", "pr.ship", "keeper", "action_ship")
            self.runner.reached(model, request_id, "shipped")
            self.step(model, request_id, "done", "pr.done", creator, "action_done")

        self.maybe_park("part request %s" % request_id, lambda: deliver(), 0.35)
        deliver()

    # ------------------------------------------------------------ work order
    def work_order(self):
        fx, part = self.fx, self.fx["part"]
        model = "field.service.order"
        order_id = self.create(model, "WO", "specialist", lambda marker: {
            "order_type": "repair", "priority": "normal", "partner_id": fx["customer"],
            "caller_name": marker, "caller_phone": "13900000000", "symptom": "door does not close",
            "technician_id": fx["employee_technician"], "fault_level": "minor", "remote": False,
        }, "wo.create")

        def arrive_and_finish():
            self.step(model, order_id, "on_site", "wo.arrive", "technician", "action_arrive")
            self.maybe_park("work order %s on site" % order_id, lambda: finish(), 0.25)
            finish()

        def finish():
            self.op("wo.report", "write", self.s["technician"].call, model, "write", [order_id], {
                "part_ids": [[0, 0, {"product_id": part, "quantity": 1, "product_uom": self.runner.fixtures["part_uom"],
                                     "old_part_disposition": "scrap"}]],
                "fault_cause": "worn roller", "solution": "roller replaced", "customer_opinion": "satisfied",
                "customer_signature": SIGNATURE, "customer_signed_by": "Mr Zhang"})
            self.step(model, order_id, "done", "wo.finish", "technician", "action_finish")

        def dispatch():
            self.step(model, order_id, "dispatched", "wo.dispatch", "supervisor", "action_dispatch")
            self.maybe_park("work order %s dispatched" % order_id, arrive_and_finish, 0.3)
            arrive_and_finish()

        self.maybe_park("work order %s received" % order_id, dispatch, 0.15)
        dispatch()

    # ------------------------------------------------------------ backlog: arriving as the deadline passes
    def backlog_arrival(self):
        """The technician arrives at a backlog order within seconds of its arrival deadline:
        the arrival stops the timer while the sweep crons breach it (same rows, same moment)."""
        now = datetime.utcnow()
        due = [item for item in self.fx.get("backlog", []) if item[0] not in self.handled
               and -3 <= (now - datetime.strptime(item[1], DATETIME)).total_seconds() <= 40]
        if not due:
            return
        order_id = due[0][0]
        self.handled.add(order_id)
        model = "field.service.order"
        self.step(model, order_id, "on_site", "wo.arrive_at_deadline", "technician", "action_arrive")

    # ------------------------------------------------------------ return
    def customer_return(self):
        fx, part = self.fx, self.fx["part"]
        model = "aftersales.return"
        return_id = self.create(model, "RT", "supervisor", lambda marker: {
            "partner_id": fx["customer"], "consumer_name": marker, "description": "load",
            "alternative_offered": "none",
            "line_ids": [[0, 0, {"product_id": part, "qty": 1, "reason": "quality"}]],
        }, "rt.create")
        self.step(model, return_id, "to_approve", "rt.submit", "supervisor", "action_submit")
        self.step(model, return_id, "approved", "rt.approve", "director", "validate_tier")
        lines = self.op("rt.read", "read", self.s["supervisor"].read, model, return_id, ["line_ids"])["line_ids"]
        self.op("rt.count", "write", self.s["supervisor"].call, model, "write", [return_id], {
            "packaging_condition": "intact", "deliverer_name": "Driver Li", "deliverer_signed": True,
            "line_ids": [[1, line, {"qty_received": 1}] for line in lines]})
        self.step(model, return_id, "received", "rt.receive", "supervisor", "action_receive")

        def inspect():
            self.op("rt.verdict", "write", self.s["supervisor"].call, model, "write", [return_id], {
                "inspection_summary": "checked", "line_ids": [[1, line, {"verdict": "no_fault"}] for line in lines]})
            self.step(model, return_id, "inspected", "rt.inspect", "supervisor", "action_inspect")

        self.maybe_park("return %s received" % return_id, inspect, 0.35)
        inspect()

    # ------------------------------------------------------------ complaint
    def complaint(self):
        fx = self.fx
        model = "aftersales.complaint"
        complaint_id = self.create(model, "CP", "specialist", lambda marker: {
            "channel": "hotline", "source": "dealer", "partner_id": fx["customer"], "contact_name": marker,
            "phone": "13700000000", "description": "late delivery", "category_id": self.runner.fixtures["category"],
            "user_id": fx["supervisor_uid"], "severity": "normal", "responsibility": "none",
        }, "cp.create")
        self.step(model, complaint_id, "routed", "cp.route", "specialist", "action_route")

        def answer():
            session = self.s["supervisor"]
            self.op("cp.answer", "write", session.call, model, "write", [complaint_id],
                    {"response": "we apologise", "measures": "new carrier"})
            self.step(model, complaint_id, "responded", "cp.respond", "supervisor", "action_respond")
            self.op("cp.follow_up", "write", session.call, model, "write", [complaint_id],
                    {"follow_up": "customer satisfied"})
            self.step(model, complaint_id, "closed", "cp.close", "supervisor", "action_close")

        self.maybe_park("complaint %s routed" % complaint_id, answer, 0.4)
        answer()

    # ------------------------------------------------------------ cycles: every client generates at once
    def cycles(self):
        horizon = (date.today() + timedelta(days=self.runner.cycle_days())).isoformat()
        self.op("cycle.generate", "button", self.s["supervisor"].call, "field.service.cycle", "generate_orders",
                self.runner.fixtures["cycles"], until=horizon)

    # ------------------------------------------------------------ lists and boards
    def lists(self):
        role = self.rnd.choice(["specialist", "supervisor"])
        session = self.s[role]
        for model, name in (("aftersales.part.request", "pr.list"), ("field.service.order", "wo.list"),
                            ("aftersales.return", "rt.list"), ("aftersales.complaint", "cp.list")):
            self.op(name, "read", session.search_read, model, [], LIST_FIELDS[model])
        self.op("wo.kanban", "read", session.search_read, "field.service.order",
                [["state", "in", ["new", "dispatched", "on_site"]]], KANBAN_FIELDS, 40)
        self.op("timer.list", "read", self.s["supervisor"].search_read, "aftersales.sla.timer",
                [["state", "in", ["running", "breached"]]], LIST_FIELDS["aftersales.sla.timer"])
        self.op("wo.list.technician", "read", self.s["technician"].search_read, "field.service.order", [],
                LIST_FIELDS["field.service.order"])

    # ------------------------------------------------------------ Odoo's own document
    def sale_order(self):
        fx, part = self.fx, self.fx["part"]
        order_id = self.create("sale.order", "SO", "supervisor", lambda marker: {
            "partner_id": fx["customer"], "client_order_ref": marker, "note": "load",
            "order_line": [[0, 0, {"product_id": part, "name": "Load test part", "product_uom_qty": 1,
                                   "product_uom": self.runner.fixtures["part_uom"], "price_unit": 50.0}]],
        }, "so.create")
        self.step("sale.order", order_id, "sale", "so.confirm", "supervisor", "action_confirm")
        # the list as a salesperson who sees all sale orders (the supervisor sees only his own few)
        self.op("so.list", "read", self.s["sales_all"].search_read, "sale.order", [], LIST_FIELDS["sale.order"])

    SCENARIOS = (("part_request", 3), ("work_order", 3), ("customer_return", 2), ("complaint", 2),
                 ("sale_order", 3), ("lists", 2), ("cycles", 1))

    def run(self, max_iterations, deadline):
        names = [name for name, weight in self.SCENARIOS for _i in range(weight)]
        for _iteration in range(max_iterations):
            if time.monotonic() >= deadline or self.runner.stopping():
                break
            self.resume_due()
            self.guard("backlog arrival", self.backlog_arrival)  # whenever one falls due
            name = self.rnd.choice(names)
            self.guard(name, getattr(self, name))
            self.runner.pause()
