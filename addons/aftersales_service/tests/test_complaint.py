# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Complaints, corrective actions and satisfaction campaigns (SPEC §4.4, S1-4.14 to 4.17)."""
from datetime import datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError

from .common_return import ReturnCase, make_user


class ComplaintCase(ReturnCase):

    def setUp(self):
        super().setUp()
        env = self.env
        self.engineer = make_user(env, "cmp_wu", "吴工 (process engineer)", "technician")
        self.qc_head = make_user(env, "cmp_zheng", "郑主管 (quality centre)", "inspector")
        self.engineer_employee = env["hr.employee"].create({"name": "吴工", "user_id": self.engineer.id})
        self.workshop = env["hr.department"].create({"name": "总装车间"})
        self.workshop_head = env["hr.employee"].create({"name": "冯主任", "department_id": self.workshop.id})
        self.workshop.manager_id = self.workshop_head
        self.cat_process = env.ref("aftersales_service.complaint_category_process")
        self.cat_production = env.ref("aftersales_service.complaint_category_production")
        self.cat_service = env.ref("aftersales_service.complaint_category_service")
        self.cat_process.user_id = self.engineer
        self.cat_production.user_id = self.qc_head
        self.cat_service.user_id = self.lead
        self.complaint_model = env["aftersales.complaint"]

    def new_complaint(self, category, **vals):
        values = {
            "channel": "hotline", "source": "dealer", "partner_id": self.dealer.id,
            "contact_name": "何经理", "phone": "0571-8888 6666", "product_id": self.product.id,
            "description": "沙发扶手松动，三个客户反映同样问题", "category_id": category.id,
            "date_received": "2026-03-02 01:00:00",
        }
        values.update(vals)
        complaint = self.complaint_model.sudo(self.specialist).create(values)
        return self.complaint_model.browse(complaint.id)


class TestComplaintRouting(ComplaintCase):

    def test_category_routes_the_complaint(self):
        expected = [
            (self.cat_process, self.env.ref("aftersales_service.hr_department_technology"), self.engineer),
            (self.cat_production, self.env.ref("aftersales_service.hr_department_quality_centre"), self.qc_head),
            (self.cat_service, self.env.ref("aftersales_service.hr_department_aftersales"), self.lead),
        ]
        for category, department, user in expected:
            complaint = self.new_complaint(category)
            self.assertTrue(complaint.name.startswith("CMP/"))
            complaint.sudo(self.specialist).action_route()
            self.assertEqual(complaint.state, "routed")
            self.assertEqual(complaint.department_id, department, category.name)
            self.assertEqual(complaint.user_id, user, category.name)
            self.assertTrue(complaint.activity_ids.filtered(lambda a: a.user_id == user))
            timer = self.timers(complaint, "complaint_response")
            self.assertEqual((timer.start, timer.deadline), ("2026-03-02 01:00:00", "2026-03-03 01:00:00"))

    def test_routing_is_configurable(self):
        self.cat_process.write({"user_id": False, "department_id": self.workshop.id})
        self.workshop_head.user_id = self.engineer
        complaint = self.new_complaint(self.cat_process)
        complaint.sudo(self.specialist).action_route()
        self.assertEqual(complaint.department_id, self.workshop)
        self.assertEqual(complaint.user_id, self.engineer)  # the department manager

    def test_route_needs_a_category_and_a_responsible(self):
        complaint = self.new_complaint(self.env["aftersales.complaint.category"])
        with self.assertRaisesRegex(UserError, "category"):
            complaint.sudo(self.specialist).action_route()
        self.cat_service.write({"user_id": False, "department_id": False})
        complaint = self.new_complaint(self.cat_service)
        with self.assertRaisesRegex(UserError, "responsible"):
            complaint.sudo(self.specialist).action_route()

    def test_routed_people_see_their_complaints_only(self):
        mine = self.new_complaint(self.cat_process)
        mine.sudo(self.specialist).action_route()
        other = self.new_complaint(self.cat_production)
        other.sudo(self.specialist).action_route()
        visible = self.complaint_model.sudo(self.engineer).search([("id", "in", (mine | other).ids)])
        self.assertEqual(visible, mine)
        mine.sudo(self.engineer).write({"measures": "更换扶手连接件规格", "response": "已提供改进方案"})
        with self.assertRaises(AccessError):
            other.sudo(self.engineer).write({"measures": "x"})


