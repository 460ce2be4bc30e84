# Copyright 2026 After-sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""aftersales.document (issue 12) through a small tester model, the way OCA's
base_tier_validation tests its mixin: numbering per company (none taken by a
refused save), batch numbers, kept for the record, buttons and guards from one
transitions table (the buttons' flags declared by the mixin), back to draft, the next
person's activity."""
from freezegun import freeze_time

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tests.common import SavepointCase

from .common_tester import build_test_model, drop_test_model, built_by_tests_only


@built_by_tests_only
class DocumentTester(models.Model):
    _name = "aftersales.document.tester"
    _description = "Document Tester"
    _inherit = ["aftersales.document", "mail.thread"]
    _document_transitions = {
        "confirmed": ("draft",),
        "done": ("confirmed",),
        "cancelled": ("draft", "confirmed"),
        "reset": ("cancel",),
    }
    _document_can_depends = ("amount",)
    _document_draft_values = {"note": False}

    state = fields.Selection(
        [("draft", "Draft"), ("confirmed", "Confirmed"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft")
    amount = fields.Float()
    note = fields.Char()

    @api.constrains("amount")
    def _check_amount(self):
        if any(record.amount < 0 for record in self):
            raise ValidationError("The amount cannot be negative.")

    def _document_can(self, key):
        return key != "done" or self.amount > 0

    @api.multi
    def action_confirm(self):
        self._ensure_can("confirmed", "confirmed")
        self.write({"state": "confirmed"})


class TestDocumentMixin(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Tester = build_test_model(cls.env, DocumentTester)
        cls.company = cls.env.user.company_id
        cls.other_company = cls.env["res.company"].create({"name": "Document Tester Branch"})
        Sequence = cls.env["ir.sequence"]
        cls.sequence = Sequence.create({
            "name": "Tester", "code": DocumentTester._name, "prefix": "T/", "padding": 4,
            "implementation": "no_gap", "company_id": cls.company.id})
        cls.shared_sequence = Sequence.create({
            "name": "Tester (shared)", "code": DocumentTester._name, "prefix": "S/", "padding": 4,
            "implementation": "no_gap", "company_id": False})

    @classmethod
    def tearDownClass(cls):
        drop_test_model(cls.env, DocumentTester)
        super().tearDownClass()

    def test_numbered_from_the_sequence_of_its_company(self):
        first = self.Tester.create({"name": "/"})
        second = self.Tester.create({})
        self.assertEqual((first.name, second.name), ("T/0001", "T/0002"))
        other = self.Tester.create({"company_id": self.other_company.id})
        self.assertEqual(other.name, "S/0001", "another company's document: its own (here the shared) sequence")
        given = self.Tester.create({"name": "HAND-1"})
        self.assertEqual(given.name, "HAND-1")

    def test_a_refused_save_takes_no_number_and_leaves_nothing(self):
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.Tester.create({"amount": -1})
        self.assertFalse(self.Tester.search([]))
        self.assertEqual(self.Tester.create({}).name, "T/0001")

    def test_batch_numbers(self):
        self.assertEqual(self.Tester._document_next_numbers(3), ["T/0001", "T/0002", "T/0003"])
        self.assertEqual(self.Tester.create({}).name, "T/0004")
        self.assertEqual(self.Tester._document_next_numbers(2, company_id=self.other_company.id),
                         ["S/0001", "S/0002"])
        self.assertEqual(self.Tester._document_next_numbers(0), [])
        # a standard sequence (PostgreSQL's, not rolled back): consecutive numbers in one query
        self.sequence.write({"implementation": "standard", "number_next_actual": 50})
        numbers = self.Tester._document_next_numbers(3)
        self.assertEqual([int(n[2:]) - int(numbers[0][2:]) for n in numbers], [0, 1, 2])
        self.assertTrue(all(n.startswith("T/") for n in numbers))
        self.assertEqual(self.Tester.create({}).name, "T/%04d" % (int(numbers[-1][2:]) + 1))

    def test_kept_for_the_record(self):
        draft = self.Tester.create({})
        confirmed = self.Tester.create({})
        confirmed.action_confirm()
        with self.assertRaisesRegex(UserError, r"Document Tester T/0002 is Confirmed and kept for the record: "
                                               r"only documents in state Draft can be deleted; cancel it instead"):
            (draft | confirmed).unlink()
        self.assertTrue(draft.exists() and confirmed.exists(), "nothing is deleted when one is refused")
        draft.unlink()
        self.assertFalse(draft.exists())

    def test_buttons_and_guards_from_one_table(self):
        for key in DocumentTester._document_transitions:
            field = self.Tester._fields["can_be_%s" % key]
            self.assertEqual((field.type, field.store, field.compute), ("boolean", False, "_compute_can_be"))
            self.assertEqual(set(field.depends), {"state", "amount"})
        self.assertEqual(self.Tester._fields["name"].string, "Number", "the number is the mixin's")
        self.assertTrue(self.Tester._fields["company_id"].required)
        doc = self.Tester.create({})
        self.assertEqual(doc.company_id, self.company)
        self.assertEqual((doc.can_be_confirmed, doc.can_be_done, doc.can_be_cancelled), (True, False, True))
        doc.action_confirm()
        self.assertEqual((doc.can_be_confirmed, doc.can_be_done, doc.can_be_cancelled), (False, False, True),
                         "done needs an amount besides the state (_document_can)")
        doc.amount = 5
        self.assertTrue(doc.can_be_done, "recomputed: the flags depend on _document_can_depends")
        with self.assertRaisesRegex(UserError, r"Document Tester T/0001 is Confirmed: it cannot be confirmed now\."):
            doc.action_confirm()
        self.assertEqual(doc.state, "confirmed")
        doc._ensure_can("done", "closed")  # allowed: no error

    def test_back_to_draft(self):
        doc = self.Tester.create({"note": "first round"})
        self.assertFalse(doc.can_be_reset)
        with self.assertRaisesRegex(UserError, r"Document Tester T/0001 is Draft: it cannot be reset to draft now\."):
            doc.action_draft()
        doc.write({"state": "cancel"})
        self.assertTrue(doc.can_be_reset)
        self.assertIs(doc.action_draft(), True)
        self.assertEqual((doc.state, doc.note), ("draft", False), "_document_draft_values written")
        with self.assertRaisesRegex(UserError, r"is Draft: it cannot be unknown now"):
            doc._ensure_can("unknown", "unknown")

    @freeze_time("2026-03-02 10:00:00")
    def test_next_persons_activity(self):
        doc = self.Tester.create({})
        user = self.env.ref("base.user_demo")
        activity = doc._document_activity(user, "Check the tester", note="Note")
        self.assertEqual(len(activity), 1)
        self.assertEqual((activity.res_model, activity.res_id, activity.user_id, activity.summary,
                          activity.date_deadline), (DocumentTester._name, doc.id, user, "Check the tester",
                                                    "2026-03-02"))
        self.assertFalse(doc._document_activity(self.env["res.users"], "Nobody"))
