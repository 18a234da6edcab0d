#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A corpus of administrative documents in ND 30 layouts, with the truth of each field,
for benchmark_reading.py.

    .run/venv/bin/python scripts/benchmarks/generate_reading_corpus.py \
        [--out .run/reading_corpus] [--count 200] [--scans 80] [--seed 16] [--jobs 2]

Writes to ``--out`` (never into the repository):
- ``born/NNN.pdf``: born-digital PDFs (reportlab, Liberation/DejaVu fonts, margins of
  ND 30 Phụ lục I varied), signed with pyHanko by the signer then by the agency, each
  with its own TEST certificate under the project's test root (tests/pki.py);
- ``scan/NNN.jpg`` and ``scan/NNN.pdf``: the first ``--scans`` documents rendered to
  images (pdftoppm, 200-300 dpi), with noise, a slight skew and JPEG artefacts, then
  OCR'd with tools/ocr.py (a two-layer PDF; OCRmyPDF, Tesseract "vie");
- ``truth.json``: per document its files and the true value of each field;
- ``pki/root.der``: the test root that the benchmark trusts.

Deterministic for a seed (the keys and the signatures' times excepted).
"""

import argparse
import concurrent.futures
import datetime
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import textwrap

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BASE = os.path.join(ROOT, "addons", "vn_document_base")
sys.path.insert(0, os.path.join(BASE, "tools"))
sys.path.insert(0, os.path.join(BASE, "tests"))

import document_reader  # noqa: E402  (the suite's reader, pure Python)
import pki  # noqa: E402  (the project's test PKI, no Odoo)

MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * MM, 297 * MM

FONTS = {
    "LiberationSerif": "/usr/share/fonts/truetype/liberation2/LiberationSerif{}.ttf",
    "LiberationSans": "/usr/share/fonts/truetype/liberation2/LiberationSans{}.ttf",
    "DejaVuSerif": "/usr/share/fonts/truetype/dejavu/DejaVuSerif{}.ttf",
    "DejaVuSans": "/usr/share/fonts/truetype/dejavu/DejaVuSans{}.ttf",
}
STYLES = {
    "Liberation": {"R": "-Regular", "B": "-Bold", "I": "-Italic"},
    "DejaVuSerif": {"R": "", "B": "-Bold", "I": "-Italic"},
    "DejaVuSans": {"R": "", "B": "-Bold", "I": "-Oblique"},
}

# (parent lines, organ lines, abbreviation, places, head title, collective body,
#  name in certificates)
AGENCIES = (
    (
        (),
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        "UBND",
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
        "Ủy ban nhân dân Thành phố Hồ Chí Minh",
    ),
    (
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("SỞ NỘI VỤ",),
        "SNV",
        ("Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh"),
        "GIÁM ĐỐC",
        None,
        "Sở Nội vụ Thành phố Hồ Chí Minh",
    ),
    (
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("SỞ TÀI CHÍNH",),
        "STC",
        ("Thành phố Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Sở Tài chính Thành phố Hồ Chí Minh",
    ),
    (
        ("ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH",),
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO",),
        "SGDĐT",
        ("TP. Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    ),
    (
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("SỞ Y TẾ",),
        "SYT",
        ("Thành phố Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Sở Y tế Thành phố Hồ Chí Minh",
    ),
    (
        ("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"),
        ("SỞ TƯ PHÁP",),
        "STP",
        ("Thành phố Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Sở Tư pháp Thành phố Hồ Chí Minh",
    ),
    (
        (),
        ("ỦY BAN NHÂN DÂN", "QUẬN 1"),
        "UBND",
        ("Quận 1",),
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
        "Ủy ban nhân dân Quận 1",
    ),
    (
        (),
        ("ỦY BAN NHÂN DÂN", "PHƯỜNG SÀI GÒN"),
        "UBND",
        ("Sài Gòn", "Phường Sài Gòn"),
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
        "Ủy ban nhân dân phường Sài Gòn",
    ),
    (
        (),
        ("ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN ĐỊNH"),
        "UBND",
        ("Tân Định",),
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
        "Ủy ban nhân dân phường Tân Định",
    ),
    (
        (),
        ("ỦY BAN NHÂN DÂN", "XÃ BÌNH CHÁNH"),
        "UBND",
        ("Bình Chánh",),
        "CHỦ TỊCH",
        "ỦY BAN NHÂN DÂN",
        "Ủy ban nhân dân xã Bình Chánh",
    ),
    (
        ("SỞ Y TẾ",),
        ("BỆNH VIỆN NHÂN DÂN GIA ĐỊNH",),
        "BVNDGĐ",
        ("Thành phố Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Bệnh viện Nhân dân Gia Định",
    ),
    (
        ("SỞ GIÁO DỤC VÀ ĐÀO TẠO",),
        ("TRƯỜNG THPT LÊ QUÝ ĐÔN",),
        "THPTLQĐ",
        ("Thành phố Hồ Chí Minh",),
        "HIỆU TRƯỞNG",
        None,
        "Trường THPT Lê Quý Đôn",
    ),
    (
        ("SỞ NỘI VỤ",),
        ("TRUNG TÂM LƯU TRỮ LỊCH SỬ",),
        "TTLTLS",
        ("Thành phố Hồ Chí Minh",),
        "GIÁM ĐỐC",
        None,
        "Trung tâm Lưu trữ lịch sử",
    ),
)

TYPES = document_reader.TYPES  # the 29 types and their abbreviations
UNITS = ("VP", "VX", "KT", "NV", "TCKH", "QLĐT", "TH", "HCTH")
URGENCIES = (("KHẨN", 1), ("THƯỢNG KHẨN", 2), ("HỎA TỐC", 3))

FAMILY = "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý".split()
MIDDLE = "Văn Thị Minh Hữu Thanh Ngọc Quốc Thu Đức Kim Xuân Hoài".split()
GIVEN = (
    "An Bình Cường Dũng Hà Hải Hạnh Hiếu Hùng Hương Khoa Lan Linh Long Mai Nam "
    "Nga Phúc Quang Sơn Tâm Thảo Trang Trung Tuấn Vy Yến Ánh Đạt Thắng"
).split()

VERBS = (
    "triển khai",
    "tăng cường",
    "phê duyệt",
    "tổ chức",
    "hướng dẫn thực hiện",
    "rà soát",
    "báo cáo tình hình",
    "kiện toàn",
    "đẩy mạnh",
    "góp ý dự thảo",
)
OBJECTS = (
    "công tác văn thư, lưu trữ",
    "chuyển đổi số trong cơ quan nhà nước",
    "cải cách thủ tục hành chính",
    "kế hoạch đào tạo, bồi dưỡng cán bộ, công chức",
    "phòng, chống thiên tai và tìm kiếm cứu nạn",
    "quản lý trật tự xây dựng đô thị",
    "tiếp công dân và giải quyết khiếu nại, tố cáo",
    "phòng, chống dịch bệnh sốt xuất huyết",
    "thu ngân sách nhà nước",
    "chỉnh trang đô thị và vệ sinh môi trường",
    "tuyển dụng viên chức giáo dục",
    "Đề án 06 về dữ liệu dân cư",
)
SCOPES = (
    "năm 2026",
    "trên địa bàn Thành phố Hồ Chí Minh",
    "6 tháng đầu năm 2026",
    "giai đoạn 2026 - 2030",
    "trên địa bàn phường",
    "",
    "của các cơ quan, đơn vị thuộc Thành phố",
)
BODY = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
    "công tác văn thư;",
    "Thực hiện chỉ đạo của Ủy ban nhân dân Thành phố về việc nâng cao hiệu quả "
    "công tác quản lý nhà nước, các cơ quan, đơn vị khẩn trương triển khai các "
    "nội dung sau đây và báo cáo kết quả trước ngày 30 tháng 6 năm 2026.",
    "Giao Thủ trưởng các cơ quan, đơn vị chịu trách nhiệm tổ chức thực hiện, "
    "định kỳ hằng quý tổng hợp kết quả, khó khăn, vướng mắc và đề xuất giải pháp.",
    "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về "
    "Văn phòng để được hướng dẫn kịp thời.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách nhà nước theo phân cấp "
    "hiện hành và các nguồn hợp pháp khác theo quy định của pháp luật.",
)


# -- content ---------------------------------------------------------------


def person(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def signers_of(rng, agency):
    """Three people who sign for ``agency``: head, deputy, office chief."""
    return [person(rng) for _i in range(3)]


def position_case(title):
    words = title.split()
    text = " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])
    return text.replace("văn phòng", "Văn phòng")


def signature_block(rng, agency, people):
    """(block lines in capitals, signer name, position, authority)."""
    head, collective = agency[4], agency[5]
    kinds = ["plain", "KT", "KT", "TL", "Q"] + (["TM", "TMKT"] if collective else [])
    kind = rng.choice(kinds)
    if kind == "plain":
        return [head], people[0], position_case(head), None
    if kind == "KT":
        deputy = "PHÓ " + head
        return [f"KT. {head}", deputy], people[1], position_case(deputy), f"KT. {head}"
    if kind == "TL":
        return (
            [f"TL. {head}", "CHÁNH VĂN PHÒNG"],
            people[2],
            "Chánh Văn phòng",
            f"TL. {head}",
        )
    if kind == "Q":
        return [f"Q. {head}"], people[1], "Quyền " + position_case(head), f"Q. {head}"
    if kind == "TM":
        return (
            [f"TM. {collective}", head],
            people[0],
            position_case(head),
            (f"TM. {collective}"),
        )
    deputy = "PHÓ " + head
    return (
        [f"TM. {collective}", f"KT. {head}", deputy],
        people[1],
        position_case(deputy),
        f"TM. {collective} / KT. {head}",
    )


def make_document(rng, index, agency, people):
    type_name, abbr = TYPES[index % len(TYPES)] if index < 58 else rng.choice(TYPES)
    if index >= 58 and rng.random() < 0.2:
        type_name, abbr = "Công văn", ""
    number = rng.randint(1, 1800)
    number = f"{number:02d}" if number < 10 else str(number)
    if abbr:
        notation = f"{abbr}-{agency[2]}"
    else:
        notation = f"{agency[2]}-{rng.choice(UNITS)}"
    date = datetime.date(2025, 1, 1) + datetime.timedelta(days=rng.randint(0, 600))
    subject = " ".join(
        part
        for part in (rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(SCOPES))
        if part
    )
    block, signer, position, authority = signature_block(rng, agency, people)
    urgency = rng.choice(URGENCIES) if rng.random() < 0.3 else None
    return {
        "type": type_name,
        "number": number,
        "notation": notation,
        "date": date,
        "leading_zero": rng.random() < 0.7,
        "place": rng.choice(agency[3]),
        "subject": subject,
        "subject_prefix": type_name in ("Quyết định", "Nghị quyết", "Chỉ thị")
        or (type_name == "Công văn"),
        "agency": agency,
        "block": block,
        "signer": signer,
        "position": position,
        "authority": authority,
        "urgency": urgency,
        "paragraphs": rng.randint(2, 12),
        "font": rng.choice(sorted(FONTS)),
        "size": rng.choice((13, 13.5, 14)),
        "left": rng.uniform(30, 35),
        "right": rng.uniform(15, 20),
        "top": rng.uniform(20, 25),
        "seed": rng.random(),
    }


def subject_as_written(doc):
    """The trích yếu as the document writes it, without "Về việc"/"V/v"."""
    if doc["subject_prefix"]:
        return doc["subject"]
    return doc["subject"][0].upper() + doc["subject"][1:]


def truth_of(doc, pages):
    agency = doc["agency"]
    return {
        "code_number": doc["number"],
        "code_notation": doc["notation"],
        "issued_date": doc["date"].isoformat(),
        "place": doc["place"],
        "document_type": doc["type"],
        "subject": subject_as_written(doc),
        "organ_name": " ".join(agency[1]),
        "parent_organ_name": " ".join(agency[0]) or None,
        "signer_name": doc["signer"],
        "signer_position": doc["position"],
        "signing_authority": doc["authority"],
        "urgency": doc["urgency"][1] if doc["urgency"] else None,
        "page_count": pages,
    }


# -- layout (reportlab) ---------------------------------------------------------------


def register_fonts():
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for family, pattern in FONTS.items():
        styles = STYLES.get(family, STYLES["Liberation"])
        for style, suffix in styles.items():
            pdfmetrics.registerFont(TTFont(family + style, pattern.format(suffix)))


class Writer:
    """Draws lines top-down on A4 pages, with ND 30's margins and page numbers."""

    def __init__(self, doc):
        from reportlab.pdfgen import canvas

        self.doc = doc
        self.buffer = io.BytesIO()
        self.canvas = canvas.Canvas(self.buffer, pagesize=(PAGE_W, PAGE_H))
        self.left = doc["left"] * MM
        self.right = PAGE_W - doc["right"] * MM
        self.size = doc["size"]
        self.y = PAGE_H - doc["top"] * MM
        self.page = 1

    def font(self, style, size=None):
        self.canvas.setFont(self.doc["font"] + style, size or self.size)

    def width(self, text, style, size=None):
        return self.canvas.stringWidth(
            text, self.doc["font"] + style, size or self.size
        )

    def fit(self, text, style, size, width):
        """The largest size up to ``size`` at which ``text`` fits ``width``."""
        while size > 9 and self.width(text, style, size) > width:
            size -= 0.5
        return size

    def centre(self, text, x_mid, y, style="R", size=None):
        self.font(style, size)
        self.canvas.drawCentredString(x_mid, y, text)

    def need(self, height):
        if self.y - height < 25 * MM:
            self.canvas.showPage()
            self.page += 1
            self.y = PAGE_H - self.doc["top"] * MM
            self.centre(str(self.page), PAGE_W / 2, PAGE_H - 12 * MM, size=13)

    def paragraph(self, text, style="R", indent=10 * MM):
        from reportlab.lib.utils import simpleSplit

        lead = self.size * 1.35
        lines = simpleSplit(
            text, self.doc["font"] + style, self.size, self.right - self.left - indent
        )
        for number, line in enumerate(lines):
            self.need(lead)
            self.font(style)
            self.canvas.drawString(
                self.left + (indent if number == 0 else 0), self.y, line
            )
            self.y -= lead
        self.y -= 3

    def save(self):
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue(), self.page


def wrap(text, width):
    return textwrap.wrap(text, width) or [text]


def draw_header(writer, doc):
    """ND 30's header: agency (left), motto and date (right), number, trích
    yếu of a công văn and the urgency mark under the agency."""
    agency, lead = doc["agency"], 16
    split = writer.left + 72 * MM
    left_mid, left_w = (writer.left + split) / 2, split - writer.left - 4 * MM
    right_mid, right_w = (split + writer.right) / 2, writer.right - split - 2 * MM
    y = writer.y
    for lines, style in ((agency[0], "R"), (agency[1], "B")):
        for line in lines:
            writer.centre(
                line, left_mid, y, style, writer.fit(line, style, 12.5, left_w)
            )
            y -= lead
    writer.canvas.line(
        left_mid - 12 * MM, y + lead - 4, left_mid + 12 * MM, y + lead - 4
    )
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    writer.centre(
        motto, right_mid, writer.y, "B", writer.fit(motto, "B", 12.5, right_w)
    )
    motto = "Độc lập - Tự do - Hạnh phúc"
    size = writer.fit(motto, "B", 13, right_w)
    writer.centre(motto, right_mid, writer.y - lead, "B", size)
    half = writer.width(motto, "B", size) / 2
    writer.canvas.line(
        right_mid - half, writer.y - lead - 4, right_mid + half, writer.y - lead - 4
    )
    y = min(y, writer.y - 2 * lead) - 8
    number = f"Số: {doc['number']}/{doc['notation']}"
    writer.centre(number, left_mid, y, "R", writer.fit(number, "R", 13, left_w))
    date = date_line(doc)
    size = max(11, writer.fit(date, "I", 13, right_w + 10 * MM))
    writer.font("I", size)
    writer.canvas.drawRightString(writer.right, y, date)
    y -= lead
    if doc["type"] == "Công văn":
        for line in wrap("V/v " + doc["subject"], 34):
            writer.centre(line, left_mid, y, "R", writer.fit(line, "R", 12, left_w))
            y -= 14
    if doc["urgency"]:
        y -= 6
        mark = doc["urgency"][0]
        width = writer.width(mark, "B", 13) + 12
        writer.canvas.rect(left_mid - width / 2, y - 4, width, 18)
        writer.centre(mark, left_mid, y, "B", 13)
        y -= 22
    writer.y = y - 16


def date_line(doc):
    date = doc["date"]
    if doc["leading_zero"]:
        day, month = f"{date.day:02d}", f"{date.month:02d}"
    else:
        day, month = str(date.day), str(date.month)
    return f"{doc['place']}, ngày {day} tháng {month} năm {date.year}"


def draw_title(writer, doc):
    if doc["type"] == "Công văn":
        writer.centre(
            "Kính gửi: " + doc.get("recipient", "Các cơ quan, đơn vị có liên quan."),
            PAGE_W / 2 + 10 * MM,
            writer.y,
        )
        writer.y -= 26
        return
    mid = (writer.left + writer.right) / 2
    writer.centre(doc["type"].upper(), mid, writer.y, "B", 14)
    writer.y -= 18
    subject = ("Về việc " if doc["subject_prefix"] else "") + doc["subject"]
    subject = subject[0].upper() + subject[1:]
    from reportlab.lib.utils import simpleSplit

    font = writer.doc["font"] + "B"
    for line in simpleSplit(subject, font, 14, writer.right - writer.left - 25 * MM):
        writer.centre(line, mid, writer.y, "B", 14)
        writer.y -= 17
    writer.canvas.line(mid - 20 * MM, writer.y + 10, mid + 20 * MM, writer.y + 10)
    writer.y -= 14


def draw_body(writer, doc, rng):
    for _i in range(doc["paragraphs"]):
        writer.paragraph(rng.choice(BODY))


def draw_signature(writer, doc, rng):
    block = doc["block"]
    writer.need(48 * MM)
    y = writer.y - 8
    mid = writer.right - 40 * MM
    writer.font("B", 12)
    writer.canvas.drawString(writer.left, y, "Nơi nhận:")
    writer.font("R", 11)
    for number, line in enumerate(("- Như trên;", "- Lưu: VT.")):
        writer.canvas.drawString(writer.left, y - 14 * (number + 1), line)
    for line in block:
        writer.centre(line, mid, y, "B", 13)
        y -= 16
    sig = writer.canvas
    sig.setStrokeColorRGB(0.1, 0.2, 0.8)
    path = sig.beginPath()
    path.moveTo(mid - 20 * MM, y - 12 * MM)
    for _i in range(3):
        path.curveTo(
            mid - rng.uniform(10, 20) * MM,
            y - rng.uniform(2, 8) * MM,
            mid + rng.uniform(-5, 10) * MM,
            y - rng.uniform(14, 20) * MM,
            mid + rng.uniform(5, 20) * MM,
            y - rng.uniform(5, 12) * MM,
        )
    sig.drawPath(path)
    sig.setStrokeColorRGB(0.85, 0.1, 0.1)
    sig.circle(mid - 18 * MM, y - 10 * MM, 14 * MM)
    sig.circle(mid - 18 * MM, y - 10 * MM, 11 * MM)
    sig.setStrokeColorRGB(0, 0, 0)
    y -= 28 * MM
    writer.centre(doc["signer"], mid, y, "B", 13)


def render(doc):
    """The PDF bytes and page count of ``doc``."""
    import random as random_module

    rng = random_module.Random(doc["seed"])
    writer = Writer(doc)
    draw_header(writer, doc)
    draw_title(writer, doc)
    draw_body(writer, doc, rng)
    draw_signature(writer, doc, rng)
    return writer.save()


# -- signing ---------------------------------------------------------------


def make_certificate(root, common_name, organisation, title, not_before):
    """A TEST end-entity certificate under ``root`` naming ``common_name`` of
    ``organisation`` (an agency's: common name equal to the organisation)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    attrs = [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
    ]
    if title:
        attrs.append(x509.NameAttribute(NameOID.TITLE, title))
    attrs.append(x509.NameAttribute(NameOID.COMMON_NAME, common_name))
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name(attrs))
        .issuer_name(root["cert"].subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + datetime.timedelta(days=3 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(True, True, False, False, False, False, False, False, False),
            critical=True,
        )
        .add_extension(  # as the test PKI's: validators then consult its CRL
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(pki.CRL_URL)],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
        .sign(root["key"], hashes.SHA256())
    )
    return {"key": key, "cert": cert}


def sign(data, entries, root):
    """``data`` signed (invisible PAdES signatures) by each of ``entries``."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    for number, entry in enumerate(entries, 1):
        meta = signers.PdfSignatureMetadata(
            field_name=f"Sig{number}",
            md_algorithm="sha256",
            subfilter=fields.SigSeedSubFilter.PADES,
        )
        writer = IncrementalPdfFileWriter(io.BytesIO(data))
        data = signers.sign_pdf(
            writer, meta, signer=pki.pyhanko_signer(entry, root)
        ).getvalue()
    return data


class Certificates:
    """One TEST certificate per signer and per agency, made when first used."""

    def __init__(self, folder):
        self.root = self.load_or_make_root(folder)
        self.start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(
            days=1
        )
        self.made = {}

    @staticmethod
    def load_or_make_root(folder):
        """The corpus's test root, kept in ``folder`` so that a resumed run signs
        under the same root as the files it keeps."""
        from cryptography.hazmat.primitives import serialization

        if os.path.exists(os.path.join(folder, "root.key.pem")):
            return load_root(folder)
        root = pki.build_pki()["root"]
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "root.pem"), "wb") as handle:
            handle.write(root["cert"].public_bytes(serialization.Encoding.PEM))
        with open(os.path.join(folder, "root.key.pem"), "wb") as handle:
            handle.write(
                root["key"].private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
        return root

    def get(self, common_name, organisation, title=None):
        key = (common_name, organisation, title)
        if key not in self.made:
            self.made[key] = make_certificate(
                self.root, common_name, organisation, title, self.start
            )
        return self.made[key]


# -- scans ---------------------------------------------------------------


def scan_image(pdf, rng, folder):
    """A JPEG 'scan' of the PDF's pages stacked, and its dpi: rendered at
    200-300 dpi, skewed, with noise and JPEG artefacts."""
    from PIL import Image, ImageFilter

    dpi = rng.choice((200, 240, 300))
    path = os.path.join(folder, "in.pdf")
    with open(path, "wb") as handle:
        handle.write(pdf)
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", path, os.path.join(folder, "p")],
        check=True,
    )
    images = []
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".png"):
            continue
        image = Image.open(os.path.join(folder, name)).convert("RGB")
        image = image.rotate(
            rng.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=(255, 255, 255)
        )
        noise = Image.effect_noise(image.size, rng.uniform(8, 20)).convert("RGB")
        image = Image.blend(image, noise, 0.08)
        if rng.random() < 0.5:
            image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
        out = io.BytesIO()
        image.save(out, "JPEG", quality=rng.randint(55, 85), dpi=(dpi, dpi))
        images.append(out.getvalue())
    return images, dpi


