# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged

from ..tools.activities import activity_types

XMLIDS = ["mail.mail_activity_data_todo", "mail.mail_activity_data_call"]


@tagged("post_install", "-at_install")
class TestActivityTypes(TransactionCase):
    """The activity types of a workflow step, read together (issue 15): the records
    ``env.ref`` gives, the same errors, one query for all."""

    def test_same_records_as_env_ref(self):
        types = activity_types(self.env, XMLIDS)
        self.assertEqual(types, {xmlid: self.env.ref(xmlid) for xmlid in XMLIDS})

    def test_one_query_for_all(self):
        activity_types(self.env, XMLIDS)  # the xmlids are cached per registry
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            activity_types(self.env, XMLIDS)

    def test_unknown_xmlid_raises(self):
        with self.assertRaises(ValueError):
            activity_types(self.env, [*XMLIDS, "mail.no_such_activity_type"])

    def test_deleted_type_raises(self):
        """The xmlid is left behind by a deletion in SQL: env.ref raises then."""
        gone = self.env["mail.activity.type"].create({"name": "Gone"})
        self.env["ir.model.data"].create(
            {
                "module": "vn_document_base",
                "name": "test_gone_activity_type",
                "model": "mail.activity.type",
                "res_id": gone.id,
            }
        )
        self.env.cr.execute("DELETE FROM mail_activity_type WHERE id = %s", [gone.id])
        self.env.invalidate_all()
        xmlids = [*XMLIDS, "vn_document_base.test_gone_activity_type"]
        with self.assertRaises(ValueError):
            self.env.ref(xmlids[-1])
        with self.assertRaises(ValueError):
            activity_types(self.env, xmlids)

    def test_record_of_another_model_raises(self):
        with self.assertRaises(ValueError):
            activity_types(self.env, ["base.user_admin"])
