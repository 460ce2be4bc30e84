# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

SERVICE_STATUS = [
    ("installing", "Installing"),
    ("warranty", "Warranty"),
    ("paid", "Paid Maintenance"),
    ("suspended", "Suspended"),
    ("ended", "Ended"),
]


class MaintenanceEquipment(models.Model):
    """Equipment installed at a customer's site (SPEC §6).

    Odoo's ``partner_id`` stays the vendor; the customer is ``customer_id``.
    The long-term site file (S1 第五篇 四-2: 工程长期档案) keeps documents,
    drawings, software versions and protocols next to the order history.
    """
    _inherit = "maintenance.equipment"

    customer_id = fields.Many2one(
        "res.partner", string="Customer", index=True, track_visibility="onchange",
        help="Owner and user of the equipment; orders are billed to this customer.")
    site_id = fields.Many2one(
        "res.partner", string="Site", index=True, track_visibility="onchange",
        help="Address of the site where the equipment is installed (工程地址).")
    site_address = fields.Char(compute="_compute_site_address")
    site_contact = fields.Char("Site Contact", help="Person in charge on the site and phone.")
    acceptance_date = fields.Date(
        "Acceptance Date", track_visibility="onchange",
        help="Date the customer accepted the installation (验收时间): the warranty starts here.")
    warranty_end = fields.Date(
        "Warranty End", track_visibility="onchange",
        help="Defaults to one year after acceptance (S1 第二篇 三-(三)-1: 保修期为一年).")
    service_status = fields.Selection(
        SERVICE_STATUS, string="Service Status", default="installing", required=True,
        index=True, track_visibility="onchange")
    technician_id = fields.Many2one(
        "hr.employee", string="Assigned Technician", index=True, track_visibility="onchange",
        help="Technician responsible for the site (工地维修责任人).")
    remote_site = fields.Boolean(
        help="Far from the technician's base: arrival is due within 60 minutes instead of 30 "
             "(S1 第二篇 三-(二)-5).")
    # Site file (S1 第五篇 四-2)
    brand_model = fields.Char("Brand / Model")
    software_versions = fields.Text("Software Versions")
    protocols = fields.Text("Protocols / Connections", help="Protocols and connection modes used by the system.")
    drawing_notes = fields.Text(
        "Drawings", help="Schematic, wiring, layout, pipe and fibre splice drawings handed over.")
    site_document_ids = fields.Many2many(
        "ir.attachment", "maintenance_equipment_site_document_rel", "equipment_id", "attachment_id",
        string="Site File", help="Drawings, manuals, acceptance report and other documents of the site.")
    fs_order_ids = fields.One2many("field.service.order", "equipment_id", string="Service Orders")
    fs_order_count = fields.Integer(compute="_compute_fs_order_count", string="Orders")
    fs_cycle_ids = fields.One2many("field.service.cycle", "equipment_id", string="Cycles")
    in_warranty = fields.Boolean(compute="_compute_in_warranty", search="_search_in_warranty")

    @api.depends("site_id")
    def _compute_site_address(self):
        for equipment in self:
            site = equipment.site_id
            equipment.site_address = ", ".join(
                p for p in [site.state_id.name, site.city, site.street, site.street2] if p) if site else False

    def _compute_fs_order_count(self):
        data = self.env["field.service.order"].read_group(
            [("equipment_id", "in", self.ids)], ["equipment_id"], ["equipment_id"])
        counts = {d["equipment_id"][0]: d["equipment_id_count"] for d in data}
        for equipment in self:
            equipment.fs_order_count = counts.get(equipment.id, 0)

    def _compute_in_warranty(self):
        today = fields.Date.context_today(self)
        for equipment in self:
            equipment.in_warranty = equipment.covered_by_warranty(today)

    def _search_in_warranty(self, operator, value):
        today = fields.Date.context_today(self)
        covered = operator in ("=", "==") and value or operator in ("!=", "<>") and not value
        domain = [("warranty_end", ">=", today)]
        return domain if covered else ["|", ("warranty_end", "=", False), ("warranty_end", "<", today)]

    @api.multi
    def covered_by_warranty(self, date):
        """True when ``date`` (a date string) falls within the free warranty period."""
        self.ensure_one()
        return bool(self.warranty_end and date and date[:10] <= self.warranty_end
                    and (not self.acceptance_date or date[:10] >= self.acceptance_date))

    @api.onchange("acceptance_date")
    def _onchange_acceptance_date(self):
        if self.acceptance_date:
            self.warranty_end = self._default_warranty_end(self.acceptance_date)
            if self.service_status == "installing":
                self.service_status = "warranty"

    @api.onchange("customer_id")
    def _onchange_customer_id(self):
        if self.customer_id and not self.site_id:
            self.site_id = self.customer_id

    @api.model
    def _default_warranty_end(self, acceptance_date):
        # S1 第二篇 三-(三)-1: one year of warranty from acceptance
        return fields.Date.to_string(fields.Date.from_string(acceptance_date) + relativedelta(years=1))

    @api.model
    def create(self, vals):
        if vals.get("acceptance_date") and not vals.get("warranty_end"):
            vals["warranty_end"] = self._default_warranty_end(vals["acceptance_date"])
        return super().create(vals)

    @api.multi
    def write(self, vals):
        if vals.get("acceptance_date") and "warranty_end" not in vals:
            for equipment in self.filtered(lambda e: not e.warranty_end):
                super(MaintenanceEquipment, equipment).write(
                    {"warranty_end": self._default_warranty_end(vals["acceptance_date"])})
        return super().write(vals)

    @api.constrains("acceptance_date", "warranty_end")
    def _check_warranty_dates(self):
        for equipment in self:
            if equipment.acceptance_date and equipment.warranty_end \
                    and equipment.warranty_end < equipment.acceptance_date:
                raise ValidationError(_("Equipment %s: the warranty cannot end before the acceptance date.")
                                      % equipment.name)

    @api.multi
    def action_view_fs_orders(self):
        self.ensure_one()
        action = self.env.ref("field_service.field_service_order_action").read()[0]
        action["domain"] = [("equipment_id", "=", self.id)]
        action["context"] = {
            "default_equipment_id": self.id,
            "default_partner_id": self.customer_id.id,
            "search_default_filter_open": 0,
        }
        return action
