# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The record rules of staff and heads of unit name their readers through
``vn_reader_key`` (issue 15): the same documents as the rules' former domains, and
nothing more for a user who searches on the field himself."""

from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.vn_document_base.tests.common import VnDocumentCase

from ..models import vn_document_incoming
from .test_list_plans import ListPlanCase

# The domains of the rules before issue 15, word for word.
FORMER_RULES = {
    "vn_document_base.group_vn_document_staff": "['|', ('assignment_ids.user_id', "
    "'=', user.id), ('received_by_id', '=', user.id)]",
    "vn_document_base.group_vn_document_department_head": "['|', "
    "('assignment_ids.user_id', '=', user.id), ('assignment_ids.department_id', "
    "'in', user.employee_ids.department_id.ids)]",
}
SEE_ALL_GROUPS = (
    "vn_document_base.group_vn_document_clerk",
    "vn_document_base.group_vn_document_agency_head",
    "vn_document_base.group_vn_document_follow_up",
    "vn_document_base.group_vn_document_admin",
)


class ReaderCase(VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.unit = cls.env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.other_unit = cls.env["hr.department"].create({"name": "Phòng Nội vụ"})
        users = cls.users
        cls.colleague = new_test_user(
            cls.env,
            login="vn_test_colleague",
            groups="vn_document_base.group_vn_document_staff",
        )
        # A head of unit without an employee (no unit) sees only his own.
        cls.head_without_unit = new_test_user(
            cls.env,
            login="vn_test_head_without_unit",
            groups="vn_document_base.group_vn_document_department_head",
        )
        for user, unit in (
            (users["department_head"], cls.unit),
            (users["staff"], cls.unit),
            (cls.colleague, cls.other_unit),
        ):
            cls.env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": unit.id}
            )
        cls.docs = cls._make_documents()

    @classmethod
    def _doc(cls, name, received_by, state="in_progress"):
        return (
            cls.env["vn.document.incoming"]
            .sudo()
            .create(
                {
                    "subject": name,
                    "channel": "paper",
                    "received_by_id": received_by.id,
                    "state": state,
                }
            )
        )

    @classmethod
    def _assign(cls, doc, role="lead", state="open", parent=None, **assignee):
        return (
            cls.env["vn.document.assignment"]
            .sudo()
            .create(
                {
                    "document_id": doc.id,
                    "role": role,
                    "state": state,
                    "parent_id": parent and parent.id,
                    **assignee,
                }
            )
        )

    @classmethod
    def _make_documents(cls):
        """One document per way of being seen, or not."""
        users, clerk = cls.users, cls.users["clerk"]
        staff, head, colleague = users["staff"], users["department_head"], cls.colleague
        docs = {
            name: cls._doc(name, clerk)
            for name in (
                "assigned to staff",
                "assigned to unit",
                "assigned to other unit",
                "passed on to staff",
                "cancelled for staff",
                "inform staff",
                "assigned to head",
                "assigned to colleague",
                "nobody's",
            )
        }
        docs["received by staff"] = cls._doc("received by staff", staff)
        docs["received by head"] = cls._doc("received by head", head)
        docs["recalled, received by staff"] = cls._doc("recalled", staff, "recalled")
        docs["recalled, assigned to unit"] = cls._doc("recalled 2", clerk, "recalled")
        cls._assign(docs["assigned to staff"], user_id=staff.id)
        cls._assign(docs["assigned to unit"], department_id=cls.unit.id)
        cls._assign(docs["recalled, assigned to unit"], department_id=cls.unit.id)
        cls._assign(docs["assigned to other unit"], department_id=cls.other_unit.id)
        unit_line = cls._assign(
            docs["passed on to staff"], department_id=cls.other_unit.id, state="passed"
        )
        cls._assign(docs["passed on to staff"], user_id=staff.id, parent=unit_line)
        cls._assign(docs["cancelled for staff"], user_id=staff.id, state="cancelled")
        cls._assign(docs["inform staff"], role="inform", user_id=staff.id)
        cls._assign(docs["assigned to head"], user_id=head.id)
        cls._assign(docs["assigned to colleague"], user_id=colleague.id)
        # Reassigned: from the colleague to another unit, cancelled then reassigned.
        reassigned = cls._doc("reassigned", clerk)
        cls._assign(reassigned, user_id=colleague.id, state="cancelled")
        cls._assign(reassigned, department_id=cls.unit.id)
        docs["reassigned to unit"] = reassigned
        return docs

    def all_docs(self):
        return self.env["vn.document.incoming"].browse(
            doc.id for doc in self.docs.values()
        )

    def former_visible(self, user):
        """What the former rules let ``user`` read, evaluated like ir.rule."""
        docs = self.all_docs()
        if any(user.has_group(group) for group in SEE_ALL_GROUPS):
            return docs
        context = {"user": user.sudo()}
        domain = Domain.OR(
            Domain(safe_eval(text, context))
            for group, text in FORMER_RULES.items()
            if user.has_group(group)
        )
        return docs.sudo().filtered_domain(domain).sudo(False)

    def visible(self, user):
        return self.all_docs().with_user(user).search([("id", "in", self.docs_ids())])

    def docs_ids(self):
        return [doc.id for doc in self.docs.values()]

    def many_readers(self):
        """Every reader's set counts as large: the rules take their other shape."""
        self.env.registry.clear_cache()
        self.addCleanup(self.env.registry.clear_cache)
        return patch.object(vn_document_incoming, "READERS_SEMI_JOIN_MAX", 0)

    def roles(self):
        users = self.users
        return {
            "clerk": users["clerk"],
            "staff": users["staff"],
            "department_head": users["department_head"],
            "follow_up": users["follow_up"],
            "agency_head": users["agency_head"],
            "colleague": self.colleague,
            "head_without_unit": self.head_without_unit,
        }


