# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import io
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models import vn_file_hazard
from ..models.vn_file_check import FileCheckError
from ..tools.filenames import sanitize_filename
from . import pdf_fixtures
from .common import VnDocumentCase

HAZARD_LOGGERS = (
    "odoo.addons.vn_document_base.models.vn_file_check",
    "odoo.addons.vn_document_base.models.vn_file_hazard",
    "pyhanko",
)


def raw_pdf(*extra, catalog=b""):
    """A one-page PDF written by hand (classic cross-reference table); ``extra`` objects
    are numbered from 4, ``catalog`` is added to the catalog dictionary."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        *extra,
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
        % (len(objects) + 1, xref)
    )
    return out.getvalue()


def object_stream_pdf(action):
    """A PDF whose OpenAction is inside a compressed object stream (cross-reference
    stream)."""
    from pyhanko.pdf_utils import generic, writer

    pdf = writer.PdfFileWriter(stream_xrefs=True)
    contents = pdf.add_object(generic.StreamObject(stream_data=b"BT ET"))
    pdf.insert_page(
        writer.PageObject(
            contents,
            generic.ArrayObject([generic.NumberObject(v) for v in (0, 0, 595, 842)]),
        )
    )
    stream = pdf.prepare_object_stream()
    pdf.root["/OpenAction"] = pdf.add_object(
        generic.DictionaryObject({generic.NameObject(k): v for k, v in action.items()}),
        obj_stream=stream,
    )
    out = io.BytesIO()
    pdf.write(out)
    return out.getvalue()


@tagged("post_install", "-at_install")
class TestFileHazards(VnDocumentCase):
    """R-SEC2: active content in PDFs is flagged on receipt and refused for issue; file
    names are sanitised; an empty file gets a clear error."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checker = cls.env["vn.file.check"].with_context(lang="vi_VN")
        cls.files = cls.env["vn.document.file"].with_context(lang="vi_VN")

    # ------------------------------------------------------------------
    # Dangerous PDF content
    # ------------------------------------------------------------------
    @mute_logger(*HAZARD_LOGGERS)
    def test_hazards_found(self):
        """R-SEC2: JavaScript (OpenAction, name tree, page and field actions), launch
        actions, embedded files, rich media, SubmitForm and ImportData are each
        reported, also when the name is hex-escaped or the object sits in a compressed
        object stream."""
        from pyhanko.pdf_utils import generic

        cases = {
            "openaction-js": (
                raw_pdf(
                    b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
                    catalog=b"/OpenAction 4 0 R",
                ),
                ["javascript"],
            ),
            "names-js": (
                raw_pdf(
                    b"<< /JavaScript 5 0 R >>",
                    b"<< /Names [(a) 6 0 R] >>",
                    b"<< /S /JavaScript /JS (x) >>",
                    catalog=b"/Names 4 0 R",
                ),
                ["javascript"],
            ),
            "escaped-launch": (
                raw_pdf(
                    b"<< /S /L#61unch /F (cmd.exe) >>", catalog=b"/OpenAction 4 0 R"
                ),
                ["launch"],
            ),
            "embedded-files": (
                raw_pdf(
                    b"<< /EmbeddedFiles 5 0 R >>",
                    b"<< /Names [(a.exe) 6 0 R] >>",
                    b"<< /Type /Filespec /F (a.exe) /EF << /F 7 0 R >> >>",
                    b"<< /Type /EmbeddedFile /Length 2 >>\nstream\nMZ\nendstream",
                    catalog=b"/Names 4 0 R",
                ),
                ["embedded_file"],
            ),
            "rich-media": (
                raw_pdf(
                    b"<< /Type /Annot /Subtype /RichMedia /Rect [0 0 1 1] >>",
                    catalog=b"/PageMode /UseNone",
                ),
                ["rich_media"],
            ),
            "submit-import": (
                raw_pdf(
                    b"<< /S /SubmitForm /F (https://x.example/) /Next << /S "
                    b"/ImportData /F (a.fdf) >> >>",
                    catalog=b"/OpenAction 4 0 R",
                ),
                ["submit_form", "import_data"],
            ),
            "object-stream-js": (
                object_stream_pdf(
                    {
                        "/S": generic.NameObject("/JavaScript"),
                        "/JS": generic.TextStringObject("app.alert(1)"),
                    }
                ),
                ["javascript"],
            ),
        }
        for name, (data, expected) in cases.items():
            with self.subTest(name=name):
                self.assertEqual(vn_file_hazard.pdf_hazards(data), expected)
                try:
                    report = self.checker.check(f"{name}.pdf", data)
                except FileCheckError as error:
                    # ClamAV's PDF heuristics already refuse obfuscated names (#xx
                    # escapes)
                    self.assertEqual(name, "escaped-launch")
                    self.assertIn("Heuristics.PDF", str(error))
                    continue
                self.assertEqual(report["hazards"], expected)
                self.assertEqual(report["mimetype"], "application/pdf")
        self.assertEqual(
            self.checker.check("sach.pdf", pdf_fixtures.make_pdf(pages=2))["hazards"],
            [],
        )
        self.assertEqual(
            vn_file_hazard.pdf_hazards(pdf_fixtures.make_two_signature_pdf()), []
        )

    @mute_logger(*HAZARD_LOGGERS)
    def test_hazards_stored_and_refused_for_issue(self):
        """R-SEC2: a PDF with JavaScript is accepted on receipt with its hazards
        recorded on the checked file (readonly), and ``_vn_refuse_hazards`` refuses it
        in Vietnamese; a clean PDF passes."""
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        data = raw_pdf(
            b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>",
            b"<< /S /Launch /F (a.exe) >>",
            catalog=b"/OpenAction 4 0 R /AA << /WC 5 0 R >>",
        )
        report = self.checker.check("../../co-ma.pdf", data)
        stored = self.files._vn_store("../../co-ma.pdf", data, owner, report)
        self.assertEqual(stored.hazards, "javascript,launch")
        self.assertEqual(stored.name, "co-ma.pdf")
        self.assertTrue(self.files._fields["hazards"].readonly)
        with self.assertRaises(UserError) as caught:
            stored._vn_refuse_hazards()
        self.assertIn("không thể ban hành", str(caught.exception))
        self.assertIn("JavaScript", str(caught.exception))
        clean = pdf_fixtures.make_pdf(pages=1)
        stored_clean = self.files._vn_store(
            "sach.pdf", clean, owner, self.checker.check("sach.pdf", clean)
        )
        self.assertFalse(stored_clean.hazards)
        self.assertTrue(stored_clean._vn_refuse_hazards())
        # a report without hazards (a copy of a checked original) is inspected on
        # storing
        copied = {key: value for key, value in report.items() if key != "hazards"}
        self.assertEqual(
            self.files._vn_store("ban-sao.pdf", data, owner, copied).hazards,
            "javascript,launch",
        )

    @mute_logger(*HAZARD_LOGGERS)
    def test_hostile_pdfs_never_crash(self):
        """R-SEC2: damaged, deeply nested or oversized input gets a clear refusal or the
        "could not be fully inspected" flag, never a server error; the inspection is
        bounded."""
        nested = raw_pdf(b"[" * 5000 + b"]" * 5000, catalog=b"/X 4 0 R")
        truncated = raw_pdf(
            b"<< /S /JavaScript /JS (x) >>", catalog=b"/OpenAction 4 0 R"
        )[:-60]
        for name, data in [
            ("nested", nested),
            ("truncated", truncated),
            ("garbage", b"%PDF-1.7\n" + b"\x00\xff" * 500),
        ]:
            with self.subTest(name=name):
                self.assertIsInstance(vn_file_hazard.pdf_hazards(data), list)
                try:
                    report = self.checker.check(f"{name}.pdf", data)
                except FileCheckError as error:  # a clear refusal naming the file
                    self.assertIn(f"{name}.pdf", str(error))
                else:
                    self.assertIsInstance(report["hazards"], list)
        # time bound: nothing inspected in time is flagged, not passed
        self.assertEqual(
            vn_file_hazard.pdf_hazards(pdf_fixtures.make_pdf(pages=1), max_seconds=0),
            ["incomplete"],
        )
        # size bound of object streams (a decompression bomb)
        from pyhanko.pdf_utils import generic

        data = object_stream_pdf(
            {"/S": generic.NameObject("/GoTo"), "/D": generic.ArrayObject()}
        )
        self.assertEqual(vn_file_hazard.pdf_hazards(data), [])
        with patch.object(vn_file_hazard, "MAX_OBJECT_STREAM_BYTES", 8):
            self.assertEqual(vn_file_hazard.pdf_hazards(data), ["incomplete"])

    # ------------------------------------------------------------------
    # File names and empty files
    # ------------------------------------------------------------------
    def test_sanitize_filename(self):
        """R-SEC2: base name only, no control or reserved characters, NFC, Vietnamese
        kept, at most 150 characters with the extension kept, never empty."""
        cases = {
            "../../etc/passwd": "passwd",
            "..\\..\\Windows\\win.ini": "win.ini",
            "C:\\Users\\a\\Công văn số 12.pdf": "Công văn số 12.pdf",
            "a\x00b\tc\nd\x7f.pdf": "abcd.pdf",
            'a:b*c?d"e<f>g|h.txt': "abcdefgh.txt",
            "hoadon\u202efdp.exe": "hoadonfdp.exe",
            "Quye\u0302\u0301t đi\u0323nh.docx": "Quyết định.docx",
            "  Báo   cáo .pdf": "Báo cáo.pdf",
            "..": "tep",
            "": "tep",
            None: "tep",
            ".pdf": "tep.pdf",
            "///": "tep",
        }
        for raw, expected in cases.items():
            with self.subTest(raw=raw):
                self.assertEqual(sanitize_filename(raw), expected)
        long_name = sanitize_filename("Tờ trình " * 400 + ".pdf")
        self.assertEqual(len(long_name), 150)
        self.assertTrue(long_name.endswith(".pdf"))
        self.assertEqual(len(sanitize_filename("x" * 3000)), 150)

    def test_check_returns_sanitised_name(self):
        """R-SEC2: the check reports the name to store and send, sanitised."""
        report = self.checker.check(
            "../../" + "Công văn " * 300 + ".pdf", pdf_fixtures.make_pdf(pages=1)
        )
        self.assertEqual(len(report["filename"]), 150)
        self.assertTrue(report["filename"].startswith("Công văn"))
        self.assertTrue(report["filename"].endswith(".pdf"))
        self.assertNotIn("/", report["filename"])

    def test_empty_file_clear_error(self):
        """R-SEC2: an empty upload (0 bytes, or False from a binary field) gets a clear
        error in Vietnamese, not a server error."""
        for data in (b"", False, None, ""):
            with self.subTest(data=data), self.assertRaises(FileCheckError) as caught:
                self.checker.check("cong-van.pdf", data)
            self.assertIn("rỗng", str(caught.exception))
            self.assertIn("0 byte", str(caught.exception))
