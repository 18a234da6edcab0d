#!/usr/bin/env python3
"""Self-check of the outgoing-document signing tools (no Odoo, no database).

    cd <repo> && source scripts/lib.sh && $VENV/bin/python scripts/check_pdf_signing.py [-v]

Uses the TEST PKI of scripts/make_test_ca.py ($VN_PKI_DIR, SoftHSM token
"vn-edoc-test" via $SOFTHSM2_CONF).  Prints one PASS/FAIL line per check and
exits 1 if any check fails.
"""

import datetime
import io
import logging
import os
import sys
import time
import zipfile

from check_common import RESULTS, VERBOSE, check, load_by_path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TOOLS = os.path.join(ROOT, "addons", "vn_document_outbound", "tools")
PKI_DIR = os.environ.get("VN_PKI_DIR") or os.path.join(ROOT, ".run", "pki")
PKCS11_MODULE = os.environ.get("VN_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
TOKEN_LABEL = "vn-edoc-test"
PIN = "1234"
PASSPHRASE = "1234"
AUTHORITY = ["KT. Chủ tịch", "Phó Chủ tịch"]
SIGNER_NAME = "Nguyễn Văn An"
AGENCY_NAME = "Ủy ban nhân dân phường Bến Thành"
NUMBER = "Số: 05/QĐ-UBND"
DATE = "Phường Bến Thành, ngày 22 tháng 11 năm 2026"


ps = load_by_path("vn_pdf_signing", os.path.join(TOOLS, "pdf_signing.py"))
images = load_by_path("vn_demo_images", os.path.join(TOOLS, "demo_images.py"))
office = load_by_path("vn_office_convert", os.path.join(TOOLS, "office_convert.py"))
fixtures = load_by_path(
    "vn_pdf_fixtures",
    os.path.join(ROOT, "addons", "vn_document_base", "tests", "pdf_fixtures.py"),
)


def expect(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_code(exc_class, code, func, *args, **kwargs):
    """``func`` must raise ``exc_class`` with ``code``."""
    try:
        func(*args, **kwargs)
    except exc_class as exc:
        expect(
            exc.code == code,
            f"expected code {code!r}, got {exc.code!r} ({exc})",
        )
        return code
    raise AssertionError(f"no {exc_class.__name__}({code!r}) raised")


def read(name):
    with open(os.path.join(PKI_DIR, name), "rb") as fh:
        return fh.read()


def trust():
    return [read("root.der")], [read("crl.der")]


def token(key_label, pin=PIN, token_label=TOKEN_LABEL):
    return ps.pkcs11_signer(PKCS11_MODULE, token_label, key_label, pin)


def block():
    return ps.SignatureBlock(authority_lines=list(AUTHORITY), signer_name=SIGNER_NAME)


def issue(pdf, signer_key, signing_time=None):
    """prepare + signer (PKCS#12) + number/date + agency (token): the issued file."""
    prepared = ps.prepare_for_signing(pdf, block())
    signed = ps.sign_as_signer(
        prepared,
        signer_key,
        images.signature_png(SIGNER_NAME),
        reason="Ký ban hành",
        location="TP. Hồ Chí Minh",
        signing_time=signing_time,
    )
    filled = ps.fill_number_and_date(signed, NUMBER, DATE)
    with token("agency") as agency:
        issued = ps.sign_as_agency(
            filled,
            agency,
            images.seal_png(AGENCY_NAME),
            reason="Phát hành",
            signing_time=signing_time,
        )
    return prepared, signed, filled, issued


def desktop_tool_sign(prepared, p12_path, field_name):
    """Stand-in for a desktop signing tool: plain pyHanko, outside our module."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    signer = signers.SimpleSigner.load_pkcs12(p12_path, passphrase=PASSPHRASE.encode())
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


def minimal_docx(text):
    """A .docx made of the three mandatory OOXML parts."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        + "".join(
            f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in text.splitlines()
        )
        + "</w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)
    return buf.getvalue()


def encrypted_pdf():
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf, encrypt=pdfencrypt.StandardEncryption("user", "owner"))
    c.drawString(72, 720, "secret")
    c.showPage()
    c.save()
    return buf.getvalue()


