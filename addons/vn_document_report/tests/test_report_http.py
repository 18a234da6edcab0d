# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reports' doors over HTTP (JSON-RPC and ``/web/content``), each tried by a role
that must not succeed (R-RP1, R-RP2, SECURITY.md)."""

from odoo.tests import HttpCase, tagged

from odoo.addons.vn_document_base.tests.common import VnRpcMixin

from .common import ReportSetup, day, utc

Q3 = ("2026-07-01", "2026-09-30")


@tagged("post_install", "-at_install")
class TestReportHttp(ReportSetup, VnRpcMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_report_units()
        cls._incoming("2026-08-03 09:00", cls.unit2, "lgsp", "2026-08-10")
        cls.agency_report = (
            cls.env["vn.edoc.report"]
            .with_user(cls.users["admin"])
            ._vn_generate(cls.company, "quarter", day(Q3[0]), day(Q3[1]))
            .sudo()
        )
        cls.outage = cls.env["vn.system.outage"].create(
            {"start": utc("2026-08-01 08:00"), "description": "Mất điện"}
        )

    def test_a_head_of_unit_neither_reads_nor_downloads_the_agency_report(self):
        """R-RP1: the agency's report and its workbook stay closed to a head of unit;
        the report generating service is not an RPC endpoint."""
        head = self.users["department_head"]
        report = self.agency_report
        self.assertFalse(
            self.rpc(head, "vn.edoc.report", "search", [("id", "=", report.id)])
        )
        self.assert_refused(head, "vn.edoc.report", "read", report.ids, ["name"])
        self.assert_refused(head, "vn.edoc.report", "action_download", report.ids)
        self.authenticate(head.login, head.login)
        response = self.url_open(f"/web/content/{report.workbook_id.id}?download=true")
        self.assertIn(response.status_code, (403, 404))
        self.assert_refused(
            head,
            "vn.edoc.report",
            "_vn_generate",
            self.company.id,
            "quarter",
            *Q3,
        )
        # His wizard for the whole agency is refused by the service.
        wizard = self.rpc(
            head, "vn.edoc.report.wizard", "create", {"department_ids": [(6, 0, [])]}
        )
        self.assert_refused(head, "vn.edoc.report.wizard", "action_generate", [wizard])

    def test_reports_are_made_and_sent_by_the_services_only(self):
        """R-RP1: no role creates, writes or deletes a report or its workbook; only
        the document administrator sends it."""
        report = self.agency_report
        for role in ("admin", "agency_head", "follow_up"):
            user = self.users[role]
            self.assert_refused(
                user,
                "vn.edoc.report",
                "create",
                {
                    "name": "Giả",
                    "company_id": self.company.id,
                    "period_kind": "quarter",
                    "date_from": Q3[0],
                    "date_to": Q3[1],
                },
            )
            self.assert_refused(
                user, "vn.edoc.report", "write", report.ids, {"version": 7}
            )
            self.assert_refused(user, "vn.edoc.report", "unlink", report.ids)
            self.assert_refused(
                user,
                "ir.attachment",
                "write",
                report.workbook_id.ids,
                {"datas": "Zm9yZ2Vk"},
            )
        self.assert_refused(
            self.users["follow_up"], "vn.edoc.report", "action_send", report.ids
        )
        self.assertEqual(report.state, "generated")

    def test_outages_login_days_and_statistics(self):
        """R-RP1, R-RP2: staff cannot record or change outages, read login days or the
        statistics; a head of unit does not see another unit's statistics."""
        staff, head = self.users["staff"], self.users["department_head"]
        self.assert_refused(
            staff,
            "vn.system.outage",
            "create",
            {"start": "2026-08-02 01:00:00", "description": "Giả"},
        )
        self.assert_refused(
            staff, "vn.system.outage", "write", self.outage.ids, {"description": "x"}
        )
        self.assert_refused(
            self.users["admin"], "vn.system.outage", "unlink", self.outage.ids
        )
        self.assert_refused(staff, "vn.user.login.day", "search_read", [], ["day"])
        for model in (
            "vn.report.document.stat",
            "vn.report.delivery.stat",
            "vn.report.access.stat",
        ):
            self.assert_refused(staff, model, "search_read", [], ["id"])
        rows = self.rpc(
            head, "vn.report.document.stat", "search_read", [], ["department_id"]
        )
        self.assertFalse([r for r in rows if r["department_id"]])
        self.assertTrue(
            self.env["vn.report.document.stat"].search(
                [("department_id", "=", self.unit2.id)]
            )
        )