class TestComplaintResponse(ComplaintCase):

    def setUp(self):
        super().setUp()
        self.complaint = self.new_complaint(self.cat_production)
        self.complaint.sudo(self.specialist).action_route()
        self.complaint.sudo(self.qc_head).write({"measures": "加强扶手螺栓扭力检验", "response": "已电话回复经销商"})

    def test_response_within_24h_is_met(self):
        with freeze_time("2026-03-02 20:00:00"):
            self.complaint.sudo(self.qc_head).action_respond()
        self.assertEqual(self.complaint.state, "responded")
        self.assertEqual(self.timers(self.complaint, "complaint_response").state, "met")
        self.assertFalse(self.complaint.response_late)
        self.assertFalse(self.complaint.activity_ids.filtered(lambda a: a.user_id == self.qc_head))

    def test_response_after_24h_counts_as_breached(self):
        with freeze_time("2026-03-03 02:00:00"):  # 25 hours after the call
            self.complaint.sudo(self.qc_head).action_respond()
        self.assertEqual(self.complaint.state, "responded")
        self.assertEqual(self.timers(self.complaint, "complaint_response").state, "breached")
        self.assertTrue(self.complaint.response_late)
        self.assertIn(self.complaint, self.complaint_model.search([("response_late", "=", True)]))

    def test_no_response_breaches_at_the_sweep(self):
        breached = self.env["aftersales.sla.timer"]._cron_sweep(now=datetime(2026, 3, 3, 1, 30))
        timer = self.timers(self.complaint, "complaint_response")
        self.assertIn(timer, breached)
        with freeze_time("2026-03-03 03:00:00"):
            self.complaint.sudo(self.qc_head).action_respond()
        self.assertTrue(self.complaint.response_late)
        self.assertEqual(timer.state, "breached")

    def test_response_needs_text_and_close_needs_follow_up(self):
        self.complaint.response = False
        with self.assertRaises(UserError):
            self.complaint.sudo(self.qc_head).action_respond()
        self.complaint.response = "已回复"
        self.complaint.sudo(self.qc_head).action_respond()
        with self.assertRaisesRegex(UserError, "follow-up"):
            self.complaint.sudo(self.lead).action_close()
        self.complaint.sudo(self.lead).follow_up = "经销商确认问题解决"
        self.complaint.sudo(self.lead).action_close()
        self.assertEqual(self.complaint.state, "closed")
        with self.assertRaises(UserError):
            self.complaint.sudo(self.manager).unlink()


