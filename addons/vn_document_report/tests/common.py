# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Seeding of the report tests: documents written straight into their tables with the
facts the reports read (registration and issue moments, completion, deadlines,
recalls, signatures, copies sent), in Vietnam local time."""

import datetime
from contextlib import contextmanager
from unittest.mock import patch

import pytz

from odoo.tests import new_test_user

from odoo.addons.vn_document_base.tests.common import VnRolesSetup

VN = pytz.timezone("Asia/Ho_Chi_Minh")


def utc(text):
    """'2026-07-01 00:00' in Vietnam time -> naive UTC (as stored)."""
    local = VN.localize(datetime.datetime.strptime(text, "%Y-%m-%d %H:%M"))
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def day(text):
    return datetime.date.fromisoformat(text)


@contextmanager
def no_commit(env):
    """The scheduled jobs' commits only flush in a test."""

    def flush(self, processed=0, *, remaining=None, deactivate=False):
        self.env.flush_all()
        return float("inf")

    with patch.object(type(env["ir.cron"]), "_commit_progress", flush):
        yield


class ReportSetup(VnRolesSetup):
    @classmethod
    def _setup_report_units(cls):
        env = cls.env
        cls._setup_roles()
        cls.unit = env["hr.department"].create({"name": "Phòng Kinh tế"})
        cls.unit2 = env["hr.department"].create({"name": "Phòng Văn hóa"})
        cls.empty_unit = env["hr.department"].create({"name": "Phòng Trống"})
        placement = {
            "staff": cls.unit,
            "department_head": cls.unit,
            "clerk": cls.unit,
            "follow_up": cls.unit2,
            "agency_head": cls.unit2,
        }
        for role, unit in placement.items():
            env["hr.employee"].create(
                {
                    "name": cls.users[role].name,
                    "user_id": cls.users[role].id,
                    "department_id": unit.id,
                }
            )
        cls.unit.manager_id = cls.users["department_head"].employee_ids[:1]
        cls.head2 = new_test_user(
            env,
            login="vn_test_head2",
            groups="vn_document_base.group_vn_document_department_head",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.unit2.manager_id = env["hr.employee"].create(
            {"name": "Head 2", "user_id": cls.head2.id, "department_id": cls.unit2.id}
        )
        cls.doc_type = env["vn.document.type"].search([], limit=1)

    @classmethod
    def _sql(cls, query, params):
        cls.env.flush_all()
        cls.env.cr.execute(query, params)
        cls.env.invalidate_all()

    @classmethod
    def _file(cls, owner, signatures):
        """A checked file of ``owner`` with signatures [(kind, valid)]."""
        cls.env.cr.execute(
            """INSERT INTO vn_document_file (name, company_id, sha256, res_model,
                                             res_id, mimetype)
               VALUES ('a.pdf', %s, md5(random()::text), %s, %s, 'application/pdf')
               RETURNING id""",
            (cls.company.id, owner._name, owner.id),
        )
        file_id = cls.env.cr.fetchone()[0]
        for kind, valid in signatures:
            cls.env.cr.execute(
                """INSERT INTO vn_document_signature (file_id, signer_kind, is_valid)
                   VALUES (%s, %s, %s)""",
                (file_id, kind, valid),
            )
        return file_id

    @classmethod
    def _incoming(
        cls,
        registered,
        unit=None,
        channel="lgsp",
        deadline=None,
        done=None,
        done_deadline=None,
        recalled=None,
        state=None,
        signatures=(),
        user=None,
    ):
        doc = (
            cls.env["vn.document.incoming"]
            .sudo()
            .create(
                {
                    "subject": f"Văn bản đến {registered}",
                    "channel": channel,
                    "company_id": cls.company.id,
                    "arrival_date": utc(registered),
                }
            )
        )
        state = state or ("recalled" if recalled else "done" if done else "in_progress")
        main_file = cls._file(doc, signatures) if signatures else None
        cls._sql(
            """UPDATE vn_document_incoming
                  SET state = %s, registered_on = %s, arrival_number = id,
                      handling_department_id = %s, handling_user_id = %s,
                      deadline = %s, done_on = %s, done_deadline = %s,
                      recalled_on = %s, main_file_id = %s
                WHERE id = %s""",
            (
                state,
                utc(registered),
                unit.id if unit else None,
                user.id if user else None,
                deadline and day(deadline),
                done and utc(done),
                (done_deadline or deadline) and day(done_deadline or deadline)
                if done
                else None,
                recalled and utc(recalled),
                main_file,
                doc.id,
            ),
        )
        return doc

    @classmethod
    def _outgoing(
        cls,
        issued,
        unit,
        deliveries=(),
        signatures=(("individual", True), ("organisation", True)),
        recalled=None,
        replaces=None,
        number=None,
    ):
        doc = (
            cls.env["vn.document.outgoing"]
            .sudo()
            .create(
                {
                    "subject": f"Văn bản đi {issued}",
                    "document_type_id": cls.doc_type.id,
                    "company_id": cls.company.id,
                    "drafting_department_id": unit.id,
                }
            )
        )
        issued_file = cls._file(doc, signatures) if signatures else None
        cls._sql(
            """UPDATE vn_document_outgoing
                  SET state = %s, issued_at = %s, issued_date = %s,
                      number_symbol = %s, issued_file_id = %s, recalled_on = %s,
                      replaces_id = %s
                WHERE id = %s""",
            (
                "recalled" if recalled else "issued",
                utc(issued),
                utc(issued).date(),
                number or f"{doc.id}/UBND-VP",
                issued_file,
                recalled and utc(recalled),
                replaces.id if replaces else None,
                doc.id,
            ),
        )
        for kind, sent, received, refused in deliveries:
            cls._sql(
                """INSERT INTO vn_document_delivery (document_id, company_id, kind,
                                                    state, recipient_name, sent_on,
                                                    received_on, refused_on)
                   VALUES (%s, %s, %s, %s, %s, %s, %s, %s)""",
                (
                    doc.id,
                    cls.company.id,
                    kind,
                    "returned" if refused else "received" if received else "sent",
                    f"Nơi nhận {kind}",
                    sent and utc(sent),
                    received and utc(received),
                    refused and utc(refused),
                ),
            )
        return doc
