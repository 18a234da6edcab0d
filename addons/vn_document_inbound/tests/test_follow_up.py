# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-IN12: the follow-up view (open lead and co-operating assignments, overdue or due
soon, by unit and person) shows every role exactly the lines of the documents it may
read. The expected groups come from the document's own search as the user (its record
rules) and the assignment's own fields, never from the view's domain or the
visibility shortcut of ``vn.document.child.mixin``."""

from collections import Counter
from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tools.safe_eval import safe_eval

from .test_incoming import IncomingCase

FOLLOW_UP_ACTION = "vn_document_inbound.vn_document_incoming_action_follow_up"
ROLES = ("clerk", "agency_head", "follow_up", "department_head", "staff", "admin")


class FollowUpCase(IncomingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["vn.document.assignment"])
        cls.action_domain = safe_eval(cls.env.ref(FOLLOW_UP_ACTION).domain)

    def follow_up(self, user):
        """The follow-up view as ``user`` opens it: {(unit id, person id): count}."""
        groups = (
            self.env["vn.document.assignment"]
            .with_user(user)
            .formatted_read_group(
                self.action_domain
                + ["|", ("is_overdue", "=", True), ("is_due_soon", "=", True)],
                ["department_id", "user_id"],
                ["__count"],
            )
        )
        return {
            (
                g["department_id"] and g["department_id"][0],
                g["user_id"] and g["user_id"][0],
            ): g["__count"]
            for g in groups
        }

    def expected(self, user):
        """The same groups from the lines' own values, kept when the user may read
        their document (the document's search as the user)."""
        Line = self.env["vn.document.assignment"].sudo()
        horizon = Line._due_soon_horizon()
        lines = Line.search([]).filtered(
            lambda a: (
                a.state == "open"
                and a.role != "inform"
                and a.document_id.state == "in_progress"
                and a.deadline
                and a.deadline <= horizon
            )
        )
        visible = (
            self.env["vn.document.incoming"]
            .with_user(user)
            .search([("id", "in", lines.document_id.ids)])
        )
        return dict(
            Counter(
                (a.department_id.id or False, a.user_id.id or False)
                for a in lines
                if a.document_id in visible
            )
        )

    def assert_same_for_everyone(self, users):
        for user in users:
            self.assertEqual(self.follow_up(user), self.expected(user), user.login)


@tagged("post_install", "-at_install")
class TestFollowUpView(FollowUpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_other = new_test_user(
            cls.env,
            login="vn_test_follow_other",
            groups="vn_document_base.group_vn_document_staff",
        )
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên VHXH",
                "user_id": cls.staff_other.id,
                "department_id": cls.other_unit.id,
            }
        )
        other_company = cls.env["res.company"].create({"name": "Cơ quan khác"})
        cls.other_book = cls.env["vn.register.book"].create(
            {"name": "Sổ đến", "kind": "incoming", "company_id": other_company.id}
        )
        past, soon, later = (
            cls.today - timedelta(days=5),
            cls.today,
            cls.today + timedelta(days=60),
        )
        unit, other = cls.unit, cls.other_unit
        staff, head = cls.users["staff"], cls.users["department_head"]
        cls.docs = {
            # overdue and due soon, the unit's
            "overdue": cls.make("in_progress", [("lead", unit, None, past, "open")]),
            "due_soon": cls.make("in_progress", [("lead", unit, None, soon, "open")]),
            # passed on to a person, who is late; another unit co-operates, late too
            "passed": cls.make(
                "in_progress",
                [
                    ("lead", unit, None, past, "passed"),
                    ("lead", None, staff, past, "open"),
                    ("cooperate", other, None, past, "open"),
                    ("inform", None, head, past, "open"),
                ],
            ),
            # done late: the lead is done, a co-operating line stayed open
            "done_late": cls.make(
                "done",
                [
                    ("lead", unit, None, past, "done"),
                    ("cooperate", other, None, past, "open"),
                ],
            ),
            "recalled": cls.make("recalled", [("lead", unit, None, past, "cancelled")]),
            "other_unit": cls.make(
                "in_progress", [("lead", other, None, past, "open")]
            ),
            "later": cls.make("in_progress", [("lead", unit, None, later, "open")]),
            "other_agency": cls.make(
                "in_progress",
                [("lead", None, staff, past, "open")],
                book=cls.other_book,
                company=other_company,
            ),
        }
        # The other unit's overdue document was received by the staff member of the
        # unit (the staff's rule: received or assigned).
        cls.docs["other_unit"].sudo().received_by_id = staff
        cls.env.flush_all()

    @classmethod
    def make(cls, state, lines, book=None, company=None):
        """A document in ``state`` with its assignment lines (role, unit, person,
        deadline, state), as the services leave them."""
        Doc = cls.env["vn.document.incoming"].sudo()
        if company:
            Doc = Doc.with_company(company)
        doc = Doc.create(
            {
                "subject": "Theo dõi thời hạn",
                "channel": "paper",
                "register_book_id": (book or cls.book).id,
                "received_by_id": cls.users["clerk"].id,
            }
        )
        doc.write({"state": state})
        parent = cls.env["vn.document.assignment"]
        for role, dept, user, deadline, line_state in lines:
            line = parent.sudo().create(
                {
                    "document_id": doc.id,
                    "role": role,
                    "department_id": dept and dept.id,
                    "user_id": user and user.id,
                    "deadline": deadline,
                    "state": line_state,
                    "parent_id": parent.id if user and parent.department_id else False,
                }
            )
            if line_state == "passed":
                parent = line
        return doc

    def test_same_groups_for_every_role(self):
        """Every role sees the groups and counts its document rules allow."""
        users = [self.users[r] for r in ROLES] + [self.outsider, self.staff_other]
        self.assert_same_for_everyone(users)
        follow_up = self.follow_up(self.users["follow_up"])
        # overdue, due soon, the person's and the co-operation of "passed", the other
        # unit's; not the done, recalled, later, informed or other agency's lines.
        self.assertEqual(sum(follow_up.values()), 5)
        self.assertEqual(
            self.follow_up(self.users["staff"]),
            {
                (False, self.users["staff"].id): 1,
                (self.other_unit.id, False): 2,
            },
        )
        self.assertFalse(self.follow_up(self.outsider))

    def test_same_groups_under_other_rule_shapes(self):
        """The shortcut of the child mixin keeps the document rules' meaning whatever
        their shape: an OR of a column and the lines (kept as a semi-join), a NOT."""
        Rule = self.env["ir.rule"]
        model = self.env.ref("vn_document_inbound.model_vn_document_incoming")
        users = [self.users[r] for r in ROLES] + [self.staff_other]
        for domain in (
            "['|', ('channel', '!=', 'paper'),"
            " ('assignment_ids.user_id', '=', user.id)]",
            "[('received_by_id', '!=', user.id)]",
            f"['!', ('assignment_ids.department_id', '=', {self.other_unit.id})]",
        ):
            with self.subTest(domain=domain):
                rule = Rule.create(
                    {"name": "test", "model_id": model.id, "domain_force": domain}
                )
                self.env.invalidate_all()
                self.assert_same_for_everyone(users)
                rule.unlink()

    def test_agency_roles_filter_lines_on_their_own_columns(self):
        """The plan: the agency-wide roles' lines are filtered on their company, no
        semi-join with the documents; heads and staff get one semi-join on a union
        of indexed sets, never the whole documents' table with an EXISTS per row."""
        Line = self.env["vn.document.assignment"]
        for role in ("follow_up", "agency_head", "clerk"):
            query = Line.with_user(self.users[role])._search([])
            self.assertNotIn("vn_document_incoming", query.select().code, role)
        for role in ("department_head", "staff"):
            sql = Line.with_user(self.users[role])._search([]).select().code
            self.assertIn("UNION", sql, role)
            self.assertNotIn("EXISTS", sql, role)

    def test_staff_cannot_learn_others_work(self):
        """(attack) The stored document status neither opens other documents' lines
        nor can be written by a user."""
        Line = self.env["vn.document.assignment"]
        for user in (self.outsider, self.staff_other):
            seen = Line.with_user(user).search([("document_state", "=", "in_progress")])
            self.assertLessEqual(
                set(seen.document_id.ids),
                set(
                    self.env["vn.document.incoming"]
                    .with_user(user)
                    .search([("id", "in", Line.sudo().search([]).document_id.ids)])
                    .ids
                ),
                user.login,
            )
        self.assertFalse(
            Line.with_user(self.outsider).search_count(
                [("document_state", "=", "in_progress")]
            )
        )
        # Asked by id, another unit's line is refused (its document is not theirs).
        theirs = self.docs["overdue"].sudo().assignment_ids
        for user in (self.outsider, self.staff_other):
            with self.assertRaises(AccessError):
                theirs.with_user(user).read(["deadline", "document_state"])
        mine = Line.with_user(self.users["staff"]).search(
            [("user_id", "=", self.users["staff"].id)], limit=1
        )
        self.assertTrue(mine)
        with self.assertRaises(AccessError):
            mine.with_user(self.users["staff"]).write({"document_state": "done"})
        with self.assertRaises(AccessError):
            mine.with_user(self.users["staff"]).write({"deadline": date(2099, 1, 1)})


