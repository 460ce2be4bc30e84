# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Integrity checks of the load database, in SQL, after the run.

Every check returns ``(count, samples)``: count 0 means sound. They read the
database as it is, whatever the clients believe, except the last group that
compares what the clients were told (created ids, reached states) with the
rows.
"""

# model -> (table, column holding the client's marker)
MARKED = {
    "aftersales.part.request": ("aftersales_part_request", "consumer_name"),
    "field.service.order": ("field_service_order", "caller_name"),
    "aftersales.return": ("aftersales_return", "consumer_name"),
    "aftersales.complaint": ("aftersales_complaint", "contact_name"),
    "sale.order": ("sale_order", "client_order_ref"),
}
# the order of the states each flow walks through (for "state went back")
FLOWS = {
    "aftersales.part.request": ["draft", "submitted", "approved", "in_progress", "ready", "shipped", "done"],
    "field.service.order": ["new", "dispatched", "on_site", "done"],
    "aftersales.return": ["draft", "to_approve", "approved", "received", "inspected", "decided", "sent",
                          "accepted", "resolved", "done"],
    "aftersales.complaint": ["draft", "routed", "responded", "closed"],
    "sale.order": ["draft", "sent", "sale", "done"],
}
NUMBERED = [("aftersales_part_request", "name"), ("field_service_order", "name"), ("aftersales_return", "name"),
            ("aftersales_complaint", "name"), ("sale_order", "name"), ("stock_picking", "name"),
            ("account_invoice", "number")]


def rows(cr, sql, params=None):
    cr.execute(sql, params or {})
    return cr.fetchall()


def sample(found, limit=5):
    return (len(found), [tuple(r) for r in found[:limit]])


def activity_prefixes(cr):
    """'Deadline missed: ' in every language the breach activity may be written in."""
    prefixes = {"Deadline missed: "}
    for (value,) in rows(cr, "SELECT value FROM ir_translation WHERE src = 'Deadline missed: %%s' AND value != ''"):
        prefixes.add(value.split("%s")[0])
    return sorted(prefixes)


def check_duplicate_numbers(cr):
    found = []
    for table, column in NUMBERED:
        found += rows(cr, """SELECT '%(t)s', %(c)s, count(*) FROM %(t)s
                              WHERE %(c)s IS NOT NULL AND %(c)s NOT IN ('', '/')
                              GROUP BY company_id, %(c)s HAVING count(*) > 1""" % {"t": table, "c": column})
    return sample(found)


def check_duplicate_timers(cr):
    return sample(rows(cr, """
        SELECT rule_id, res_model, res_id, count(*) FROM aftersales_sla_timer
         WHERE stop IS NULL AND state IN ('running', 'breached')
         GROUP BY rule_id, res_model, res_id HAVING count(*) > 1"""))


BREACHED = """
    SELECT t.id, r.code, t.res_model, t.res_id, t.responsible_id, t.breach_date,
           r.breach_activity, r.penalty_rule_id, r.activity_group_id, t.breach_error
      FROM aftersales_sla_timer t JOIN aftersales_sla_rule r ON r.id = t.rule_id
     WHERE t.state = 'breached' AND t.breach_date IS NOT NULL
