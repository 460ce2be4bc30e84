# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2.extras import execute_values

from odoo import _, api, models, tools

from .field_service_order import PRIORITY_RANKS


class FieldServiceOrderGeneration(models.Model):
    """Set-based creation of the orders cycles generate: the same values, numbers,
    chatter entry, followers and timers as orders created and dispatched by hand."""
    _inherit = "field.service.order"

    @api.model
    def _prepare_cycle_order_vals(self, cycle, planned_date):
        """Values of the order a cycle generates for ``planned_date`` (hook)."""
        equipment = cycle.equipment_id
        return {
            "order_type": cycle.order_type,
            "cycle_id": cycle.id,
            "planned_date": planned_date,
            "equipment_id": equipment.id,
            "partner_id": cycle.partner_id.id,
            "site_id": (cycle.site_id or equipment.site_id or cycle.partner_id).id,
            "remote": equipment.remote_site,
            "technician_id": cycle.technician_id.id,
            "company_id": cycle.company_id.id,
            "symptom": cycle.note or False,
        }

    @api.model
    def _create_generated(self, vals_list):
        """Create dispatched orders in a few statements per batch, as a person would by
        creating then dispatching each: same defaults, ir.sequence numbers, creation
        entry in the chatter, followers (creator and technicians) and timers.

        Rows whose (cycle, planned date) already exists are skipped (ON CONFLICT DO
        NOTHING), so concurrent or repeated runs create nothing twice. Returns the
        created orders.
        """
        if not vals_list:
            return self.browse()
        cr = self.env.cr
        now = self._now()
        defaults = self.default_get([name for name, field in self._fields.items() if field.store])
        rows = []
        # the checklist in each customer's language: the customers' languages in one read
        equipment = self.env["maintenance.equipment"].browse(
            {vals["equipment_id"] for vals in vals_list if vals.get("equipment_id")})
        customer_of = {item.id: item.customer_id.id for item in equipment}
        partner_ids = {vals.get("partner_id") or customer_of.get(vals.get("equipment_id")) for vals in vals_list}
        langs = {partner.id: partner.lang or None
                 for partner in self.env["res.partner"].sudo().browse(partner_ids - {None, False})}
        checklists = {}
        for vals in vals_list:
            order_type = vals.get("order_type") or "repair"
            partner_id = vals.get("partner_id") or customer_of.get(vals.get("equipment_id"))
            key = (order_type, langs.get(partner_id))
            if key not in checklists:
                checklists[key] = [(0, 0, line) for line in self._default_checklist_vals(*key)]
            vals = self._complete_vals(dict({"checklist_ids": checklists[key]}, **dict(
                vals, state="dispatched", date_dispatched=now, dispatcher_id=self.env.uid)))
            rows.append(dict(defaults, **vals))
        # as the ORM does: stored booleans not given are False, not NULL
        booleans = [name for name, field in self._fields.items()
                    if field.type == "boolean" and field.store and field.column_type and not field.compute]
        # this model's stored computed fields, computed here rather than re-read after the insert
        users = self._employee_users({row["technician_id"] for row in rows if row.get("technician_id")})
        user_of = {employee_id: user_id for employee_id, (user_id, _partner_id) in users.items()}
        for row in rows:
            for name in booleans:
                row.setdefault(name, False)
            row["priority_rank"] = PRIORITY_RANKS.get(row.get("priority") or "normal", 0)
            row["technician_user_id"] = user_of.get(row.get("technician_id")) or False
            row["activity_date_deadline"] = False  # no activity on a new order
        by_company = {}
        for row in rows:
            by_company.setdefault(row["company_id"], []).append(row)
        for company_id, company_rows in by_company.items():
            for row, number in zip(company_rows, self._document_next_numbers(len(company_rows), company_id=company_id)):
                row["name"] = number
        columns = sorted({
            name for row in rows for name in row
            if name in self._fields and self._fields[name].store and self._fields[name].column_type
            and name not in ("id", "create_uid", "create_date", "write_uid", "write_date")})
        values = []
        for row in rows:
            values.append(tuple(
                self._fields[name].convert_to_column(row.get(name), self, row) for name in columns
            ) + (self.env.uid, now, self.env.uid, now))
        columns += ["create_uid", "create_date", "write_uid", "write_date"]
        inserted = execute_values(cr, """
            INSERT INTO field_service_order (%s) VALUES %%s
            ON CONFLICT (cycle_id, planned_date) WHERE cycle_id IS NOT NULL AND state <> 'cancel' DO NOTHING
            RETURNING id, cycle_id, planned_date
        """ % ", ".join('"%s"' % c for c in columns), values, page_size=1000, fetch=True)
        if not inserted:
            return self.browse()
        ids_by_key = {(row[1], str(row[2])): row[0] for row in inserted}
        orders = self.browse([row[0] for row in inserted])
        # one2many caches of the records the new rows point to
        self.env["field.service.cycle"].invalidate_cache(["order_ids"], list({row[1] for row in inserted}))
        self.env["maintenance.equipment"].invalidate_cache(["fs_order_ids"])
        # one-to-many lines given in the values (the patrol checklist)
        lines = []
        for row in rows:
            order_id = ids_by_key.get((row.get("cycle_id"), row.get("planned_date")))
            for command in (row.get("checklist_ids") or []) if order_id else []:
                if command[0] == 0:
                    line = command[2]
                    lines.append((order_id, line.get("sequence", 10), line["area"], line["name"],
                                  self.env.uid, now, self.env.uid, now))
        if lines:
            execute_values(cr, """
                INSERT INTO field_service_checklist_line
                       (order_id, sequence, area, name, create_uid, create_date, write_uid, write_date)
                VALUES %s""", lines, page_size=1000)
        # stored computed fields added by other modules: recomputed by the ORM, grouped by value
        todo = [field for name, field in self._fields.items()
                if field.store and field.compute and name not in columns]
        for field in todo:
            self.env.add_todo(field, orders)
        if todo:
            orders.recompute()
        # load only what the next steps use, in one query, instead of prefetching every column
        orders.read(["name", "order_type", "planned_date", "technician_id", "technician_ids", "company_id",
                     "priority", "remote"], load="_classic_write")
        orders._log_creation_sql(now)
        orders._subscribe_sql()
        orders._start_dispatch_timers(now)
        return orders

    @api.multi
    def _log_creation_sql(self, now):
        """The creation entry mail.thread.create posts, written for all orders in one statement."""
        Message = self.env["mail.message"]
        body = self.env["mail.message"]._fields["body"].convert_to_column(
            _("%s created") % self.env["ir.model"]._get(self._name).name, Message)
        author = self.env.user.partner_id
        email_from = Message._get_default_from()
        subtype_id = self.env["ir.model.data"].xmlid_to_res_id("mail.mt_note")
        # with a catchall alias domain, replies go to the alias of each order (as mail.message.create
        # computes it); without one, to the author
        alias_domain = self.env["ir.config_parameter"].sudo().get_param("mail.catchall.domain")
        reply_to = self.message_get_reply_to(self.ids, default=email_from) if alias_domain else {}
        rows = [(now, body, self._name, order.id, order.name, "notification", subtype_id, email_from, author.id,
                 tools.generate_tracking_message_id("%s-%s" % (order.id, self._name)),
                 reply_to.get(order.id) or email_from,
                 self.env.uid, now, self.env.uid, now)
                for order in self]
        execute_values(self.env.cr, """
            INSERT INTO mail_message (date, body, model, res_id, record_name, message_type, subtype_id,
                                      email_from, author_id, message_id, reply_to,
                                      create_uid, create_date, write_uid, write_date)
            VALUES %s""", rows, page_size=1000)

    @api.model
    def _employee_users(self, employee_ids):
        """{employee id: (user id, partner id)} of employees with a login, in one query."""
        if not employee_ids:
            return {}
        self.env.cr.execute("""
            SELECT e.id, u.id, u.partner_id
              FROM hr_employee e
              JOIN resource_resource r ON r.id = e.resource_id
              JOIN res_users u ON u.id = r.user_id
             WHERE e.id IN %s
        """, (tuple(employee_ids),))
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    @api.multi
    def _subscribe_sql(self):
        """Followers as message_subscribe adds them: each technician follows their orders,
        the creator follows all, with the default subtypes."""
        default_subtypes = self.env["mail.message.subtype"].default_subtypes(self._name)[0]
        technicians = {order.id: [order.technician_id.id] + order.technician_ids.ids for order in self}
        users = self._employee_users({e for ids in technicians.values() for e in ids if e})
        creator = self.env.user.partner_id.id
        pairs = set()
        for order_id, employee_ids in technicians.items():
            pairs.add((order_id, creator))
            for employee_id in employee_ids:
                if employee_id in users:
                    pairs.add((order_id, users[employee_id][1]))
        if not pairs:
            return
        followers = execute_values(self.env.cr, """
            INSERT INTO mail_followers (res_model, res_id, partner_id) VALUES %s RETURNING id
        """, [(self._name, res_id, partner_id) for res_id, partner_id in sorted(pairs)],
            template="(%s, %s, %s)", page_size=1000, fetch=True)
        if default_subtypes:
            rel_rows = [(row[0], subtype.id) for row in followers for subtype in default_subtypes]
            execute_values(self.env.cr, """
                INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
                VALUES %s""", rel_rows, page_size=1000)
        self.invalidate_cache(["message_follower_ids", "message_partner_ids", "message_channel_ids"])
