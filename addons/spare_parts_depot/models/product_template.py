# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """Spare-part data (S1 第三篇 四-3: code, name, model, spec, substitutes,
    usage must be exact) and the HQ price (S2-二-1: the price HQ charges a
    branch; the branch may not resell below it)."""
    _inherit = "product.template"

    is_spare_part = fields.Boolean(
        "Spare Part", index=True,
        help="Stocked in the spare-part depots; FIFO removal applies through its category.")
    part_model = fields.Char("Model", help="Model (型号) of the part.")
    part_spec = fields.Char("Specification", help="Specification (规格) of the part.")
    substitute_ids = fields.Many2many(
        "product.template", "product_template_substitute_rel", "product_tmpl_id", "substitute_id",
        string="Substitutes", domain=[("is_spare_part", "=", True)],
        help="Models that can replace this part (可代用型号).")
    part_usage = fields.Text("Usage", help="What the part is used for (用途).")
    part_origin = fields.Char("Origin", help="Place of production (产地), a column of the depot ledger.")
    hq_price = fields.Monetary(
        "HQ Price", currency_field="currency_id", track_visibility="onchange",
        help="Price HQ charges branches for this part (备品备件明细表, S2-二-1). Branch depots are "
             "replenished and valued at this price and may not sell below it without a manager's approval.")

    @api.constrains("hq_price")
    def _check_hq_price(self):
        for template in self:
            if template.hq_price < 0:
                raise ValidationError(_("The HQ price of %s cannot be negative.") % template.display_name)

    @api.constrains("substitute_ids")
    def _check_substitutes(self):
        for template in self:
            if template in template.substitute_ids:
                raise ValidationError(_("%s cannot be its own substitute.") % template.display_name)

    @api.onchange("is_spare_part")
    def _onchange_is_spare_part(self):
        category = self.env.ref("spare_parts_depot.product_category_spare_parts", raise_if_not_found=False)
        if self.is_spare_part:
            if self.type != "product":
                self.type = "product"
            if category and not self.categ_id.removal_strategy_id:
                self.categ_id = category
