# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import pdf_fixtures
from .common import VnDocumentCase

EICAR = b"X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def make_docx():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0"?><w:document/>')
    return buf.getvalue()


@tagged("post_install", "-at_install")
class TestFileChecks(VnDocumentCase):
    """R-SEC2, R-IN2, R-OUT11: real type, size, malware (real clamd, fail closed),
    SHA-256."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.checker = cls.env["vn.file.check"].with_context(lang="vi_VN")
        cls.pdf = pdf_fixtures.make_pdf(pages=3)

    def test_clean_pdf_accepted(self):
        report = self.checker.check("cong-van.pdf", self.pdf)
        self.assertEqual(report["mimetype"], "application/pdf")
        self.assertEqual(report["page_count"], 3)
        self.assertEqual(len(report["sha256"]), 64)
        self.assertIn("ClamAV", report["scan_engine"])
        self.assertEqual(report["signatures"], [])
        self.assertEqual(report["legal_value"], "reference")

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_eicar_refused(self):
        for name, data in [
            ("virus.txt", EICAR),
            ("virus-in-text.txt", b"header\n" + EICAR + b"\nfooter"),
        ]:
            with self.subTest(name=name), self.assertRaises(UserError) as caught:
                self.checker.check(name, data)
            self.assertIn("mã độc", str(caught.exception))

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_unreachable_scanner_refuses(self):
        self.env["ir.config_parameter"].set_param(
            "vn_document_base.clamd_address", "unix:///nonexistent/clamd.sock"
        )
        with self.assertRaises(UserError) as caught:
            self.checker.check("cong-van.pdf", self.pdf)
        self.assertIn("không thể quét", str(caught.exception))

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_stopped_daemon_refuses(self):
        """A real second clamd: accepted while it runs, refused once it is stopped."""
        clamd = shutil.which("clamd") or "/usr/sbin/clamd"
        workdir = tempfile.mkdtemp(prefix="vn-clamd-")
        self.addCleanup(shutil.rmtree, workdir, True)
        os.mkdir(os.path.join(workdir, "db"))
        # The project's own signature database (as scripts/setup/clamav), written here
        # so that the test needs no file of the repository.
        with open(os.path.join(workdir, "db", "vn-edoc-test.hdb"), "w") as hdb:
            hdb.write(
                f"{hashlib.md5(EICAR).hexdigest()}:{len(EICAR)}:VnEdoc.Test.EICAR\n"
            )
        with open(os.path.join(workdir, "db", "vn-edoc-test.ndb"), "w") as ndb:
            ndb.write(
                f"VnEdoc.Test.EICAR.Body:0:*:{EICAR[EICAR.index(b'EICAR-') :].hex()}\n"
            )
        sock = os.path.join(workdir, "clamd.sock")
        with open(os.path.join(workdir, "clamd.conf"), "w") as conf:
            conf.write(
                f"LocalSocket {sock}\nDatabaseDirectory {workdir}/db\nForeground yes\n"
            )
        proc = subprocess.Popen(
            [clamd, "-c", os.path.join(workdir, "clamd.conf")],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.addCleanup(lambda: proc.poll() is None and proc.kill())
        for _i in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.1)
        self.env["ir.config_parameter"].set_param(
            "vn_document_base.clamd_address", f"unix://{sock}"
        )
        self.assertEqual(self.checker.check("a.pdf", self.pdf)["page_count"], 3)
        proc.send_signal(signal.SIGTERM)
        proc.wait(10)
        with self.assertRaises(UserError):
            self.checker.check("a.pdf", self.pdf)

    def test_type_must_match_content(self):
        cases = [
            (
                "not-really.pdf",
                b"MZ\x90\x00" + b"\x00" * 200,
            ),  # a Windows program renamed
            ("report.pdf", b"plain text pretending to be a PDF\n" * 10),
            ("script.sh", b"#!/bin/sh\necho hi\n"),
            (
                "page.html",
                b"<html><body><script>alert(1)</script></body></html>",
            ),  # HTML is archived
        ]
        for name, data in cases:
            with self.subTest(name=name), self.assertRaises(UserError) as caught:
                self.checker.check(name, data)
            self.assertIn("không được chấp nhận", str(caught.exception))

    def test_office_documents_recognised(self):
        report = self.checker.check("du-thao.docx", make_docx())
        self.assertEqual(
            report["mimetype"],
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        with self.assertRaises(UserError):
            self.checker.check(
                "du-thao.xlsx", make_docx()
            )  # a Word file named as a spreadsheet

    def test_size_limit(self):
        self.env["ir.config_parameter"].set_param(
            "vn_document_base.max_file_size_mb", "1"
        )
        with self.assertRaises(UserError) as caught:
            self.checker.check("big.txt", b"a" * (1024 * 1024 + 1))
        self.assertIn("MB", str(caught.exception))
        with self.assertRaises(UserError):
            self.checker.check("empty.txt", b"")

    def test_damaged_pdf_refused(self):
        with self.assertRaises(UserError) as caught:
            self.checker.check("broken.pdf", self.pdf[:400])
        self.assertIn("PDF", str(caught.exception))

    def test_stored_original_is_tamper_evident(self):
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        stored = self.env["vn.document.file"]._vn_store_checked(
            "cong-van.pdf", self.pdf, owner
        )
        self.assertEqual(stored.attachment_id.res_model, "res.partner")
        self.assertEqual(stored.attachment_id.res_id, owner.id)
        self.assertTrue(stored._vn_verify_integrity())
        with self.assertRaises(UserError):
            stored.attachment_id.write({"raw": b"%PDF-1.4 forged"})
        with self.assertRaises(UserError):
            stored.attachment_id.unlink()
        with self.assertRaises(UserError):
            stored.unlink()
        # Bypassing the ORM is detected by the stored SHA-256.
        self.env.cr.execute(
            "UPDATE ir_attachment SET db_datas = %s, store_fname = NULL WHERE id = %s",
            [b"%PDF-1.4 forged", stored.attachment_id.id],
        )
        stored.attachment_id.invalidate_recordset()
        self.assertFalse(stored._vn_verify_integrity())
        self.assertFalse(stored.integrity_ok)

    @mute_logger("odoo.addons.vn_document_base.models.vn_file_check")
    def test_failed_file_leaves_nothing(self):
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        before = self.env["ir.attachment"].search_count([])
        with self.assertRaises(UserError):
            self.env["vn.document.file"]._vn_store_checked("virus.txt", EICAR, owner)
        self.assertEqual(self.env["ir.attachment"].search_count([]), before)
        self.assertFalse(
            self.env["vn.document.file"].search([("res_id", "=", owner.id)])
        )
