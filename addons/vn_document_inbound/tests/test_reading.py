# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import io
import subprocess
import tempfile
from unittest.mock import patch

from cryptography.hazmat.primitives import serialization
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from odoo.addons.vn_document_base.tests import pdf_fixtures, pki

from .test_incoming import IncomingCase

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"


def nd30_pdf(
    number="15",
    notation="QĐ-UBND",
    day="05",
    month="02",
    year="2026",
    heading="QUYẾT ĐỊNH",
    subject="Về việc phê duyệt kế hoạch chuyển đổi số năm 2026",
):
    """A one-page document laid out as ND 30 Phụ lục I draws it."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4, invariant=1)
    font = pdf_fixtures._font()
    width, height = A4
    page.setFont(font, 12)
    page.drawCentredString(150, height - 60, "ỦY BAN NHÂN DÂN")
    page.drawCentredString(150, height - 75, "PHƯỜNG SÀI GÒN")
    page.drawCentredString(400, height - 60, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    page.drawCentredString(400, height - 75, "Độc lập - Tự do - Hạnh phúc")
    page.drawCentredString(150, height - 100, f"Số: {number}/{notation}")
    page.drawCentredString(
        400,
        height - 100,
        f"Sài Gòn, ngày {day} tháng {month} năm {year}",
    )
    top = height - 140
    if heading:
        page.setFont(font, 14)
        page.drawCentredString(width / 2, top, heading)
        top -= 18
        page.setFont(font, 12)
        page.drawCentredString(width / 2, top, subject)
    else:  # a công văn: its subject under the number
        page.drawCentredString(150, height - 115, subject)
    page.drawString(60, top - 42, "ỦY BAN NHÂN DÂN PHƯỜNG SÀI GÒN")
    page.drawString(60, top - 62, "Căn cứ Luật Tổ chức chính quyền địa phương;")
    page.drawString(60, top - 122, "Điều 1. Phê duyệt kế hoạch chuyển đổi số.")
    page.drawCentredString(420, top - 200, "KT. CHỦ TỊCH")
    page.drawCentredString(420, top - 215, "PHÓ CHỦ TỊCH")
    page.drawCentredString(420, top - 280, "Nguyễn Văn An")
    page.showPage()
    page.save()
    return buffer.getvalue()


def scan_of(pdf, fmt="png", dpi=200):
    """The first page of ``pdf`` rendered as a scanner would give it."""
    with tempfile.TemporaryDirectory() as folder:
        with open(f"{folder}/d.pdf", "wb") as handle:
            handle.write(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), f"-{fmt}", "-singlefile", "d.pdf", "scan"],
            cwd=folder,
            check=True,
        )
        extension = "jpg" if fmt == "jpeg" else fmt
        with open(f"{folder}/scan.{extension}", "rb") as handle:
            return handle.read()


@tagged("post_install", "-at_install")
class TestOneClickRegistration(IncomingCase):
    """Issue 16: the document's own text pre-fills the incoming form; the clerk
    confirms or corrects and registers; nothing is registered by the reading."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.decision = nd30_pdf()
        cls.env["res.partner"].create(
            {"name": "Ủy ban nhân dân phường Sài Gòn", "is_company": True}
        )

    def test_upload_prefills_the_form(self):
        clerk = self.users["clerk"]
        upload = self.upload("qd-15.pdf", self.decision)
        form = Form(self.env["vn.document.incoming"].with_user(clerk))
        form.channel = "email"
        form.register_book_id = self.book
        form.upload_ids.add(upload)
        self.assertEqual(form.code_number, "15")
        self.assertEqual(form.code_notation, "QĐ-UBND")
        self.assertEqual(str(form.issued_date), "2026-02-05")
        self.assertEqual(form.document_type_id.name, "Quyết định")
        self.assertIn("kế hoạch chuyển đổi số năm 2026", form.subject)
        self.assertEqual(form.page_count, 1)
        self.assertIn("PHƯỜNG SÀI GÒN", form.organ_name.upper())
        self.assertEqual(
            form.reading_result["fields"]["code_number"]["source"], "layer"
        )
        self.assertIn("Số: 15/QĐ-UBND", str(form.reading_summary))  # the line read
        # the clerk corrects one value, then saves: nothing is registered yet
        form.code_number = "16"
        doc = form.save()
        self.assertEqual(doc.state, "received")
        self.assertFalse(doc.arrival_number)
        self.assertEqual(doc.code_number, "16")
        # the service's own reading is kept, with the clerk's correction as a
        # disagreement of the document with what was entered
        self.assertEqual(doc.reading_result["fields"]["code_number"]["value"], "15")
        self.assertEqual(doc.reading_result["compared_with"], "entered")
        self.assertIn(
            "code_number", [d["field"] for d in doc.reading_result["disagreements"]]
        )
        self.assertTrue(doc.reading_disagrees)
        doc.with_user(clerk).action_register()
        self.assertTrue(doc.arrival_number)

    def test_the_package_and_the_document_disagree(self):
        """An LGSP-like arrival: the metadata comes first (the edXML header), the
        file after; what differs is flagged, nothing read overwrites the header."""
        doc = self.receive(
            upload_ids=[],
            code_number="16",
            code_notation="QĐ-UBND",
            subject="Kế hoạch khác",
        )
        stored = (
            self.env["vn.file.intake"]
            .sudo()
            .take_in([("qd-15.pdf", self.decision)], doc)
        )
        doc._adopt_main_file(stored)
        self.assertEqual(doc.code_number, "16")
        self.assertEqual(doc.subject, "Kế hoạch khác")
        differing = {d["field"] for d in doc.reading_result["disagreements"]}
        self.assertIn("code_number", differing)
        self.assertIn("subject", differing)
        self.assertNotIn("code_notation", differing)
        self.assertTrue(doc.reading_disagrees)
        self.assertIn("15 ≠ 16", doc.message_ids[0].body)  # read ≠ entered

    def test_signed_pdf_signer_from_certificate(self):
        signed = pdf_fixtures.sign_pdf(
            self.decision,
            pdf_fixtures._pki()["signer"],
            pdf_fixtures._pki()["root"],
        )
        doc = self.receive(upload_ids=[], signer_name=False, code_number=False)
        stored = self.env["vn.file.intake"].sudo().take_in([("qd-15.pdf", signed)], doc)
        doc._adopt_main_file(stored)
        signer = doc.file_ids.signature_ids[:1]
        self.assertTrue(signer.is_valid)
        self.assertEqual(doc.signer_name, signer.signer_name)
        self.assertEqual(doc.code_number, "15")

    def test_stored_scan_is_read_once_its_ocr_is_done(self):
        """A scan that arrived without the form (e-mail, LGSP): read by the OCR job,
        then its fields filled and the reading kept."""
        doc = self.receive(upload_ids=[], code_number=False, code_notation=False)
        stored = (
            self.env["vn.file.intake"]
            .sudo()
            .take_in([("scan.png", scan_of(self.decision))], doc)
        )
        doc._adopt_main_file(stored)
        self.assertFalse(doc.reading_result)  # waiting for the OCR
        Cron = type(self.env["ir.cron"])
        with patch.object(
            Cron, "_commit_progress", lambda self, processed=0, **kw: float("inf")
        ):
            self.env["vn.file.text"]._cron_ocr()
        self.assertEqual(doc.code_number, "15")
        self.assertEqual(str(doc.issued_date), "2026-02-05")
        self.assertEqual(doc.reading_result["fields"]["code_number"]["source"], "ocr")

    def test_client_cannot_make_up_a_reading(self):
        """Attack: the reading is the service's evidence; no client writes it."""
        clerk = self.users["clerk"]
        Incoming = self.env["vn.document.incoming"].with_user(clerk)
        fake = {"fields": {"code_number": {"value": "1", "source": "certificate"}}}
        with self.assertRaises(UserError):
            Incoming.create(
                {"subject": "x", "channel": "paper", "reading_result": fake}
            )
        doc = self.receive(upload_ids=[])
        with self.assertRaises(UserError):
            doc.with_user(clerk).write({"reading_result": fake})

    def test_malware_upload_is_not_read(self):
        upload = self.upload("cv.pdf", EICAR)
        form = Form(self.env["vn.document.incoming"].with_user(self.users["clerk"]))
        form.channel = "email"
        form.upload_ids.add(upload)
        self.assertFalse(form.code_number)
        self.assertFalse(form.reading_result)

    def test_another_users_upload_is_not_read(self):
        """Attack: naming another user's upload in the form reads nothing of it."""
        upload = self.upload("qd-15.pdf", self.decision, user="department_head")
        doc = (
            self.env["vn.document.incoming"]
            .with_user(self.users["clerk"])
            .new({"channel": "email", "upload_ids": [(6, 0, upload.ids)]})
        )
        doc._onchange_upload_ids_read()
        self.assertFalse(doc.code_number)
        self.assertFalse(doc.reading_result)

    def test_only_who_receives_documents_gets_them_read(self):
        """Attack: a staff member calls the form's onchange through RPC with his own
        upload, to make the server check and OCR files for him: nothing is read."""
        upload = self.upload("qd-15.pdf", self.decision, user="staff")
        doc = (
            self.env["vn.document.incoming"]
            .with_user(self.users["staff"])
            .new({"channel": "email", "upload_ids": [(6, 0, upload.ids)]})
        )
        doc._onchange_upload_ids_read()
        self.assertFalse(doc.code_number)
        self.assertFalse(doc.reading_result)

    def test_scanned_upload_is_read_through_ocr(self):
        """A scan without a text layer: the first page is OCR'd for the form."""
        image = scan_of(self.decision)
        upload = self.upload("scan.png", image)
        form = Form(self.env["vn.document.incoming"].with_user(self.users["clerk"]))
        form.channel = "paper"
        form.upload_ids.add(upload)
        self.assertEqual(form.code_number, "15")
        self.assertEqual(str(form.issued_date), "2026-02-05")
        self.assertEqual(form.document_type_id.name, "Quyết định")
        self.assertEqual(form.reading_result["fields"]["code_number"]["source"], "ocr")
        self.assertIn("05 tháng 02 năm 2026", str(form.reading_summary))


