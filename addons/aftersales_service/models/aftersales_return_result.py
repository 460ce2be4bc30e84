# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class AftersalesReturnResult(models.Model):
    """The inspection result and the customer's answer (S1-4.10): the record sent by
    e-mail, fax or by hand, confirmed or disputed within 2 days, or deemed accepted."""
    _inherit = "aftersales.return"

    @api.multi
    def action_send_result(self):
        """Email the inspection record (PDF) to the customer."""
        self.ensure_one()
        self._ensure_can("mailed", _("sent"))
        template = self.env.ref("aftersales_service.mail_template_return_inspection_result", False)
        compose_form = self.env.ref("mail.email_compose_message_wizard_form", False)
        ctx = {
            "default_model": self._name,
            "default_res_id": self.id,
            "default_use_template": bool(template),
            "default_template_id": template.id if template else False,
            "default_composition_mode": "comment",
            "mark_return_as_sent": True,
            "force_email": True,
        }
        return {
            "type": "ir.actions.act_window",
            "view_type": "form",
            "view_mode": "form",
            "res_model": "mail.compose.message",
            "views": [(compose_form.id if compose_form else False, "form")],
            "view_id": compose_form.id if compose_form else False,
            "target": "new",
            "context": ctx,
        }

    @api.multi
    def action_mark_sent(self):
        """The record went by fax or by hand (S1-4.10: 传真给客户确认)."""
        self._ensure_can("sent", _("marked as sent"))
        self._mark_sent()
        return True

    def _mark_sent(self):
        now = fields.Datetime.now()
        self.write({"state": "sent", "sent_date": now})
        self._sla_stop("return_result_sent", stop=now)
        self._sla_start("return_customer_confirm", start=now)

    @api.multi
    def action_customer_confirm(self):
        """The customer signed the inspection record back in time."""
        self._ensure_can("confirmed", _("confirmed"))
        now = fields.Datetime.now()
        # Stopping late runs the breach action (deemed accepted) first.
        self._sla_stop("return_customer_confirm", stop=now)
        confirmed = self.filtered(lambda r: r.state == "sent")
        confirmed.write({"state": "accepted", "deemed": False, "accepted_date": now})
        for ret in confirmed:
            ret.message_post(body=_("The customer confirmed the inspection result."))
        confirmed._start_resolution(now)
        return True

    @api.multi
    def action_customer_dispute(self):
        """The customer disputes the result: back to the quality director."""
        self._ensure_can("disputed", _("disputed"))
        for ret in self:
            if not (ret.customer_feedback or "").strip():
                raise UserError(_("Return %s: record what the customer disputes in the feedback.") % ret.name)
        self._sla_cancel("return_customer_confirm")
        self.write({"state": "inspected", "sent_date": False})
        for ret in self:
            ret.message_post(body=_("The customer disputes the result: %s") % ret.customer_feedback)
        return True

    @api.multi
    def action_deemed_accepted(self):
        """Breach action of the timer return_customer_confirm: no answer within
        2 days means the customer accepts the result (S1-4.10: 没有回传即为默认)."""
        returns = self.filtered(lambda r: r.state == "sent")
        now = fields.Datetime.now()
        returns.write({"state": "accepted", "deemed": True, "accepted_date": now})
        for ret in returns:
            ret.message_post(body=_(
                "No answer from the customer within the confirmation period: the inspection result is "
                "deemed accepted (S1-4.10)."))
        returns._start_resolution(now)
        return True

    def _start_resolution(self, start):
        for ret in self:
            if ret.decision in ("repair", "exchange") and not ret.repair_due_date:
                due = fields.Datetime.from_string(start) + timedelta(days=15)
                ret.repair_due_date = fields.Date.to_string(due.date())
        self._sla_start("return_resolution", start=start)
