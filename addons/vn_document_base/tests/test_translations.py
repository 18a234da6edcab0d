# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import os

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

SUITE = [
    "vn_document_base",
    "vn_document_inbound",
    "vn_document_outbound",
    "vn_case_file",
    "vn_lgsp_connector",
    "vn_document_report",
]
ADDONS_DIR = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))


@tagged("post_install", "-at_install")
class TestVietnameseTranslations(TransactionCase):
    """Every user-facing string of every addon of the suite has its Vietnamese
    translation."""

    def test_vi_po_complete(self):
        installed = set(
            self.env["ir.module.module"]
            .search([("name", "in", SUITE), ("state", "=", "installed")])
            .mapped("name")
        )
        for module in SUITE:
            if module not in installed:
                continue
            with self.subTest(module=module):
                path = os.path.join(ADDONS_DIR, module, "i18n", "vi.po")
                self.assertTrue(os.path.exists(path), f"{path} is missing")
                translated = {
                    entry.msgid
                    for entry in polib.pofile(path)
                    if entry.msgstr
                    and "fuzzy" not in entry.flags
                    and not entry.obsolete
                }
                terms = {
                    row[4]
                    for row in TranslationModuleReader(self.env.cr, modules=[module])
                }
                missing = sorted(terms - translated)
                self.assertFalse(
                    missing, f"{module}: {len(missing)} untranslated: {missing[:10]}"
                )

    def test_vietnamese_is_the_default_language(self):
        self.assertTrue(self.env["res.lang"]._lang_get("vi_VN").active)
        self.assertEqual(self.env["ir.default"]._get("res.partner", "lang"), "vi_VN")
