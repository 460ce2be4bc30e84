# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError


def quarter_bounds(day):
    """First and last day of the quarter containing ``day`` (a date)."""
    first = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    return first, first + relativedelta(months=3, days=-1)


class AftersalesSatisfactionCampaign(models.Model):
    """Quarterly satisfaction survey (S1-4.17): one survey callback
    (``aftersales.callback``) per customer served in the quarter; the
    supervisor classifies the opinions and sets improvement measures with a
    deadline (corrective actions)."""
    _name = "aftersales.satisfaction.campaign"
    _description = "Quarterly Satisfaction Campaign"
    _inherit = ["aftersales.document", "mail.thread", "mail.activity.mixin"]
    _document_sequence = False  # named by the person who plans it
    _document_transitions = {
        "planned": ("draft", "in_progress"),
        "done": ("in_progress",),
        "cancelled": ("draft", "in_progress"),
    }
    _order = "date_from desc, id desc"

    name = fields.Char("Name", required=True, copy=True, default=None, readonly=True,
                       states={"draft": [("readonly", False)]})
    company_id = fields.Many2one(readonly=True, states={"draft": [("readonly", False)]})
    date_from = fields.Date(required=True, readonly=True, states={"draft": [("readonly", False)]})
    date_to = fields.Date(required=True, readonly=True, states={"draft": [("readonly", False)]})
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft", required=True, readonly=True, copy=False, track_visibility="onchange")
    user_id = fields.Many2one("res.users", "Organised by", default=lambda self: self.env.user)
    callback_count = fields.Integer(compute="_compute_stats")
    answered_count = fields.Integer(compute="_compute_stats")
    dissatisfied_count = fields.Integer(compute="_compute_stats")
    satisfaction_avg = fields.Float("Average Satisfaction", compute="_compute_stats", digits=(3, 2))
    opinion_summary = fields.Text("Opinions by Category",
                                  help="The customers' opinions, classified (S1-4.17).")
    improvement_measures = fields.Text()
    improvement_due = fields.Date("Improvement Deadline")
    capa_ids = fields.Many2many("aftersales.capa", string="Corrective Actions")

    _sql_constraints = [
        ("period_company_uniq", "unique(company_id, date_from)", "There is already a campaign for this quarter."),
    ]

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for campaign in self:
            if campaign.date_to < campaign.date_from:
                raise ValidationError(_("Campaign %s ends before it starts.") % campaign.name)

    def _callback_domain(self):
        # a new form (onchange) has no id yet, hence no callback
        return [("source_ref", "in", ["%s,%d" % (self._name, c.id) for c in self if isinstance(c.id, int)])]

    def _compute_stats(self):
        stats = {c.id: {"count": 0, "answered": 0, "dissatisfied": 0, "total": 0} for c in self}
        for callback in self.env["aftersales.callback"].sudo().search_read(
                self._callback_domain(), ["source_ref", "satisfaction", "dissatisfied", "state"]):
            campaign_id = int(callback["source_ref"].split(",")[1])
            data = stats[campaign_id]
            data["count"] += 1
            if callback["satisfaction"]:
                data["answered"] += 1
                data["total"] += callback["satisfaction"]
            if callback["dissatisfied"]:
                data["dissatisfied"] += 1
        for campaign in self:
            data = stats[campaign.id]
            campaign.callback_count = data["count"]
            campaign.answered_count = data["answered"]
            campaign.dissatisfied_count = data["dissatisfied"]
            campaign.satisfaction_avg = data["total"] / data["answered"] if data["answered"] else 0.0

    # ------------------------------------------------------------------
    # customers of the quarter
    # ------------------------------------------------------------------
    def _quarter_customers(self):
        """Commercial partners served in the period: confirmed sales, returns,
        complaints and part requests. One SQL aggregate."""
        self.ensure_one()
        params = {"date_from": self.date_from, "date_to": self.date_to, "company": self.company_id.id}
        queries = [
            """SELECT p.commercial_partner_id FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                WHERE so.state IN ('sale', 'done') AND so.company_id = %(company)s
                  AND so.date_order::date BETWEEN %(date_from)s AND %(date_to)s""",
            """SELECT commercial_partner_id FROM aftersales_return
                WHERE state != 'cancel' AND company_id = %(company)s
                  AND date_request BETWEEN %(date_from)s AND %(date_to)s""",
            """SELECT p.commercial_partner_id FROM aftersales_complaint c JOIN res_partner p ON p.id = c.partner_id
                WHERE c.state != 'cancel' AND c.company_id = %(company)s
                  AND c.date_received::date BETWEEN %(date_from)s AND %(date_to)s""",
        ]
        if "aftersales.part.request" in self.env:
            request_model = self.env["aftersales.part.request"]
            date_field = next((f for f in ("date_request", "date", "create_date") if f in request_model._fields), None)
            if date_field and request_model._fields[date_field].store and "partner_id" in request_model._fields:
                queries.append("""SELECT p.commercial_partner_id FROM aftersales_part_request r
                    JOIN res_partner p ON p.id = r.partner_id
                    WHERE r.state != 'cancel' AND r.%s::date BETWEEN %%(date_from)s AND %%(date_to)s""" % date_field)
        self.env.cr.execute(
            "SELECT DISTINCT c FROM (%s) AS served(c) WHERE c IS NOT NULL" % " UNION ".join(queries), params)
        return self.env["res.partner"].browse([row[0] for row in self.env.cr.fetchall()])

    @api.multi
    def action_generate_callbacks(self):
        """One survey callback per customer of the quarter; idempotent (the
        campaign row is locked so two runs never double the callbacks)."""
        callback_model = self.env["aftersales.callback"]
        created = callback_model.browse()
        self._ensure_can("planned", _("planned"))
        for campaign in self:
            self.env.cr.execute(
                "SELECT id FROM aftersales_satisfaction_campaign WHERE id = %s FOR UPDATE", (campaign.id,))
            source = "%s,%d" % (self._name, campaign.id)
            existing = set(callback_model.sudo().search([("source_ref", "=", source)]).mapped("partner_id").ids)
            vals_list = [{
                "partner_id": partner.id,
                "source_ref": source,
                "channel": "survey",
                "company_id": campaign.company_id.id,
                "contact_name": partner.name,
                "phone": partner.phone or partner.mobile,
            } for partner in campaign._quarter_customers() if partner.id not in existing]
            for vals in vals_list:
                created |= callback_model.create(vals)
            if campaign.state == "draft":
                campaign.state = "in_progress"
            if vals_list:
                campaign.message_post(body=_("%d survey callbacks planned.") % len(vals_list))
        return created

    @api.multi
    def action_view_callbacks(self):
        self.ensure_one()
        return self._document_window_action(
            "aftersales_service.action_aftersales_callback", self._callback_domain(),
            {"default_source_ref": "%s,%d" % (self._name, self.id), "default_channel": "survey"})

    @api.multi
    def action_done(self):
        self._ensure_can("done", _("closed"))
        for campaign in self:
            if not (campaign.opinion_summary or "").strip():
                raise UserError(_("Campaign %s: classify the customers' opinions before closing (S1-4.17).")
                                % campaign.name)
            if campaign.dissatisfied_count and not (campaign.improvement_measures and campaign.improvement_due):
                raise UserError(_("Campaign %s has dissatisfied customers: set the improvement measures and "
                                  "their deadline.") % campaign.name)
        self.write({"state": "done"})
        return True

    @api.multi
    def action_cancel(self):
        self._ensure_can("cancelled", _("cancelled"))
        self.write({"state": "cancel"})
        return True

    @api.model
    def _create_for_quarter(self, day, company):
        first, last = quarter_bounds(day)
        campaign = self.search([("company_id", "=", company.id), ("date_from", "=", fields.Date.to_string(first))])
        if not campaign:
            campaign = self.create({
                "name": _("%s Q%d satisfaction survey") % (first.year, (first.month - 1) // 3 + 1),
                "company_id": company.id,
                "date_from": fields.Date.to_string(first),
                "date_to": fields.Date.to_string(last),
            })
        return campaign

    @api.model
    def _cron_quarterly_campaign(self, today=None):
        """Quarterly (S1-4.17): the campaign of the quarter that just ended,
        with its callbacks. Safe to run often: campaigns are unique per
        quarter and callbacks per customer."""
        today = fields.Date.from_string(today or fields.Date.context_today(self))
        previous = quarter_bounds(today)[0] - relativedelta(days=1)
        campaigns = self.browse()
        for company in self.env["res.company"].search([]):
            campaign = self.with_context(force_company=company.id)._create_for_quarter(previous, company)
            if campaign.state in ("draft", "in_progress"):
                campaign.action_generate_callbacks()
            campaigns |= campaign
        return campaigns
