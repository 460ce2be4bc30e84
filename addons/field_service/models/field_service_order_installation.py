# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.addons.aftersales_service.models.roles import SUPERVISOR_GROUP


class FieldServiceOrderInstallation(models.Model):
    """Installation orders (S1 第五篇 一): team, site readiness, installing, QC acceptance,
    training, settlement."""
    _inherit = "field.service.order"

    # Installation (S1 第五篇 一)
    install_stage = fields.Selection(
        [("team", "Team"), ("readiness", "Site Readiness"), ("installing", "Installing"),
         ("acceptance", "QC Acceptance"), ("training", "Training"), ("settlement", "Settlement"),
         ("done", "Done")], "Installation Stage", default="team", copy=False, track_visibility="onchange")
    project_manager_id = fields.Many2one("hr.employee", "Project Manager")
    team_lead_id = fields.Many2one("hr.employee", "Team Lead", track_visibility="onchange")
    entry_date = fields.Date("Site Entry", help="Planned entry of the installation team on the site.")
    team_confirmed_date = fields.Date("Team Confirmed", readonly=True, copy=False)
    ready_drawings = fields.Boolean("Drawings and documents available")
    ready_civil = fields.Boolean("Civil works finished")
    ready_power = fields.Boolean("Power and cabling available")
    ready_materials = fields.Boolean("Equipment and materials on site")
    ready_safety = fields.Boolean("Safe working conditions")
    readiness_result = fields.Selection(
        [("pass", "Fit for Entry"), ("rectify", "To Rectify")], readonly=True, copy=False,
        track_visibility="onchange")
    readiness_note = fields.Text("Readiness Findings")
    readiness_date = fields.Date(readonly=True, copy=False)
    readiness_count = fields.Integer("Readiness Checks", readonly=True, copy=False)
    work_plan = fields.Text("Work Plan", help="Installation schedule and method (工程安装调试进度计划).")
    plan_end_date = fields.Date("Planned End")
    acceptance_ids = fields.One2many("field.service.acceptance", "order_id", "QC Acceptances", readonly=True)
    rework_count = fields.Integer(compute="_compute_rework_count", string="Failed Acceptances")
    training_date = fields.Date("Training Date", copy=False)
    training_trainees = fields.Char("Trainees", copy=False, help="Site operators trained (现场操作人员).")
    training_signature = fields.Binary("Trainee Signature", attachment=True, copy=False)
    settlement_amount = fields.Monetary("Settlement Amount", copy=False)
    settlement_date = fields.Date(readonly=True, copy=False)
    settlement_note = fields.Text("Settlement Notes", copy=False)

    @api.depends("acceptance_ids.result")
    def _compute_rework_count(self):
        for order in self:
            order.rework_count = len(order.acceptance_ids.filtered(lambda a: a.result == "fail"))

    # ------------------------------------------------------------------
    # Installation (S1 第五篇 一)
    # ------------------------------------------------------------------
    @api.multi
    def _ensure_installation(self, stages):
        for order in self:
            if order.order_type != "installation":
                raise UserError(_("Order %s is not an installation.") % order.name)
            if order.state in ("done", "cancel") or order.install_stage not in stages:
                raise UserError(_("Installation %s is at stage %s: this step is not possible now.")
                                % (order.name, dict(order._fields["install_stage"]._description_selection(
                                    self.env)).get(order.install_stage)))

    @api.multi
    def _check_dispatcher(self, step):
        """Steps of the office that plans the work (the dispatcher): after-sales supervisors."""
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(_("Only an after-sales supervisor (the dispatcher) may %(step)s (%(order)s).")
                              % {"step": step, "order": ", ".join(self.mapped("name"))})

    @api.multi
    def action_confirm_team(self):
        """The team is fixed at least 7 days before entering the site (进场前七天)."""
        self._check_dispatcher(_("confirm the installation team"))
        self._ensure_installation(["team"])
        today = fields.Date.from_string(fields.Date.context_today(self))
        for order in self:
            lead = order.team_lead_id or order.technician_id
            if not lead or not order.entry_date:
                raise UserError(_("Installation %s needs a team lead and a site entry date.") % order.name)
            if (fields.Date.from_string(order.entry_date) - today).days < 7:
                raise UserError(_("Installation %s: the team must be chosen at least 7 days before entering "
                                  "the site (entry %s). Move the entry date.") % (order.name, order.entry_date))
            order.write({
                "team_lead_id": lead.id,
                "technician_id": order.technician_id.id or lead.id,
                "team_confirmed_date": fields.Date.to_string(today),
                "install_stage": "readiness",
                "state": "dispatched",
                "date_dispatched": self._now(),
                "dispatcher_id": self.env.uid,
                "planned_date": order.entry_date,
            })
        self._after_dispatch(self._now())
        return True

    @api.multi
    def _readiness_missing(self):
        self.ensure_one()
        labels = []
        for name in ("ready_drawings", "ready_civil", "ready_power", "ready_materials", "ready_safety"):
            if not self[name]:
                labels.append(self._fields[name].get_description(self.env)["string"])
        return labels

    @api.multi
    def action_readiness_pass(self):
        """Entry check passed (工程安装调试进场审查单: 符合进场): the team enters the site."""
        self._ensure_installation(["readiness"])
        for order in self:
            order._check_own_order(_("record the site entry check"))
            missing = order._readiness_missing()
            if missing:
                raise UserError(_("Installation %s is not ready for entry: %s. Record it as to rectify.")
                                % (order.name, ", ".join(missing)))
            if not (order.work_plan or "").strip():
                raise UserError(_("Installation %s: write the work plan before entering the site.") % order.name)
        self.write({
            "readiness_result": "pass", "readiness_date": fields.Date.context_today(self),
            "install_stage": "installing", "state": "on_site", "date_arrived": self._now(),
        })
        for order in self:
            order.readiness_count += 1
        return True

    @api.multi
    def action_readiness_rectify(self):
        """Not fit for entry: the project manager rectifies, then the check is repeated."""
        self._ensure_installation(["readiness"])
        for order in self:
            order._check_own_order(_("record the site entry check"))
            if not (order.readiness_note or "").strip():
                raise UserError(_("Installation %s: describe what the site must rectify.") % order.name)
            order.write({"readiness_result": "rectify", "readiness_date": fields.Date.context_today(self),
                         "readiness_count": order.readiness_count + 1})
            user = order.project_manager_id.user_id or self.env.user
            order._document_activity(user, _("Rectify the site before installation"), note=order.readiness_note)
        return True

    @api.multi
    def action_request_acceptance(self):
        self._ensure_installation(["installing"])
        for order in self:
            order._check_own_order(_("ask for the QC acceptance"))
        self.write({"install_stage": "acceptance"})
        return True

    @api.multi
    def record_acceptance(self, result, rating=False, cause="installation", on_plan=True, note=False,
                          inspector=None):
        """QC acceptance by the quality group (质量检查小组验收): pass -> training,
        fail -> rework; ±300 for the team (S1 第五篇 考核 五)."""
        self._ensure_installation(["acceptance"])
        if result not in ("pass", "fail"):
            raise ValidationError(_("An acceptance passes or fails."))
        Acceptance = self.env["field.service.acceptance"]
        Penalty = self.env["aftersales.penalty"].sudo()
        Rule = self.env["aftersales.penalty.rule"].sudo()
        acceptances = Acceptance
        for order in self:
            acceptance = Acceptance.create({
                "order_id": order.id,
                "result": result,
                "rating": rating or ("excellent" if result == "pass" and on_plan else result),
                "cause": cause if result == "fail" else False,
                "on_plan": on_plan,
                "note": note,
                "inspector_id": (inspector or self.env.user).id,
                "team_lead_id": order.team_lead_id.id,
            })
            acceptances |= acceptance
            source = "%s,%s" % (order._name, order.id)
            if result == "pass":
                order.write({"install_stage": "training"})
                if acceptance.rating == "excellent" and on_plan and order.team_lead_id:
                    rule = Rule.get_by_code("install_quality_reward")
                    Penalty.propose([{
                        "employee_id": order.team_lead_id.id, "rule_id": rule.id, "source_ref": source,
                        "reason": _("Installation %s accepted as excellent and finished on plan: reward for the "
                                    "installation team.") % order.name}])
            else:
                order.write({"install_stage": "installing"})
                if cause == "installation" and order.team_lead_id:
                    rule = Rule.get_by_code("install_quality_fine")
                    Penalty.propose([{
                        "employee_id": order.team_lead_id.id, "rule_id": rule.id,
                        "source_ref": "field.service.acceptance,%s" % acceptance.id,
                        "reason": _("Installation %s failed QC acceptance through the installation: fine for the "
                                    "installation team. %s") % (order.name, note or "")}])
                order.message_post(body=_("QC acceptance failed: rework, then ask for a new acceptance. %s")
                                   % (note or ""))
                order.team_lead_id._check_consecutive_failures()
        return acceptances

    @api.multi
    def action_training_signed(self):
        """Site operators trained and signed (现场操作人员培训签字)."""
        self._ensure_installation(["training"])
        for order in self:
            order._check_own_order(_("record the training sign-off"))
            if not order.training_trainees or not order.training_signature or not order.training_date:
                raise UserError(_("Installation %s: record the training date, the trainees and their signature.")
                                % order.name)
        self.write({"install_stage": "settlement"})
        return True

    @api.multi
    def action_settle(self):
        """Settlement request (工程安装调试结算申请报告): closes the installation."""
        self._check_dispatcher(_("settle the installation"))
        self._ensure_installation(["settlement"])
        for order in self:
            if order.settlement_amount < 0:
                raise ValidationError(_("The settlement amount cannot be negative."))
        now = self._now()
        self.write({"install_stage": "done", "settlement_date": fields.Date.context_today(self)})
        equipment = self.mapped("equipment_id").filtered(lambda e: e.service_status == "installing")
        for order in self.filtered(lambda o: o.equipment_id in equipment):
            order.equipment_id.write({
                "acceptance_date": order.equipment_id.acceptance_date or fields.Date.context_today(self),
                "service_status": "warranty",
            })
        self._close(now)
        return True

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    @api.multi
    def action_open_acceptance(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "field.service.acceptance.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }
