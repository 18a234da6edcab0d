# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date
from odoo.addons.vn_document_outbound.tests.common import PASSPHRASE, OutgoingCase

from .common import CaseFileCase, CaseFileSetup, no_commit, vi

LINE_VIEW = ["ordinal", "res_model", "res_id", "doc_date", "page_count"]


@tagged("post_install", "-at_install")
class TestCaseFile(CaseFileCase):
    def test_open_from_plan(self):
        """R-CF1, III.4.a, ND 30 Điều 29.1: the person responsible opens the planned
        file; title, symbol and retention come from the plan; FileCode is
        OrganId.FileCatalog.FileNotation; the planned file has one file."""
        item = self._item(self.plan, "Hồ sơ tuyển dụng")
        case = self._open_from_plan(item)
        self.assertEqual(case.subject, item.title)
        self.assertEqual(case.file_notation, "02.TCCB")
        self.assertEqual(case.retention_id, self.ten_years)
        self.assertEqual(case.plan_item_id, item)
        self.assertEqual(case.creator_id, self.staff)
        self.assertEqual(case.state, "open")
        self.assertEqual(case.file_catalog, self.year)
        self.assertEqual(case.file_code, f"000.07.41.H29.{self.year}.02.TCCB")
        self.assertEqual(self._open_from_plan(item), case)
        self.assertEqual(item.case_file_ids, case)
        self.assertIn(
            vi(self.env, "File opened"), case.sudo().trail_ids.mapped("action")
        )

    def test_open_from_plan_only_by_responsible(self):
        """R-CF1, III.3.b: another staff member does not open a file planned for
        someone else."""
        item = self._item(self.plan, "Hồ sơ kế hoạch")
        with self.assertRaises(AccessError):
            item.with_user(self.colleague).action_open_file()
        self.assertFalse(item.case_file_ids)

    def test_ad_hoc_file_added_to_plan(self):
        """R-CF1, ND 30 Điều 29.1: a file opened outside the plan joins it with the
        next symbol of its series; the approved symbols never move."""
        before = {i.id: i.notation for i in self.plan.item_ids}
        case = self._new_file(file_notation="TAM.99")
        self.assertEqual(case.file_code, f"000.07.41.H29.{self.year}.TAM.99")
        with self.assertRaises(UserError):  # no heading chosen
            case.action_add_to_plan()
        tccb = self.plan.heading_ids.filtered(lambda h: h.code == "TCCB")
        case.plan_heading_id = tccb
        case.action_add_to_plan()
        self.assertEqual(case.file_notation, "04.TCCB")
        self.assertEqual(case.file_code, f"000.07.41.H29.{self.year}.04.TCCB")
        item = case.plan_item_id
        self.assertTrue(item.ad_hoc)
        self.assertEqual(
            (item.notation, item.plan_id, item.responsible_id),
            ("04.TCCB", self.plan, self.staff),
        )
        self.assertEqual({i.id: i.notation for i in self.plan.item_ids - item}, before)
        with self.assertRaises(UserError):
            case.action_add_to_plan()
        # Another one: the next number again, the others unmoved.
        other = self._new_file(plan_heading_id=tccb.id)
        other.action_add_to_plan()
        self.assertEqual(other.file_notation, "05.TCCB")
        self.assertEqual(item.notation, "04.TCCB")
        self.assertEqual(
            {i.id: i.notation for i in self.plan.item_ids - item - other.plan_item_id},
            before,
        )

    def test_ad_hoc_per_heading(self):
        """R-CF1: with numbering per major heading, the next number of the heading's
        own series."""
        plan = self._make_plan(self.year + 1, numbering="per_heading")
        kt = plan.heading_ids.filtered(lambda h: h.code == "KT")
        case = self._new_file(
            plan_heading_id=kt.id,
            opened_on=fields.Date.to_date(f"{self.year + 1}-02-01"),
        )
        case.action_add_to_plan()
        self.assertEqual(case.file_notation, "02.KT")
        self.assertEqual(
            sorted(plan.item_ids.mapped("notation")),
            ["01.KT", "01.TCCB", "02.KT", "02.TCCB"],
        )

    def test_documents_in_the_file(self):
        """R-CF1, III.4.b, III.1.g: incoming, outgoing and working papers in one file,
        numbered by date (DocOrdinal), the file's dates and totals computed from
        them; each document shows the files it is in."""
        case = self._open_from_plan(self._item(self.plan, "Hồ sơ kế hoạch"))
        d1 = self.today - timedelta(days=20)
        d2 = self.today - timedelta(days=10)
        d3 = self.today - timedelta(days=5)
        paper = self._paper("Tờ trình dự thảo kế hoạch", d3, pages=2)
        incoming = self._incoming("Công văn đề nghị xây dựng kế hoạch", d1)
        outgoing = self._issued("Báo cáo kế hoạch năm", d2)
        case.vn_attach([paper])
        case.vn_attach([outgoing, incoming], note="Theo dõi")
        lines = case.line_ids.sorted("ordinal")
        self.assertEqual(
            [(line.ordinal, line.res_model, line.res_id) for line in lines],
            [
                (1, "vn.document.incoming", incoming.id),
                (2, "vn.document.outgoing", outgoing.id),
                (3, "vn.working.paper", paper.id),
            ],
        )
        self.assertEqual((case.start_date, case.end_date), (d1, d3))
        self.assertEqual(case.doc_total, 3)
        self.assertEqual(case.page_total, 2 + 3 + 2)
        self.assertEqual(case.confidence_level, "01")
        self.assertEqual(lines[1].code_notation, "UBND-KT")
        self.assertEqual(lines[0].organ_name, "Ủy ban nhân dân Thành phố Hồ Chí Minh")
        self.assertEqual(lines[0].note, "Theo dõi")
        self.assertEqual(lines[0].original_file_id, incoming.main_file_id)
        self.assertEqual(lines[1].original_file_id, outgoing.issued_file_id)
        self.assertEqual(lines[2].original_file_id, paper.main_file_id)
        for doc in (incoming, outgoing, paper):
            shown = doc.with_user(self.staff)
            self.assertEqual(shown.case_file_line_ids.case_file_id, case)
            self.assertEqual(shown.case_file_count, 1)
            self.assertIn(
                vi(self.env, "Filed in the case file %(file)s", file=case.file_code),
                doc.sudo().trail_ids.mapped("action"),
            )
        # An older document comes first: every number follows.
        older = self._paper("Ghi chép cuộc họp", d1 - timedelta(days=1))
        case.vn_attach([older])
        self.assertEqual(
            case.line_ids.sorted("ordinal").mapped("res_id")[:2],
            [older.id, incoming.id],
        )
        self.assertEqual(case.start_date, d1 - timedelta(days=1))
        # Twice the same document: refused; detaching renumbers.
        with self.assertRaises(UserError):
            case.vn_attach([incoming])
        self.assertEqual(case.doc_total, 4)
        case.vn_detach(case.line_ids.filtered(lambda line: line.res_id == older.id))
        self.assertEqual(sorted(case.line_ids.mapped("ordinal")), [1, 2, 3])
        self.assertEqual(case.start_date, d1)

    def test_attach_wizard_from_the_document(self):
        """R-CF1, III.4.c: "Lập hồ sơ" from a document puts it in one of the user's
        open files."""
        case = self._new_file()
        incoming = self._incoming("Công văn về việc báo cáo", self.today)
        action = incoming.with_user(self.staff).action_open_case_file_attach()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.staff)
            .with_context(**action["context"])
            .create({"case_file_id": case.id})
        )
        wizard.action_confirm()
        self.assertEqual(case.line_ids.res_id, incoming.id)
        self.assertEqual(case.line_ids.added_by_id, self.staff)

    def test_upload_working_paper_wizard(self):
        """R-CF1, III.4.c: a working paper is uploaded through the file checks and put
        in the file; a file that refuses it stores nothing."""
        import base64

        from odoo.addons.vn_document_base.tests import pdf_fixtures

        case = self._new_file()
        data = base64.b64encode(pdf_fixtures.make_pdf(pages=2, text="Bản thảo"))
        Wizard = self.env["vn.working.paper.upload.wizard"].with_user(self.staff)
        Wizard.create(
            {
                "case_file_id": case.id,
                "subject": "Bản thảo tờ trình",
                "data": data,
                "filename": "ban-thao.pdf",
            }
        ).action_confirm()
        paper = self.env["vn.working.paper"].browse(case.line_ids.res_id)
        self.assertEqual(paper.subject, "Bản thảo tờ trình")
        self.assertEqual(paper.page_count, 2)
        self.assertEqual(paper.main_file_id.res_model, "vn.working.paper")
        self.assertEqual(case.page_total, 2)
        # Someone else's file: refused before anything is stored.
        count = self.env["vn.working.paper"].sudo().search_count([])
        with self.assertRaises(AccessError):
            Wizard.with_user(self.colleague).create(
                {
                    "case_file_id": case.id,
                    "subject": "Chen vào",
                    "data": data,
                    "filename": "chen.pdf",
                }
            ).action_confirm()
        self.assertEqual(self.env["vn.working.paper"].sudo().search_count([]), count)
        # A refused file (not a PDF it claims to be) stores nothing either.
        with self.assertRaises(UserError):
            Wizard.create(
                {
                    "case_file_id": case.id,
                    "subject": "Tệp hỏng",
                    "data": base64.b64encode(b"%PDF-1.4 not really"),
                    "filename": "hong.pdf",
                }
            ).action_confirm()
        self.assertEqual(self.env["vn.working.paper"].sudo().search_count([]), count)
        self.assertEqual(case.doc_total, 1)

    def test_same_document_in_two_files_without_copy(self):
        """R-CF1, III.4.e: one document is in the files of two people, referenced in
        both: one stored original (same ``vn.document.file``), never copied; each
        user sees only his own file on the document."""
        incoming = self._incoming(
            "Công văn liên quan hai hồ sơ", self.today, cooperate=self.colleague
        )
        files_before = self.env["vn.document.file"].sudo().search_count([])
        attachments_before = self.env["ir.attachment"].sudo().search_count([])
        mine = self._new_file()
        theirs = self._new_file(self.colleague)
        mine.vn_attach([incoming])
        theirs.vn_attach([incoming])
        self.assertEqual(
            mine.line_ids.original_file_id, theirs.line_ids.original_file_id
        )
        self.assertEqual(mine.line_ids.original_file_id, incoming.main_file_id)
        self.assertEqual(
            self.env["vn.document.file"].sudo().search_count([]), files_before
        )
        self.assertEqual(
            self.env["ir.attachment"].sudo().search_count([]), attachments_before
        )
        self.assertEqual(
            incoming.with_user(self.staff).case_file_line_ids.case_file_id, mine
        )
        self.assertEqual(
            incoming.with_user(self.colleague).case_file_line_ids.case_file_id, theirs
        )
        self.assertEqual(
            incoming.with_user(self.admin).case_file_line_ids.case_file_id,
            mine | theirs,
        )

    def test_closing_checks(self):
        """R-CF1, ND 30 Điều 29.2, III.4.d: a file without documents, with an
        unfinished incoming document or a document of unknown pages is not closed;
        the error says why and nothing changes."""
        case = self._new_file()
        fields_ = ["state", "closed_on", "closed_by_id"]
        with self.assertRaisesRegex(
            UserError, vi(self.env, "the file holds no document")
        ):
            case.action_close()
        opened = self.snapshot(case, fields_)
        self.assertEqual(opened[0]["state"], "open")
        unfinished = self._incoming("Công văn đang xử lý", self.today, done=False)
        case.vn_attach([unfinished])
        with self.assertRaisesRegex(
            UserError, vi(self.env, "its handling is not finished")
        ):
            case.action_close()
        self.assertEqual(self.snapshot(case, fields_), opened)
        self._finish(unfinished)
        paper = self._paper("Ghi chép", self.today)
        case.vn_attach([paper])
        # The page count is lost (a scan without pages, say).
        paper.main_file_id.sudo().page_count = 0
        unknown = vi(self.env, "%(doc)s: its number of pages is unknown", doc="")
        with self.assertRaisesRegex(UserError, unknown.lstrip(": ")):
            case.action_close()
        self.assertEqual(self.snapshot(case, fields_), opened)
        paper.main_file_id.sudo().page_count = 1
        case.action_close()
        self.assertEqual((case.state, case.closed_by_id), ("closed", self.staff))
        self.assertTrue(case.closed_on)
        self.assertEqual((case.doc_total, case.page_total), (2, 3))

    def test_closed_file_is_frozen(self):
        """R-CF1, III.4.d: a closed file refuses documents in and out and any change;
        the working papers it holds are frozen too."""
        case = self._closed_file()
        paper = (
            self.env["vn.working.paper"]
            .browse(
                case.line_ids.filtered(
                    lambda line: line.res_model == "vn.working.paper"
                ).res_id
            )
            .with_user(self.staff)
        )
        extra = self._paper("Tài liệu thêm", self.today)
        before = self.snapshot(case.line_ids, LINE_VIEW)
        with self.assertRaises(UserError):
            case.vn_attach([extra])
        with self.assertRaises(UserError):
            case.vn_detach(case.line_ids)
        with self.assertRaises(UserError):
            case.write({"subject": "Đổi tên"})
        with self.assertRaises(UserError):
            case.write({"retention_id": self.ten_years.id})
        with self.assertRaises(UserError):
            paper.write({"subject": "Sửa"})
        with self.assertRaises(UserError):
            paper.unlink()
        with self.assertRaises(UserError):
            case.unlink()
        with self.assertRaises(UserError):
            case.action_close()
        self.assertEqual(self.snapshot(case.line_ids, LINE_VIEW), before)
        self.assertEqual(case.subject, "Hồ sơ giải quyết khiếu nại")
        self.assertEqual(case.retention_id, self.permanent)
        # Following it is still possible.
        case.message_subscribe(partner_ids=self.head.partner_id.ids)

    def test_reopen_by_document_administrator_with_reason(self):
        """R-CF1, ND 30 Điều 29.2: only the document administrator reopens a closed
        file, giving the reason, which the trail keeps."""
        case = self._closed_file()
        for user in (self.staff, self.head, self.agency_head, self.clerk):
            with self.assertRaises(AccessError, msg=user.login):
                case.with_user(user).vn_reopen("Bổ sung văn bản")
        with self.assertRaises(UserError):
            case.with_user(self.admin).vn_reopen("  ")
        self.assertEqual(case.state, "closed")
        wizard = (
            self.env["vn.case.file.reopen.wizard"]
            .with_user(self.admin)
            .create({"case_file_id": case.id, "reason": "Bổ sung văn bản còn thiếu"})
        )
        wizard.action_confirm()
        self.assertEqual(case.state, "open")
        self.assertFalse(case.closed_on)
        trail = case.sudo().trail_ids.filtered(
            lambda t: t.note == "Bổ sung văn bản còn thiếu"
        )
        # The trail is kept in Vietnamese, whoever writes it (it is handed over).
        self.assertEqual(trail.action, legal(case).env._("File reopened"))
        self.assertEqual(trail.user_id, self.admin)
        # The creator builds it again.
        case.vn_attach([self._paper("Văn bản bổ sung", self.today)])
        self.assertEqual(case.doc_total, 3)
        with self.assertRaises(UserError):
            case.with_user(self.admin).vn_reopen("Lần nữa")

    def test_retention_and_disposal_year(self):
        """R-CF1, III.5.c: the disposal review year is the end year plus the years of
        retention; none for permanent files; a period kept less than 5 years stays
        with the unit."""
        self.assertEqual(self.ten_years._vn_disposal_year(2026), 2036)
        self.assertEqual(self.permanent._vn_disposal_year(2026), 0)
        self.assertEqual(self.ten_years._vn_disposal_year(0), 0)
        self.assertTrue(self.permanent.handed_over)
        self.assertTrue(self.ten_years.handed_over)
        self.assertFalse(self.short.handed_over)
        case = self._closed_file(retention=self.ten_years)
        self.assertEqual(case.disposal_year, case.end_date.year + 10)
        permanent = self._closed_file()
        self.assertEqual(permanent.disposal_year, 0)
        short = self._closed_file(retention=self.short)
        self.assertEqual(short.disposal_year, short.end_date.year + 3)
        self.assertFalse(short.handover_due_date)
        self.assertEqual(
            case.handover_due_date,
            vn_local_date(case.closed_on) + relativedelta(months=12),
        )

    def test_handover_reminder(self):
        """R-CF2, III.5.b: 30 days before a closed file is due at the archive, its
        creator gets one activity, once; files due later, kept less than 5 years or
        already in a handover get none."""
        due_soon = self._closed_file()
        later = self._closed_file()
        short = self._closed_file(retention=self.short)
        now = fields.Datetime.now()
        # Due in 30 days (12 months after closing): announced; in 31 days: not yet.
        (due_soon | short).sudo().write(
            {"closed_on": now - relativedelta(months=12) + timedelta(days=30)}
        )
        later.sudo().write(
            {"closed_on": now - relativedelta(months=12) + timedelta(days=32)}
        )
        kind = self.env.ref("vn_case_file.mail_act_vn_case_file_handover")
        Case = self.env["vn.case.file"]
        with no_commit(self.env):
            Case._vn_cron_handover_reminders()
            Case._vn_cron_handover_reminders()
        activity = due_soon.activity_ids.filtered(lambda a: a.activity_type_id == kind)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.staff)
        self.assertEqual(activity.date_deadline, due_soon.handover_due_date)
        self.assertFalse(later.activity_ids)
        self.assertFalse(short.activity_ids)


