# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The signing flow of an outgoing document, without Odoo: prepare, signer, number and
date, agency, text stamps, signatures made by a desktop tool, validation."""

import datetime
import io

import demo_images
import pytest
import signature_validation
from signing import errors, external, layout, pdf, sign

AUTHORITY = ["KT. Chủ tịch", "Phó Chủ tịch"]
SIGNER_NAME = "Nguyễn Văn An"
AGENCY_NAME = "Ủy ban nhân dân phường Bến Thành"
NUMBER = "Số: 05/QĐ-UBND"
DATE = "Phường Bến Thành, ngày 22 tháng 11 năm 2026"
A4 = (595.276, 841.89)
PLAIN_TEXT = b"VN eDoc test document"  # in the signed range of pdf_fixtures' files


def block():
    return layout.SignatureBlock(
        authority_lines=list(AUTHORITY), signer_name=SIGNER_NAME
    )


def issue(data, signer_key, agency_key, signing_time=None):
    """prepare + signer + number/date + agency: each revision of the issued file."""
    prepared = layout.prepare_for_signing(data, block())
    signed = sign.sign_as_signer(
        prepared,
        signer_key,
        demo_images.signature_png(SIGNER_NAME),
        reason="Ký ban hành",
        location="TP. Hồ Chí Minh",
        signing_time=signing_time,
    )
    filled = sign.fill_number_and_date(signed, NUMBER, DATE)
    issued = sign.sign_as_agency(
        filled,
        agency_key,
        demo_images.seal_png(AGENCY_NAME),
        reason="Phát hành",
        signing_time=signing_time,
    )
    return {"prepared": prepared, "signed": signed, "filled": filled, "issued": issued}


def validate(data, trust):
    return signature_validation.validate_pdf(data, *trust)


def desktop_tool_sign(prepared, p12_path, passphrase, field_name):
    """Stand-in for a desktop signing tool: plain pyHanko, outside the engine."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(p12_path, passphrase=passphrase.encode())
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(prepared))
    return signers.sign_pdf(
        writer, meta, signer=signer, existing_fields_only=True
    ).getvalue()


def flip_byte(data, marker):
    """Change one character inside ``marker`` (which must be in the signed range)."""
    pos = data.index(marker) + 1
    return data[:pos] + bytes([data[pos] ^ 0x01]) + data[pos + 1 :]


def encrypted_pdf():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    c.drawString(72, 720, "secret")
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture(scope="module")
def when():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


@pytest.fixture(scope="module")
def flow(fixtures, signer_p12, agency_p12, when):
    """A 3-page document through the whole flow (PKCS#12 keys), at time ``when``."""
    original = fixtures.make_pdf(3)
    return dict(issue(original, signer_p12, agency_p12, when), pdf=original)


@pytest.fixture(scope="module")
def attachment(fixtures, agency_p12, when):
    """An attachment in a separate file, stamped and signed by the agency."""
    data = fixtures.make_pdf(2, text="Phụ lục kèm theo Quyết định số 05/QĐ-UBND")
    text = sign.stamp_text_attachment("05/QĐ-UBND", when)
    return sign.sign_with_text_stamp(data, agency_p12, text, reason="Phát hành phụ lục")


@pytest.fixture(scope="module")
def returned(flow, read, pki):
    """The prepared file signed by a desktop tool (signer2's PKCS#12)."""
    return desktop_tool_sign(
        flow["prepared"],
        pki.pki_files()["signer2_p12"],
        pki.PASSPHRASE,
        pdf.SIGNER_FIELD,
    )


def test_every_step_is_an_incremental_update(flow):
    assert flow["prepared"].startswith(flow["pdf"])
    assert flow["signed"].startswith(flow["prepared"])
    assert flow["filled"].startswith(flow["signed"])
    assert flow["issued"].startswith(flow["filled"])


def test_issued_file_validates(flow, trust, when):
    """Both signatures valid; after the signer's only form filling (number, date)."""
    signer, agency = validate(flow["issued"], trust)
    assert [signer["field_name"], agency["field_name"]] == [
        pdf.SIGNER_FIELD,
        pdf.AGENCY_FIELD,
    ]
    assert signer["bottom_line"] and agency["bottom_line"], (signer, agency)
    assert signer["modification_level"] == "FORM_FILLING"
    assert agency["modification_level"] == "NONE"
    assert (signer["signer_name"], agency["signer_name"]) == (SIGNER_NAME, AGENCY_NAME)
    assert (signer["signer_kind"], agency["signer_kind"]) == (
        "individual",
        "organisation",
    )
    assert signer["signing_time"] == when
    assert signature_validation.legal_value([signer, agency]) == (
        "original",
        "signer_and_agency",
    )