"""


def check_breach_errors(cr):
    """Breaches whose actions failed and were only logged on the timer."""
    return sample(rows(cr, """SELECT t.id, r.code, t.res_model, t.res_id, left(t.breach_error, 120)
                                FROM aftersales_sla_timer t JOIN aftersales_sla_rule r ON r.id = t.rule_id
                               WHERE t.state = 'breached' AND t.breach_error IS NOT NULL ORDER BY t.id"""))


def check_breach_activities(cr):
    """Breached timers of rules with an activity, whose addressee exists, without any activity
    (open, or done: the done message) written on the document from the breach on."""
    prefixes = activity_prefixes(cr)
    params = {"patterns": [p + "%" for p in prefixes], "body_patterns": ["%" + p + "%" for p in prefixes]}
    return sample(rows(cr, """
        WITH b AS (""" + BREACHED + """ AND r.breach_activity),
        addressed AS (
            SELECT b.*,
                   EXISTS (SELECT 1 FROM hr_employee e JOIN hr_employee m ON m.id = e.parent_id
                             JOIN resource_resource rr ON rr.id = m.resource_id
                             JOIN res_users u ON u.id = rr.user_id AND u.active
                            WHERE e.id = b.responsible_id) AS has_manager,
                   EXISTS (SELECT 1 FROM res_groups_users_rel g JOIN res_users u ON u.id = g.uid
                            WHERE g.gid = b.activity_group_id AND u.active AND NOT u.share) AS has_group
              FROM b)
        SELECT a.id, a.code, a.res_model, a.res_id, a.breach_date FROM addressed a
         WHERE (a.has_manager OR (a.responsible_id IS NULL OR NOT a.has_manager) AND a.has_group)
           AND NOT EXISTS (
                SELECT 1 FROM mail_activity ma JOIN ir_model im ON im.id = ma.res_model_id
                 WHERE im.model = a.res_model AND ma.res_id = a.res_id
                   AND ma.summary LIKE ANY(%(patterns)s))
           AND NOT EXISTS (
                SELECT 1 FROM mail_message mm
                 WHERE mm.model = a.res_model AND mm.res_id = a.res_id AND mm.mail_activity_type_id IS NOT NULL
                   AND mm.body LIKE ANY(%(body_patterns)s))
         ORDER BY a.id""", params))


def check_breach_penalties(cr):
    """Breached timers of rules with a penalty and a responsible employee, without the proposal."""
    return sample(rows(cr, """
        WITH b AS (""" + BREACHED + """ AND r.penalty_rule_id IS NOT NULL AND t.responsible_id IS NOT NULL)
        SELECT b.id, b.code, b.res_model, b.res_id, b.breach_date FROM b
         WHERE NOT EXISTS (SELECT 1 FROM aftersales_penalty p
                            WHERE p.rule_id = b.penalty_rule_id AND p.employee_id = b.responsible_id
                              AND p.source_ref = b.res_model || ',' || b.res_id)
         ORDER BY b.id"""))


def check_duplicate_visits(cr):
    return sample(rows(cr, """SELECT cycle_id, planned_date, count(*) FROM field_service_order
                               WHERE cycle_id IS NOT NULL GROUP BY cycle_id, planned_date HAVING count(*) > 1"""))


def check_duplicate_penalties(cr):
    return sample(rows(cr, """SELECT employee_id, rule_id, source_ref, count(*) FROM aftersales_penalty
                               WHERE state != 'cancelled' AND source_ref IS NOT NULL
                               GROUP BY employee_id, rule_id, source_ref HAVING count(*) > 1"""))


HALF_CREATED = [
    ("part request without lines", """
        SELECT r.id, r.name FROM aftersales_part_request r
         WHERE NOT EXISTS (SELECT 1 FROM aftersales_part_request_line l WHERE l.request_id = r.id)"""),
    ("part request submitted or later without its promise timer", """
        SELECT r.id, r.name, r.state FROM aftersales_part_request r
         WHERE r.state NOT IN ('draft', 'cancel') AND NOT EXISTS (
               SELECT 1 FROM aftersales_sla_timer t JOIN aftersales_sla_rule s ON s.id = t.rule_id
                WHERE t.res_model = 'aftersales.part.request' AND t.res_id = r.id AND s.code = 'part_promise')"""),
    ("part request submitted or later without tier reviews", """
        SELECT r.id, r.name, r.state FROM aftersales_part_request r
         WHERE r.state NOT IN ('draft', 'cancel') AND NOT EXISTS (
               SELECT 1 FROM tier_review v WHERE v.model = 'aftersales.part.request' AND v.res_id = r.id)"""),
    ("part request in fulfilment without the delivery of its stock lines", """
        SELECT r.id, r.name, r.state FROM aftersales_part_request r
         WHERE r.state IN ('in_progress', 'ready', 'shipped', 'done')
           AND EXISTS (SELECT 1 FROM aftersales_part_request_line l WHERE l.request_id = r.id AND l.route = 'stock')
           AND NOT EXISTS (SELECT 1 FROM stock_picking p WHERE p.part_request_id = r.id)"""),
    ("part request shipped with a transfer not done", """
        SELECT r.id, r.name, p.name, p.state FROM aftersales_part_request r
          JOIN stock_picking p ON p.part_request_id = r.id
         WHERE r.state IN ('shipped', 'done') AND p.state NOT IN ('done', 'cancel')"""),
    ("repair order without its reply timer", """
        SELECT o.id, o.name FROM field_service_order o
         WHERE o.order_type = 'repair' AND o.cycle_id IS NULL AND NOT EXISTS (
               SELECT 1 FROM aftersales_sla_timer t JOIN aftersales_sla_rule s ON s.id = t.rule_id
                WHERE t.res_model = 'field.service.order' AND t.res_id = o.id AND s.code = 'service_reply')"""),
    ("repair order dispatched or later without its arrival timer", """
        SELECT o.id, o.name, o.state FROM field_service_order o
         WHERE o.order_type = 'repair' AND o.state IN ('dispatched', 'on_site', 'done')
           AND o.date_dispatched IS NOT NULL
           AND NOT EXISTS (
               SELECT 1 FROM aftersales_sla_timer t JOIN aftersales_sla_rule s ON s.id = t.rule_id
                WHERE t.res_model = 'field.service.order' AND t.res_id = o.id AND s.code LIKE 'service_%%'
                  AND s.code != 'service_reply')"""),
    ("work order done with parts not posted", """
        SELECT o.id, o.name, l.id FROM field_service_order o JOIN field_service_order_part l ON l.order_id = o.id
         WHERE o.state = 'done' AND (l.move_id IS NULL OR NOT COALESCE(o.parts_posted, FALSE))"""),
    ("return without lines", """
        SELECT r.id, r.name FROM aftersales_return r
         WHERE NOT EXISTS (SELECT 1 FROM aftersales_return_line l WHERE l.return_id = r.id)"""),
    ("return received without its receipt or its inspection timer", """
        SELECT r.id, r.name, r.state FROM aftersales_return r
         WHERE r.state IN ('received', 'inspected', 'decided', 'sent', 'accepted', 'resolved', 'done')
           AND (r.picking_id IS NULL OR NOT EXISTS (
               SELECT 1 FROM aftersales_sla_timer t JOIN aftersales_sla_rule s ON s.id = t.rule_id
                WHERE t.res_model = 'aftersales.return' AND t.res_id = r.id AND s.code = 'return_inspection'))"""),
    ("complaint routed without its response timer", """
        SELECT c.id, c.name, c.state FROM aftersales_complaint c
         WHERE c.state IN ('routed', 'responded', 'closed') AND NOT EXISTS (
               SELECT 1 FROM aftersales_sla_timer t JOIN aftersales_sla_rule s ON s.id = t.rule_id
                WHERE t.res_model = 'aftersales.complaint' AND t.res_id = c.id AND s.code = 'complaint_response')"""),
    ("sale order without lines", """
        SELECT o.id, o.name FROM sale_order o
         WHERE NOT EXISTS (SELECT 1 FROM sale_order_line l WHERE l.order_id = o.id)"""),
    ("confirmed sale order of a stored part without its delivery", """
        SELECT o.id, o.name FROM sale_order o
         WHERE o.state = 'sale' AND o.client_order_ref LIKE %(tag)s
           AND NOT EXISTS (SELECT 1 FROM stock_picking p WHERE p.group_id = o.procurement_group_id)"""),
    ("transfer without moves", """
        SELECT p.id, p.name FROM stock_picking p
         WHERE NOT EXISTS (SELECT 1 FROM stock_move m WHERE m.picking_id = p.id)"""),
]


def check_half_created(cr, tag):
    result = {}
    for label, sql in HALF_CREATED:
        result[label] = sample(rows(cr, sql, {"tag": tag + "%"}))
    return result


def check_clients(cr, tag, reported, attempts, reached):
    """Lost: a create the client was told succeeded has no row (or another one). Phantom: a row
    with the run's marker no client was told about. State lost: the row is behind the state a
    client saw it reach."""
    result = {}
    for model, (table, column) in MARKED.items():
        db = {marker: record_id for record_id, marker in rows(
            cr, "SELECT id, %s FROM %s WHERE %s LIKE %%(tag)s" % (column, table, column), {"tag": tag + "-%"})}
        told = reported.get(model, {})
        lost = [(marker, record_id) for marker, record_id in told.items() if db.get(marker) != record_id]
        phantom = [(marker, record_id, "create answered with an error" if marker in attempts.get(model, ())
                    else "never attempted") for marker, record_id in db.items() if marker not in told]
        flow = FLOWS[model]
        states = dict(rows(cr, "SELECT id, state FROM %s WHERE %s LIKE %%(tag)s" % (table, column),
                           {"tag": tag + "-%"}))
        behind = []
        for record_id, state in reached.get(model, {}).items():
            actual = states.get(record_id)
            if actual in flow and state in flow and flow.index(actual) < flow.index(state):
                behind.append((record_id, state, actual))
        result[model] = {"told": len(told), "rows": len(db), "lost": sample(lost), "phantom": sample(phantom),
                         "state_lost": sample(behind)}
    return result


def overdue_running(cr):
    """Running timers past their grace deadline: the sweep has not caught up yet."""
    return rows(cr, """SELECT count(*) FROM aftersales_sla_timer
                        WHERE state = 'running' AND grace_deadline < (now() at time zone 'UTC')""")[0][0]


def breach_counts(cr):
    return rows(cr, """SELECT r.code, count(*), count(t.breach_error) FROM aftersales_sla_timer t
                         JOIN aftersales_sla_rule r ON r.id = t.rule_id
                        WHERE t.state = 'breached' AND t.breach_date IS NOT NULL GROUP BY r.code ORDER BY r.code""")