def main():
    trust_roots, crls = trust()
    signer_p12 = ps.load_pkcs12_signer(read("signer.p12"), PASSPHRASE)
    when = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    state = {}

    @check("main flow: prepare, signer (p12), number/date, agency (token)")
    def _main_flow():
        state["pdf"] = fixtures.make_pdf(3)
        state["prepared"], state["signed"], state["filled"], state["issued"] = issue(
            state["pdf"], signer_p12, signing_time=when
        )
        expect(state["issued"].startswith(state["filled"]), "not incremental")
        return "%d bytes" % len(state["issued"])

    @check("validation: both bottom_line True, signer FORM_FILLING")
    def _validation():
        res = ps.validate(state["issued"], trust_roots, crls)
        expect(
            [r["field_name"] for r in res] == [ps.SIGNER_FIELD, ps.AGENCY_FIELD], res
        )
        expect(
            all(r["bottom_line"] for r in res),
            [(r["field_name"], r["error"]) for r in res],
        )
        expect(
            res[0]["modification_level"] == "FORM_FILLING", res[0]["modification_level"]
        )
        expect(res[1]["modification_level"] == "NONE", res[1]["modification_level"])
        expect(
            res[0]["signer_cn"] == SIGNER_NAME and res[1]["signer_cn"] == AGENCY_NAME,
            "signer CN",
        )
        expect(
            res[0]["signing_time"] == when,
            "signing time {} != {}".format(res[0]["signing_time"], when),
        )
        return "levels {}/{}, coverage {}/{}".format(
            res[0]["modification_level"],
            res[1]["modification_level"],
            res[0]["coverage"],
            res[1]["coverage"],
        )

    @check("validation after signer + number/date (before agency)")
    def _validation_filled():
        res = ps.validate(state["filled"], trust_roots, crls)
        expect(len(res) == 1 and res[0]["bottom_line"], res)
        expect(
            res[0]["modification_level"] == "FORM_FILLING", res[0]["modification_level"]
        )

    @check("geometry: seal 35 mm square over the left third, centred")
    def _geometry():
        rects = ps.field_rectangles(state["issued"])
        last = 2
        s_page, (sx0, sy0, sx1, sy1) = rects[ps.SIGNER_FIELD]
        a_page, (ax0, ay0, ax1, ay1) = rects[ps.AGENCY_FIELD]
        expect(s_page == a_page == last, f"pages {s_page}/{a_page}")
        side = 35 * ps.MM
        expect(
            abs((ax1 - ax0) - side) < 0.05 and abs((ay1 - ay0) - side) < 0.05,
            "seal size",
        )
        width = sx1 - sx0
        overlap = min(ax1, sx1) - max(ax0, sx0)
        expect(
            abs(overlap - width / 3) <= 0.05 * width / 3,
            f"overlap {overlap:.2f} of {width:.2f}",
        )
        expect(ax0 < sx0 < ax1 < sx1, "seal not on the left of the signer image")
        expect(abs((ay0 + ay1) / 2 - (sy0 + sy1) / 2) < 0.5, "not vertically centred")
        expect(
            abs(width - 120) < 0.01 and abs((sy1 - sy0) - 60) < 0.01, "signer box size"
        )
        expect(
            rects[ps.NUMBER_FIELD][0] == 0 and rects[ps.DATE_FIELD][0] == 0,
            "number/date page",
        )
        return f"signer {width:.1f}x{sy1 - sy0:.1f} at x={sx0:.1f}, seal {ax1 - ax0:.1f} pt, overlap {overlap:.1f} pt"

    @check("number/date: /V set, Vietnamese text, no refill")
    def _fill():
        from pyhanko.pdf_utils.reader import PdfFileReader

        root = PdfFileReader(io.BytesIO(state["issued"])).root
        values = {
            str(f.get_object()["/T"]): f.get_object().get("/V")
            for f in root["/AcroForm"]["/Fields"]
        }
        expect(
            values[ps.NUMBER_FIELD] == NUMBER and values[ps.DATE_FIELD] == DATE, values
        )
        return expect_code(
            ps.SigningStateError,
            "already_filled",
            ps.fill_number_and_date,
            state["issued"],
            NUMBER,
            DATE,
        )

    @check("order and state guards")
    def _guards():
        codes = [
            expect_code(
                ps.SigningStateError,
                "signer_not_signed",
                ps.sign_as_agency,
                state["prepared"],
                signer_p12,
                None,
            ),
            expect_code(
                ps.SigningStateError,
                "already_signed",
                ps.sign_as_signer,
                state["signed"],
                signer_p12,
                None,
            ),
            expect_code(
                ps.SigningStateError,
                "field_missing",
                ps.sign_as_signer,
                state["pdf"],
                signer_p12,
                None,
            ),
            expect_code(
                ps.SigningStateError,
                "field_exists",
                ps.prepare_for_signing,
                state["prepared"],
                block(),
            ),
            expect_code(
                ps.PdfLayoutError,
                "off_page",
                ps.prepare_for_signing,
                state["pdf"],
                block(),
                number_box=(500, 820, 700, 838),
            ),
            expect_code(
                ps.PdfLayoutError,
                "bad_page",
                ps.prepare_for_signing,
                state["pdf"],
                ps.SignatureBlock(["CHỦ TỊCH"], "X", page=7),
            ),
            expect_code(
                ps.PdfLayoutError,
                "encrypted",
                ps.prepare_for_signing,
                encrypted_pdf(),
                block(),
            ),
            expect_code(
                ps.PdfLayoutError,
                "unreadable",
                ps.prepare_for_signing,
                b"not a pdf",
                block(),
            ),
        ]
        return ", ".join(codes)

    @check("attachment: text stamp top right of page 1, valid")
    def _attachment():
        attachment = fixtures.make_pdf(
            2, text="Phụ lục kèm theo Quyết định số 05/QĐ-UBND"
        )
        text = ps.stamp_text_attachment("05/QĐ-UBND", when)
        with token("agency") as agency:
            stamped = ps.sign_with_text_stamp(
                attachment, agency, text, reason="Phát hành phụ lục"
            )
        res = ps.validate(stamped, trust_roots, crls)
        expect(len(res) == 1 and res[0]["bottom_line"], res)
        page, (x0, y0, x1, y1) = ps.field_rectangles(stamped)[ps.STAMP_FIELD]
        expect(page == 0, f"page {page}")
        expect(
            abs(x1 - (595.276 - 15 * ps.MM)) < 0.5
            and abs(y1 - (841.89 - 10 * ps.MM)) < 0.5,
            f"box {(x0, y0, x1, y1)!r} not at the top right",
        )
        state["attachment"] = stamped
        return f"box {x1 - x0:.0f}x{y1 - y0:.0f} pt, {text!r}"

    @check("electronic copy stamped after an approval signature")
    def _copy():
        text = ps.stamp_text_copy("Sao y", AGENCY_NAME, when)
        copy = ps.sign_with_text_stamp(
            state["attachment"], signer_p12, text, field_name="VN_CopyStamp"
        )
        res = ps.validate(copy, trust_roots, crls)
        expect(len(res) == 2 and all(r["bottom_line"] for r in res), res)
        expect_code(
            ps.SigningStateError,
            "certified",
            ps.sign_with_text_stamp,
            state["issued"],
            signer_p12,
            text,
        )
        return "levels %s" % [r["modification_level"] for r in res]

    @check("stamp texts: number/time and copy form (ISO, +07:00)")
    def _stamp_texts():
        utc = datetime.datetime(
            2026, 11, 22, 3, 15, 30, 123456, tzinfo=datetime.timezone.utc
        )
        got = ps.stamp_text_attachment("05/QĐ-UBND", utc)
        expect(got == "Số: 05/QĐ-UBND\n2026-11-22T10:15:30+07:00", repr(got))
        got = ps.stamp_text_copy("Sao y", AGENCY_NAME, utc.replace(tzinfo=None))
        expect(got == f"SAO Y\n{AGENCY_NAME}\n2026-11-22T10:15:30+07:00", repr(got))

    @check("tamper: incremental page change after agency -> bottom_line False")
    def _tamper_update():
        res = ps.validate(fixtures.tamper_pdf(state["issued"]), trust_roots, crls)
        expect(len(res) == 2 and not any(r["bottom_line"] for r in res), res)
        return "levels %s" % [r["modification_level"] for r in res]

    @check("tamper: one byte flipped inside the signed range")
    def _tamper_byte():
        res = ps.validate(
            flip_byte(state["issued"], b"VN eDoc test document"), trust_roots, crls
        )
        expect(
            len(res) == 2 and not any(r["bottom_line"] or r["intact"] for r in res), res
        )

    @check("external: desktop tool signs SIGNER_FIELD, verified, issued")
    def _external():
        prepared = state["prepared"]
        returned = desktop_tool_sign(
            prepared, os.path.join(PKI_DIR, "signer2.p12"), ps.SIGNER_FIELD
        )
        info = ps.verify_external_signature(prepared, returned, ps.SIGNER_FIELD)
        expect(info["certificate_der"] == read("signer2.der"), "certificate")
        expect(info["field_name"] == ps.SIGNER_FIELD and info["signing_time"], info)
        filled = ps.fill_number_and_date(returned, NUMBER, DATE)
        with token("agency") as agency:
            issued = ps.sign_as_agency(filled, agency, images.seal_png(AGENCY_NAME))
        res = ps.validate(issued, trust_roots, crls)
        expect(all(r["bottom_line"] for r in res) and len(res) == 2, res)
        state["returned"], state["returned_filled"] = returned, filled
        return "signer {}, levels {}".format(
            res[0]["signer_cn"],
            [r["modification_level"] for r in res],
        )

    @check("external: altered / wrong / missing / not last")
    def _external_errors():
        prepared, returned = state["prepared"], state["returned"]
        err = ps.ExternalSignatureError
        codes = [
            expect_code(
                err,
                "revision_changed",
                ps.verify_external_signature,
                prepared,
                flip_byte(returned, b"VN eDoc test document"),
                ps.SIGNER_FIELD,
            ),
            expect_code(
                err,
                "no_signature",
                ps.verify_external_signature,
                prepared,
                prepared,
                ps.SIGNER_FIELD,
            ),
            expect_code(
                err,
                "wrong_field",
                ps.verify_external_signature,
                prepared,
                desktop_tool_sign(
                    prepared, os.path.join(PKI_DIR, "signer2.p12"), ps.AGENCY_FIELD
                ),
                ps.SIGNER_FIELD,
            ),
            expect_code(
                err,
                "not_last",
                ps.verify_external_signature,
                prepared,
                state["returned_filled"],
                ps.SIGNER_FIELD,
            ),
        ]
        return ", ".join(codes)

    @check("key errors: passphrase, file, PIN, token, key")
    def _key_errors():
        err = ps.SigningKeyError
        codes = [
            expect_code(
                err,
                "bad_passphrase",
                ps.load_pkcs12_signer,
                read("signer.p12"),
                "wrong",
            ),
            expect_code(
                err, "bad_file", ps.load_pkcs12_signer, b"garbage" * 20, PASSPHRASE
            ),
            expect_code(
                err, "bad_file", ps.load_pkcs12_signer, read("signer.pem"), PASSPHRASE
            ),
        ]

        def enter(*args, **kwargs):
            with token(*args, **kwargs):
                pass

        codes.append(expect_code(err, "bad_pin", enter, "agency", pin="9999"))
        codes.append(
            expect_code(err, "no_token", enter, "agency", token_label="no-such-token")
        )
        codes.append(expect_code(err, "no_key", enter, "nobody"))
        with token("signer") as signer:  # a good PIN still works after a bad one
            expect(
                ps.signer_certificate_der(signer) == read("signer.der"),
                "token certificate",
            )
        expect(
            ps.signer_certificate_der(signer_p12) == read("signer.der"),
            "p12 certificate",
        )
        return ", ".join(codes)

    @check("office: .docx -> PDF (LibreOffice), then signed")
    def _office():
        if not office.find_soffice():
            print("      waiting for soffice (up to 300 s)...", flush=True)
            office.wait_for_soffice(300)
        docx = minimal_docx(
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "QUYẾT ĐỊNH về việc thử nghiệm"
        )
        started = time.perf_counter()
        pdf = office.convert_to_pdf(docx, "Dự thảo quyết định.docx")
        took = (time.perf_counter() - started) * 1000
        expect(pdf.startswith(b"%PDF"), "not a PDF")
        _prepared, _signed, _filled, issued = issue(pdf, signer_p12)
        res = ps.validate(issued, trust_roots, crls)
        expect(len(res) == 2 and all(r["bottom_line"] for r in res), res)
        codes = [
            expect_code(
                office.ConversionError,
                "unsupported",
                office.convert_to_pdf,
                b"x",
                "a.txt",
            ),
            expect_code(
                office.ConversionError,
                "failed",
                office.convert_to_pdf,
                b"x" * 99,
                "a.docx",
            ),
        ]
        return "%d bytes in %.0f ms; %s" % (len(pdf), took, ", ".join(codes))

    @check("demo images: sizes, transparency")
    def _images():
        from PIL import Image

        sig = Image.open(io.BytesIO(images.signature_png(SIGNER_NAME)))
        seal = Image.open(io.BytesIO(images.seal_png(AGENCY_NAME)))
        expect(sig.mode == "RGBA" and sig.size == (600, 300), sig)
        expect(seal.mode == "RGBA" and seal.size == (600, 600), seal)
        expect(
            sig.getpixel((0, 0))[3] == 0 and seal.getpixel((0, 0))[3] == 0,
            "background not transparent",
        )

    failed = [name for ok, name, _detail, _took in RESULTS if not ok]
    print(
        "%d/%d checks passed%s"
        % (
            len(RESULTS) - len(failed),
            len(RESULTS),
            "" if not failed else "; FAILED: " + ", ".join(failed),
        )
    )
    return 1 if failed else 0


if __name__ == "__main__":
    if not VERBOSE:
        # tampered files make pyHanko log tracebacks (expected here)
        logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    sys.exit(main())