@tagged("post_install", "-at_install")
class TestReaderRules(ReaderCase):
    def test_visible_sets_are_the_former_rules(self):
        """For every role, search, access check and the assignments' visibility give
        exactly the documents the former rule domains gave."""
        self.assert_former_rules()

    def test_visible_sets_are_the_former_rules_many_readers(self):
        """The same with the shape of the rules for large sets (a filter)."""
        with self.many_readers():
            self.assert_former_rules()

    def assert_former_rules(self):
        for role, user in self.roles().items():
            with self.subTest(role=role):
                expected = self.former_visible(user)
                self.assertEqual(set(self.visible(user).ids), set(expected.ids))
                for doc in self.all_docs():
                    self.assertEqual(
                        doc.with_user(user).has_access("read"),
                        doc in expected,
                        f"{role}: {doc.subject}",
                    )
                lines = self.env["vn.document.assignment"].with_user(user)
                self.assertEqual(
                    set(lines.search([("document_id", "in", self.docs_ids())]).ids),
                    set(expected.assignment_ids.ids),
                )

    def test_expected_sets(self):
        """The sets themselves, written out (so that the comparison above cannot pass
        with two empty or two full sets)."""
        names = {doc.id: name for name, doc in self.docs.items()}

        def seen(user):
            return {names[doc.id] for doc in self.visible(user)}

        assigned_to_staff = {
            "assigned to staff",
            "passed on to staff",
            "cancelled for staff",
            "inform staff",
        }
        self.assertEqual(
            seen(self.users["staff"]),
            assigned_to_staff | {"received by staff", "recalled, received by staff"},
        )
        self.assertEqual(
            seen(self.users["department_head"]),
            {
                "assigned to head",
                "received by head",
                "assigned to unit",
                "recalled, assigned to unit",
                "reassigned to unit",
            },
        )
        self.assertEqual(seen(self.head_without_unit), set())
        self.assertEqual(seen(self.users["clerk"]), set(self.docs))

    def test_new_assignment_seen_before_flush(self):
        """The rule's SQL reads the assignments: pending ones are flushed first."""
        doc = self.docs["nobody's"]
        staff = self.users["staff"]
        self.assertFalse(doc.with_user(staff).has_access("read"))
        self.env["vn.document.assignment"].sudo().create(
            {"document_id": doc.id, "user_id": staff.id}
        )
        self.assertTrue(doc.with_user(staff).has_access("read"))
        self.assertIn(doc, self.visible(staff))


