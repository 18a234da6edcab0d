# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.service.model import get_public_method
from odoo.tests import new_test_user, tagged

from .common import CaseFileCase


@tagged("post_install", "-at_install")
class TestCaseFileSecurity(CaseFileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._new_file(subject="Hồ sơ của chuyên viên")
        cls.mine_doc = cls._incoming("Công văn của chuyên viên", cls.today)
        cls.mine.vn_attach([cls.mine_doc])
        cls.theirs = cls._new_file(cls.colleague, subject="Hồ sơ của đồng nghiệp")
        cls.theirs_doc = cls._incoming(
            "Công văn của đồng nghiệp", cls.today, user=cls.colleague
        )
        cls.theirs.vn_attach([cls.theirs_doc])

    def test_staff_does_not_see_others_files(self):
        """R-CF1, III.3.b: a staff member neither finds nor opens another person's
        file, nor the documents in it (search and by id)."""
        Case = self.env["vn.case.file"].with_user(self.staff)
        Line = self.env["vn.case.file.line"].with_user(self.staff)
        self.assertEqual(Case.search([]), self.mine)
        self.assertEqual(Line.search([]), self.mine.line_ids)
        self.assertFalse(Line.search([("case_file_id", "=", self.theirs.id)]))
        with self.assertRaises(AccessError):
            Case.browse(self.theirs.id).read(["subject"])
        with self.assertRaises(AccessError):
            Line.browse(self.theirs.line_ids.ids).read(["subject"])
        with self.assertRaises(AccessError):
            Case.browse(self.theirs.id).line_ids.mapped("subject")
        # Nor through the document's own list of files.
        self.assertFalse(
            self.theirs_doc.with_user(self.colleague).case_file_line_ids.filtered(
                lambda line: line.case_file_id == self.mine
            )
        )

    def test_staff_does_not_change_others_files(self):
        """R-CF1, III.3.b: only the creator builds the file: no write, attach, detach,
        close or unlink by another staff member; nothing changes."""
        case = self.theirs.with_user(self.staff)
        before = self.snapshot(self.theirs, ["subject", "state", "doc_total"])
        with self.assertRaises(AccessError):
            case.write({"subject": "Sửa trộm"})
        with self.assertRaises(AccessError):
            case.vn_attach([self.mine_doc])
        with self.assertRaises(AccessError):
            case.vn_detach(self.theirs.line_ids)
        with self.assertRaises(AccessError):
            case.action_close()
        with self.assertRaises(AccessError):
            case.unlink()
        # A department head reads the unit's files but does not build them.
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.head).write({"subject": "Sửa"})
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.head).vn_attach([self.mine_doc])
        # Nor gives the file to someone else.
        with self.assertRaises(AccessError):
            self.mine.with_user(self.staff).write({"creator_id": self.colleague.id})
        self.assertEqual(
            self.snapshot(self.theirs, ["subject", "state", "doc_total"]), before
        )
        self.assertEqual(self.mine.creator_id, self.staff)

    def test_service_fields_refused(self):
        """R-CF1, SECURITY.md (create is as wide a door as write): ``state``,
        ``line_ids``, ``handover_id``, ``plan_item_id``... are set by the services
        only, neither in create nor in write; a file is opened by its own creator."""
        Case = self.env["vn.case.file"].with_user(self.staff)
        item = self.plan.item_ids[:1]
        batch = self.env["vn.case.file.handover"].sudo().create({"name": "Lô"})
        base = {
            "subject": "Hồ sơ thử",
            "file_notation": "THU.01",
            "retention_id": self.permanent.id,
        }
        attacks = {
            "state": "closed",
            "handover_id": batch.id,
            "plan_item_id": item.id,
            "line_ids": [
                Command.create(
                    {
                        "res_model": "vn.document.incoming",
                        "res_id": self.theirs_doc.id,
                    }
                )
            ],
            "closed_by_id": self.staff.id,
            "creator_id": self.colleague.id,
        }
        count = Case.sudo().search_count([])
        for name, value in attacks.items():
            with self.assertRaises(AccessError, msg=name):
                Case.create(dict(base, **{name: value}))
            if name != "creator_id":
                with self.assertRaises(AccessError, msg=name):
                    self.mine.with_user(self.staff).write({name: value})
        self.assertEqual(Case.sudo().search_count([]), count)
        self.assertEqual(
            self.snapshot(self.mine, ["state", "handover_id", "plan_item_id"]),
            [
                {
                    "state": "open",
                    "handover_id": self.env["vn.case.file.handover"],
                    "plan_item_id": self.env["vn.file.plan.item"],
                }
            ],
        )
        self.assertEqual(self.mine.line_ids.res_id, self.mine_doc.id)
        # The same for the handover and the working paper.
        with self.assertRaises(AccessError):
            self.env["vn.case.file.handover"].with_user(self.staff).create(
                {"name": "Lô", "state": "received"}
            )
        with self.assertRaises(AccessError):
            self.env["vn.working.paper"].with_user(self.staff).create(
                {"subject": "Giả", "creator_id": self.colleague.id}
            )

    def test_lines_and_packages_only_through_services(self):
        """R-CF1, R-CF2: nobody creates, changes or deletes a document line or an
        archive package directly, not even the file's creator or the administrator."""
        line = self.mine.line_ids
        for user in (self.staff, self.admin, self.archivist):
            Line = self.env["vn.case.file.line"].with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                Line.create(
                    {
                        "case_file_id": self.mine.id,
                        "res_model": "vn.document.incoming",
                        "res_id": self.theirs_doc.id,
                    }
                )
            with self.assertRaises(AccessError, msg=user.login):
                line.with_user(user).write({"ordinal": 7})
            with self.assertRaises(AccessError, msg=user.login):
                line.with_user(user).unlink()
        self.assertEqual((line.ordinal, len(self.mine.line_ids)), (1, 1))
        case = self._closed_file()
        batch = (
            self.env["vn.case.file.handover"]
            .with_user(self.staff)
            .create({"name": "Lô", "case_file_ids": [Command.set(case.ids)]})
        )
        batch.action_submit()
        package = batch.package_ids
        sha = package.sha256
        for user in (self.staff, self.admin, self.archivist):
            Package = self.env["vn.case.file.package"].with_user(user)
            with self.assertRaises(AccessError, msg=user.login):
                Package.create(
                    {
                        "handover_id": batch.id,
                        "case_file_id": case.id,
                        "name": "gia.zip",
                        "sha256": "0" * 64,
                    }
                )
            with self.assertRaises(AccessError, msg=user.login):
                package.with_user(user).write({"sha256": "0" * 64})
            with self.assertRaises(AccessError, msg=user.login):
                package.with_user(user).unlink()
        self.assertEqual((package.sha256, len(batch.package_ids)), (sha, 1))

    def test_handover_names_only_readable_files(self):
        """R-CF2, III.3.b: a handover batch cannot name a file its author may not
        read (its totals and dates would show through), in create as in write."""
        Batch = self.env["vn.case.file.handover"].with_user(self.staff)
        with self.assertRaises(AccessError):
            Batch.create(
                {"name": "Lén", "case_file_ids": [Command.set(self.theirs.ids)]}
            )
        batch = Batch.create({"name": "Của tôi"})
        with self.assertRaises(AccessError):
            batch.write({"case_file_ids": [Command.link(self.theirs.id)]})
        self.assertFalse(batch.sudo().case_file_ids)

    def test_attach_needs_reading_the_document(self):
        """R-CF1, III.4.e: a user puts in his file only documents he may read (not an
        incoming document of another unit)."""
        other_unit_doc = self._incoming(
            "Công văn của phòng khác", self.today, department=self.other_unit
        )
        with self.assertRaises(AccessError):
            self.mine.with_user(self.staff).vn_attach([other_unit_doc])
        wizard = (
            self.env["vn.case.file.attach.wizard"]
            .with_user(self.staff)
            .create(
                {
                    "case_file_id": self.mine.id,
                    "res_model": "vn.document.incoming",
                    "res_id": other_unit_doc.id,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_confirm()
        self.assertEqual(self.mine.line_ids.res_id, self.mine_doc.id)
        # A working paper of someone else neither.
        paper = self._paper("Ghi chép riêng", self.today, user=self.colleague)
        with self.assertRaises(AccessError):
            self.mine.with_user(self.staff).vn_attach([paper.with_user(self.staff)])
        self.assertEqual(len(self.mine.line_ids), 1)

    def test_a_visible_file_never_opens_its_documents(self):
        """R-CF1, III.4.e: the head of the unit sees the unit's file and its catalogue,
        never the documents in it that his own rules do not give him."""
        private_doc = self._incoming(
            "Công văn giao đích danh", self.today, user=self.staff
        )
        # Given to the person only: the unit's head has no rule on it.
        self.assertFalse(private_doc.with_user(self.head).has_access("read"))
        self.mine.vn_attach([private_doc])
        case = self.mine.with_user(self.head)
        self.assertIn(
            self.mine, self.env["vn.case.file"].with_user(self.head).search([])
        )
        lines = case.line_ids
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines.mapped("subject"))
        line = lines.filtered(lambda line: line.res_id == private_doc.id)
        with self.assertRaises(AccessError):
            line.action_open_document()
        with self.assertRaises(AccessError):
            private_doc.with_user(self.head).read(["subject"])
        with self.assertRaises(AccessError):
            line.original_file_id.read(["name"])
        with self.assertRaises(AccessError):
            line.original_file_id.attachment_id.read(["datas"])

    def test_plan_roles(self):
        """R-CF1, ND 30 Điều 28: the clerk does not approve, staff do not change the
        plan."""
        plan = self._make_plan(self.year + 1, approve=False)
        plan.with_user(self.clerk).action_submit()
        with self.assertRaises(AccessError):
            plan.with_user(self.clerk).action_approve()
        self.assertEqual(plan.state, "submitted")
        draft = self._make_plan(self.year + 2, approve=False)
        for target in (draft, self.plan):
            with self.assertRaises(UserError):  # AccessError or the plan's own check
                target.with_user(self.staff).write({"decision_ref": "Sửa"})
            with self.assertRaises(UserError):  # AccessError or the plan's own check
                target.item_ids[:1].with_user(self.staff).write({"title": "Sửa"})
            with self.assertRaises(UserError):  # AccessError or the plan's own check
                target.with_user(self.staff).unlink()
        # On a draft, where the plan's own check lets the clerk through, the ACL
        # stops the staff member.
        with self.assertRaises(AccessError):
            draft.with_user(self.staff).write({"decision_ref": "Sửa"})
        with self.assertRaises(AccessError):
            draft.item_ids[:1].with_user(self.staff).write({"title": "Sửa"})
        with self.assertRaises(AccessError):
            draft.with_user(self.staff).unlink()
        self.assertFalse(self.plan.decision_ref or draft.decision_ref)
        self.assertEqual(len(draft.item_ids), 3)

    def test_archivist_sees_only_handed_over(self):
        """R-CF2, III.3.b: the agency archive sees the files handed over or being
        handed over, and nothing else; it changes none."""
        Case = self.env["vn.case.file"].with_user(self.archivist)
        self.assertFalse(Case.search([]))
        closed = self._closed_file()
        self.assertFalse(Case.search([]))
        batch = (
            self.env["vn.case.file.handover"]
            .with_user(self.staff)
            .create({"name": "Lô", "case_file_ids": [Command.set(closed.ids)]})
        )
        batch.action_submit()
        self.assertEqual(Case.search([]), closed)
        with self.assertRaises(AccessError):
            Case.browse(self.mine.id).read(["subject"])
        with self.assertRaises(UserError):  # AccessError or the frozen file's check
            closed.with_user(self.archivist).write({"description": "Ghi chú"})
        with self.assertRaises(AccessError):
            closed.with_user(self.archivist).unlink()

    def test_other_agency_sees_nothing(self):
        """R-CF1, R-SEC3: a user of another agency sees no file, line, plan, package
        or working paper of this one, whatever his role."""
        other = self.env["res.company"].create(
            {"name": "Cơ quan khác", "vn_organ_code": "000.00.99.H29"}
        )
        foreigner = new_test_user(
            self.env,
            login="vn_test_foreigner",
            groups="vn_document_base.group_vn_document_admin,"
            "vn_document_base.group_vn_document_clerk,"
            "vn_document_base.group_vn_document_agency_head,"
            + "vn_case_file.group_vn_document_archivist",
            company_id=other.id,
            company_ids=[other.id],
        )
        closed = self._closed_file()
        self.env["vn.case.file.handover"].with_user(self.staff).create(
            {"name": "Lô", "case_file_ids": [Command.set(closed.ids)]}
        ).action_submit()
        for model in (
            "vn.case.file",
            "vn.case.file.line",
            "vn.file.plan",
            "vn.file.plan.heading",
            "vn.file.plan.item",
            "vn.working.paper",
            "vn.case.file.handover",
            "vn.case.file.package",
        ):
            self.assertFalse(self.env[model].with_user(foreigner).search([]), model)
        with self.assertRaises(AccessError):
            self.mine.with_user(foreigner).read(["subject"])
        with self.assertRaises(AccessError):
            self.mine.with_user(foreigner).vn_attach([])
        with self.assertRaises(UserError):  # AccessError or the plan's own check
            self.plan.item_ids[:1].with_user(foreigner).action_open_file()

    def test_private_services_not_callable_over_rpc(self):
        """R-SEC3: the services behind the buttons cannot be called over RPC."""
        for model, name in (
            ("vn.case.file", "vn_attach"),
            ("vn.case.file", "vn_detach"),
            ("vn.case.file", "vn_reopen"),
            ("vn.case.file", "_vn_add_lines"),
            ("vn.case.file", "_vn_open_from_plan"),
            ("vn.case.file.handover", "vn_refuse"),
            ("vn.case.file.handover", "_vn_make_package"),
            ("vn.working.paper", "_vn_take_upload"),
            ("vn.document.outgoing", "_vn_file_with_incoming"),
        ):
            with self.assertRaises(AccessError, msg=f"{model}.{name}"):
                get_public_method(self.env[model], name)
        # The buttons are public.
        for model, name in (
            ("vn.case.file", "action_close"),
            ("vn.case.file.handover", "action_receive"),
            ("vn.file.plan.item", "action_open_file"),
        ):
            self.assertTrue(get_public_method(self.env[model], name))