class TestComplaintResponsibility(ComplaintCase):
    """S1-4.15: traced to a unit or a person -> a penalty is proposed."""

    def setUp(self):
        super().setUp()
        self.complaint = self.new_complaint(self.cat_production, severity="serious")
        self.complaint.sudo(self.specialist).action_route()
        self.complaint.sudo(self.qc_head).response = "已回复"
        self.complaint.sudo(self.qc_head).action_respond()

    def test_penalty_on_the_responsible_person(self):
        self.complaint.sudo(self.lead).write({
            "responsibility": "employee", "responsible_employee_id": self.engineer_employee.id,
            "penalty_amount": 300.0})
        with self.assertRaises(UserError):
            self.complaint.sudo(self.specialist).action_propose_penalty()
        self.complaint.sudo(self.lead).action_propose_penalty()
        penalty = self.env["aftersales.penalty"].search([
            ("source_ref", "=", "aftersales.complaint,%d" % self.complaint.id)])
        self.assertEqual(len(penalty), 1)
        self.assertEqual(penalty.employee_id, self.engineer_employee)
        self.assertEqual(penalty.rule_id.code, "complaint")
        self.assertEqual((penalty.amount, penalty.state), (300.0, "proposed"))
        self.assertEqual(self.complaint.penalty_count, 1)
        # proposing again is idempotent
        self.complaint.sudo(self.lead).action_propose_penalty()
        self.assertEqual(self.complaint.penalty_count, 1)

    def test_penalty_on_the_responsible_unit_goes_to_its_manager(self):
        self.complaint.sudo(self.lead).write({
            "responsibility": "unit", "responsible_department_id": self.workshop.id, "severity": "severe"})
        self.complaint.sudo(self.lead).action_propose_penalty()
        penalty = self.env["aftersales.penalty"].search([
            ("source_ref", "=", "aftersales.complaint,%d" % self.complaint.id)])
        self.assertEqual(penalty.employee_id, self.workshop_head)
        self.assertEqual(penalty.rule_id.code, "complaint_severe")

    def test_printed_feedback_form(self):
        html = self.env.ref("aftersales_service.action_report_complaint").render_qweb_html(
            self.complaint.ids)[0].decode("utf-8")
        self.assertIn(self.complaint.name, html)
        self.assertIn("沙发扶手松动", html)
        self.assertIn("郑主管", html)


class TestCorrectiveAction(ComplaintCase):

    def setUp(self):
        super().setUp()
        complaint = self.new_complaint(self.cat_process)
        complaint.sudo(self.specialist).action_route()
        action = complaint.sudo(self.lead).action_create_capa()
        self.capa = self.env["aftersales.capa"].browse(action["res_id"])
        self.complaint = complaint

    def test_issue_implement_verify(self):
        capa = self.capa
        self.assertEqual(capa.complaint_id, self.complaint)
        self.assertEqual(capa.owner_id, self.engineer)
        capa.sudo(self.lead).write({"corrective_action": "扶手连接件改用M8螺栓", "date_due": "2026-04-15"})
        with self.assertRaises(AccessError):
            capa.sudo(self.lead).action_issue()
        with freeze_time("2026-03-05"):
            capa.sudo(self.director).action_issue()
        self.assertEqual(capa.state, "issued")
        self.assertTrue(capa.activity_ids.filtered(lambda a: a.user_id == self.engineer))
        # the owner sees it and reports it done
        capa.sudo(self.engineer).implementation_notes = "4月批次起执行"
        capa.sudo(self.engineer).action_implement()
        self.assertEqual(capa.state, "implemented")
        # not effective: reopened
        capa.sudo(self.director).write({"verification_result": "ineffective", "verification_notes": "仍有松动"})
        capa.sudo(self.director).action_verify()
        self.assertEqual(capa.state, "issued")
        capa.sudo(self.engineer).action_implement()
        capa.sudo(self.director).verification_result = "effective"
        capa.sudo(self.director).action_verify()
        self.assertEqual(capa.state, "verified")
        self.assertEqual(capa.verified_by_id, self.director)
        html = self.env.ref("aftersales_service.action_report_capa").render_qweb_html(capa.ids)[0].decode()
        self.assertIn(capa.name, html)
        self.assertIn("M8", html)

    def test_overdue_actions_are_found(self):
        self.capa.write({"corrective_action": "改进", "date_due": "2026-03-10"})
        with freeze_time("2026-03-05"):
            self.capa.sudo(self.director).action_issue()
        with freeze_time("2026-03-20"):
            self.assertTrue(self.capa.is_overdue)
            self.assertIn(self.capa, self.env["aftersales.capa"].search([("is_overdue", "=", True)]))
        with freeze_time("2026-03-08"):
            self.capa.invalidate_cache()
            self.assertFalse(self.capa.is_overdue)
            self.assertNotIn(self.capa, self.env["aftersales.capa"].search([("is_overdue", "=", True)]))


