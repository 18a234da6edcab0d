# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Roles assigned by group with their history, and the account lifecycle (R-US1,
R-US2, R-US3)."""

from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, new_test_user, tagged

from .common import VnDocumentCase


@tagged("post_install", "-at_install")
class TestUserRoles(VnDocumentCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin = cls.users["admin"]
        cls.admin2 = new_test_user(
            cls.env,
            login="vn_test_admin2",
            groups="vn_document_base.group_vn_document_admin",
        )
        cls.role = {
            name: cls.env.ref(f"vn_document_base.role_vn_document_{name}")
            for name in ("clerk", "staff", "department_head", "agency_head", "admin")
        }
        cls.suite = cls.env["res.groups"]._vn_suite_groups()
        cls.unit_a = cls.env["hr.department"].create({"name": "Phòng A"})
        cls.unit_b = cls.env["hr.department"].create({"name": "Phòng B"})
        cls.person = new_test_user(
            cls.env, login="vn_test_person", groups="base.group_user"
        )
        cls.today = cls.env["res.users.role.line"]._vn_today()

    def suite_groups(self, user):
        user.invalidate_recordset()
        return user.all_group_ids & self.suite

    def give(self, user, role, **dates):
        return (
            self.env["res.users.role.line"]
            .with_user(self.admin)
            .create({"user_id": user.id, "role_id": role.id, **dates})
        )

    # ------------------------------------------------------------------
    # Roles (R-US1)
    # ------------------------------------------------------------------
    def test_role_gives_exactly_its_groups(self):
        """R-US1: a role line gives exactly the role's suite groups, at once; removing
        the line takes them away."""
        line = self.give(self.person, self.role["clerk"])
        clerk = self.group("group_vn_document_clerk")
        self.assertEqual(
            self.suite_groups(self.person), clerk.all_implied_ids & self.suite
        )
        self.assertFalse(
            self.person.has_group("vn_document_base.group_vn_document_admin")
        )
        line.unlink()
        self.assertFalse(self.suite_groups(self.person))

    def test_admin_role_manages_accounts(self):
        """R-US1: the document administrator's role gives Odoo's access-rights group,
        so the administrator manages accounts."""
        self.give(self.person, self.role["admin"])
        self.assertTrue(self.person.has_group("base.group_erp_manager"))
        self.assertTrue(
            self.person.has_group("vn_document_base.group_vn_document_admin")
        )

    def test_dated_lines_apply_on_their_day(self):
        """R-US1: an acting role dated tomorrow gives nothing today; the nightly run
        gives it on the day and takes it away after its last day."""
        tomorrow = self.today + timedelta(days=1)
        self.give(
            self.person, self.role["agency_head"], date_from=tomorrow, date_to=tomorrow
        )
        head = "vn_document_base.group_vn_document_agency_head"
        self.assertFalse(self.person.has_group(head))
        cron = self.env.ref("vn_document_base.ir_cron_vn_apply_dated_roles")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertIn("cron_update_users", cron.code)
        # 00:05 in Ho Chi Minh City (UTC+7)
        self.assertEqual(cron.nextcall.strftime("%H:%M"), "17:05")
        with freeze_time(fields.Datetime.now() + timedelta(days=1)):
            self.env.invalidate_all()
            self.env["res.users.role"].cron_update_users()
            self.env.invalidate_all()
            self.assertTrue(self.person.has_group(head))
        with freeze_time(fields.Datetime.now() + timedelta(days=2)):
            self.env.invalidate_all()
            self.env["res.users.role"].cron_update_users()
            self.env.invalidate_all()
            self.assertFalse(self.person.has_group(head))

    def test_history_rows(self):
        """R-US1: every change of a role line leaves a row in the role history."""
        line = self.give(self.person, self.role["staff"])
        line.with_user(self.admin).date_to = self.today + timedelta(days=30)
        line.with_user(self.admin).unlink()
        history = self.env["base.user.role.line.history"].search(
            [("user_id", "=", self.person.id)], order="id"
        )
        self.assertEqual(history.mapped("performed_action"), ["add", "edit", "unlink"])
        # Another member of staff does not read it; the administrator does.
        History = self.env["base.user.role.line.history"]
        domain = [("user_id", "=", self.person.id)]
        self.assertFalse(History.with_user(self.users["staff"]).search(domain))
        self.assertEqual(History.with_user(self.admin).search(domain), history)

    def test_nothing_bypasses_a_role(self):
        """R-US1 (OCA/server-backend #459): a client adds nobody to a suite group from
        the group, the user or the role; other groups stay writable."""
        clerk = self.group("group_vn_document_clerk")
        attempts = [
            lambda: clerk.with_user(self.admin).write(
                {"user_ids": [Command.link(self.person.id)]}
            ),
            lambda: (
                self.group("group_vn_document_staff")
                .with_user(self.admin)
                .write({"all_user_ids": [Command.link(self.person.id)]})
            ),
            lambda: self.person.with_user(self.admin).write(
                {"group_ids": [Command.link(clerk.id)]}
            ),
            lambda: (
                self.users["clerk"]
                .with_user(self.admin)
                .write({"group_ids": [Command.unlink(clerk.id)]})
            ),
            lambda: (
                self.role["clerk"]
                .with_user(self.admin)
                .write({"user_ids": [Command.link(self.person.id)]})
            ),
            lambda: (
                self.role["clerk"]
                .group_id.with_user(self.admin)
                .write({"user_ids": [Command.link(self.person.id)]})
            ),
            lambda: (
                self.env["res.users"]
                .with_user(self.admin)
                .create(
                    {
                        "name": "Lách vai trò",
                        "login": "vn_test_bypass",
                        "group_ids": [Command.set([clerk.id])],
                    }
                )
            ),
        ]
        for attempt in attempts:
            with self.assertRaisesRegex(UserError, "assign a role"):
                attempt()
        self.assertFalse(self.suite_groups(self.person))
        self.assertTrue(
            self.users["clerk"].has_group(clerk.get_external_id()[clerk.id])
        )
        # A group outside the suite is not a role's business.
        self.person.with_user(self.admin).write(
            {"group_ids": [Command.link(self.env.ref("base.group_partner_manager").id)]}
        )
        self.assertTrue(self.person.has_group("base.group_partner_manager"))

    def test_update_gives_roles_to_group_holders(self):
        """R-US1: on update from the groups-only version, accounts holding suite
        groups get the matching roles and keep the same access."""
        clerk = self.users["clerk"]
        before = self.suite_groups(clerk)
        converted = self.env["res.users"]._vn_roles_from_groups()
        self.assertIn(clerk, converted)
        self.assertEqual(clerk.role_line_ids.role_id, self.role["clerk"])
        self.env.invalidate_all()
        self.assertEqual(self.suite_groups(clerk), before)
        self.assertNotIn(clerk, self.env["res.users"]._vn_roles_from_groups())

    # ------------------------------------------------------------------
    # Two-person rule (ND 30 Phụ lục VI III.3.c)
    # ------------------------------------------------------------------
    def test_access_change_waits_for_a_second_administrator(self):
        """R-US1: a role change is pending until another document administrator
        confirms it; its author and a clerk cannot."""
        self.give(self.person, self.role["clerk"])
        change = self.env["vn.access.change"].search([("user_id", "=", self.person.id)])
        self.assertEqual(len(change), 1)
        self.assertEqual(change.author_id, self.admin)
        self.assertIn(self.role["clerk"].name, change.description)
        self.assertTrue(self.person.vn_access_change_pending)
        with self.assertRaises(UserError):
            change.with_user(self.admin).action_confirm()
        with self.assertRaises(AccessError):
            change.with_user(self.users["clerk"]).action_confirm()
        change.with_user(self.admin2).action_confirm()
        self.assertEqual(change.state, "confirmed")
        self.assertEqual(change.confirmed_by_id, self.admin2)
        self.person.invalidate_recordset()
        self.assertFalse(self.person.vn_access_change_pending)

    def test_moving_a_line_changes_two_accounts(self):
        """III.3.c: a role line moved to another account is a change of both
        accounts' rights, each waiting for confirmation; the groups follow at once."""
        line = self.give(self.person, self.role["clerk"])
        other = new_test_user(self.env, login="vn_test_other", groups="base.group_user")
        line.with_user(self.admin).user_id = other
        clerk = "vn_document_base.group_vn_document_clerk"
        self.env.invalidate_all()
        self.assertFalse(self.person.has_group(clerk))
        self.assertTrue(other.has_group(clerk))
        changes = self.env["vn.access.change"].search(
            [("user_id", "in", (self.person | other).ids)]
        )
        self.assertEqual(len(changes), 3)
        self.assertTrue(other.vn_access_change_pending)

    def test_access_changes_are_made_by_the_service_only(self):
        """R-US1: no client creates or rewrites an access change."""
        self.give(self.person, self.role["clerk"])
        change = self.env["vn.access.change"].search([("user_id", "=", self.person.id)])
        with self.assertRaises(AccessError):
            change.with_user(self.admin2).write({"state": "confirmed"})
        with self.assertRaises(AccessError):
            self.env["vn.access.change"].with_user(self.admin).create(
                {
                    "user_id": self.person.id,
                    "description": "x",
                    "author_id": self.admin2.id,
                    "company_id": self.company.id,
                }
            )

    # ------------------------------------------------------------------
    # Lifecycle (R-US2, R-US3)
    # ------------------------------------------------------------------
    def _join(self, login="vn_test_joiner", **values):
        wizard = (
            self.env["vn.user.join.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "name": "Trần Thị Mới",
                    "login": login,
                    "email": f"{login}@example.gov.vn",
                    "department_id": self.unit_a.id,
                    "role_ids": [Command.set(self.role["staff"].ids)],
                    **values,
                }
            )
        )
        action = wizard.action_confirm()
        return self.env["res.users"].browse(action["res_id"])

    def test_join(self):
        """R-US3 (13.3b): joining creates the account in its unit with its role, and
        records the event."""
        user = self._join()
        self.assertEqual(user.role_line_ids.role_id, self.role["staff"])
        self.assertTrue(user.has_group("vn_document_base.group_vn_document_staff"))
        self.assertFalse(user.has_group("vn_document_base.group_vn_document_clerk"))
        self.assertEqual(user.employee_id.department_id, self.unit_a)
        event = self.env["vn.user.handover"].search([("user_id", "=", user.id)])
        self.assertEqual(event.kind, "joined")
        self.assertEqual(event.done_by_id, self.admin)
        self.assertEqual(event.department_id, self.unit_a)
        self.assertTrue(
            self.env["vn.access.change"].search_count([("user_id", "=", user.id)])
        )

    def _move(self, user, role, date, **values):
        wizard = (
            self.env["vn.user.move.wizard"]
            .with_user(self.admin)
            .with_context(default_user_id=user.id)
            .create(
                {
                    "department_id": self.unit_b.id,
                    "role_ids": [Command.set(role.ids)],
                    "date": date,
                    **values,
                }
            )
        )
        wizard.action_confirm()
        return wizard

    def test_move_today(self):
        """R-US3 (13.3c): on a change of position the old role ends the day before,
        the new one starts on the date, the unit changes and open work is handed
        over."""
        user = self._join(date_from=self.today - timedelta(days=30))
        self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("res.partner"),
                "res_id": self.env.user.partner_id.id,
                "user_id": user.id,
                "summary": "Việc dở",
            }
        )
        successor = self.users["staff"]
        with self.assertRaises(UserError):
            self._move(user, self.role["department_head"], self.today)
        self._move(
            user, self.role["department_head"], self.today, successor_id=successor.id
        )
        staff_line = user.role_line_ids.filtered(
            lambda ln: ln.role_id == self.role["staff"]
        )
        self.assertEqual(staff_line.date_to, self.today - timedelta(days=1))
        self.assertTrue(
            user.has_group("vn_document_base.group_vn_document_department_head")
        )
        self.assertEqual(user.employee_id.department_id, self.unit_b)
        self.assertFalse(user._vn_open_work_count())
        event = self.env["vn.user.handover"].search(
            [("user_id", "=", user.id), ("kind", "=", "moved")]
        )
        self.assertEqual(event.successor_id, successor)

    def test_move_in_the_future_waits(self):
        """R-US3: a change of position dated next week changes nothing before then."""
        user = self._join(date_from=self.today - timedelta(days=30))
        next_week = self.today + timedelta(days=7)
        self._move(user, self.role["department_head"], next_week)
        head = "vn_document_base.group_vn_document_department_head"
        self.assertFalse(user.has_group(head))
        self.assertTrue(user.has_group("vn_document_base.group_vn_document_staff"))
        with freeze_time(fields.Datetime.now() + timedelta(days=7)):
            self.env.invalidate_all()
            self.env["res.users.role"].cron_update_users()
            self.env.invalidate_all()
            self.assertTrue(user.has_group(head))

    def test_leave_and_re_enable(self):
        """R-US2: leaving disables the account (never deleted) and ends its roles;
        re-enabling needs a reason and the roles chosen again; each step is
        recorded."""
        user = self._join()
        wizard = (
            self.env["vn.user.disable.wizard"]
            .with_user(self.admin)
            .create({"user_id": user.id, "reason": "leave"})
        )
        wizard.action_confirm()
        self.assertFalse(user.active)
        line = user.with_context(active_test=False).role_line_ids
        self.assertEqual(line.date_to, self.today)
        enable = (
            self.env["vn.user.enable.wizard"]
            .with_user(self.admin)
            .create(
                {
                    "user_id": user.id,
                    "reason": "Quay lại làm việc",
                    "role_ids": [Command.set(self.role["clerk"].ids)],
                }
            )
        )
        enable.action_confirm()
        self.assertTrue(user.active)
        self.assertTrue(user.has_group("vn_document_base.group_vn_document_clerk"))
        kinds = (
            self.env["vn.user.handover"]
            .search([("user_id", "=", user.id)], order="id")
            .mapped("kind")
        )
        self.assertEqual(kinds, ["joined", "left", "re_enabled"])
        with self.assertRaises(UserError):
            enable.action_confirm()

    def test_events_are_made_by_the_wizards_only(self):
        """R-US2: the account history is read by administrators, never written by
        them."""
        with self.assertRaises(AccessError):
            self.env["vn.user.handover"].with_user(self.admin).create(
                {"user_id": self.person.id, "reason": "x", "kind": "joined"}
            )
        with self.assertRaises(AccessError):
            self.env["vn.user.handover"].with_user(self.users["clerk"]).search([])
