# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Saved searches shared with a unit (ND 30 Phụ lục VI III.6.e): the members of the unit
and of its sub-units receive them; nobody else does, and only the owner changes them."""

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import VnRolesSetup, VnRpcMixin

MODEL = "vn.document.type"  # any model of the suite the base addon defines


@tagged("post_install", "-at_install")
class TestSavedSearches(VnRpcMixin, VnRolesSetup, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        Department = cls.env["hr.department"]
        cls.unit = Department.create({"name": "Phòng Kinh tế"})
        cls.sub_unit = Department.create(
            {"name": "Tổ Thống kê", "parent_id": cls.unit.id}
        )
        cls.other_unit = Department.create({"name": "Phòng Văn hóa"})
        cls.owner = cls.users["staff"]
        cls.member = cls.users["department_head"]
        cls.outsider = new_test_user(
            cls.env,
            login="vn_test_search_outsider",
            groups="vn_document_base.group_vn_document_staff",
        )
        for user, unit in (
            (cls.owner, cls.unit),
            (cls.member, cls.sub_unit),
            (cls.outsider, cls.other_unit),
        ):
            cls.env["hr.employee"].create(
                {"name": user.name, "user_id": user.id, "department_id": unit.id}
            )
        cls.shared = (
            cls.env["ir.filters"]
            .with_user(cls.owner)
            .create(
                {
                    "name": "Văn bản quy hoạch",
                    "model_id": MODEL,
                    "domain": "[('name', 'ilike', 'quy')]",
                    "vn_department_id": cls.unit.id,
                }
            )
        )

    def _names(self, user):
        filters = self.env["ir.filters"].with_user(user).get_filters(MODEL)
        return [f["name"] for f in filters]

    def test_unit_members_receive_the_search(self):
        """ND 30 Phụ lục VI III.6.e: the owner keeps his favourite; a member of a
        sub-unit receives it; a member of another unit does not."""
        self.assertEqual(self.shared.user_ids, self.owner)
        self.assertIn("Văn bản quy hoạch", self._names(self.owner))
        self.assertIn("Văn bản quy hoạch", self._names(self.member))
        self.assertNotIn("Văn bản quy hoạch", self._names(self.outsider))

    def test_only_the_owner_changes_it(self):
        """ND 30 Phụ lục VI III.6.e: a member reads the unit's search but never changes
        nor deletes it."""
        as_member = self.shared.with_user(self.member)
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            as_member.write({"name": "Đổi tên"})
        with self.assertRaises(AccessError), mute_logger("odoo.models"):
            as_member.unlink()
        self.shared.with_user(self.owner).write({"name": "Quy hoạch 2026"})
        self.assertEqual(self.shared.name, "Quy hoạch 2026")

    def test_share_only_with_own_unit(self):
        """ND 30 Phụ lục VI III.6.e: a user shares a search only with one of his own
        units, and a unit's search belongs to one user."""
        with self.assertRaises(ValidationError):
            self.shared.with_user(self.owner).write(
                {"vn_department_id": self.other_unit.id}
            )
        with self.assertRaises(ValidationError):
            self.shared.with_user(self.owner).write({"user_ids": [(5, 0, 0)]})

    def test_attack_over_rpc(self):
        """SECURITY.md: over JSON-RPC, a member of another unit neither receives nor
        reads the search, and a member of the unit cannot change it."""
        filters = self.rpc(self.outsider, "ir.filters", "get_filters", MODEL)
        self.assertNotIn(self.shared.id, [f["id"] for f in filters])
        found = self.rpc(
            self.outsider,
            "ir.filters",
            "search_read",
            [("id", "=", self.shared.id)],
            fields=["name"],
        )
        self.assertFalse(found)
        filters = self.rpc(self.member, "ir.filters", "get_filters", MODEL)
        self.assertIn(self.shared.id, [f["id"] for f in filters])
        self.assert_refused(
            self.member, "ir.filters", "write", [self.shared.id], {"name": "x"}
        )
        self.assertEqual(self.shared.name, "Văn bản quy hoạch")