class TestSatisfactionCampaign(ComplaintCase):
    """S1-4.17: one survey callback per customer of the quarter, idempotently."""

    def test_quarterly_campaign_is_idempotent(self):
        other = self.env["res.partner"].create({"name": "苏州金鼎物业", "phone": "0512-6666 1234"})
        quiet = self.env["res.partner"].create({"name": "无锡安居家具"})
        self.new_complaint(self.cat_service, date_received="2026-02-10 02:00:00")
        self.new_complaint(self.cat_service, partner_id=other.id, date_received="2026-03-20 02:00:00")
        self.new_complaint(self.cat_service, partner_id=quiet.id, date_received="2026-04-02 02:00:00")
        campaign_model = self.env["aftersales.satisfaction.campaign"]
        campaigns = campaign_model._cron_quarterly_campaign(today="2026-04-03")
        campaign = campaigns.filtered(lambda c: c.company_id == self.company)
        self.assertEqual((campaign.date_from, campaign.date_to), ("2026-01-01", "2026-03-31"))
        self.assertEqual(campaign.state, "in_progress")
        callbacks = self.env["aftersales.callback"].search([
            ("source_ref", "=", "aftersales.satisfaction.campaign,%d" % campaign.id)])
        self.assertIn(self.dealer, callbacks.mapped("partner_id"))
        self.assertIn(other, callbacks.mapped("partner_id"))
        self.assertNotIn(quiet, callbacks.mapped("partner_id"))
        self.assertEqual(len(callbacks), len(callbacks.mapped("partner_id")))
        self.assertEqual(set(callbacks.mapped("channel")), {"survey"})
        self.assertEqual(campaign.callback_count, len(callbacks))
        # running again (cron or button) creates nothing more
        again = campaign_model._cron_quarterly_campaign(today="2026-05-15")
        self.assertEqual(again.filtered(lambda c: c.company_id == self.company), campaign)
        self.assertFalse(campaign.action_generate_callbacks())
        self.assertEqual(campaign.callback_count, len(callbacks))
        # closing needs the opinions classified
        with self.assertRaises(UserError):
            campaign.action_done()
        campaign.opinion_summary = "服务态度: 好评; 配件时效: 需改进"
        campaign.action_done()
        self.assertEqual(campaign.state, "done")


class TestMonthlyAnalysis(ComplaintCase):
    """S1-4.12 / 4.16: the monthly returns and complaints workbook."""

    def test_xlsx_by_reason_product_dealer_month(self):
        import xlrd
        self.deliver(self.product, 5)
        ret = self.receive(self.approve(self.new_return(qty=3, date_request="2026-03-05")), counted=2,
                           qty_mismatch_note="少一件")
        complaint = self.new_complaint(self.cat_production, date_received="2026-03-10 02:00:00")
        complaint.sudo(self.specialist).action_route()
        self.new_complaint(self.cat_service, date_received="2026-04-02 02:00:00")  # next month: left out
        wizard = self.env["aftersales.return.analysis.wizard"].sudo(self.lead).create({
            "date_from": "2026-03-01", "date_to": "2026-03-31"})
        action = wizard.action_export_xlsx()
        self.assertEqual(action["report_type"], "xlsx")
        report = self.env.ref("aftersales_service.action_report_return_analysis_xlsx")
        content, fmt = report.render_xlsx(action["context"]["active_ids"], action["data"])
        self.assertEqual(fmt, "xlsx")
        book = xlrd.open_workbook(file_contents=content)
        sheets = {sheet.name: sheet for sheet in book.sheets()}
        self.assertEqual(len(sheets), 8)
        by_product = book.sheet_by_index(1)
        rows = [by_product.row_values(i) for i in range(by_product.nrows)]
        sofa = [r for r in rows if r[0] == self.product.display_name]
        self.assertEqual(sofa[0][1:4], [1, 3.0, 2.0])
        complaints = book.sheet_by_index(5)
        cells = [complaints.row_values(i) for i in range(complaints.nrows)]
        production = [r for r in cells if r[0] == self.cat_production.name]
        self.assertEqual(production[0][1], 1)
        self.assertNotIn(self.cat_service.name, [r[0] for r in cells])
        detail = book.sheet_by_index(6)
        self.assertEqual(detail.row_values(1)[0], ret.name)