@tagged("post_install", "-at_install")
class TestReadingTour(HttpCase):
    """Issue 16 on screen: the clerk uploads a scanned paper document and a signed
    PDF, sees the fields filled, corrects one and registers both."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        ca = pki.build_pki()
        cls.env["vn.trusted.root"].search([]).active = False
        cls.env["vn.trusted.root"].create(
            {
                "name": "Test root",
                "certificate": base64.b64encode(
                    ca["root"]["cert"].public_bytes(serialization.Encoding.PEM)
                ),
            }
        )
        cls.clerk = new_test_user(
            cls.env,
            login="reading_clerk",
            name="Văn thư Đọc",
            groups="vn_document_base.group_vn_document_clerk",
            lang="vi_VN",
            tz="Asia/Ho_Chi_Minh",
        )
        cls.env["vn.register.book"].create(
            {"name": "Sổ đến (đọc văn bản)", "kind": "incoming"}
        )
        invitation = nd30_pdf(
            number="18",
            notation="GM-UBND",
            heading="GIẤY MỜI",
            subject="Dự hội nghị sơ kết chuyển đổi số",
        )
        letter = pdf_fixtures.sign_pdf(
            nd30_pdf(
                number="245",
                notation="UBND-VP",
                day="12",
                month="03",
                heading="",
                subject="V/v tổ chức hội nghị chuyển đổi số năm 2026",
            ),
            ca["signer"],
            ca["root"],
        )
        Attachment = cls.env["ir.attachment"].with_user(cls.clerk)
        for name, data in (
            ("tour-giay-moi-scan.jpg", scan_of(invitation, fmt="jpeg")),
            ("tour-cong-van-ky-so.pdf", letter),
        ):
            Attachment.create(
                {"name": name, "raw": data, "res_model": "vn.document.incoming"}
            )

    def test_read_correct_register(self):
        url = "/odoo/action-vn_document_inbound.vn_document_incoming_action"
        self.start_tour(url, "vn_incoming_reading_tour", login="reading_clerk")
        docs = self.env["vn.document.incoming"].search(
            [("create_uid", "=", self.clerk.id)], order="id"
        )
        self.assertEqual(docs.mapped("code_number"), ["18", "245"])
        self.assertEqual(docs.mapped("state"), ["registered", "registered"])
        self.assertTrue(docs[0].subject.endswith("- đã sửa"))
        self.assertTrue(docs[1].file_ids.signature_ids.is_valid)
        self.assertEqual(
            docs[1].signer_name, docs[1].file_ids.signature_ids.signer_name
        )
