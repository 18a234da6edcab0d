# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The print mark (ND 30 Phụ lục VI III.6.k): every PDF printed from the system
carries "In từ Hệ thống quản lý văn bản – <agency> – <user> – <time>" on each page,
while the signed original is served byte for byte and its signatures still validate;
only who may download the original gets a marked copy."""

import hashlib
import io

from cryptography.hazmat.primitives import serialization
from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTFigure, LTTextContainer

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.vn_document_base.tests import pki
from odoo.addons.vn_document_base.tests.common import VnRpcMixin
from odoo.addons.vn_document_base.tools import signature_validation
from odoo.addons.vn_document_base.tools.legal import vn_now

from .test_incoming import IncomingCase


def page_texts(data):
    """The text of each page, the Form XObjects' text (the mark) included."""
    texts = []
    for layout in extract_pages(io.BytesIO(data), laparams=LAParams(all_texts=True)):
        texts.append(" ".join(_texts(layout)))
    return texts


def _texts(container):
    for item in container:
        if isinstance(item, LTTextContainer):
            yield item.get_text().strip()
        elif isinstance(item, LTFigure):
            yield from _texts(item)


@tagged("post_install", "-at_install")
class TestPrintMark(HttpCase, VnRpcMixin, IncomingCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        upload = cls.upload(cls, "qd-12.pdf", cls.signed_pdf)
        cls.doc = cls.receive(cls, upload_ids=[(6, 0, upload.ids)])
        cls.file = cls.doc.main_file_id
        cls.users["clerk"].name = "Trần Thị Văn Thư"
        cls.company.name = "Ủy ban nhân dân Phường Bến Thành"
        # a staff member of another unit
        cls.env["hr.employee"].create(
            {
                "name": "Chuyên viên VHXH",
                "user_id": cls.outsider.id,
                "department_id": cls.other_unit.id,
            }
        )

    def assert_marked(self, data, user, pages):
        texts = page_texts(data)
        self.assertEqual(len(texts), pages)
        mark = self.env["ir.actions.report"].with_user(user)._vn_print_mark_text()
        day = vn_now().strftime("%d/%m/%Y")
        for text in texts:
            self.assertEqual(text.count(user.name), 1, text)
            self.assertIn(self.company.name, text)
            self.assertIn(day, text)
            self.assertIn(mark[:-5], text)  # up to the minute

    def test_print_action_marks_every_page_and_keeps_the_original(self):
        """III.6.k: the Print action gives the main PDF with the mark on each page,
        logged as printed; the original download is the stored bytes (SHA-256) and
        both signatures still validate."""
        clerk = self.users["clerk"]
        action = self.rpc(
            clerk, "vn.document.incoming", "action_print_copy", [self.doc.id]
        )
        self.assertEqual(action["url"], f"/vn_document/file/{self.file.id}/print")
        response = self.url_open(action["url"])
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], "application/pdf")
        self.assertNotEqual(response.content, self.signed_pdf)
        self.assert_marked(response.content, clerk, self.file.page_count)
        self.assertEqual(
            self.env["vn.document.access.log"].search_count(
                [
                    ("action", "=", "print"),
                    ("file_id", "=", self.file.id),
                    ("user_id", "=", clerk.id),
                ]
            ),
            1,
        )
        original = self.url_open(f"/vn_document/file/{self.file.id}").content
        self.assertEqual(hashlib.sha256(original).hexdigest(), self.file.sha256)
        self.assertEqual(original, self.signed_pdf)
        self.assertNotIn(clerk.name, " ".join(page_texts(original)))
        root = pki.build_pki()["root"]["cert"].public_bytes(serialization.Encoding.DER)
        facts = signature_validation.validate_pdf(original, [root])
        self.assertEqual(len(facts), 2)
        self.assertTrue(all(fact["bottom_line"] for fact in facts))

    def test_another_unit_gets_no_marked_copy(self):
        """SECURITY.md: a staff member of another unit cannot print a document he may
        not open, neither by the method over RPC nor by the route; nothing is
        logged for him."""
        self.doc.with_user(self.users["clerk"]).action_register()
        self.assert_refused(
            self.outsider, "vn.document.incoming", "action_print_copy", [self.doc.id]
        )
        with mute_logger("odoo.http"):
            response = self.url_open(f"/vn_document/file/{self.file.id}/print")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn(b"%PDF", response.content[:10])
        self.assertFalse(
            self.env["vn.document.access.log"].search(
                [("user_id", "=", self.outsider.id), ("action", "=", "print")]
            )
        )
        # the same route works for whom the original is given
        self.authenticate("vn_test_clerk", "vn_test_clerk")
        response = self.url_open(f"/vn_document/file/{self.file.id}/print")
        self.assertEqual(response.status_code, 200)

    def test_not_a_pdf_is_said_clearly(self):
        """III.6.k applies to PDFs: another main file is refused with a message, in
        the action before any download."""
        self.file.sudo().mimetype = "image/tiff"
        with self.assertRaises(UserError) as caught:
            self.doc.with_user(self.users["clerk"]).action_print_copy()
        self.assertIn(self.file.name, str(caught.exception))
        with self.assertRaises(AccessError):
            self.doc.with_user(self.outsider).action_print_copy()

    def test_reports_are_marked_and_stored_copies_are_not(self):
        """III.6.k for every QWeb PDF report: each printout carries its printer's
        mark; the copy kept by ``attachment_use`` is stored unmarked, so the next
        reader gets his own mark, not the first one's."""
        # wkhtmltopdf must not fetch styles from this server (see test_reports)
        self.env["ir.config_parameter"].set_param("report.url", "http://127.0.0.1:9")
        report = self.env.ref("vn_document_inbound.action_report_vn_incoming_slip")
        report.write(
            {"attachment": "'phieu-%s.pdf' % object.id", "attachment_use": True}
        )
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        admin = self.env.user
        first, kind = Report._render_qweb_pdf(report.report_name, self.doc.ids)
        self.assertEqual(kind, "pdf")
        self.assert_marked(first, admin, len(page_texts(first)))
        stored = (
            self.env["ir.attachment"]
            .search([("res_model", "=", report.model), ("res_id", "=", self.doc.id)])
            .filtered(lambda a: a.name == f"phieu-{self.doc.id}.pdf")
        )
        self.assertEqual(len(stored), 1)
        self.assertNotIn(admin.name, " ".join(page_texts(stored.raw)))
        head = self.env["res.users"].browse(self.users["agency_head"].id)
        second, _kind = Report.with_user(head)._render_qweb_pdf(
            report.report_name, self.doc.ids
        )
        self.assert_marked(second, head, len(page_texts(second)))
        self.assertNotIn(admin.name, " ".join(page_texts(second)))