@tagged("post_install", "-at_install")
class TestFollowUpServices(FollowUpCase):
    """The stored status of the lines follows the services: assign, pass on to a
    person, deadline change, complete, recall."""

    def assert_lines_follow(self, doc):
        self.env.flush_all()
        self.env.invalidate_all()
        for line in doc.sudo().assignment_ids:
            self.assertEqual(line.document_state, doc.state, line.role)
        users = [self.users[r] for r in ROLES] + [self.outsider]
        self.assert_same_for_everyone(users)

    def test_services_keep_the_status(self):
        doc = self.receive()
        self.assign_to_unit(doc, days=1)
        self.assertEqual(doc.state, "in_progress")
        self.assert_lines_follow(doc)
        lead = doc.assignment_ids.filtered(lambda a: a.role == "lead")
        self.assertIn((self.unit.id, False), self.follow_up(self.users["follow_up"]))
        # the head passes it to a person (reassign)
        self.env["vn.assignment.pass.wizard"].with_user(
            self.users["department_head"]
        ).create(
            {"assignment_id": lead.id, "user_id": self.users["staff"].id}
        ).action_confirm()
        self.assert_lines_follow(doc)
        person = doc.assignment_ids.filtered(
            lambda a: a.user_id == self.users["staff"] and a.role == "lead"
        )
        self.assertEqual(
            self.follow_up(self.users["follow_up"]),
            {(False, self.users["staff"].id): 1},
        )
        # the deadline moves into the past: overdue
        person.sudo().deadline = self.today - timedelta(days=3)
        self.assertTrue(person.is_overdue)
        self.assert_lines_follow(doc)
        # done: the document is done, its lines leave the view
        self.env["vn.assignment.complete.wizard"].with_user(self.users["staff"]).create(
            {"assignment_id": person.id, "result": "Đã xử lý"}
        ).action_confirm()
        self.assertEqual(doc.state, "done")
        self.assert_lines_follow(doc)
        self.assertFalse(self.follow_up(self.users["follow_up"]))
        # recall of another document in progress: its lines leave the view
        other = self.receive(code_number="13")
        self.assign_to_unit(other, days=1)
        self.assertTrue(self.follow_up(self.users["follow_up"]))
        other.with_user(self.users["clerk"])._vn_recall("Gửi nhầm")
        self.assertEqual(other.state, "recalled")
        self.assert_lines_follow(other)
        self.assertFalse(self.follow_up(self.users["follow_up"]))