def make_scan(pdf, seed):
    """(the first page's JPEG, the OCR'd two-layer PDF of all pages, dpi)."""
    import img2pdf
    import ocr

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="vn_scan_") as folder:
        images, dpi = scan_image(pdf, rng, folder)
    scanned = img2pdf.convert(
        images, layout_fun=img2pdf.get_fixed_dpi_layout_fun((dpi, dpi))
    )
    return images, ocr.ocr_pdf(scanned, pdfa=False, jobs=1), scanned, dpi


# -- main ---------------------------------------------------------------


def generate(out, count, scans, seed, jobs):
    register_fonts()
    rng = random.Random(seed)
    certificates = Certificates(os.path.join(out, "pki"))
    people = {agency[2] + agency[6]: signers_of(rng, agency) for agency in AGENCIES}
    os.makedirs(os.path.join(out, "born"), exist_ok=True)
    os.makedirs(os.path.join(out, "scan"), exist_ok=True)
    os.makedirs(os.path.join(out, "pki"), exist_ok=True)
    from cryptography.hazmat.primitives import serialization

    with open(os.path.join(out, "pki", "root.der"), "wb") as handle:
        handle.write(certificates.root["cert"].public_bytes(serialization.Encoding.DER))
    records, unsigned = [], {}
    for index in range(count):
        agency = AGENCIES[index % len(AGENCIES)]
        signers = people[agency[2] + agency[6]]
        doc = make_document(rng, index, agency, signers)
        pdf, pages = render(doc)
        name = f"{index:03d}"
        path = os.path.join(out, "born", name + ".pdf")
        if not os.path.exists(path):  # a run that was stopped is resumed
            signer = certificates.get(doc["signer"], agency[6], doc["position"])
            seal = certificates.get(agency[6], agency[6])
            with open(path, "wb") as handle:
                handle.write(sign(pdf, [signer, seal], certificates.root))
        record = {
            "id": name,
            "born": f"born/{name}.pdf",
            "font": doc["font"],
            "truth": truth_of(doc, pages),
        }
        if index < scans:
            unsigned[name] = (pdf, doc["seed"])
        records.append(record)
        print(f"born {name} {doc['type']} {pages}p", flush=True)
    by_id = {record["id"]: record for record in records}
    write_truth(out, seed, records)
    todo = {}
    for name, (pdf, doc_seed) in unsigned.items():
        if os.path.exists(os.path.join(out, "scan", name + ".pdf")):
            by_id[name]["scan"] = f"scan/{name}.pdf"
        else:
            todo[name] = (pdf, doc_seed)
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = {
            pool.submit(make_scan, pdf, doc_seed): name
            for name, (pdf, doc_seed) in todo.items()
        }
        for future in concurrent.futures.as_completed(futures):
            name = futures[future]
            images, ocred, scanned, dpi = future.result()
            for suffix, data in (
                (".jpg", images[0]),
                ("_image.pdf", scanned),
                (".pdf", ocred),  # last: its presence marks the scan done
            ):
                with open(os.path.join(out, "scan", name + suffix), "wb") as handle:
                    handle.write(data)
            by_id[name]["scan"] = f"scan/{name}.pdf"
            write_truth(out, seed, records)
            print(f"scan {name} {dpi} dpi", flush=True)
    write_truth(out, seed, records)


