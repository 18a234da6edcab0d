# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib
import io
import posixpath
import re
import zipfile

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..tools import sip_hoso
from .common import CaseFileCase, vi

METS = "http://www.loc.gov/METS/"
XLINK = "http://www.w3.org/1999/xlink"


def package_files(data):
    """{path: bytes} of a zip package."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def mets_checksums(files):
    """[(path, checksum)] of every file listed in every METS.xml of the package, the
    path resolved against the METS's folder."""
    listed = []
    for name, data in files.items():
        if posixpath.basename(name) != "METS.xml":
            continue
        base = posixpath.dirname(name)
        root = etree.fromstring(data)
        for node in root.iter(f"{{{METS}}}file"):
            location = node.find(f"{{{METS}}}FLocat")
            href = location.get(f"{{{XLINK}}}href")
            listed.append(
                (posixpath.normpath(posixpath.join(base, href)), node.get("CHECKSUM"))
            )
    return listed


@tagged("post_install", "-at_install")
class TestHandover(CaseFileCase):
    def _batch(self, files, user=None):
        return (
            self.env["vn.case.file.handover"]
            .with_user(user or self.staff)
            .create(
                {
                    "name": f"Hồ sơ Phòng Kinh tế năm {self.year}",
                    "case_file_ids": [(6, 0, files.ids)],
                }
            )
        )

    def test_submit_builds_valid_packages(self):
        """R-CF2, III.5.a, TT 05/2025: submitting a batch of closed files builds one
        SIP_hoso package per file that the validator accepts and whose files match
        the SHA-256 of its METS; the files are frozen while the archive checks."""
        case = self._closed_file()
        other = self._closed_file(retention=self.ten_years)
        batch = self._batch(case | other)
        batch.action_submit()
        self.assertEqual(batch.state, "submitted")
        self.assertEqual(batch.submitted_by_id, self.staff)
        self.assertEqual((batch.file_count, batch.computer_file_count), (2, 4))
        self.assertEqual(len(batch.package_ids), 2)
        self.assertEqual(batch.package_ids.case_file_id, case | other)
        self.assertEqual((case | other).mapped("handover_id"), batch)
        package = batch.package_ids.filtered(lambda p: p.case_file_id == case)
        data = package.sudo()._vn_data()
        self.assertEqual(sip_hoso.validate_sip(data), [])
        self.assertEqual(hashlib.sha256(data).hexdigest(), package.sha256)
        files = package_files(data)
        listed = mets_checksums(files)
        pdfs = [path for path, _sum in listed if path.endswith(".pdf")]
        self.assertEqual(len(pdfs), 2)
        for path, checksum in listed:
            self.assertIn(path, files)
            self.assertEqual(
                hashlib.sha256(files[path]).hexdigest().upper(), checksum.upper(), path
            )
        # The originals are in the package, byte for byte.
        originals = {
            line.original_file_id.attachment_id.sudo().raw for line in case.line_ids
        }
        self.assertEqual({files[p] for p in pdfs}, originals)
        # Each document's processing trail is in the package (process = 1).
        trails = [p for p in files if p.endswith(".process.xml")]
        self.assertEqual(len(trails), 2)
        for name, content in files.items():
            if "EAD_DOC_" in name:
                self.assertIn(b"<process>1</process>", content, name)
        incoming_line = case.line_ids.filtered(
            lambda line: line.res_model == "vn.document.incoming"
        )
        trail = next(
            files[p]
            for p in trails
            if p.endswith(f".{incoming_line.ordinal}.process.xml")
        )
        root = etree.fromstring(trail)
        actions = [step.get("action") for step in root.findall("step")]
        self.assertTrue(actions and all(actions))
        # Frozen while in the handover: not reopened, not changed.
        with self.assertRaises(UserError):
            case.with_user(self.admin).vn_reopen("Bổ sung")
        with self.assertRaises(UserError):
            batch.write({"name": "Đổi tên"})
        with self.assertRaises(UserError):
            batch.action_submit()
        self.assertIn(
            vi(
                self.env,
                "Handed over to the agency archive: %(batch)s",
                batch=batch.name,
            ),
            case.sudo().trail_ids.mapped("action"),
        )

    def test_open_file_not_handed_over(self):
        """R-CF2, ND 30 Điều 30: an open file is not handed over; nothing is built."""
        case = self._new_file(retention_id=self.permanent.id)
        case.vn_attach([self._paper("Tờ trình", self.today)])
        batch = self._batch(case)
        message = vi(
            self.env,
            "The file %(file)s is not closed: close it before handing it over.",
            file=case.display_name,
        )
        with self.assertRaisesRegex(UserError, re.escape(message)):
            batch.action_submit()
        self.assertEqual(batch.state, "draft")
        self.assertFalse(batch.package_ids)
        self.assertFalse(case.handover_id)

    def test_short_retention_not_handed_over(self):
        """R-CF2, ND 30 Điều 31.3.c: a file kept less than 5 years stays with the
        unit."""
        case = self._closed_file(retention=self.short)
        batch = self._batch(case)
        message = vi(
            self.env,
            "The file %(file)s is kept less than 5 years: it stays with the unit "
            "(ND 30 Điều 31).",
            file=case.display_name,
        )
        with self.assertRaisesRegex(UserError, re.escape(message)):
            batch.action_submit()
        self.assertEqual(batch.state, "draft")
        self.assertFalse(self.env["vn.case.file.package"].sudo().search_count([]))
        self.assertFalse(case.handover_id)

    def test_only_the_archivist_receives(self):
        """R-CF2: the agency archive receives the batch; the files become handed
        over; nobody else receives."""
        case = self._closed_file()
        batch = self._batch(case)
        batch.action_submit()
        for user in (self.staff, self.head, self.agency_head, self.clerk, self.admin):
            with self.assertRaises(AccessError, msg=user.login):
                batch.with_user(user).action_receive()
        self.assertEqual((batch.state, case.state), ("submitted", "closed"))
        batch.with_user(self.archivist).action_receive()
        self.assertEqual(batch.state, "received")
        self.assertEqual(batch.received_by_id, self.archivist)
        self.assertEqual(case.state, "handed_over")
        self.assertIn(
            vi(self.env, "Received by the agency archive"),
            case.sudo().trail_ids.mapped("action"),
        )
        with self.assertRaises(UserError):
            case.with_user(self.admin).vn_reopen("Bổ sung")
        with self.assertRaises(UserError):
            case.write({"subject": "Đổi"})
        with self.assertRaises(UserError):
            batch.with_user(self.archivist).action_receive()
        # The archive sees the file and its package.
        self.assertEqual(
            self.env["vn.case.file"].with_user(self.archivist).search([]), case
        )
        self.assertEqual(batch.with_user(self.archivist).package_ids, batch.package_ids)

    def test_tampered_package_is_detected(self):
        """R-CF2, TT 05/2025: a package changed after it was built is refused at
        reception (SHA-256); nothing is received."""
        case = self._closed_file()
        batch = self._batch(case)
        batch.action_submit()
        attachment = batch.package_ids.sudo().attachment_id
        files = package_files(attachment.raw)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            for name, content in files.items():
                if name.endswith(".pdf"):
                    content = content.replace(b"%%EOF", b"%%EOF\n% sua")
                archive.writestr(name, content)
        attachment.raw = buffer.getvalue()
        with self.assertRaisesRegex(UserError, "SHA-256"):
            batch.with_user(self.archivist).action_receive()
        self.assertEqual((batch.state, case.state), ("submitted", "closed"))
        # Even with its recorded checksum updated, the package's own checks fail.
        batch.package_ids.sudo().sha256 = hashlib.sha256(attachment.raw).hexdigest()
        with self.assertRaises(UserError):
            batch.with_user(self.archivist).action_receive()
        self.assertEqual((batch.state, case.state), ("submitted", "closed"))

    def test_refuse_releases_the_files(self):
        """R-CF2: the archive refuses with a reason; the files are released, still
        closed, and may be submitted again."""
        case = self._closed_file()
        batch = self._batch(case)
        batch.action_submit()
        with self.assertRaises(AccessError):
            batch.with_user(self.staff).vn_refuse("Sai")
        with self.assertRaises(UserError):
            batch.with_user(self.archivist).vn_refuse(" ")
        self.assertEqual(batch.state, "submitted")
        self.env["vn.case.file.handover.refuse.wizard"].with_user(
            self.archivist
        ).create(
            {"handover_id": batch.id, "reason": "Thiếu biên bản giao nhận"}
        ).action_confirm()
        self.assertEqual(batch.state, "refused")
        self.assertEqual(batch.refuse_reason, "Thiếu biên bản giao nhận")
        self.assertEqual((case.state, case.handover_id.id), ("closed", False))
        self.assertFalse(self.env["vn.case.file"].with_user(self.archivist).search([]))
        # The documents administrator may reopen it now; or it goes again.
        batch.action_submit()
        self.assertEqual(batch.state, "submitted")
        self.assertEqual(len(batch.package_ids), 1)
        batch.with_user(self.archivist).action_receive()
        self.assertEqual(case.state, "handed_over")

    def test_only_creator_or_unit_head_hands_over(self):
        """R-CF2, III.3.b: a file is handed over by its creator, the head of its unit
        or the document administrator, not by another staff member."""
        case = self._closed_file()
        with self.assertRaises(AccessError):
            self._batch(case, user=self.colleague).action_submit()
        self.assertFalse(case.handover_id)
        batch = self._batch(case, user=self.head)
        batch.action_submit()
        self.assertEqual(case.handover_id, batch)

    def test_paper_documents_handed_over(self):
        """R-CF2, TT 05/2025: a file of documents that came on paper (scans:
        confidenceLevel 02) should be handed over too.

        TT 05/2025 requires paperFileCode when the file's confidenceLevel is 02:
        without the paper file's code the handover is refused cleanly; with it, the
        package carries it and is accepted."""
        paper_doc = self._incoming("Công văn giấy", self.today, channel="paper")
        case = self._closed_file(documents=[paper_doc])
        self.assertEqual(case.confidence_level, "02")
        batch = self._batch(case)
        with self.assertRaises(UserError):
            batch.action_submit()
        self.assertEqual((batch.state, case.handover_id.id), ("draft", False))
        self.assertFalse(batch.package_ids)
        case.with_user(case.creator_id).paper_file_code = "H29.01.2026.05"
        batch.action_submit()
        self.assertEqual(batch.state, "submitted")
        files = package_files(batch.package_ids.sudo().attachment_id.raw)
        ead = next(data for name, data in files.items() if name.endswith("/EAD.xml"))
        self.assertIn(b"H29.01.2026.05", ead)