@tagged("post_install", "-at_install")
class TestReplyJoinsFiles(CaseFileSetup, OutgoingCase):
    """Through the real issue (signature, number, seal) of the outgoing addon."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_case_files(unit=cls.department)

    def test_reply_joins_the_open_files_of_its_incoming(self):
        """R-CF1, III.4.c: a reply issued for an incoming document joins, by rule, the
        open files holding the incoming document (not the closed ones)."""
        incoming = self._incoming(
            "Công văn đề nghị góp ý", self.today, cooperate=self.colleague
        )
        open_file = self._new_file()
        open_file.vn_attach([incoming])
        closed = self._new_file(self.colleague)
        closed.vn_attach(
            [incoming, self._paper("Ghi chép", self.today, self.colleague)]
        )
        closed.action_close()
        doc = self.new_draft(doc_type=self.letter)
        doc.sudo().incoming_id = (
            incoming  # as the "reply" service of the incoming sets it
        )
        self.bring_to_signing(doc, with_annex=False)
        doc.with_user(self.signer)._vn_sign(self.signer_key, PASSPHRASE)
        doc.with_user(self.clerk)._vn_issue(self.agency_p12_key, PASSPHRASE)
        self.assertEqual(doc.state, "issued")
        line = open_file.line_ids.filtered(lambda line: line.res_model == doc._name)
        self.assertEqual(line.res_id, doc.id)
        self.assertEqual(line.original_file_id, doc.issued_file_id)
        self.assertEqual(line.code_number, doc.code_number)
        self.assertEqual(line.doc_date, doc.issued_date)
        self.assertIn(vi(self.env, "Reply to %(doc)s", doc="").strip(), line.note)
        self.assertEqual(open_file.doc_total, 2)
        self.assertEqual(closed.doc_total, 2)
        self.assertFalse(
            closed.line_ids.filtered(lambda line: line.res_model == doc._name)
        )
