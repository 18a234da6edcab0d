# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Content search of case files (issue 17, ND 30 Phụ lục VI III.6): their metadata and
the text of the documents they hold, among those the user may open."""

from odoo.tests import tagged

from .common import CaseFileCase


def give_text(doc, text):
    """The text of the document's stored file, as the OCR job writes it."""
    texts = doc.sudo().file_ids.text_ids
    texts.write({"text": text, "source": "ocr", "state": "done"})


@tagged("post_install", "-at_install")
class TestCaseFileContentSearch(CaseFileCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.mine = cls._new_file(subject="Hồ sơ kiểm kê di tích")
        cls.mine_doc = cls._incoming("Công văn về kiểm kê", cls.today)
        give_text(
            cls.mine_doc, "Ban quản lý khu di tích Bến Nhà Rồng kiểm kê hiện vật."
        )
        cls.mine.vn_attach([cls.mine_doc])
        cls.theirs = cls._new_file(cls.colleague, subject="Hồ sơ của đồng nghiệp")
        cls.theirs_doc = cls._incoming("Công văn khác", cls.today, user=cls.colleague)
        give_text(cls.theirs_doc, "Tờ trình về bảo tồn Dinh Độc Lập.")
        cls.theirs.vn_attach([cls.theirs_doc])

    def search(self, user, phrase):
        return (
            self.env["vn.case.file"]
            .with_user(user)
            .search([("content_search", "ilike", phrase)])
        )

    def test_found_by_its_title_and_by_a_document_it_holds(self):
        """III.6: the file by its metadata and by the full text of its documents,
        with the words marked in the list."""
        self.assertEqual(self.search(self.staff, "kiem ke di tich"), self.mine)
        self.assertEqual(self.search(self.staff, "BẾN NHÀ RỒNG"), self.mine)
        result = (
            self.env["vn.case.file"]
            .with_user(self.staff)
            .web_search_read(
                [("content_search", "ilike", "ben nha rong")],
                {"content_snippet": {}},
            )
        )
        self.assertIn(
            "<mark>Bến Nhà Rồng</mark>", result["records"][0]["content_snippet"]
        )

    def test_another_persons_file_and_documents_are_not_found(self):
        """The text of a document in another person's file is found neither through
        the file nor through the document (III.3.b, SECURITY.md)."""
        self.assertFalse(self.search(self.staff, "dinh doc lap"))
        self.assertEqual(
            self.env["vn.case.file"]
            .with_user(self.staff)
            .search_count([("content_search", "ilike", "dinh doc lap")]),
            0,
        )
        self.assertFalse(
            self.env["vn.document.incoming"]
            .with_user(self.staff)
            .search([("content_search", "ilike", "dinh doc lap")])
        )
        self.assertEqual(self.search(self.colleague, "dinh doc lap"), self.theirs)
