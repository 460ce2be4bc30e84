# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The role matrix of aftersales_service (issue 11): role × document step.

One table per document says which roles own each step of its state machine.
Every case runs as a user holding ONLY base.group_user and that one role
(common_roles.role_user): an owned step succeeds; any other fails with
AccessError/UserError/ValidationError and a message that says who may do it.
Each step's document is brought to the step's state once; each role then
acts on it in a savepoint of its own, rolled back before the next role. Steps are called as the web client calls them:
creation through the form (common_form.form_create), buttons with no argument.
"""
from datetime import timedelta

from odoo import fields

from .common_form import form_create
from .common_matrix import DIRECTOR_UP, SPECIALIST_UP, SUPERVISOR_UP, MatrixMixin
from .common_part_request import PartRequestCase
from .common_return import ReturnCase
from .common_roles import role_user


# ----------------------------------------------------------------------
# Spare-part requests, their lines, workshop jobs, borrowings, closings,
# loading lists (SPEC §4.1)
# ----------------------------------------------------------------------
class TestPartMatrix(MatrixMixin, PartRequestCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = role_user(cls.env, "mx_pr_manager", "manager")

    def setUp(self):
        super().setUp()
        self.users = {"specialist": self.specialist, "technician": self.technician, "keeper": self.keeper,
                      "inspector": self.qc, "supervisor": self.supervisor, "director": self.director,
                      "manager": self.manager, "accountant": self.finance}
        # the keeper keeps the depots of the tests (spare_parts_depot restricts keepers
        # to the depots they keep, when it is installed)
        if "keeper_ids" in self.env["stock.warehouse"]._fields:
            (self.warehouse | self.branch | self.fg_warehouse).write({"keeper_ids": [(4, self.keeper.id)]})
        # employees for every role user: the requests' responsible defaults to it
        for user in self.users.values():
            if not self.env["hr.employee"].search([("user_id", "=", user.id)]):
                self.env["hr.employee"].create({"name": user.name, "user_id": user.id})

    # -- preparation ----------------------------------------------------
    def _draft(self, lines=None):
        return self.make_request(lines or [(self.headboard, 1)])

    def _confirmed(self):
        request = self._draft()
        request.sudo(self.specialist).action_confirm_by_phone()
        return request

    def _submitted(self, lines=None):
        return self.submit(self._draft(lines))

    def _approved(self, lines=None):
        return self.approve(self._submitted(lines))

    def _started(self, lines=None):
        request = self._approved(lines)
        request.sudo(self.supervisor).action_start()
        return request

    def _ready(self):
        self.stock(self.headboard, 1)
        request = self._started()
        self.assertEqual(request.state, "ready")
        return request

    def _shipped(self):
        request = self._ready()
        request.sudo(self.keeper).action_ship()
        return request

    def _job(self, state="in_production"):
        request = self._started([(self.drawer, 1, {"route": "workshop"})])
        job = request.job_ids
        if state == "qc_passed":
            job.sudo(self.qc).action_qc_pass()
        return job

    def _borrow(self, state="draft"):
        self.stock(self.package, 1, warehouse=self.fg_warehouse)
        request = self._started([(self.armrest, 1, {
            "route": "fg_borrow", "warehouse_id": self.fg_warehouse.id, "package_product_id": self.package.id})])
        borrow = request.borrow_ids
        if state in ("borrowed", "to_qa", "qa_passed"):
            borrow.sudo(self.keeper).action_borrow()
        if state in ("to_qa", "qa_passed"):
            job = request.job_ids
            job.sudo(self.qc).action_qc_pass()
            job.sudo(self.qc).action_receive(packaging_intact=True, label_partner=self.dealer,
                                             label_product=self.armrest, label_qty=1, qc_stamp=True)
        if state == "qa_passed":
            borrow.sudo(self.qc).action_qa_pass()
        return borrow

    def _owing(self):
        today = fields.Date.from_string(fields.Date.context_today(self.Request))
        request = self._approved()
        request.sudo(self.supervisor).action_start()
        request.sudo().write({"promised_date": fields.Date.to_string(today)})
        return request

    def _closing(self, state="draft"):
        self._owing()
        closing = self.env["aftersales.closing"].create({})
        closing.action_compute_lines()
        if state in ("to_approve", "approved"):
            closing.sudo(self.supervisor).action_submit()
        if state == "approved":
            closing.sudo(self.director).validate_tier()
        return closing

    # -- steps ----------------------------------------------------------
    def _form_request(self, user):
        Request = self.env["aftersales.part.request"].sudo(user)
        return form_create(Request, {"partner_id": self.dealer.id, "reason": "production_defect",
                                     "consumer_name": "张先生"},
                           lines_field="line_ids", lines=[{"product_id": self.headboard.id, "qty": 1}])

    def test_part_request_matrix(self):
        none = lambda: None  # noqa: E731

        def wizard_cancel(request, user):
            action = request.sudo(user).action_open_cancel_wizard()
            self.env[action["res_model"]].sudo(user).with_context(action["context"]).create(
                {"reason": "客户撤回"}).action_confirm()

        table = [
            ("create with a line (form)", SPECIALIST_UP, none, lambda _t, user: self._form_request(user)),
            ("add a line (form)", SPECIALIST_UP, self._draft, lambda req, user: req.sudo(user).write(
                {"line_ids": [(0, 0, {"product_id": self.drawer.id, "qty": 2, "route": "stock",
                                      "product_uom_id": self.drawer.uom_id.id})]})),
            ("confirmed by phone", SPECIALIST_UP, self._draft,
             lambda req, user: req.sudo(user).action_confirm_by_phone()),
            ("submit", SPECIALIST_UP, self._confirmed, lambda req, user: req.sudo(user).action_submit()),
            ("review (lead tier)", SUPERVISOR_UP, self._submitted, lambda req, user: req.sudo(user).validate_tier()),
            ("approve (quality director tier)", DIRECTOR_UP,
             lambda: self._reviewed(), lambda req, user: req.sudo(user).validate_tier()),
            ("reject", SUPERVISOR_UP, self._submitted, lambda req, user: req.sudo(user).reject_tier()),
            ("place orders", SUPERVISOR_UP, self._approved, lambda req, user: req.sudo(user).action_start()),
            ("ship (loading)", ("keeper",) + SUPERVISOR_UP, self._ready,
             lambda req, user: req.sudo(user).action_ship()),
            ("received by customer", SPECIALIST_UP, self._shipped, lambda req, user: req.sudo(user).action_done()),
            ("cancel (wizard)", SPECIALIST_UP, self._submitted, wizard_cancel),
        ]
        self.assertRoleMatrix("part request", table)

    def _reviewed(self):
        request = self._submitted()
        request.sudo(self.supervisor).validate_tier()
        return request

    def test_part_job_matrix(self):
        def receive(job, user):
            wizard = self.env["aftersales.part.job.receive"].sudo(user).with_context(active_id=job.id).create({
                "packaging_intact": True, "label_partner_id": self.dealer.id, "label_product_id": self.drawer.id,
                "label_qty": 1, "qc_stamp": True})
            wizard.action_receive()

        table = [
            ("QC passed", ("inspector",), self._job, lambda job, user: job.sudo(user).action_qc_pass()),
            ("receive (checks)", ("inspector", "keeper") + SUPERVISOR_UP, lambda: self._job("qc_passed"), receive),
            ("cancel", SPECIALIST_UP, self._job, lambda job, user: job.sudo(user).action_cancel()),
        ]
        self.assertRoleMatrix("part job", table)

    def test_fg_borrow_matrix(self):
        table = [
            ("borrow the package", ("keeper",) + SUPERVISOR_UP, self._borrow,
             lambda b, user: b.sudo(user).action_borrow()),
            ("QA passed", ("inspector",), lambda: self._borrow("to_qa"),
             lambda b, user: b.sudo(user).action_qa_pass()),
            ("return the package", ("keeper",) + SUPERVISOR_UP, lambda: self._borrow("qa_passed"),
             lambda b, user: b.sudo(user).action_return_package()),
        ]
        self.assertRoleMatrix("fg borrow", table)

    def test_closing_matrix(self):
        def form_closing(_t, user):
            form_create(self.env["aftersales.closing"].sudo(user), {})

        def evaluate(closing, user):
            closing.sudo().write({"grace_deadline": fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=1))})
            closing.sudo(user).action_evaluate()

        table = [
            ("create (form)", SUPERVISOR_UP, lambda: None, form_closing),
            ("compute the owed parts", SUPERVISOR_UP, self._closing,
             lambda c, user: c.sudo(user).action_compute_lines()),
            ("submit", SUPERVISOR_UP, self._closing, lambda c, user: c.sudo(user).action_submit()),
            ("approve (tier)", DIRECTOR_UP, lambda: self._closing("to_approve"),
             lambda c, user: c.sudo(user).validate_tier()),
            ("evaluate after the grace", SUPERVISOR_UP, lambda: self._closing("approved"), evaluate),
            ("cancel", SUPERVISOR_UP, lambda: self._closing("to_approve"),
             lambda c, user: c.sudo(user).action_cancel()),
        ]
        self.assertRoleMatrix("closing", table)

    def test_loading_list_matrix(self):
        def loading_list():
            request = self._ready()
            return self.env["aftersales.loading.list"].create({
                "partner_id": request.partner_shipping_id.id or request.partner_id.id,
                "request_ids": [(6, 0, request.ids)]})

        table = [
            ("create (form)", ("keeper",) + SPECIALIST_UP, lambda: None,
             lambda _t, user: form_create(self.env["aftersales.loading.list"].sudo(user),
                                          {"partner_id": self.dealer.id})),
            ("load and ship", ("keeper",) + SUPERVISOR_UP, loading_list,
             lambda ll, user: ll.sudo(user).action_load()),
            ("cancel", ("keeper",) + SPECIALIST_UP, loading_list, lambda ll, user: ll.sudo(user).action_cancel()),
        ]
        self.assertRoleMatrix("loading list", table)


# ----------------------------------------------------------------------
# Returns and write-offs (SPEC §4.2, 4.3)
# ----------------------------------------------------------------------
class TestReturnMatrix(MatrixMixin, ReturnCase):

    def setUp(self):
        super().setUp()
        self.users = self._matrix_users("mx_ret", {
            "specialist": self.specialist, "supervisor": self.lead, "director": self.director,
            "manager": self.manager})
        self.deliver(self.product, 2)

    def _return(self, state="draft"):
        ret = self.new_return(qty=1.0)
        if state in ("to_approve", "approved", "received", "inspected"):
            ret.sudo(self.specialist).action_submit()
        if state in ("approved", "received", "inspected"):
            ret.sudo(self.director).validate_tier()
        if state in ("received", "inspected"):
            self.receive(ret)
        if state == "inspected":
            self.inspect(ret)
        return ret

    def test_return_matrix(self):
        def form_return(_t, user):
            form_create(self.return_model.sudo(user), {
                "partner_id": self.dealer.id, "description": "坐垫开裂", "alternative_offered": "parts",
                "alternative_outcome": "declined"},
                lines_field="line_ids", lines=[{"product_id": self.product.id, "qty": 1, "reason": "quality"}])

        def receive(ret, user):
            ret.line_ids.sudo(user).write({"qty_received": 1.0})
            ret.sudo(user).write({"packaging_condition": "intact", "deliverer_name": "物流司机 王师傅",
                                  "deliverer_signed": True})
            ret.sudo(user).action_receive()

        def inspect(ret, user):
            ret.line_ids.sudo(user).write({"verdict": "quality_defect", "findings": "面料接缝开裂"})
            ret.sudo(user).write({"inspection_summary": "出厂缝线不良"})
            ret.sudo(user).action_inspect()

        def decide(ret, user):
            ret.sudo(user).write({"decision": "repair", "decision_notes": "返厂维修"})
            ret.sudo(user).action_decide()

        table = [
            ("create with a line (form)", SPECIALIST_UP, lambda: None, form_return),
            ("submit", SPECIALIST_UP, self._return, lambda r, user: r.sudo(user).action_submit()),
            ("authorize (tier)", DIRECTOR_UP, lambda: self._return("to_approve"),
             lambda r, user: r.sudo(user).validate_tier()),
            ("reject (tier)", DIRECTOR_UP, lambda: self._return("to_approve"),
             lambda r, user: r.sudo(user).reject_tier()),
            ("receive the goods", ("keeper",) + SUPERVISOR_UP, lambda: self._return("approved"), receive),
            ("inspect", SUPERVISOR_UP, lambda: self._return("received"), inspect),
            ("decide", DIRECTOR_UP, lambda: self._return("inspected"), decide),
            ("cancel", SPECIALIST_UP, lambda: self._return("approved"), lambda r, user: r.sudo(user).action_cancel()),
        ]
        self.assertRoleMatrix("return", table)

    def test_writeoff_matrix(self):
        Writeoff = self.env["aftersales.writeoff"]

        def writeoff(state="draft"):
            wo = Writeoff.sudo(self.lead).create({"partner_id": self.dealer.id, "amount": 100.0,
                                                  "reason": "运输损坏", "writeoff_type": "credit_note"})
            if state in ("to_approve", "approved"):
                wo.sudo(self.lead).action_submit()
            if state == "approved":
                wo.sudo(self.manager).validate_tier()
            return Writeoff.browse(wo.id)

        table = [
            ("create (form)", SUPERVISOR_UP, lambda: None,
             lambda _t, user: form_create(Writeoff.sudo(user), {
                 "partner_id": self.dealer.id, "amount": 100.0, "reason": "运输损坏",
                 "writeoff_type": "credit_note"})),
            ("submit", SUPERVISOR_UP, writeoff, lambda w, user: w.sudo(user).action_submit()),
            ("approve (tier)", ("manager",), lambda: writeoff("to_approve"),
             lambda w, user: w.sudo(user).validate_tier()),
            ("post the credit note", ("accountant",), lambda: writeoff("approved"),
             lambda w, user: w.sudo(user).action_post()),
        ]
        self.assertRoleMatrix("write-off", table)


# ----------------------------------------------------------------------
# Complaints and corrective actions (SPEC §4.4), penalties and appraisals
# (§3.3), callbacks and satisfaction campaigns (§3.4)
# ----------------------------------------------------------------------
class TestOfficeMatrix(MatrixMixin, ReturnCase):

    def setUp(self):
        super().setUp()
        self.users = self._matrix_users("mx_off", {
            "specialist": self.specialist, "supervisor": self.lead, "director": self.director,
            "manager": self.manager})
        self.technician = self.users["technician"]
        self.tech_employee = self.env["hr.employee"].create({"name": "维修员 马超", "user_id": self.technician.id})
        # production quality -> quality centre (S1-4.14): routed to the QC inspector
        self.category = self.env.ref("aftersales_service.complaint_category_production")
        self.category.user_id = self.users["inspector"]
        self.today = fields.Date.from_string(fields.Date.context_today(self.return_model))

    # -- complaints -----------------------------------------------------
    def _complaint(self, state="draft"):
        complaint = self.env["aftersales.complaint"].create({
            "channel": "hotline", "source": "dealer", "partner_id": self.dealer.id, "contact_name": "何经理",
            "product_id": self.product.id, "description": "沙发扶手松动，三个客户反映同样问题",
            "category_id": self.category.id})
        if state != "draft":
            complaint.sudo(self.specialist).action_route()
        if state in ("answered", "responded", "traced"):
            complaint.sudo(self.users["inspector"]).write({"measures": "加强扶手螺栓扭力检验",
                                                          "response": "已电话回复经销商"})
        if state in ("responded", "traced"):
            complaint.sudo(self.users["inspector"]).action_respond()
            complaint.sudo(self.specialist).write({"follow_up": "经销商确认已修复"})
        if state == "traced":
            complaint.sudo(self.lead).write({"responsibility": "employee",
                                             "responsible_employee_id": self.tech_employee.id})
        if state == "cancel":
            complaint.sudo(self.specialist).action_cancel()
        return complaint

    def test_complaint_matrix(self):
        def form_complaint(_t, user):
            form_create(self.env["aftersales.complaint"].sudo(user), {
                "channel": "hotline", "source": "consumer", "partner_id": self.dealer.id,
                "contact_name": "张女士", "description": "床头靠板开裂", "category_id": self.category.id})

        def press(method):
            return lambda c, user: getattr(c.sudo(user), method)()

        table = [
            ("create (form)", SPECIALIST_UP, lambda: None, form_complaint),
            ("route", SPECIALIST_UP, self._complaint, press("action_route")),
            # the person it is routed to answers (here the quality centre's inspector), or the office
            ("response given", ("inspector",) + SPECIALIST_UP, lambda: self._complaint("answered"),
             press("action_respond")),
            ("close", SPECIALIST_UP, lambda: self._complaint("responded"), press("action_close")),
            ("propose a penalty", SUPERVISOR_UP, lambda: self._complaint("traced"),
             press("action_propose_penalty")),
            ("corrective action", SUPERVISOR_UP, lambda: self._complaint("responded"),
             press("action_create_capa")),
            ("cancel", SPECIALIST_UP, lambda: self._complaint("routed"), press("action_cancel")),
            ("reset to new", SPECIALIST_UP, lambda: self._complaint("cancel"), press("action_draft")),
        ]
        self.assertRoleMatrix("complaint", table)

    # -- corrective actions ---------------------------------------------
    def _capa(self, state="draft"):
        capa = self.env["aftersales.capa"].create({
            "title": "扶手松动整改", "problem": "沙发扶手松动", "owner_id": self.technician.id,
            "corrective_action": "扶手连接件改用M8螺栓",
            "date_due": fields.Date.to_string(self.today + timedelta(days=30))})
        if state in ("issued", "implemented", "cancel"):
            capa.sudo(self.director).action_issue()
        if state == "implemented":
            capa.sudo(self.technician).write({"implementation_notes": "本月批次起执行"})
            capa.sudo(self.technician).action_implement()
            capa.sudo(self.director).write({"verification_result": "effective"})
        if state == "cancel":
            capa.sudo(self.director).action_cancel()
        return capa

    def test_capa_matrix(self):
        def form_capa(_t, user):
            form_create(self.env["aftersales.capa"].sudo(user), {"title": "餐椅异响", "problem": "餐椅异响"})

        def press(method):
            return lambda c, user: getattr(c.sudo(user), method)()

        table = [
            ("create (form)", SPECIALIST_UP, lambda: None, form_capa),
            ("issue", DIRECTOR_UP, self._capa, press("action_issue")),
            # the owner (here a technician of another department) reports it done
            ("implemented", ("technician",) + DIRECTOR_UP, lambda: self._capa("issued"),
             lambda c, user: (c.sudo().write({"implementation_notes": "本月批次起执行"}),
                              c.sudo(user).action_implement())),
            ("verify", DIRECTOR_UP, lambda: self._capa("implemented"), press("action_verify")),
            ("cancel a draft", SPECIALIST_UP, self._capa, press("action_cancel")),
            ("cancel an issued one", DIRECTOR_UP, lambda: self._capa("issued"), press("action_cancel")),
            ("reset to draft", SPECIALIST_UP, lambda: self._capa("cancel"), press("action_draft")),
        ]
        self.assertRoleMatrix("corrective action", table)

    # -- penalties ------------------------------------------------------
    def _penalty(self, state="proposed"):
        rule = self.env["aftersales.penalty.rule"].get_by_code("late_arrival")
        penalty = self.env["aftersales.penalty"].sudo(self.lead).propose([{
            "employee_id": self.tech_employee.id, "rule_id": rule.id, "reason": "到达现场迟到40分钟",
            "source_ref": "res.partner,%d" % self.dealer.id}])
        penalty = self.env["aftersales.penalty"].browse(penalty.id)
        if state in ("to_approve", "confirmed"):
            penalty.sudo(self.lead).request_validation()
        if state == "confirmed":
            penalty.sudo(self.manager).validate_tier()
            self.assertEqual(penalty.state, "confirmed")
        return penalty

    def test_penalty_matrix(self):
        Penalty = self.env["aftersales.penalty"]

        def form_penalty(_t, user):
            form_create(Penalty.sudo(user), {
                "employee_id": self.tech_employee.id, "reason": "未按作业指导书施工",
                "rule_id": self.env["aftersales.penalty.rule"].get_by_code("work_instruction").id})

        def wizard_cancel(penalty, user):
            action = penalty.sudo(user).action_open_cancel_wizard()
            self.env[action["res_model"]].sudo(user).with_context(action["context"]).create(
                {"reason": "经核实不属实"}).action_confirm()

        def press(method):
            return lambda p, user: getattr(p.sudo(user), method)()

        table = [
            ("propose (form)", SUPERVISOR_UP, lambda: None, form_penalty),
            ("request approval", SUPERVISOR_UP, self._penalty, press("request_validation")),
            ("approve (tier)", ("manager",), lambda: self._penalty("to_approve"), press("validate_tier")),
            ("reject (tier)", ("manager",), lambda: self._penalty("to_approve"), press("reject_tier")),
            ("confirm", ("manager",), self._penalty, press("action_confirm")),
            ("cancel a proposal (wizard)", SUPERVISOR_UP, self._penalty, wizard_cancel),
            ("cancel a confirmed entry (wizard)", ("manager",), lambda: self._penalty("confirmed"), wizard_cancel),
        ]
        self.assertRoleMatrix("penalty", table)

    # -- appraisals -----------------------------------------------------
    # a month of no demo data: the demo prepares the months around today
    MONTH = "2024-02-01"

    def _appraisal(self, state="draft"):
        appraisal = self.env["aftersales.appraisal"].create({"employee_id": self.tech_employee.id,
                                                             "date_from": self.MONTH})
        if state in ("approved", "done"):
            appraisal.sudo(self.manager).action_approve()
        return appraisal

    def test_appraisal_matrix(self):
        Appraisal = self.env["aftersales.appraisal"]

        def prepare(_t, user):
            wizard = form_create(self.env["aftersales.appraisal.prepare"].sudo(user), {"date": "2024-03-15"})
            wizard.action_prepare()

        def press(method):
            return lambda a, user: getattr(a.sudo(user), method)()

        table = [
            ("prepare the month (wizard)", SUPERVISOR_UP, lambda: None, prepare),
            ("create (form)", SUPERVISOR_UP, lambda: None,
             lambda _t, user: form_create(Appraisal.sudo(user), {"employee_id": self.tech_employee.id,
                                                                 "date_from": "2024-04-01"})),
            ("recompute", SUPERVISOR_UP, self._appraisal, press("action_recompute")),
            ("approve", ("manager",), self._appraisal, press("action_approve")),
            ("mark paid", ("manager", "accountant"), lambda: self._appraisal("approved"), press("action_done")),
            ("reset to draft", ("manager",), lambda: self._appraisal("approved"), press("action_reset_draft")),
        ]
        self.assertRoleMatrix("appraisal", table)

    # -- callbacks and satisfaction campaigns ------------------------------
    def _callback(self, satisfaction=False):
        callback = self.env["aftersales.callback"].create({
            "partner_id": self.dealer.id, "employee_id": self.tech_employee.id, "channel": "phone"})
        if satisfaction:
            callback.write({"satisfaction": satisfaction, "conduct": "good"})
        return callback

    def test_callback_matrix(self):
        def form_callback(_t, user):
            form_create(self.env["aftersales.callback"].sudo(user), {
                "partner_id": self.dealer.id, "employee_id": self.tech_employee.id, "channel": "phone"})

        table = [
            ("plan (form)", SPECIALIST_UP, lambda: None, form_callback),
            ("done", SPECIALIST_UP, lambda: self._callback(satisfaction=4),
             lambda c, user: c.sudo(user).action_done()),
            ("cancel", SPECIALIST_UP, self._callback, lambda c, user: c.sudo(user).action_cancel()),
        ]
        self.assertRoleMatrix("callback", table)

    def _campaign(self, state="draft"):
        campaign = self.env["aftersales.satisfaction.campaign"].create({
            "name": "2024 Q1 满意度调查", "date_from": "2024-01-01", "date_to": "2024-03-31"})
        if state == "in_progress":
            campaign.sudo(self.lead).action_generate_callbacks()
            campaign.sudo(self.lead).write({"opinion_summary": "服务及时: 3; 配件质量: 1"})
        return campaign

    def test_satisfaction_campaign_matrix(self):
        def form_campaign(_t, user):
            form_create(self.env["aftersales.satisfaction.campaign"].sudo(user), {
                "name": "2024 Q2 满意度调查", "date_from": "2024-04-01", "date_to": "2024-06-30"})

        def press(method):
            return lambda c, user: getattr(c.sudo(user), method)()

        table = [
            ("create (form)", SUPERVISOR_UP, lambda: None, form_campaign),
            ("plan callbacks", SUPERVISOR_UP, self._campaign, press("action_generate_callbacks")),
            ("close", SUPERVISOR_UP, lambda: self._campaign("in_progress"), press("action_done")),
            ("cancel", SUPERVISOR_UP, lambda: self._campaign("in_progress"), press("action_cancel")),
        ]
        self.assertRoleMatrix("satisfaction campaign", table)
