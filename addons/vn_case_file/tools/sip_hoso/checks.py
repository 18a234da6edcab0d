# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Checks of the builder's inputs, before any XML is written (messages for users)."""

import datetime
import re

from . import codes
from .errors import SipError

# docId becomes a file name: letters (Vietnamese too), digits, ".", "-" and "_".
_SAFE_ID = re.compile(r"\w[\w.-]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _code(value, allowed, what):
    if value not in allowed:
        raise SipError(f"{what}: mã “{value}” không hợp lệ.")


def _text(value, what, *, required=True, max_len=None):
    if not isinstance(value, str):
        raise SipError(f"{what}: phải là chuỗi ký tự.")
    if required and not value.strip():
        raise SipError(f"{what}: không được để trống.")
    if max_len is not None and len(value) > max_len:
        raise SipError(f"{what}: dài quá {max_len} ký tự.")
    if _CONTROL.search(value):
        raise SipError(f"{what}: chứa ký tự điều khiển không hợp lệ.")


def _date(value, what):
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise SipError(f"{what}: phải là một ngày (date).")


def check_created(created):
    if not isinstance(created, datetime.datetime):
        raise SipError("Thời điểm tạo gói phải là datetime.")
    if created.tzinfo is None or created.utcoffset() is None:
        raise SipError("Thời điểm tạo gói phải có múi giờ (datetime không múi giờ).")


def check_agency(agency_name, agency_code):
    _text(agency_name, "Tên cơ quan nộp lưu", max_len=500)
    _text(agency_code, "Mã cơ quan nộp lưu", max_len=100)


def check_file(file):
    label = "Hồ sơ"
    _text(file.file_code, f"{label} – mã hồ sơ (fileCode)", max_len=100)
    _text(file.title, f"{label} – tiêu đề", max_len=1000)
    _code(file.maintenance, codes.MAINTENANCE, f"{label} – thời hạn bảo quản")
    _code(file.mode, codes.MODE, f"{label} – chế độ sử dụng")
    if not file.languages:
        raise SipError(f"{label}: chưa có ngôn ngữ.")
    for lang in file.languages:
        _code(lang, codes.LANGUAGE, f"{label} – ngôn ngữ")
    _date(file.start_date, f"{label} – ngày bắt đầu")
    _date(file.end_date, f"{label} – ngày kết thúc")
    if file.start_date > file.end_date:
        raise SipError(f"{label}: ngày bắt đầu sau ngày kết thúc.")
    _code(file.confidence_level, codes.CONFIDENCE, f"{label} – mức độ tin cậy")
    if file.confidence_level == "02":
        _text(file.paper_file_code, f"{label} – mã hồ sơ giấy (bản số hóa)")
    if file.risk_recovery:
        _text(file.risk_recovery_status, f"{label} – tình trạng dự phòng")
    _text(file.keyword, f"{label} – từ khóa", required=False, max_len=1000)
    _text(file.description, f"{label} – ghi chú", required=False, max_len=2000)
    if file.number_of_paper < 0:
        raise SipError(f"{label}: số tờ không được âm.")


def check_document(doc, file):
    label = f"Văn bản “{doc.doc_id}”"
    if not isinstance(doc.ordinal, int) or doc.ordinal < 1:
        raise SipError(f"{label}: số thứ tự phải là số nguyên dương.")
    _text(doc.doc_id, "Mã văn bản (docId)", max_len=codes.DOC_ID_MAX)
    if not _SAFE_ID.fullmatch(doc.doc_id):
        raise SipError(f"{label}: mã văn bản chỉ được chứa chữ, số, “.”, “-”, “_”.")
    if doc.doc_id != f"{file.file_code}.{doc.ordinal}":
        raise SipError(f"{label}: mã văn bản phải là “mã hồ sơ.số thứ tự”.")
    seq = f"{doc.ordinal:07d}"
    if doc.doc_code not in (file.file_code + seq, f"{file.file_code}.{seq}"):
        raise SipError(f"{label}: docCode phải là mã hồ sơ và số thứ tự 7 chữ số.")
    _code(doc.maintenance, codes.MAINTENANCE, f"{label} – thời hạn bảo quản")
    _code(doc.type_name, codes.TYPE_NAME, f"{label} – tên loại văn bản")
    _text(doc.code_number, f"{label} – số văn bản", required=False, max_len=11)
    _text(doc.code_notation, f"{label} – ký hiệu", required=False, max_len=30)
    _date(doc.issued_date, f"{label} – ngày ban hành")
    _text(doc.organ_name, f"{label} – cơ quan ban hành", max_len=200)
    _text(doc.subject, f"{label} – trích yếu", max_len=500)
    _code(doc.language, codes.LANGUAGE, f"{label} – ngôn ngữ")
    if not 1 <= doc.number_of_page <= codes.DOC_PAGES_MAX:
        raise SipError(f"{label}: số trang phải từ 1 đến {codes.DOC_PAGES_MAX}.")
    _code(doc.mode, codes.MODE, f"{label} – chế độ sử dụng")
    _code(doc.confidence_level, codes.CONFIDENCE, f"{label} – mức độ tin cậy")
    if doc.confidence_level in codes.CONFIDENCE_NEEDS_TRAIL and not doc.trail_xml:
        raise SipError(f"{label}: văn bản xử lý trên Hệ thống phải có tệp vết xử lý.")
    if doc.risk_recovery:
        _text(doc.risk_recovery_status, f"{label} – tình trạng dự phòng")
    for value, what in (
        (doc.autograph, "bút tích"),
        (doc.keyword, "từ khóa"),
        (doc.risk_recovery_status, "tình trạng dự phòng"),
    ):
        _text(value, f"{label} – {what}", required=False, max_len=1000)
    _text(doc.description, f"{label} – ghi chú", required=False, max_len=500)
    if not isinstance(doc.pdf, bytes) or not doc.pdf:
        raise SipError(f"{label}: tệp PDF rỗng.")
    if not doc.pdf.startswith(b"%PDF-"):
        raise SipError(f"{label}: tệp đính kèm không phải PDF.")


def check_documents(file, documents):
    if not documents:
        raise SipError("Hồ sơ không có văn bản nào.")
    ids = [d.doc_id for d in documents]
    if len(set(ids)) != len(ids):
        raise SipError("Hồ sơ có hai văn bản trùng mã văn bản.")
    ordinals = [d.ordinal for d in documents]
    if len(set(ordinals)) != len(ordinals):
        raise SipError("Hồ sơ có hai văn bản trùng số thứ tự.")
    for doc in documents:
        check_document(doc, file)
    if file.total_doc != len(documents):
        raise SipError(
            f"Tổng số văn bản của hồ sơ ({file.total_doc}) khác số văn bản gửi kèm "
            f"({len(documents)})."
        )
    pages = sum(d.number_of_page for d in documents)
    if file.number_of_page != pages:
        raise SipError(
            f"Tổng số trang của hồ sơ ({file.number_of_page}) khác tổng số trang các "
            f"văn bản ({pages})."
        )