def test_signed_and_filled_file_validates(flow, trust):
    (signer,) = validate(flow["filled"], trust)
    assert signer["bottom_line"], signer
    assert signer["modification_level"] == "FORM_FILLING"


def test_seal_covers_the_left_third_of_the_signer_image(flow):
    rects = pdf.field_rectangles(flow["issued"])
    s_page, (sx0, sy0, sx1, sy1) = rects[pdf.SIGNER_FIELD]
    a_page, (ax0, ay0, ax1, ay1) = rects[pdf.AGENCY_FIELD]
    assert s_page == a_page == 2  # the last page
    side = 35 * pdf.MM
    assert ax1 - ax0 == pytest.approx(side, abs=0.05)
    assert ay1 - ay0 == pytest.approx(side, abs=0.05)
    width = sx1 - sx0
    overlap = min(ax1, sx1) - max(ax0, sx0)
    assert overlap == pytest.approx(width / 3, rel=0.05)
    assert ax0 < sx0 < ax1 < sx1, "seal not on the left of the signer image"
    assert (ay0 + ay1) / 2 == pytest.approx((sy0 + sy1) / 2, abs=0.5)
    assert width == pytest.approx(120, abs=0.01)
    assert sy1 - sy0 == pytest.approx(60, abs=0.01)
    assert rects[pdf.NUMBER_FIELD][0] == 0 and rects[pdf.DATE_FIELD][0] == 0


def test_number_and_date_filled_once(flow):
    from pyhanko.pdf_utils.reader import PdfFileReader

    root = PdfFileReader(io.BytesIO(flow["issued"])).root
    values = {
        str(f.get_object()["/T"]): f.get_object().get("/V")
        for f in root["/AcroForm"]["/Fields"]
    }
    assert values[pdf.NUMBER_FIELD] == NUMBER
    assert values[pdf.DATE_FIELD] == DATE
    with pytest.raises(errors.SigningStateError) as caught:
        sign.fill_number_and_date(flow["issued"], NUMBER, DATE)
    assert caught.value.code == "already_filled"


@pytest.mark.parametrize(
    ("error", "code", "call"),
    [
        (
            errors.SigningStateError,
            "signer_not_signed",
            lambda f, key: sign.sign_as_agency(f["prepared"], key, None),
        ),
        (
            errors.SigningStateError,
            "already_signed",
            lambda f, key: sign.sign_as_signer(f["signed"], key, None),
        ),
        (
            errors.SigningStateError,
            "field_missing",
            lambda f, key: sign.sign_as_signer(f["pdf"], key, None),
        ),
        (
            errors.SigningStateError,
            "field_exists",
            lambda f, key: layout.prepare_for_signing(f["prepared"], block()),
        ),
        (
            errors.PdfLayoutError,
            "off_page",
            lambda f, key: layout.prepare_for_signing(
                f["pdf"], block(), number_box=(500, 820, 700, 838)
            ),
        ),
        (
            errors.PdfLayoutError,
            "bad_page",
            lambda f, key: layout.prepare_for_signing(
                f["pdf"], layout.SignatureBlock(["CHỦ TỊCH"], "X", page=7)
            ),
        ),
        (
            errors.PdfLayoutError,
            "encrypted",
            lambda f, key: layout.prepare_for_signing(encrypted_pdf(), block()),
        ),
        (
            errors.PdfLayoutError,
            "unreadable",
            lambda f, key: layout.prepare_for_signing(b"not a pdf", block()),
        ),
    ],
)
def test_order_and_state_guards(flow, signer_p12, error, code, call):
    with pytest.raises(error) as caught:
        call(flow, signer_p12)
    assert caught.value.code == code


def test_attachment_stamp_top_right_of_page_one(attachment, trust):
    (stamp,) = validate(attachment, trust)
    assert stamp["bottom_line"], stamp
    assert stamp["field_name"] == pdf.STAMP_FIELD
    page, (_x0, _y0, x1, y1) = pdf.field_rectangles(attachment)[pdf.STAMP_FIELD]
    assert page == 0
    assert x1 == pytest.approx(A4[0] - 15 * pdf.MM, abs=0.5)
    assert y1 == pytest.approx(A4[1] - 10 * pdf.MM, abs=0.5)


