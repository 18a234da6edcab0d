# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUserLifecycleTour(HttpCase):
    """R-US1–R-US3 in the browser: the administrator onboards a person with a role,
    changes his position and disables him."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        new_test_user(
            cls.env,
            login="vn_tour_admin",
            groups="vn_document_base.group_vn_document_admin",
            tz="Asia/Ho_Chi_Minh",
            lang="vi_VN",
        )
        cls.unit_a = cls.env["hr.department"].create({"name": "Phòng Tour A"})
        cls.unit_b = cls.env["hr.department"].create({"name": "Phòng Tour B"})

    def test_onboard_move_disable(self):
        self.start_tour("/odoo", "vn_user_lifecycle_tour", login="vn_tour_admin")
        user = (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", "vn_tour_person")])
        )
        self.assertFalse(user.active)
        self.assertEqual(user.employee_ids.department_id, self.unit_b)
        events = self.env["vn.user.handover"].search(
            [("user_id", "=", user.id)], order="id"
        )
        self.assertEqual(events.mapped("kind"), ["joined", "moved", "left"])
        # The Staff line began today, so it never applied before the move: it is
        # removed, and the role history keeps it.
        line = user.with_context(active_test=False).role_line_ids
        self.assertEqual(line.role_id.name, "Head of department")
        history = self.env["base.user.role.line.history"].search(
            [("user_id", "=", user.id)], order="id"
        )
        self.assertEqual(
            [
                (h.performed_action, (h.new_role_id or h.old_role_id).name)
                for h in history
            ],
            [
                ("add", "Staff"),
                ("unlink", "Staff"),
                ("add", "Head of department"),
                ("edit", "Head of department"),
            ],
        )
