# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestReportTour(HttpCase):
    """R-RP1, R-RP2 on screen: the follow-up officer generates the quarterly report
    from the menu and opens the dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.vn_organ_code = "000.00.01.H29"
        cls.officer = new_test_user(
            cls.env,
            login="tour_report_officer",
            name="Cán bộ theo dõi",
            groups="vn_document_base.group_vn_document_follow_up",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        # One registered incoming document, so the dashboard has a figure to show.
        doc = (
            cls.env["vn.document.incoming"]
            .sudo()
            .create({"subject": "Tour báo cáo", "channel": "paper"})
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE vn_document_incoming SET state = 'registered', "
            "registered_on = now() AT TIME ZONE 'UTC' WHERE id = %s",
            (doc.id,),
        )

    def test_report_tour(self):
        self.start_tour(
            "/odoo/action-vn_document_report.vn_edoc_report_wizard_action",
            "vn_document_report_tour",
            login="tour_report_officer",
        )
        report = self.env["vn.edoc.report"].search(
            [("generated_by_id", "=", self.officer.id)]
        )
        self.assertEqual(len(report), 1)
        self.assertEqual(report.period_kind, "quarter")
        self.assertTrue(report.workbook_id)
        self.start_tour(
            "/odoo/action-vn_document_report.vn_report_document_stat_action",
            "vn_document_report_dashboard_tour",
            login="tour_report_officer",
        )
