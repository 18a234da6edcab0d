# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import CaseFileCase


@tagged("post_install", "-at_install")
class TestFilePlan(CaseFileCase):
    def test_symbols_continuous(self):
        """R-CF1, ND 30 Phụ lục V: numbered through the plan, the symbols are the
        number and the major heading's abbreviation (01.TCCB, 02.TCCB, 03.KT); the
        headings are numbered I, 1, II; the title is in Vietnamese."""
        plan = self.plan
        self.assertEqual(plan.name, f"Danh mục hồ sơ năm {self.year}")
        self.assertEqual(
            plan.item_ids.sorted("notation").mapped("notation"),
            ["01.TCCB", "02.TCCB", "03.KT"],
        )
        self.assertEqual(self._item(plan, "Hồ sơ tuyển dụng").notation, "02.TCCB")
        labels = {h.name: h.number_label for h in plan.heading_ids}
        self.assertEqual(
            labels, {"Tổ chức cán bộ": "I", "Tuyển dụng": "1", "Kinh tế": "II"}
        )
        self.assertEqual(
            (plan.item_count, plan.permanent_count, plan.fixed_term_count), (3, 1, 2)
        )
        self.assertTrue(plan.in_force)
        # The planned file of the KT heading belongs to the heading's unit.
        self.assertEqual(self._item(plan, "Hồ sơ kế hoạch").department_id, self.unit)

    def test_symbols_per_heading(self):
        """R-CF1, ND 30 Phụ lục V: numbered from 01 within each major heading."""
        plan = self._make_plan(self.year + 1, numbering="per_heading", approve=False)
        self.assertEqual(
            sorted(plan.item_ids.mapped("notation")), ["01.KT", "01.TCCB", "02.TCCB"]
        )
        self.assertEqual(plan.name, f"Danh mục hồ sơ năm {self.year + 1}")

    def test_only_clerk_submits_only_head_of_agency_approves(self):
        """R-CF1, ND 30 Điều 28: the clerk drafts and submits, the head of agency
        approves; nobody else moves the plan."""
        plan = self._make_plan(self.year + 1, approve=False)
        for user in (self.staff, self.head, self.agency_head, self.admin):
            with self.assertRaises(AccessError, msg=user.login):
                plan.with_user(user).action_submit()
        self.assertEqual(plan.state, "draft")
        plan.with_user(self.clerk).action_submit()
        self.assertEqual((plan.state, plan.submitted_by_id), ("submitted", self.clerk))
        for user in (self.staff, self.head, self.clerk, self.admin):
            with self.assertRaises(AccessError, msg=user.login):
                plan.with_user(user).action_approve()
        self.assertEqual(plan.state, "submitted")
        self.assertFalse(plan.approved_by_id)
        plan.with_user(self.agency_head).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.agency_head)
        self.assertTrue(plan.approved_on)
        # An approved plan is never returned to draft nor approved again.
        with self.assertRaises(UserError):
            plan.with_user(self.agency_head).action_return_to_draft()
        with self.assertRaises(UserError):
            plan.with_user(self.agency_head).action_approve()
        self.assertEqual(plan.state, "approved")

    def test_submit_needs_complete_items(self):
        """R-CF1: a planned file without retention or person responsible stops the
        submission."""
        plan = self._make_plan(self.year + 1, approve=False)
        plan.item_ids[:1].with_user(self.clerk).responsible_id = False
        with self.assertRaises(UserError):
            plan.with_user(self.clerk).action_submit()
        self.assertEqual(plan.state, "draft")
        empty = (
            self.env["vn.file.plan"]
            .with_user(self.clerk)
            .create({"year": self.year + 2})
        )
        with self.assertRaises(UserError):
            empty.action_submit()
        self.assertEqual(empty.state, "draft")

    def test_approved_plan_is_frozen(self):
        """R-CF1, ND 30 Điều 28: once approved (or submitted), the plan, its headings
        and its planned files no longer change through a client; none is added or
        removed."""
        plan = self.plan.with_user(self.clerk)
        heading = plan.heading_ids[:1]
        item = plan.item_ids[:1]
        before = self.snapshot(item, ["title", "notation", "retention_id"])
        with self.assertRaises(UserError):
            plan.write({"numbering": "per_heading"})
        with self.assertRaises(UserError):
            heading.write({"code": "TC"})
        with self.assertRaises(UserError):
            item.write({"title": "Đổi tên"})
        with self.assertRaises(UserError):
            self.env["vn.file.plan.heading"].with_user(self.clerk).create(
                {"plan_id": plan.id, "name": "Mới", "code": "MOI"}
            )
        with self.assertRaises(UserError):
            self.env["vn.file.plan.item"].with_user(self.clerk).create(
                {
                    "plan_id": plan.id,
                    "heading_id": heading.id,
                    "title": "Thêm",
                    "retention_id": self.permanent.id,
                }
            )
        with self.assertRaises(UserError):
            item.unlink()
        with self.assertRaises(UserError):
            plan.unlink()
        self.assertEqual(
            self.snapshot(item, ["title", "notation", "retention_id"]), before
        )
        self.assertEqual(len(plan.item_ids), 3)
        self.assertEqual(len(plan.heading_ids), 3)
        self.assertEqual(plan.numbering, "continuous")
        # Service fields are never a client's.
        draft = self._make_plan(self.year + 1, approve=False).with_user(self.clerk)
        with self.assertRaises(AccessError):
            draft.write({"state": "approved"})
        with self.assertRaises(AccessError):
            self.env["vn.file.plan"].with_user(self.clerk).create(
                {"year": self.year + 3, "state": "approved"}
            )
        self.assertEqual(draft.state, "draft")

    def test_copy_to_next_year(self):
        """R-CF1: next year's plan starts as a draft copy of this one (headings with
        their levels, planned files with their symbols, retention, person
        responsible), and only once."""
        self.env["vn.file.plan"].sudo().search([("year", "=", self.year + 1)]).unlink()
        action = self.plan.with_user(self.clerk).action_copy_next_year()
        new = self.env["vn.file.plan"].browse(action["res_id"])
        self.assertEqual((new.year, new.state), (self.year + 1, "draft"))
        self.assertEqual(new.name, f"Danh mục hồ sơ năm {self.year + 1}")
        self.assertEqual(
            sorted(new.item_ids.mapped("notation")), ["01.TCCB", "02.TCCB", "03.KT"]
        )
        minor = new.heading_ids.filtered("parent_id")
        self.assertEqual(minor.name, "Tuyển dụng")
        self.assertEqual(minor.parent_id.plan_id, new)
        self.assertEqual(new.item_ids.heading_id.plan_id, new)
        self.assertEqual(
            sorted(i.retention_id.code for i in new.item_ids), ["01", "06", "06"]
        )
        self.assertEqual(new.item_ids.responsible_id, self.staff)
        self.assertFalse(new.item_ids.case_file_ids)
        # The original is untouched.
        self.assertEqual(len(self.plan.item_ids), 3)
        self.assertEqual(self.plan.item_ids.heading_id.plan_id, self.plan)
        with self.assertRaises(UserError):
            self.plan.with_user(self.clerk).action_copy_next_year()
        with self.assertRaises(AccessError):
            new.with_user(self.staff).action_copy_next_year()

    def test_ad_hoc_files_are_not_copied(self):
        """R-CF1: a file added to the plan during the year is not planned for the
        next year."""
        case = self._new_file(plan_heading_id=self.plan.heading_ids[:1].id)
        case.action_add_to_plan()
        self.assertEqual(len(self.plan.item_ids), 4)
        action = self.plan.with_user(self.clerk).action_copy_next_year()
        new = self.env["vn.file.plan"].browse(action["res_id"])
        self.assertEqual(len(new.item_ids), 3)

    def test_unapproved_plan_opens_no_file(self):
        """R-CF1, ND 30 Điều 29.1: a file is opened from an approved plan only."""
        plan = self._make_plan(self.year + 1, approve=False)
        item = plan.item_ids[:1]
        for step in ("draft", "submitted"):
            with self.assertRaises(UserError, msg=step):
                item.with_user(self.staff).action_open_file()
            self.assertFalse(item.case_file_ids)
            if step == "draft":
                plan.with_user(self.clerk).action_submit()

    @mute_logger("odoo.sql_db")
    def test_one_plan_per_year(self):
        """R-CF1: an agency has one plan per year."""
        with self.assertRaises(IntegrityError):
            self.env["vn.file.plan"].with_user(self.clerk).create({"year": self.year})

    def test_staff_and_heads_do_not_draft_plans(self):
        """R-CF1, III.3.b: the plan is drafted by the records clerk; staff and heads
        read it only."""
        plan = self._make_plan(self.year + 1, approve=False)
        for user in (self.staff, self.head, self.agency_head):
            with self.assertRaises(AccessError, msg=user.login):
                plan.with_user(user).write({"decision_ref": "01/QĐ-UBND"})
            with self.assertRaises(AccessError, msg=user.login):
                self.env["vn.file.plan.item"].with_user(user).create(
                    {
                        "plan_id": plan.id,
                        "heading_id": plan.heading_ids[:1].id,
                        "title": "Thêm",
                    }
                )
            with self.assertRaises(AccessError, msg=user.login):
                self.env["vn.file.plan"].with_user(user).create({"year": 2040})
            self.assertEqual(plan.with_user(user).item_count, 3)
        self.assertFalse(plan.decision_ref)
