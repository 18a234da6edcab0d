# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared setup of the case-file tests: the suite's roles, an agency archivist, two
units with their people, an approved file plan of this year and the documents a file
holds (registered incoming documents with a stored PDF, issued outgoing documents,
working papers uploaded through the file checks)."""

import itertools
from contextlib import contextmanager
from unittest.mock import patch

from odoo import Command, fields
from odoo.tests import TransactionCase, new_test_user

from odoo.addons.vn_document_base.tests import pdf_fixtures
from odoo.addons.vn_document_base.tests.common import VnRolesSetup
from odoo.addons.vn_document_base.tools.legal import legal, vn_local_date

ARCHIVIST = "vn_case_file.group_vn_document_archivist"
_NOTATIONS = itertools.count(1)


def vi(env, source, **values):
    """``source`` as the suite writes it in Vietnamese: the trail and the catalogue
    are legal text, and the test users read Vietnamese."""
    return legal(env["vn.case.file"]).env._(source, **values)


class CaseFileSetup(VnRolesSetup):
    """Needs ``cls.users`` (``_setup_roles``). ``unit``: the staff's unit when another
    setup made it already (the outgoing documents' setup does)."""

    @classmethod
    def _setup_case_files(cls, unit=None):
        env = cls.env
        cls.today = vn_local_date(fields.Datetime.now())
        cls.year = cls.today.year
        cls.archivist = new_test_user(
            env,
            login="vn_test_archivist",
            groups=ARCHIVIST,
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.colleague = new_test_user(
            env,
            login="vn_test_colleague",
            groups="vn_document_base.group_vn_document_staff",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.stranger = new_test_user(
            env,
            login="vn_test_stranger",
            groups="vn_document_base.group_vn_document_staff",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.unit = unit or env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.other_unit = env["hr.department"].create({"name": "Phòng Văn hóa"})
        people = dict(cls.users, colleague=cls.colleague, stranger=cls.stranger)
        for role, user in people.items():
            if user.employee_ids:
                continue
            env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "department_id": (
                        cls.other_unit if role == "stranger" else cls.unit
                    ).id,
                }
            )
        cls.unit.manager_id = cls.users["department_head"].employee_ids[:1]
        cls.staff = cls.users["staff"]
        cls.head = cls.users["department_head"]
        cls.agency_head = cls.users["agency_head"]
        cls.clerk = cls.users["clerk"]
        cls.admin = cls.users["admin"]
        cls.permanent = env.ref("vn_case_file.vn_retention_period_01")
        cls.ten_years = env.ref("vn_case_file.vn_retention_period_06")
        # "Khác" with 3 years: kept less than 5 years, stays with the unit.
        cls.short = env.ref("vn_case_file.vn_retention_period_07")
        cls.short.years = 3
        Book = env["vn.register.book"]
        cls.incoming_book = Book.search(
            [("kind", "=", "incoming"), ("company_id", "=", cls.company.id)], limit=1
        ) or Book.create({"name": "Sổ văn bản đến", "kind": "incoming"})
        # A demo database has its own plan of this year: moved out of the way.
        plans = env["vn.file.plan"].search([("year", "in", (cls.year, cls.year + 1))])
        for index, plan in enumerate(plans):
            plan.year = 2990 + index
        cls.plan = cls._make_plan(cls.year)

    # ------------------------------------------------------------------
    # The file plan
    # ------------------------------------------------------------------
    @classmethod
    def _make_plan(cls, year, numbering="continuous", approve=True):
        """A plan of ``year``: I. Tổ chức cán bộ (TCCB) with a minor heading, II.
        Kinh tế (KT) of the unit; three planned files built by the staff member.
        Drafted and submitted by the clerk, approved by the head of agency."""
        env = cls.env
        clerk = cls.users["clerk"]
        plan = (
            env["vn.file.plan"]
            .with_user(clerk)
            .create({"year": year, "numbering": numbering})
        )
        Heading = env["vn.file.plan.heading"].with_user(clerk)
        tccb = Heading.create(
            {"plan_id": plan.id, "name": "Tổ chức cán bộ", "code": "TCCB"}
        )
        recruit = Heading.create(
            {"plan_id": plan.id, "name": "Tuyển dụng", "parent_id": tccb.id}
        )
        kt = Heading.create(
            {
                "plan_id": plan.id,
                "name": "Kinh tế",
                "code": "KT",
                "department_id": cls.unit.id,
            }
        )
        Item = env["vn.file.plan.item"].with_user(clerk)
        staff = cls.users["staff"]
        Item.create(
            [
                {
                    "plan_id": plan.id,
                    "heading_id": tccb.id,
                    "title": "Hồ sơ về công tác tổ chức bộ máy năm " + str(year),
                    "retention_id": cls.permanent.id,
                    "responsible_id": staff.id,
                },
                {
                    "plan_id": plan.id,
                    "heading_id": recruit.id,
                    "title": "Hồ sơ tuyển dụng công chức năm " + str(year),
                    "retention_id": cls.ten_years.id,
                    "responsible_id": staff.id,
                },
                {
                    "plan_id": plan.id,
                    "heading_id": kt.id,
                    "title": "Hồ sơ kế hoạch phát triển kinh tế năm " + str(year),
                    "retention_id": cls.ten_years.id,
                    "responsible_id": staff.id,
                },
            ]
        )
        if approve:
            plan.with_user(clerk).action_submit()
            plan.with_user(cls.users["agency_head"]).action_approve()
        return plan.sudo()

    @classmethod
    def _item(cls, plan, title_start):
        return plan.item_ids.filtered(lambda i: i.title.startswith(title_start))

    @classmethod
    def _open_from_plan(cls, item, user=None):
        action = item.with_user(user or cls.users["staff"]).action_open_file()
        return cls.env["vn.case.file"].browse(action["res_id"])

    @classmethod
    def _new_file(cls, user=None, subject="Hồ sơ giải quyết khiếu nại", **values):
        """A file opened outside the plan, by ``user`` (the staff member)."""
        user = user or cls.users["staff"]
        return (
            cls.env["vn.case.file"]
            .with_user(user)
            .create(
                dict(
                    {
                        "subject": subject,
                        "file_notation": values.pop(
                            "file_notation", f"TAM.{next(_NOTATIONS):02d}"
                        ),
                        "retention_id": cls.ten_years.id,
                    },
                    **values,
                )
            )
        )

    # ------------------------------------------------------------------
    # Documents
    # ------------------------------------------------------------------
    @classmethod
    def _incoming(
        cls,
        subject,
        day,
        user=None,
        department=None,
        done=True,
        channel="email",
        cooperate=None,
    ):
        """A registered incoming document of ``day`` with its checked PDF (two pages),
        assigned (lead) to ``user`` (the staff member) or to ``department``, and
        handled to the end when ``done``."""
        env = cls.env
        doc = (
            env["vn.document.incoming"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "company_id": cls.company.id,
                    "register_book_id": cls.incoming_book.id,
                    "channel": channel,
                    "issued_date": day,
                    "code_number": "15",
                    "code_notation": "UBND-VP",
                    "organ_name": "Ủy ban nhân dân Thành phố Hồ Chí Minh",
                }
            )
        )
        env["vn.document.file"].sudo()._vn_store_checked(
            "van-ban-den.pdf", pdf_fixtures.make_two_signature_pdf(), doc
        )
        doc._adopt_main_file(doc.file_ids)
        doc.action_register()
        if department:
            doc._vn_assign([{"role": "lead", "department_id": department.id}])
        else:
            user = user or cls.users["staff"]
            doc._vn_assign([{"role": "lead", "user_id": user.id}])
        if cooperate:
            doc._vn_assign([{"role": "cooperate", "user_id": cooperate.id}])
        if done:
            cls._finish(doc)
        return doc.sudo()

    @classmethod
    def _finish(cls, doc):
        """The lead assignments are done: the document's handling is finished."""
        doc = doc.sudo()
        doc.assignment_ids.filtered(lambda a: a.role == "lead").write(
            {"state": "done", "result": "Đã xử lý", "done_date": fields.Datetime.now()}
        )
        doc._vn_check_completion()
        return doc

    @classmethod
    def _issued(cls, subject, day, number="20", incoming=None):
        """An outgoing document as ``_vn_issue`` leaves it (numbered, dated, its issued
        PDF stored), without the signing: the tests of the real issue use the outgoing
        addon's setup."""
        env = cls.env
        doc = (
            env["vn.document.outgoing"]
            .sudo()
            .create(
                {
                    "subject": subject,
                    "company_id": cls.company.id,
                    "document_type_id": env.ref(
                        "vn_document_base.vn_document_type_cong_van"
                    ).id,
                    "incoming_id": incoming.id if incoming else False,
                    "delivery_ids": [
                        Command.create({"kind": "email", "email": "x@example.com"})
                    ],
                }
            )
        )
        stored = (
            env["vn.document.file"]
            .sudo()
            ._vn_store_checked(
                "van-ban-di.pdf", pdf_fixtures.make_pdf(pages=3, text=subject), doc
            )
        )
        doc.sudo().write(
            {
                "code_number": number,
                "number_symbol": f"{number}/UBND-KT",
                "issued_date": day,
                "issued_file_id": stored.id,
                "signed_by_id": cls.users["agency_head"].id,
                "state": "issued",
            }
        )
        return doc.sudo()

    @classmethod
    def _paper(cls, subject, day, user=None, pages=1):
        """A working paper uploaded by ``user`` through the file checks."""
        user = user or cls.users["staff"]
        return (
            cls.env["vn.working.paper"]
            .with_user(user)
            ._vn_take_upload(
                {"subject": subject, "doc_date": day},
                "to-trinh.pdf",
                pdf_fixtures.make_pdf(pages=pages, text=subject),
            )
        )

    @classmethod
    def _closed_file(cls, user=None, retention=None, documents=None, **values):
        """A file of ``user`` holding ``documents`` (a finished incoming document and a
        working paper by default), closed."""
        user = user or cls.users["staff"]
        case = cls._new_file(
            user,
            retention_id=(retention or cls.permanent).id,
            **values,
        )
        if documents is None:
            day = cls.today.replace(day=1)
            documents = [
                cls._incoming("Công văn đề nghị báo cáo", day, user=user),
                cls._paper("Dự thảo báo cáo", cls.today, user=user),
            ]
        case.vn_attach(documents)
        case.action_close()
        return case

    def snapshot(self, records, names):
        """The values of ``names`` of every record, read as superuser (to assert that a
        refused call changed nothing)."""
        return [{name: record.sudo()[name] for name in names} for record in records]


@contextmanager
def no_commit(env):
    """The scheduled jobs' commits (``ir.cron._commit_progress``) only flush in a
    test."""

    def flush(self, processed=0, *, remaining=None, deactivate=False):
        self.env.flush_all()
        return float("inf")

    with patch.object(type(env["ir.cron"]), "_commit_progress", flush):
        yield


class CaseFileCase(CaseFileSetup, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls._setup_case_files()
