# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""R-CF1, Phụ lục VI III.4.g: the XML export of a case file's metadata."""

import datetime

from file_xml import DOCUMENT_FIELDS, NAMESPACE, file_xml
from lxml import etree

NS = {"h": NAMESPACE}
CASE = {
    "OrganId": "000.00.00.H29",
    "FileCatalog": 2026,
    "FileNotation": "01.TCCB",
    "Title": "Hồ sơ tuyển dụng công chức năm 2026",
    "Maintenance": "Vĩnh viễn",
    "Rights": "Công khai",
    "Creator": "Nguyễn Văn An",
    "Language": "Tiếng Việt",
    "StartDate": datetime.date(2026, 1, 5),
    "EndDate": datetime.date(2026, 12, 30),
    "DocTotal": 2,
    "PageTotal": 5,
    "Description": None,
}


def _doc(ordinal, **values):
    doc = {
        "DocOrdinal": ordinal,
        "TypeName": "Quyết định",
        "CodeNumber": str(ordinal * 10),
        "CodeNotation": "QĐ-UBND",
        "IssuedDate": datetime.date(2026, 1, ordinal),
        "OrganName": "Ủy ban nhân dân phường Bến Thành",
        "Subject": f"Văn bản thứ {ordinal} & <đặc biệt>",
        "Language": "Tiếng Việt",
        "PageAmount": ordinal + 1,
        "Description": "",
        "FileName": f"vb{ordinal}.pdf",
        "Sha256": "ab" * 32,
    }
    doc.update(values)
    return doc


def test_file_metadata_round_trip():
    data = file_xml(
        CASE,
        [_doc(2), _doc(1)],
        exported=datetime.datetime(
            2026, 12, 31, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=7))
        ),
    )
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    root = etree.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}HoSo"
    assert root.get("exported") == "2026-12-31T08:00:00+07:00"
    assert root.findtext("h:FileCode/h:OrganId", namespaces=NS) == "000.00.00.H29"
    assert root.findtext("h:FileCode/h:FileCatalog", namespaces=NS) == "2026"
    assert root.findtext("h:FileCode/h:FileNotation", namespaces=NS) == "01.TCCB"
    assert root.findtext("h:Title", namespaces=NS) == CASE["Title"]
    assert root.findtext("h:Maintenance", namespaces=NS) == "Vĩnh viễn"
    assert root.findtext("h:StartDate", namespaces=NS) == "05/01/2026"
    assert root.findtext("h:EndDate", namespaces=NS) == "30/12/2026"
    assert root.findtext("h:DocTotal", namespaces=NS) == "2"
    assert root.findtext("h:Description", namespaces=NS) == ""
    docs = root.findall("h:Documents/h:Document", namespaces=NS)
    # Written in DocOrdinal order whatever the input order.
    assert [d.findtext("h:DocOrdinal", namespaces=NS) for d in docs] == ["1", "2"]
    first = docs[0]
    assert [etree.QName(child).localname for child in first] == list(DOCUMENT_FIELDS)
    assert first.findtext("h:Subject", namespaces=NS) == "Văn bản thứ 1 & <đặc biệt>"
    assert first.findtext("h:IssuedDate", namespaces=NS) == "01/01/2026"
    assert first.findtext("h:PageAmount", namespaces=NS) == "2"
    assert first.findtext("h:FileName", namespaces=NS) == "vb1.pdf"
    assert first.findtext("h:Sha256", namespaces=NS) == "ab" * 32


def test_empty_file_and_no_timestamp():
    root = etree.fromstring(file_xml(dict(CASE, DocTotal=0), []))
    assert root.get("exported") is None
    assert root.findall("h:Documents/h:Document", namespaces=NS) == []
    assert "Tiêu đề" not in etree.tostring(root, encoding="unicode")
    assert root.findtext("h:Creator", namespaces=NS) == "Nguyễn Văn An"
