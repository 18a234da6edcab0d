# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Full-text search in the metadata and the text of the stored files (issue 17,
ND 30 Phụ lục VI III.6: search on the full text of documents), with the record
rules of the list."""

from unittest.mock import patch

from odoo.tests import HttpCase, tagged

from odoo.addons.vn_document_base.models import vn_content_search
from odoo.addons.vn_document_base.tests.common import VnRpcMixin

from .test_incoming import IncomingCase

SCAN_TEXT = (
    "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH\n"
    "Căn cứ Luật Tổ chức chính quyền địa phương;\n"
    "\fĐiều 1. Quyết định giao Ban quản lý khu di tích Bến Nhà Rồng kiểm kê hiện vật "
    "<script>alert('x')</script> trước ngày 30 tháng 6."
)
SPEC = {"subject": {}, "content_snippet": {}}


def give_text(doc, text, source="ocr", state="done"):
    """The text of the document's stored file as the service writes it (OCR job)."""
    Text = doc.env["vn.file.text"].sudo()
    record = Text.search([("file_id", "in", doc.sudo().file_ids.ids)], limit=1)
    values = {"text": text, "source": source, "state": state}
    if record:
        record.write(values)
    else:
        record = Text.create(dict(values, file_id=doc.sudo().file_ids[:1].id))
    return record


