# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The document reader on ND 30 wordings, OCR noise, certificates, headers and junk."""

import datetime
import random
import time

import document_reader
from document_reader import read_document

QUYET_DINH = """ỦY BAN NHÂN DÂN
THÀNH PHỐ HỒ CHÍ MINH
SỞ NỘI VỤ

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 15/QĐ-SNV

TP. Hồ Chí Minh, ngày 05 tháng 02 năm 2026

QUYẾT ĐỊNH
Về việc phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức
năm 2026

GIÁM ĐỐC SỞ NỘI VỤ

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 năm 2025;
"""

LAST_PAGE = """2
Điều 3. Chánh Văn phòng Sở chịu trách nhiệm thi hành Quyết định này./.

Nơi nhận:
- Như Điều 3;
- Lưu: VT, TCCB.

KT. GIÁM ĐỐC
PHÓ GIÁM ĐỐC

Trần Thị Bình
"""

CONG_VAN = """ỦY BAN NHÂN DÂN
QUẬN 1

Số: 123/UBND-VX
V/v triển khai công tác văn thư, lưu trữ
năm 2026
THƯỢNG KHẨN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Quận 1, ngày 5 tháng 2 năm 2026

Kính gửi: Ủy ban nhân dân phường Bến Thành.

Thực hiện chỉ đạo của Ủy ban nhân dân Thành phố ...

Nơi nhận:
- Như trên;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

Nguyễn Văn An
"""

# OCR of a scan: columns run together, accents lost or changed, "S6:" for "Số:"
OCR_TEXT = """UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM
PHUONG BEN THANH Độc lập- Tự do- Hạnh phúc
S6: O7 /QD - UBND Bến Thành, ngảy 09 thảng 03 nấm 2026
HOA TOC

QUYÉT ĐỊNH
Vê việc kiện toàn Tổ công tác chuyển đổi số

TM. UY BAN NHAN DAN
CHU TICH

Lê Văn Cường
"""


def values(reading):
    return {name: field["value"] for name, field in reading["fields"].items()}


