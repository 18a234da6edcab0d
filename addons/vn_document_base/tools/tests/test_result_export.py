# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Files of an exported search result without Odoo (ND 30 Phụ lục VI III.6.h)."""

import io
import re
import zipfile

import result_export

COLUMNS = [("index", "STT"), ("subject", "Trích yếu")]
ROWS = [
    {"index": "1", "subject": "Quy hoạch đất đai <quận 1> & 2"},
    {"index": "2", "subject": "Dòng một\nDòng hai"},
]
HEADER = ["UBND Quận 1", "Điều kiện tìm kiếm: Trích yếu có chứa «đất đai»"]


def test_docx_is_a_word_package_with_header_and_rows():
    """III.6.h: the .docx opens as WordprocessingML with the header and the rows,
    special characters escaped, one paragraph per line of a cell."""
    data = result_export.docx_bytes("Kết quả tìm kiếm", HEADER, COLUMNS, ROWS)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        names = set(package.namelist())
        xml = package.read("word/document.xml").decode()
    assert {"[Content_Types].xml", "_rels/.rels", "word/document.xml"} <= names
    text = re.sub(r"<[^>]+>", "|", xml)
    assert "Kết quả tìm kiếm" in text
    assert HEADER[1] in text
    assert "Quy hoạch đất đai &lt;quận 1&gt; &amp; 2" in text
    assert "|Dòng một|" in text and "|Dòng hai|" in text
    assert xml.count("<w:tr>") == 1 + len(ROWS)  # the column titles, then the rows


def test_xlsx_has_header_lines_then_the_table():
    """III.6.h: the workbook has the title, the header lines, then the table."""
    import openpyxl

    data = result_export.xlsx_bytes("Kết quả", HEADER, COLUMNS, ROWS, "Ket qua")
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "Kết quả"
    assert values[1][0] == HEADER[0] and values[2][0] == HEADER[1]
    assert values[4][:2] == ("STT", "Trích yếu")
    assert values[5][1] == ROWS[0]["subject"]