class ContentCase(IncomingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        upload = cls.upload(cls, "qd-12.pdf", cls.signed_pdf)
        cls.doc = cls.receive(
            cls,
            subject="Về việc kiểm kê di tích năm 2026",
            upload_ids=[(6, 0, upload.ids)],
        )
        cls.text = give_text(cls.doc, SCAN_TEXT)
        cls.Incoming = cls.env["vn.document.incoming"]

    def found(self, phrase, user="clerk"):
        return self.Incoming.with_user(self.users[user]).search(
            [("content_search", "ilike", phrase)]
        )


@tagged("post_install", "-at_install")
class TestContentSearch(ContentCase):
    def test_phrase_in_an_ocr_text_without_accents(self):
        """III.6: full text of a scan (OCR), accent- and case-insensitive, words in
        this order next to each other."""
        for phrase in ("quyet dinh giao", "QUYẾT ĐỊNH GIAO", '"ben nha rong"'):
            self.assertEqual(self.found(phrase), self.doc, phrase)
        for phrase in ("giao quyet dinh", "quyet giao", "ben nha trang"):
            self.assertFalse(self.found(phrase), phrase)

    def test_common_phrase_form_finds_the_same(self):
        """A common phrase is checked document by document along the list's order
        (another SQL form, with or without a limit): the same documents."""
        with patch.object(vn_content_search, "SEMI_JOIN_MAX", 0):
            Incoming = self.Incoming.with_user(self.users["clerk"])
            domain = [("content_search", "ilike", "quyet dinh giao")]
            self.assertEqual(Incoming.search(domain, limit=80), self.doc)
            self.assertEqual(Incoming.search_count(domain, limit=1001), 1)
            self.assertEqual(Incoming.search_count(domain), 1)
            self.assertEqual(self.found("quyet dinh giao"), self.doc)
            self.assertEqual(self.found("kiem ke di tich nam 2026"), self.doc)
            self.assertFalse(self.found("giao quyet dinh"))
            self.assertFalse(self.found("ben nha rong", "staff"))

    def test_metadata_matches(self):
        """III.6: search on the metadata (subject, symbol) by the same field."""
        self.assertEqual(self.found("kiem ke di tich nam 2026"), self.doc)
        self.assertEqual(self.found("QĐ-STP"), self.doc)

    def test_snippet_marks_the_words_and_escapes_the_text(self):
        """The list shows where the phrase was found, marked; the document's text
        is escaped (no HTML from a document reaches the page)."""
        result = self.Incoming.with_user(self.users["clerk"]).web_search_read(
            [("content_search", "ilike", "ben nha rong")], SPEC, limit=80
        )
        self.assertEqual(result["length"], 1)
        snippet = result["records"][0]["content_snippet"]
        self.assertIn("<mark>Bến Nhà Rồng</mark>", snippet)
        self.assertIn("&lt;script&gt;", snippet)
        self.assertNotIn("<script>", snippet)
        # without a content search, no snippet
        result = self.Incoming.with_user(self.users["clerk"]).web_search_read(
            [("id", "=", self.doc.id)], SPEC
        )
        self.assertFalse(result["records"][0]["content_snippet"])

    def test_text_arriving_later_is_found_and_a_recall_removes_it(self):
        """A scan's text read later by OCR becomes searchable; a recall destroying
        the content takes it out of the search."""
        doc = self.receive(subject="Thông báo lịch tiếp công dân")
        give_text(doc, False, source="none", state="pending")
        self.assertFalse(self.found("tiep nhan ho so dat dai"))
        give_text(doc, "Bộ phận một cửa tiếp nhận hồ sơ đất đai từ ngày 5.")
        self.assertEqual(self.found("tiep nhan ho so dat dai"), doc)
        doc.sudo().file_ids._vn_destroy_content("Thu hồi văn bản")
        self.assertFalse(self.found("tiep nhan ho so dat dai"))

    def test_stored_metadata_vector_follows_an_edit(self):
        """III.6 on metadata: the stored vector (a generated column the ORM never
        writes) follows a corrected subject, in both SQL forms, in the same
        transaction."""
        self.assertNotIn("content_vector", self.Incoming._fields)
        doc = self.receive(subject="Về việc trùng tu đình Phú Nhuận")
        self.assertEqual(self.found("trung tu dinh phu nhuan"), doc)
        doc.sudo().subject = "Về việc chỉnh trang chợ Bến Thành"
        for many in (20000, 0):
            with patch.object(vn_content_search, "SEMI_JOIN_MAX", many):
                self.assertFalse(self.found("trung tu dinh phu nhuan"), many)
                self.assertEqual(self.found("chinh trang cho ben thanh"), doc, many)

    def test_unsupported_operators_and_empty_terms(self):
        self.assertIn(self.doc, self.found("  "))
        self.assertNotIn(
            self.doc,
            self.Incoming.search([("content_search", "not ilike", "ben nha rong")]),
        )


@tagged("post_install", "-at_install")
class TestContentSearchRules(HttpCase, VnRpcMixin, ContentCase):
    """Record rules apply to content search as to the list (SECURITY.md): a staff
    member of another unit never finds a document he may not open by its text, nor
    learns that it exists, by any public method."""

    PHRASE = "ben nha rong"

    def test_the_unit_finds_it_another_unit_does_not(self):
        self.assign_to_unit(self.doc)
        self.assertEqual(self.found(self.PHRASE, "department_head"), self.doc)
        outsider = self.outsider
        domain = [("content_search", "ilike", self.PHRASE)]
        model = "vn.document.incoming"
        self.assertEqual(self.rpc(outsider, model, "search", domain), [])
        self.assertEqual(self.rpc(outsider, model, "search_count", domain), 0)
        self.assertEqual(
            self.rpc(outsider, model, "web_search_read", domain, SPEC),
            {"length": 0, "records": []},
        )
        groups = self.rpc(
            outsider, model, "formatted_read_group", domain, [], ["__count"]
        )
        self.assertEqual(groups[0]["__count"], 0)
        self.assertEqual(self.rpc(outsider, model, "name_search", "Bến Nhà Rồng"), [])
        # neither the snippet nor the text of the document itself
        self.assert_refused(
            outsider,
            model,
            "read",
            [self.doc.id],
            ["content_snippet"],
            context={"vn_content_search_terms": [self.PHRASE]},
        )
        self.assert_refused(outsider, model, "web_read", [self.doc.id], SPEC)
        self.assert_refused(
            outsider,
            model,
            "onchange",
            [self.doc.id],
            {},
            [],
            {"content_snippet": {}},
            context={"vn_content_search_terms": [self.PHRASE]},
        )
        self.assertEqual(
            self.rpc(
                outsider,
                model,
                "web_search_read",
                [("id", "=", self.doc.id)],
                SPEC,
                context={"vn_content_search_terms": [self.PHRASE]},
            ),
            {"length": 0, "records": []},
        )
        self.assert_refused(outsider, "vn.file.text", "read", [self.text.id], ["text"])

    def test_snippet_only_from_files_he_may_read(self):
        """Even called in code on a record he may not read (its fields in the ORM
        cache), the snippet is computed with his access: nothing."""
        self.assertIn("Bến Nhà Rồng", self.text.text)  # in the shared cache
        doc = self.doc.with_user(self.outsider)
        self.assertEqual(doc._vn_snippet_texts([self.PHRASE]), {})
        snippet = doc.with_context(
            vn_content_search_terms=[self.PHRASE, "kiem ke di tich"]
        ).content_snippet
        self.assertFalse(snippet)
