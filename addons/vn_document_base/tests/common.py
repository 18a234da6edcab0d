# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

ROLES = [
    ("staff", "group_vn_document_staff"),
    ("department_head", "group_vn_document_department_head"),
    ("agency_head", "group_vn_document_agency_head"),
    ("clerk", "group_vn_document_clerk"),
    ("follow_up", "group_vn_document_follow_up"),
    ("admin", "group_vn_document_admin"),
]


class VnRolesSetup:
    """One user per role of the regulation (R-US1) and an agency with its code. The
    password of each user is its login (``vn_test_<role>``), for the HTTP tests."""

    @classmethod
    def _setup_roles(cls):
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.company.write({"vn_organ_code": "000.07.41.H29", "vn_short_name": "UBND"})
        cls.users = {}
        for role, group in ROLES:
            cls.users[role] = new_test_user(
                cls.env,
                login=f"vn_test_{role}",
                groups=f"vn_document_base.{group}",
                lang="vi_VN",
                tz="Asia/Ho_Chi_Minh",
            )
        cls.manager = new_test_user(
            cls.env,
            login="vn_test_user_manager",
            groups="base.group_erp_manager,base.group_user",
        )


class VnDocumentCase(VnRolesSetup, TransactionCase):
    """One user per role of the regulation (R-US1) and an agency with its code."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()

    def group(self, xmlid):
        return self.env.ref(f"vn_document_base.{xmlid}")

    def assert_user_error_vi(self, exc_type, func, *args, contains=None, **kwargs):
        """Run ``func`` as a Vietnamese user and check the error is in Vietnamese."""
        with self.assertRaises(exc_type) as caught:
            func(*args, **kwargs)
        message = str(caught.exception)
        if contains:
            self.assertIn(contains, message)
        return message


def set_groups(user, *xmlids):
    user.group_ids = [Command.set([user.env.ref(x).id for x in xmlids])]


class VnRpcMixin:
    """For HttpCase attack tests: a model method over JSON-RPC as a user whose password
    is his login (the test users of ``VnRolesSetup``), and the assertion that it is
    refused."""

    def rpc(self, user, model, method, *args, **kwargs):
        """``model.method`` over JSON-RPC as ``user`` (password = login)."""
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def assert_refused(self, user, model, method, *args, contains=None, **kwargs):
        """The call fails for ``user``; with ``contains``, its error says so."""
        with (
            self.assertRaises(
                JsonRpcException, msg=f"{user.login} {model}.{method} must be refused"
            ) as caught,
            mute_logger("odoo.http"),
        ):
            self.rpc(user, model, method, *args, **kwargs)
        if contains:
            self.assertIn(contains, str(caught.exception.args))