def test_copy_stamped_after_an_approval_signature(attachment, flow, signer_p12, trust):
    text = sign.stamp_text_copy("Sao y", AGENCY_NAME, datetime.datetime.now())
    copy = sign.sign_with_text_stamp(
        attachment, signer_p12, text, field_name="VN_CopyStamp"
    )
    results = validate(copy, trust)
    assert len(results) == 2 and all(r["bottom_line"] for r in results), results
    with pytest.raises(errors.SigningStateError) as caught:
        sign.sign_with_text_stamp(flow["issued"], signer_p12, text)
    assert caught.value.code == "certified"


def test_stamp_texts_in_vietnam_time():
    utc = datetime.datetime(
        2026, 11, 22, 3, 15, 30, 123456, tzinfo=datetime.timezone.utc
    )
    assert (
        sign.stamp_text_attachment("05/QĐ-UBND", utc)
        == "Số: 05/QĐ-UBND\n2026-11-22T10:15:30+07:00"
    )
    assert (
        sign.stamp_text_copy("Sao y", AGENCY_NAME, utc.replace(tzinfo=None))
        == f"SAO Y\n{AGENCY_NAME}\n2026-11-22T10:15:30+07:00"
    )


def test_page_changed_after_signing_is_invalid(flow, fixtures, trust):
    results = validate(fixtures.tamper_pdf(flow["issued"]), trust)
    assert len(results) == 2
    assert not any(r["bottom_line"] for r in results), results
    assert signature_validation.legal_value(results)[0] == "reference"


def test_byte_flipped_in_the_signed_range_is_invalid(flow, trust):
    results = validate(flip_byte(flow["issued"], PLAIN_TEXT), trust)
    assert len(results) == 2
    assert not any(r["bottom_line"] or r["intact"] for r in results), results


def test_desktop_tool_signature_verified_then_issued(
    flow, returned, agency_p12, read, trust
):
    info = external.verify_external_signature(
        flow["prepared"], returned, pdf.SIGNER_FIELD
    )
    assert info["certificate_der"] == read("signer2_der")
    assert info["field_name"] == pdf.SIGNER_FIELD and info["signing_time"]
    filled = sign.fill_number_and_date(returned, NUMBER, DATE)
    issued = sign.sign_as_agency(filled, agency_p12, demo_images.seal_png(AGENCY_NAME))
    results = validate(issued, trust)
    assert len(results) == 2 and all(r["bottom_line"] for r in results), results
    assert results[0]["signer_name"] == "Trần Thị Bình"


@pytest.mark.parametrize(
    ("code", "make"),
    [
        ("revision_changed", lambda f, r, paths: flip_byte(r, PLAIN_TEXT)),
        ("no_signature", lambda f, r, paths: f["prepared"]),
        (
            "wrong_field",
            lambda f, r, paths: desktop_tool_sign(
                f["prepared"], paths["signer2_p12"], "1234", pdf.AGENCY_FIELD
            ),
        ),
        (
            "not_last",
            lambda f, r, paths: sign.fill_number_and_date(r, NUMBER, DATE),
        ),
    ],
)
def test_desktop_tool_file_refused(flow, returned, pki, code, make):
    data = make(flow, returned, pki.pki_files())
    with pytest.raises(errors.ExternalSignatureError) as caught:
        external.verify_external_signature(flow["prepared"], data, pdf.SIGNER_FIELD)
    assert caught.value.code == code


def test_agency_signs_with_the_token(token, fixtures, signer_p12, trust, when):
    """The flow and an attachment stamp with the agency key on the SoftHSM token."""
    with token("agency") as agency:
        issued = issue(fixtures.make_pdf(1), signer_p12, agency, when)["issued"]
        stamped = sign.sign_with_text_stamp(
            fixtures.make_pdf(1),
            agency,
            sign.stamp_text_attachment("05/QĐ-UBND", when),
        )
    results = validate(issued, trust)
    assert [r["bottom_line"] for r in results] == [True, True], results
    assert results[1]["signer_name"] == AGENCY_NAME
    (stamp,) = validate(stamped, trust)
    assert stamp["bottom_line"] and stamp["signer_kind"] == "organisation", stamp