@tagged("post_install", "-at_install")
class TestReaderKeyAttack(ReaderCase):
    def test_search_on_another_users_key_learns_nothing(self):
        """A staff member who searches with another user's or unit's keys gets only
        documents he already reads: the rules still apply to his search."""
        staff = self.users["staff"]
        own = self.visible(staff)
        Incoming = self.env["vn.document.incoming"].with_user(staff)
        others = [
            f"assigned:{self.colleague.id}",
            f"assigned:{self.users['department_head'].id}",
            f"received:{self.users['clerk'].id}",
            f"received:{self.users['department_head'].id}",
            f"unit:{self.other_unit.id}",
            f"unit:{self.unit.id}",
        ]
        domain = [("vn_reader_key", "in", others), ("id", "in", self.docs_ids())]
        found = Incoming.search(domain)
        self.assertLessEqual(set(found.ids), set(own.ids))
        self.assertNotIn(self.docs["assigned to colleague"], found)
        self.assertNotIn(self.docs["assigned to unit"], found)
        self.assertEqual(Incoming.search_count(domain), len(found))
        groups = Incoming.formatted_read_group(domain, ["state"], ["__count"])
        self.assertEqual(sum(group["__count"] for group in groups), len(found))
        # The passed-on document is his, and also the other unit's: that he knows.
        self.assertIn(self.docs["passed on to staff"], found)

    def test_only_well_formed_keys(self):
        """Only 'in' (or '=', the same) with "<kind>:<id>" keys: no other operator or
        text reaches SQL."""
        Incoming = self.env["vn.document.incoming"].with_user(self.users["staff"])
        for domain in (
            [("vn_reader_key", "not in", [f"assigned:{self.colleague.id}"])],
            [("vn_reader_key", "ilike", "assigned")],
            [("vn_reader_key", "in", ["assigned:1 OR 1=1"])],
            [("vn_reader_key", "in", ["owner:1"])],
            [("vn_reader_key", "in", ["assigned:\u00b2"])],
        ):
            with self.subTest(domain=domain), self.assertRaises(UserError):
                Incoming.search(domain)


@tagged("post_install", "-at_install")
class TestReaderRulePlans(ReaderCase, ListPlanCase):
    def count_plan(self, user):
        Incoming = self.env["vn.document.incoming"].with_user(user)
        return self.plan(Incoming, [("state", "!=", "recalled")], limit=10001)

    def test_staff_count_reads_the_reader_indexes(self):
        """The staff's pager count is a semi-join on the indexes of the assignment's
        user and of the receiver, not a scan of the documents with an OR."""
        plan = self.count_plan(self.users["staff"])
        self.assertIn("vn_document_incoming__received_by_id_index", plan)
        self.assertRegex(plan, "vn_document_assignment_(_user_id|user_document)_index")
        self.assertNotIn("SubPlan", plan)

    def test_head_count_reads_the_unit_index(self):
        """The head's rules (his own and the staff's) become one UNION."""
        plan = self.count_plan(self.users["department_head"])
        self.assertRegex(
            plan, "vn_document_assignment_(_department_id|department_document)_index"
        )
        self.assertIn("vn_document_incoming__received_by_id_index", plan)
        self.assertNotIn("SubPlan", plan)

    def test_many_readers_page_walks_the_order_index(self):
        """A large set is a hashed filter on the list's order index: the first page
        stops when it is full instead of sorting the whole set."""
        Incoming = self.env["vn.document.incoming"].with_user(
            self.users["department_head"]
        )
        with self.many_readers():
            plan = self.plan(
                Incoming, [("state", "!=", "recalled")], limit=80, order=Incoming._order
            )
        self.assertIn("vn_document_incoming_list_order_index", plan)
        self.assertIn("hashed SubPlan", plan)
        self.assertRegex(
            plan, "vn_document_assignment_(_department_id|department_document)_index"
        )
