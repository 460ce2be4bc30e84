# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class AftersalesPartJobReceive(models.TransientModel):
    """What the after-sales lead checks at the warehouse door (S1-4.6);
    ``aftersales.part.job.action_receive`` decides."""
    _name = "aftersales.part.job.receive"
    _description = "Receive a Workshop Part"

    job_id = fields.Many2one("aftersales.part.job", required=True, readonly=True)
    packaging_intact = fields.Boolean("Outer Packaging Intact")
    label_partner_id = fields.Many2one("res.partner", "Customer on the Label")
    label_product_id = fields.Many2one("product.product", "Part on the Label")
    label_qty = fields.Float("Quantity on the Label", digits=(16, 2))
    qc_stamp = fields.Boolean("QC Pass Stamp Present")

    @api.model
    def default_get(self, fields_list):
        res = super().default_get(fields_list)
        job = self.env["aftersales.part.job"].browse(self.env.context.get("active_id"))
        if job.exists() and "job_id" in fields_list:
            res["job_id"] = job.id
        return res

    @api.multi
    def action_receive(self):
        self.ensure_one()
        self.job_id.action_receive(
            packaging_intact=self.packaging_intact, label_partner=self.label_partner_id,
            label_product=self.label_product_id, label_qty=self.label_qty, qc_stamp=self.qc_stamp)
        return {"type": "ir.actions.act_window_close"}
