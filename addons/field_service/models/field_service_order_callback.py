# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import random

from odoo import _, api, fields, models

from .field_service_order import PLANNED_TYPES


class FieldServiceOrderCallback(models.Model):
    """Sampled callbacks after the closing, rework orders for dissatisfied customers."""
    _inherit = "field.service.order"

    rework_of_id = fields.Many2one(
        "field.service.order", "Rework Of", index=True, readonly=True, copy=False,
        help="The order whose customer was dissatisfied; this order does the work again.")
    rework_ids = fields.One2many("field.service.order", "rework_of_id", "Reworks", readonly=True)
    callback_id = fields.Many2one("aftersales.callback", "Callback", readonly=True, copy=False)

    # ------------------------------------------------------------------
    # Callbacks (S1 第五篇 二-(二): 电话回访或上门回访(抽查))
    # ------------------------------------------------------------------
    @api.multi
    def _schedule_callbacks(self):
        Callback = self.env["aftersales.callback"].sudo()
        for order in self.filtered(lambda o: not o.callback_id and o.partner_id):
            rate = order.company_id.fs_callback_rate
            if rate <= 0 or (rate < 100 and random.random() * 100 >= rate):
                continue
            order.callback_id = Callback.create({
                "partner_id": order.partner_id.id,
                "contact_name": order.caller_name,
                "phone": order.caller_phone or order.partner_id.mobile or order.partner_id.phone,
                "source_ref": "%s,%s" % (order._name, order.id),
                "channel": "phone",
                "employee_id": order.technician_id.id,
                "user_id": order.dispatcher_id.id or self.env.user.id,
                "company_id": order.company_id.id,
            })

    @api.multi
    def _create_rework(self, callback):
        """Rework order after a dissatisfied callback (S1 第五篇 二-(二): 重新进行维修程序,
        部门负责人需全程跟踪)."""
        self.ensure_one()
        rework = self.create({
            "order_type": "repair" if self.order_type not in PLANNED_TYPES else self.order_type,
            "priority": "urgent" if self.priority == "normal" else self.priority,
            "equipment_id": self.equipment_id.id,
            "partner_id": self.partner_id.id,
            "site_id": self.site_id.id,
            "technician_id": self.technician_id.id,
            "caller_name": callback.contact_name or self.caller_name,
            "caller_phone": callback.phone or self.caller_phone,
            "symptom": _("Rework of %s: the customer was dissatisfied (%s/5). %s")
            % (self.name, callback.satisfaction, callback.answers or ""),
            "rework_of_id": self.id,
            "abnormal_damage": self.abnormal_damage,
            "company_id": self.company_id.id,
            "date_received": fields.Datetime.now(),
        })
        self.message_post(body=_("Customer dissatisfied on callback %s: rework order %s opened.")
                          % (callback.name, rework.name))
        return rework