def test_quyet_dinh_of_a_department():
    got = values(read_document([QUYET_DINH, LAST_PAGE]))
    assert got["code_number"] == "15"
    assert got["code_notation"] == "QĐ-SNV"
    assert got["issued_date"] == datetime.date(2026, 2, 5)
    assert got["place"] == "TP. Hồ Chí Minh"
    assert got["document_type"] == "Quyết định"
    assert got["subject"] == (
        "phê duyệt kế hoạch đào tạo, bồi dưỡng cán bộ, công chức năm 2026"
    )
    assert got["organ_name"] == "SỞ NỘI VỤ"
    assert got["parent_organ_name"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert got["signing_authority"] == "KT. GIÁM ĐỐC"
    assert got["signer_position"] == "Phó Giám đốc"
    assert got["signer_name"] == "Trần Thị Bình"
    assert got["page_count"] == 2
    assert "urgency" not in got


def test_cong_van_without_heading():
    reading = read_document([CONG_VAN])
    got = values(reading)
    assert (got["code_number"], got["code_notation"]) == ("123", "UBND-VX")
    assert got["document_type"] == "Công văn"
    assert got["subject"] == "triển khai công tác văn thư, lưu trữ năm 2026"
    assert got["organ_name"] == "ỦY BAN NHÂN DÂN QUẬN 1"
    assert "parent_organ_name" not in got
    assert got["issued_date"] == datetime.date(2026, 2, 5)
    assert got["urgency"] == 2
    assert got["signing_authority"] == "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH"
    assert got["signer_position"] == "Phó Chủ tịch"
    assert got["signer_name"] == "Nguyễn Văn An"
    number = reading["fields"]["code_number"]
    assert number["source"] == "text"
    assert number["evidence"] == "Số: 123/UBND-VX"
    assert number["page"] == 1


def test_ocr_noise():
    got = values(read_document([OCR_TEXT]))
    assert got["code_number"] == "07"
    assert got["code_notation"] == "QĐ-UBND"
    assert got["issued_date"] == datetime.date(2026, 3, 9)
    assert got["place"] == "Bến Thành"
    assert got["document_type"] == "Quyết định"
    assert got["organ_name"] == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH"
    assert got["urgency"] == 3
    assert got["signing_authority"] == "TM. ỦY BAN NHÂN DÂN"
    assert got["signer_position"] == "Chủ tịch"
    assert got["signer_name"] == "Lê Văn Cường"


def test_type_from_the_symbol_and_run_in_place():
    text = "SỞ Y TẾ\nSố: 45/KH-SYTThành phố Hồ Chí Minh, ngày 1 tháng 12 năm 2025\n"
    got = values(read_document([text]))
    assert got["code_notation"] == "KH-SYT"
    assert got["document_type"] == "Kế hoạch"
    assert got["place"] == "Thành phố Hồ Chí Minh"


def test_abbreviations_with_small_letters():
    for symbol, name in (("TTr-UBND", "Tờ trình"), ("QyĐ-UBND", "Quy định")):
        got = values(read_document([f"Số: 3/{symbol}\n"]))
        assert got["code_notation"] == symbol
        assert got["document_type"] == name
    got = values(read_document(["Số: 3/QYD-UBND\n"]))
    assert got["code_notation"] == "QyĐ-UBND"


def test_acting_head_and_plain_block():
    got = values(
        read_document(["x", "Nơi nhận:\n- Lưu: VT.\nQ. GIÁM ĐỐC\n\nHồ Minh Tâm"])
    )
    assert got["signing_authority"] == "Q. GIÁM ĐỐC"
    assert got["signer_position"] == "Quyền Giám đốc"
    assert got["signer_name"] == "Hồ Minh Tâm"
    got = values(read_document(["x", "CHỦ TỊCH\n\n(Đã ký)\nVõ Văn Thưởng"]))
    assert "signing_authority" not in got
    assert got["signer_position"] == "Chủ tịch"
    assert got["signer_name"] == "Võ Văn Thưởng"


def test_invalid_day_is_not_read():
    got = values(read_document(["Quận 1, ngày 31 tháng 02 năm 2026\n"]))
    assert "issued_date" not in got


def test_certificate_wins_and_disagreement():
    signatures = [
        {
            "signer_name": "Trần Thị Bích",
            "title": "Phó Giám đốc",
            "signer_kind": "individual",
            "organisation": "Sở Nội vụ",
            "is_valid": True,
        }
    ]
    reading = read_document([QUYET_DINH, LAST_PAGE], signatures)
    name = reading["fields"]["signer_name"]
    assert (name["value"], name["source"]) == ("Trần Thị Bích", "certificate")
    assert reading["disagreements"] == [
        {
            "field": "signer_name",
            "document": "Trần Thị Bình",
            "header": None,
            "certificate": "Trần Thị Bích",
        }
    ]


def test_invalid_certificate_is_ignored():
    signatures = [
        {"signer_name": "Giả Mạo", "title": "Chủ tịch", "signer_kind": "individual"},
        {
            "organisation": "Cơ quan giả",
            "signer_kind": "organisation",
            "is_valid": False,
        },
    ]
    got = values(read_document(["", LAST_PAGE], signatures))
    assert got["signer_name"] == "Trần Thị Bình"
    assert "organ_name" not in got


def test_agency_certificate_when_the_header_is_unreadable():
    signatures = [
        {
            "organisation": "Ủy ban nhân dân phường Bến Thành",
            "signer_name": "Ủy ban nhân dân phường Bến Thành",
            "signer_kind": "organisation",
            "is_valid": True,
        }
    ]
    reading = read_document(["@@ ## illegible"], signatures)
    organ = reading["fields"]["organ_name"]
    assert organ["value"] == "Ủy ban nhân dân phường Bến Thành"
    assert organ["source"] == "certificate"
    reading = read_document([QUYET_DINH], signatures)
    assert reading["fields"]["organ_name"]["value"] == "SỞ NỘI VỤ"


def test_header_disagreements():
    header = {
        "code_number": "015",
        "code_notation": "QĐ-SNV",
        "issued_date": datetime.date(2026, 2, 6),
        "organ_name": "Sở Nội vụ",
        "document_type": "Quyết định",
        "urgency": None,
    }
    reading = read_document([QUYET_DINH, LAST_PAGE], header=header)
    assert reading["disagreements"] == [
        {
            "field": "issued_date",
            "document": datetime.date(2026, 2, 5),
            "header": datetime.date(2026, 2, 6),
        }
    ]
    assert "header" not in reading["fields"]


def test_urgency_word_in_body_is_not_a_mark():
    text = "Số: 1/UBND-VP\nđề nghị khẩn trương báo cáo\nKHẨN TRƯƠNG THỰC HIỆN\n"
    assert "urgency" not in values(read_document([text]))


def test_junk_never_raises():
    rng = random.Random(16)
    alphabet = "Số:/-QĐUBNDngàytháng năm0123456789\n\t ỦẤ.,KT TM CHỦ TỊCH\x00\ufffd"
    for _i in range(300):
        pages = [
            "".join(rng.choice(alphabet) for _j in range(rng.randint(0, 400)))
            for _k in range(rng.randint(0, 3))
        ]
        reading = read_document(pages, signatures=[None, 3, {}], header=[1])
        assert reading["fields"]["page_count"]["value"] == len(pages)
    assert read_document(None)["fields"]["page_count"]["value"] == 0
    assert read_document([None, 5, b"x"])["fields"]["page_count"]["value"] == 3


def test_long_text_is_read_in_linear_time():
    line = "Số: Số: ngày ngày tháng " * 40 + "\n"
    started = time.perf_counter()
    read_document([line * 5000, "KT. " * 20000])
    # generous bound: catastrophic backtracking would take minutes
    assert time.perf_counter() - started < 20


def test_fold_keeps_length():
    text = "Ủy ban nhân dân Quận 1, ngày 05 tháng 02 năm 2026 Đ"
    folded = document_reader.fold(text)
    assert len(folded) == len(text)
    assert folded.startswith("UY BAN NHAN DAN QUAN 1, NGAY 05")


# OCR of a scan that joined the two columns of the header and of the signature
# block, with letters lost
OCR_JOINED = """IY BAN NHÂN DÂN TP. HI CHÍMINH CNG HÒA XÃ HII CHI NGHĨA VIIT NAM
SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐIc lilp - Tí do - Hinh phúc
Số: 1722/QC-SGDĐT _ TP. Hồ Chí Minh, ngày 14 tháng 02 năm 2026

QUY CHẾ
Tổ chức cải cách thủ tục hành chính

Nơi nhận: TL. GIÁM ĐIC
- Nhĩ trên; CHÁNH VĂN PHÒNG
- Llu: VT.

Bùi Xuân Tâm
"""


def test_ocr_joined_columns():
    got = values(read_document([OCR_JOINED]))
    assert got["organ_name"] == "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
    assert got["place"] == "TP. Hồ Chí Minh"
    assert got["code_notation"] == "QC-SGDĐT"
    assert got["document_type"] == "Quy chế"
    assert got["subject"] == "Tổ chức cải cách thủ tục hành chính"
    assert got["signing_authority"] == "TL. GIÁM ĐỐC"
    assert got["signer_position"] == "Chánh Văn phòng"
    assert got["signer_name"] == "Bùi Xuân Tâm"


def test_ocr_spaces_lost_or_added():
    text = (
        "ỦY BAN N HÂN DÂN\nTHÀNH PHỐ HỒ CHÍMINH\nSỞ TÀI CHÍNH\n"
        "Số: 944/CT-STC Thành phốHồ Chí Minh, ngày 24 tháng 09 năm 2025\n"
        "CHỈ THỊ\nVề việc triển khai công tác văn thư, lưu trữ\n"
        "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị\n"
    )
    got = values(read_document([text]))
    assert got["parent_organ_name"] == "ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH"
    assert got["place"] == "Thành phố Hồ Chí Minh"
    # the body's capital ends the subject even without a blank line
    assert got["subject"] == "triển khai công tác văn thư, lưu trữ"
    text = "BÁO CÁO\nKết quả thực hiện Đề án 06\nThành phố Hồ Chí Minh năm 2025\n"
    got = values(read_document([text]))
    assert got["subject"] == "Kết quả thực hiện Đề án 06 Thành phố Hồ Chí Minh năm 2025"
