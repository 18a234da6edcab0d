# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-CF1, Phụ lục VI Part V output 5/6: the Excel catalogues of ND 30 Phụ lục V."""

import datetime
import io

import pytest
from catalogue_xlsx import (
    document_catalogue_workbook,
    file_catalogue_workbook,
    page_ranges,
    period_vn,
)

openpyxl = pytest.importorskip("openpyxl")

D1 = datetime.date(2026, 3, 5)
D2 = datetime.date(2026, 11, 20)


def _sheet(data):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def _find(sheet, value):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == value:
                return cell
    raise AssertionError(f"{value!r} not in the sheet")


def test_page_ranges_run_through_the_file():
    """Tờ số/Trang số: the pages of each document numbered on through the file."""
    assert page_ranges([2, 1, 3]) == ["1-2", "3", "4-6"]
    assert page_ranges([0, 2, None, 1]) == ["", "1-2", "", "3"]
    assert page_ranges([]) == []


def test_period():
    assert period_vn(D1, D2) == "05/03/2026 - 20/11/2026"
    assert period_vn(D1, D1) == "05/03/2026"
    assert period_vn(None, None) == ""


def test_document_catalogue():
    """Mục lục văn bản, tài liệu: header, the seven columns, dates as dates."""
    rows = [
        {
            "ordinal": 1,
            "number": "12/QĐ-UBND",
            "date": D1,
            "subject": "Quyết định về việc thành lập tổ công tác",
            "author": "Ủy ban nhân dân phường Bến Thành",
            "pages": "1-2",
            "note": "",
        },
        {
            "ordinal": 2,
            "number": "",
            "date": D2,
            "subject": "Báo cáo kết quả",
            "author": "Phòng Kinh tế",
            "pages": "3",
            "note": None,
        },
    ]
    data = document_catalogue_workbook(
        {
            "agency": "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH",
            "notation": "01.TCCB",
            "year": 2026,
            "title": "Hồ sơ tổ công tác",
        },
        rows,
    )
    sheet = _sheet(data)
    assert sheet["A1"].value == "ỦY BAN NHÂN DÂN PHƯỜNG BẾN THÀNH"
    assert sheet["A2"].value == "MỤC LỤC VĂN BẢN, TÀI LIỆU"
    assert "Số, ký hiệu hồ sơ: 01.TCCB" in sheet["A3"].value
    assert "Năm: 2026" in sheet["A3"].value
    head = _find(sheet, "STT")
    titles = [sheet.cell(head.row, c).value for c in range(1, 8)]
    assert titles == [
        "STT",
        "Số, ký hiệu văn bản",
        "Ngày tháng năm văn bản",
        "Tên loại và trích yếu nội dung văn bản",
        "Tác giả văn bản",
        "Tờ số/Trang số",
        "Ghi chú",
    ]
    assert sheet.cell(head.row + 1, 6).value == "(6)"
    first = head.row + 2
    assert sheet.cell(first, 1).value == 1
    assert sheet.cell(first, 2).value == "12/QĐ-UBND"
    assert sheet.cell(first, 3).value.date() == D1
    assert sheet.cell(first, 3).number_format == "dd/mm/yyyy"
    assert sheet.cell(first, 6).value == "1-2"
    assert sheet.cell(first + 1, 6).value == "3"
    assert sheet.max_row == first + 1
    assert sheet.freeze_panes == f"A{first}"
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == 9
    assert sheet.column_dimensions["D"].width > sheet.column_dimensions["A"].width


def test_file_catalogue_for_a_handover():
    """Mục lục hồ sơ, tài liệu nộp lưu: header with the total, the seven columns."""
    rows = [
        {
            "ordinal": i,
            "notation": f"0{i}.TCCB",
            "title": f"Hồ sơ số {i}",
            "period": period_vn(D1, D2),
            "retention": "Vĩnh viễn",
            "pages": 12,
            "note": "",
        }
        for i in (1, 2, 3)
    ]
    data = file_catalogue_workbook(
        {
            "agency": "SỞ NỘI VỤ",
            "title": "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU",
            "unit": "Phòng Tổ chức",
            "block": "Hồ sơ Phòng Tổ chức năm 2026",
            "total_words": "ba",
        },
        rows,
    )
    sheet = _sheet(data)
    assert sheet["A2"].value == "MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU"
    _find(sheet, "Đơn vị nộp lưu: Phòng Tổ chức")
    _find(sheet, "Tổng số hồ sơ: 3 (bằng chữ: ba)")
    head = _find(sheet, "Số TT")
    assert [sheet.cell(head.row, c).value for c in range(1, 8)] == [
        "Số TT",
        "Số, ký hiệu hồ sơ",
        "Tiêu đề hồ sơ",
        "Thời gian tài liệu",
        "Thời hạn bảo quản",
        "Số tờ/Số trang",
        "Ghi chú",
    ]
    last = head.row + 1 + len(rows)
    assert sheet.cell(last, 2).value == "03.TCCB"
    assert sheet.cell(last, 4).value == "05/03/2026 - 20/11/2026"
    _find(sheet, "Mục lục này có 3 hồ sơ.")
    assert sheet.freeze_panes == f"A{head.row + 2}"


def test_file_catalogue_default_title_and_empty():
    sheet = _sheet(file_catalogue_workbook({"agency": "SỞ NỘI VỤ"}, []))
    assert sheet["A2"].value == "MỤC LỤC HỒ SƠ"
    _find(sheet, "Tổng số hồ sơ: 0")