def write_truth(out, seed, records):
    """truth.json: every document, its files and its fields' truth; written
    after each scan so that a stopped run leaves a usable corpus."""
    path = os.path.join(out, "truth.json")
    with open(path + ".tmp", "w", encoding="utf-8") as handle:
        json.dump(
            {"seed": seed, "documents": records}, handle, ensure_ascii=False, indent=1
        )
    os.replace(path + ".tmp", path)


# The demo's documents (addons/vn_document_inbound/demo/reading/): their truth is
# printed and given in scripts/benchmarks/README.md
SO_NOI_VU = AGENCIES[1]
UBND_TP = AGENCIES[0]
PHUONG_SAI_GON = AGENCIES[7]
DEMO = {
    "cong_van_signed.pdf": dict(
        agency=SO_NOI_VU,
        type="Công văn",
        number="125",
        notation="SNV-VP",
        date=datetime.date(2026, 2, 5),
        place="Thành phố Hồ Chí Minh",
        subject="triển khai công tác văn thư, lưu trữ năm 2026",
        subject_prefix=True,
        urgency=("KHẨN", 1),
        block=["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        signer="Trần Văn Hòa",
        position="Phó Giám đốc",
        authority="KT. GIÁM ĐỐC",
        recipient="Ủy ban nhân dân phường Bến Thành.",
        font="LiberationSerif",
    ),
    "quyet_dinh_scan.pdf": dict(
        agency=UBND_TP,
        type="Quyết định",
        number="215",
        notation="QĐ-UBND",
        date=datetime.date(2026, 2, 10),
        place="Thành phố Hồ Chí Minh",
        subject="kiện toàn Tổ công tác chuyển đổi số phường Bến Thành",
        subject_prefix=True,
        urgency=None,
        block=["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer="Lê Thị Thu Hà",
        position="Phó Chủ tịch",
        authority="TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH",
        font="LiberationSerif",
    ),
    "giay_moi_scan.jpg": dict(
        agency=PHUONG_SAI_GON,
        type="Giấy mời",
        number="18",
        notation="GM-UBND",
        date=datetime.date(2026, 2, 12),
        place="Sài Gòn",
        subject="Dự hội nghị triển khai công tác văn thư, lưu trữ năm 2026",
        subject_prefix=False,
        urgency=("HỎA TỐC", 3),
        block=["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"],
        signer="Phạm Minh Tuấn",
        position="Phó Chủ tịch",
        authority="KT. CHỦ TỊCH",
        font="LiberationSans",
    ),
}


def demo_doc(values):
    doc = dict(
        leading_zero=True,
        paragraphs=3,
        size=13,
        left=30,
        right=18,
        top=20,
        seed=16,
    )
    doc.update(values)
    doc["subject"] = values["subject"][0].lower() + values["subject"][1:]
    if not values["subject_prefix"]:
        doc["subject"] = values["subject"]
    return doc


def load_root(pki_dir):
    """The test root of ``pki_dir`` (scripts/setup/make_test_ca.py), with its key."""
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    with open(os.path.join(pki_dir, "root.pem"), "rb") as handle:
        cert = x509.load_pem_x509_certificate(handle.read())
    with open(os.path.join(pki_dir, "root.key.pem"), "rb") as handle:
        key = serialization.load_pem_private_key(handle.read(), None)
    return {"key": key, "cert": cert}


def demo_scan(pdf, dpi=200):
    """A clean colour scan of the PDF's first page: JPEG bytes at ``dpi``."""
    from PIL import Image

    with tempfile.TemporaryDirectory(prefix="vn_demo_") as folder:
        path = os.path.join(folder, "in.pdf")
        with open(path, "wb") as handle:
            handle.write(pdf)
        subprocess.run(
            ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", path, path],
            check=True,
        )
        image = Image.open(path + ".png").convert("RGB")
    image = image.rotate(0.4, resample=Image.BICUBIC, fillcolor=(250, 248, 240))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=45, dpi=(dpi, dpi), optimize=True)
    return out.getvalue()


def make_demo(out, pki_dir):
    """The three demo documents, signed under the test root of ``pki_dir``."""
    import img2pdf

    register_fonts()
    root = load_root(pki_dir)
    start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=1)
    os.makedirs(out, exist_ok=True)
    for name, values in DEMO.items():
        doc = demo_doc(values)
        pdf, pages = render(doc)
        if name.endswith("_signed.pdf"):
            agency = doc["agency"][6]
            person = make_certificate(
                root, doc["signer"], agency, doc["position"], start
            )
            seal = make_certificate(root, agency, agency, None, start)
            data = sign(pdf, [person, seal], root)
        else:
            data = demo_scan(pdf)
            if name.endswith(".pdf"):
                layout = img2pdf.get_fixed_dpi_layout_fun((200, 200))
                data = img2pdf.convert(data, layout_fun=layout)
        with open(os.path.join(out, name), "wb") as handle:
            handle.write(data)
        truth = truth_of(doc, pages)
        print(name, len(data), "bytes", json.dumps(truth, ensure_ascii=False))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(ROOT, ".run", "reading_corpus"))
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--scans", type=int, default=80)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--demo",
        metavar="DIR",
        help="write the three demo documents to DIR instead, signed under the "
        "test root of --pki (the demo's trusted root)",
    )
    parser.add_argument("--pki", default=os.path.join(ROOT, ".run", "pki"))
    args = parser.parse_args()
    if args.demo:
        make_demo(args.demo, args.pki)
        return
    out = os.path.abspath(args.out)
    if out == ROOT or out.startswith(os.path.join(ROOT, "addons")):
        parser.error("write the corpus outside the repository's sources")
    generate(out, args.count, args.scans, args.seed, args.jobs)


if __name__ == "__main__":
    main()
