# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestOutboxTour(HttpCase):
    """R-LG4 on screen: the outbox shows a parked package and its error; the
    administrator retries it."""

    def test_retry_parked_package(self):
        admin = new_test_user(
            self.env,
            login="tour_lgsp_admin",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
            groups="vn_document_base.group_vn_document_admin",
        )
        message = self.env["vn.lgsp.message"]._vn_enqueue(
            {
                "message_type": "edoc",
                "from_code": "000.01.41.H29",
                "to_codes": "000.02.41.H29",
                "subject": "Tour: gói tin bị tạm dừng",
            },
            b"<edXML/>",
        )
        message.write(
            {
                "state": "parked",
                "attempts": 8,
                "last_error": "[http_500] HTTP 500: server error",
            }
        )
        self.start_tour(
            "/odoo/action-vn_lgsp_connector.vn_lgsp_message_action_outbox",
            "vn_lgsp_outbox_tour",
            login=admin.login,
        )
        self.assertEqual((message.state, message.attempts), ("queued", 0))
