# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models

from .maintenance_contract import RUNNING_STATES


class MaintenanceContractCallback(models.Model):
    """Friday callbacks (S2-一-1.3.2) to the users of the sites under contract."""
    _inherit = "maintenance.contract"

    callback_count = fields.Integer(compute="_compute_callback_count", string="Callbacks")

    def _compute_callback_count(self):
        refs = ["%s,%s" % (self._name, contract_id) for contract_id in self.ids]
        data = self.env["aftersales.callback"].read_group(
            [("source_ref", "in", refs)], ["source_ref"], ["source_ref"]) if refs else []
        counts = {d["source_ref"]: d["source_ref_count"] for d in data}
        for contract in self:
            contract.callback_count = counts.get("%s,%s" % (self._name, contract.id), 0)

    @api.model
    def _cron_weekly_callbacks(self, today=None):
        """S2-一-1.3.2: every Friday after-sales calls the users of maintained sites
        (running state, faults, entrapments, parts replaced, workers' conduct): one
        planned callback per contract in force and per week, created once."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        if today.weekday() != 4:
            return self.env["aftersales.callback"]
        day = fields.Date.to_string(today)
        self.env.cr.execute("""
            SELECT c.id FROM maintenance_contract c
             WHERE c.state IN %s AND c.date_start <= %s AND c.date_end >= %s
               AND NOT EXISTS (
                   SELECT 1 FROM aftersales_callback cb
                    WHERE cb.source_ref = 'maintenance.contract,' || c.id
                      AND cb.date >= %s::date AND cb.date < %s::date + 1)
             ORDER BY c.id
               FOR UPDATE OF c SKIP LOCKED""", (RUNNING_STATES, day, day, day, day))
        contracts = self.browse([r[0] for r in self.env.cr.fetchall()])
        Callback = self.env["aftersales.callback"].sudo()
        callbacks = Callback.browse()
        for contract in contracts:
            callbacks |= Callback.create({
                "partner_id": contract.partner_id.id,
                "phone": contract.partner_id.mobile or contract.partner_id.phone,
                "source_ref": "%s,%s" % (contract._name, contract.id),
                "channel": "phone",
                "date": "%s 09:00:00" % day,
                "employee_id": contract.line_ids[:1].technician_id.id,
                "user_id": contract.user_id.id,
                "company_id": contract.company_id.id,
            })
        return callbacks

    @api.multi
    def action_view_callbacks(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Callbacks"),
            "res_model": "aftersales.callback",
            "view_mode": "tree,form",
            "domain": [("source_ref", "=", "%s,%s" % (self._name, self.id))],
            "context": {"default_partner_id": self.partner_id.id,
                        "default_source_ref": "%s,%s" % (self._name, self.id)},
        }
