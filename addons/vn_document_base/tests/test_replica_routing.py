# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase, tagged


def routed_readonly(model_class, method_name):
    """Whether /web/dataset/call_kw runs ``method_name`` on a read-only cursor (the
    replica when db_replica_host is set): the rule of Odoo 19's
    web.controllers.dataset.DataSet._call_kw_readonly."""
    for cls in model_class.mro():
        method = getattr(cls, method_name, None)
        if method is not None and hasattr(method, "_readonly"):
            return method._readonly
    return False


@tagged("post_install", "-at_install")
class TestReplicaRouting(TransactionCase):
    """Opening a document writes the access log, so the form's read goes to the primary
    database; browsing the register (lists, searches, groups) goes to the replica."""

    def test_documents(self):
        # the mixin, and every document model installed (incoming, outgoing, ...)
        documents = ["vn.document.access.mixin"] + [
            name
            for name, model in self.env.registry.items()
            if not model._abstract and hasattr(model, "_vn_log_opening")
        ]
        for name in documents:
            model_class = type(self.env[name])
            self.assertFalse(routed_readonly(model_class, "web_read"), name)
            for method in ("web_search_read", "web_read_group", "search_count"):
                self.assertTrue(routed_readonly(model_class, method), (name, method))

    def test_other_models_keep_odoo_rule(self):
        self.assertTrue(routed_readonly(type(self.env["res.partner"]), "web_read"))
