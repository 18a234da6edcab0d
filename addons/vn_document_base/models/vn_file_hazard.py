# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Active content in PDFs: flagged on receipt, refused for issue (R-SEC2).

A PDF can carry JavaScript (document or page actions, the /JavaScript name
tree, form field actions), launch actions that start a program, embedded files
(the /EmbeddedFiles name tree, file attachment annotations), rich media
(Flash, video) and form actions that send data out (/SubmitForm) or pull it in
(/ImportData). None of them belongs in an official document.

Every object of every revision the cross-reference tables list is looked at,
objects inside object streams included, with pyHanko's reader; names are
compared after the parser decoded their ``#xx`` escapes, so ``/J#61vaScript``
is ``/JavaScript``. The inspection is bounded (objects, nesting, decompressed
size of object streams, time); when a bound is reached the file is flagged as
"could not be fully inspected", which is refused for issue like any hazard.
It never raises.
"""

import io
import logging
import re
import time
import zlib

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.filenames import sanitize_filename

_logger = logging.getLogger(__name__)

HAZARD_CODES = (
    "javascript",
    "launch",
    "embedded_file",
    "rich_media",
    "submit_form",
    "import_data",
    "incomplete",
)
MAX_OBJECTS = 200_000
MAX_DEPTH = 32
MAX_SECONDS = 10.0
MAX_OBJECT_STREAM_BYTES = 64 * 1024 * 1024

ACTION_TYPES = {
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/SubmitForm": "submit_form",
    "/ImportData": "import_data",
    "/RichMediaExecute": "rich_media",
    "/GoToE": "embedded_file",  # go to a PDF embedded in this one
}
SUBTYPES = {
    "/RichMedia": "rich_media",
    "/FileAttachment": "embedded_file",
}
KEYS = {
    "/JS": "javascript",
    "/JavaScript": "javascript",  # the document-level name tree in /Names
    "/EmbeddedFiles": "embedded_file",  # the name tree in /Names
    "/EF": "embedded_file",  # a file specification's embedded file stream
    "/RichMediaContent": "rich_media",
}


class _Budget(Exception):
    pass


def _name(value):
    """The PDF name ``value`` as a string (names are ``str`` subclasses in pyHanko),
    else None."""
    from pyhanko.pdf_utils import generic

    if isinstance(value, generic.IndirectObject):
        try:
            value = value.get_object()
        except Exception:
            return None
    return str(value) if isinstance(value, generic.NameObject) else None


def _inspect(obj, found, state, depth=0):
    """Add to ``found`` the hazards of ``obj`` and of the direct objects inside it."""
    from pyhanko.pdf_utils import generic

    state["nodes"] += 1
    if state["nodes"] > MAX_OBJECTS * 4 or depth > MAX_DEPTH:
        raise _Budget("nesting")
    if isinstance(obj, generic.DictionaryObject):  # stream dictionaries included
        for key in obj:
            if key in KEYS:
                found.add(KEYS[key])
        action = _name(obj.raw_get("/S")) if "/S" in obj else None
        if action in ACTION_TYPES:
            found.add(ACTION_TYPES[action])
        subtype = _name(obj.raw_get("/Subtype")) if "/Subtype" in obj else None
        if subtype in SUBTYPES:
            found.add(SUBTYPES[subtype])
        if "/Type" in obj and _name(obj.raw_get("/Type")) == "/EmbeddedFile":
            found.add("embedded_file")
        for key in obj:
            value = obj.raw_get(key)
            if isinstance(value, (generic.DictionaryObject, generic.ArrayObject)):
                _inspect(value, found, state, depth + 1)
    elif isinstance(obj, generic.ArrayObject):
        for item in obj:
            if isinstance(item, (generic.DictionaryObject, generic.ArrayObject)):
                _inspect(item, found, state, depth + 1)


def _check_object_streams(reader, revision):
    """Refuse to expand object streams that decompress beyond the bound (a zip bomb)."""
    from pyhanko.pdf_utils import generic

    for ref in reader.xrefs.object_streams_used_in(revision):
        stream = reader.get_object(ref, revision=revision)
        if not isinstance(stream, generic.StreamObject):
            continue
        filters = stream.get("/Filter")
        filters = (
            [str(f) for f in filters]
            if isinstance(filters, generic.ArrayObject)
            else [str(filters)]
        )
        if filters == ["/FlateDecode"]:
            inflater = zlib.decompressobj()
            inflater.decompress(stream.encoded_data, MAX_OBJECT_STREAM_BYTES)
            if inflater.unconsumed_tail:
                raise _Budget("object stream too large")
        elif len(stream.encoded_data) > MAX_OBJECT_STREAM_BYTES:
            raise _Budget("object stream too large")


# Every name the inspection reacts to, as it is written in a file when not escaped.
_HAZARD_NAMES = sorted(
    {name[1:] for name in (*ACTION_TYPES, *SUBTYPES, *KEYS, "/EmbeddedFile")},
    key=len,
    reverse=True,
)
_HAZARD_NAME_RE = re.compile(
    rb"/(?:"
    + b"|".join(re.escape(n.encode()) for n in _HAZARD_NAMES)
    + rb")(?![A-Za-z0-9#._-])"
)
_ESCAPED_NAME_RE = re.compile(rb"/[A-Za-z0-9._-]*#[0-9A-Fa-f]{2}")


def _certainly_clean(data, reader):
    """A fast screen before the walk: dictionaries live in the file body or in object
    streams, so when neither holds any hazard name nor any ``#``-escaped name, no object
    can carry one. Any doubt (a match, even in image bytes; an object stream we do not
    inflate) sends the file to the full walk, which has the last word."""
    from pyhanko.pdf_utils import generic

    chunks = [data]
    for revision in range(reader.xrefs.total_revisions):
        for ref in reader.xrefs.object_streams_used_in(revision):
            stream = reader.get_object(ref, revision=revision)
            if (
                not isinstance(stream, generic.StreamObject)
                or stream.get("/Filter") != "/FlateDecode"
                or "/DecodeParms" in stream
            ):
                return False
            inflater = zlib.decompressobj()
            chunks.append(
                inflater.decompress(stream.encoded_data, MAX_OBJECT_STREAM_BYTES)
            )
            if inflater.unconsumed_tail:
                return False
    return not any(
        _HAZARD_NAME_RE.search(chunk) or _ESCAPED_NAME_RE.search(chunk)
        for chunk in chunks
    )


def pdf_hazards(data, reader=None, max_seconds=MAX_SECONDS):
    """The hazard codes found in the PDF ``data`` (sorted list, empty when none); never
    raises.

    ``reader``: a pyHanko ``PdfFileReader`` already opened on ``data``, to read it once.
    """
    found = set()
    deadline = time.monotonic() + max_seconds
    try:
        if reader is None:
            from pyhanko.pdf_utils.reader import PdfFileReader

            reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise _Budget("encrypted")
        try:
            clean = _certainly_clean(data, reader)
        except Exception:  # the full walk decides, with its own bounds
            clean = False
        if time.monotonic() > deadline:
            raise _Budget("time")
        if clean:
            return []
        state = {"nodes": 0}
        seen = 0
        last = reader.xrefs.total_revisions - 1
        for revision in range(last + 1):
            _check_object_streams(reader, revision)
            for ref in sorted(
                reader.xrefs.explicit_refs_in_revision(revision),
                key=lambda r: (r.idnum, r.generation),
            ):
                seen += 1
                if seen > MAX_OBJECTS or time.monotonic() > deadline:
                    raise _Budget("objects or time")
                try:
                    # An object as last changed in this revision is the current one:
                    # read it through the reader's cache (the signature check already
                    # parsed the signature dictionaries); older versions of an object as
                    # they were.
                    current = (
                        revision == last
                        or reader.xrefs.get_last_change(ref) == revision
                    )
                    obj = (
                        reader.get_object(ref)
                        if current
                        else reader.get_object(ref, revision=revision)
                    )
                except _Budget:
                    raise
                except (
                    Exception
                ):  # a broken object is not acted upon by a viewer either
                    continue
                _inspect(obj, found, state)
    except _Budget as bound:
        _logger.info("PDF inspection stopped at a bound: %s", bound)
        found.add("incomplete")
    except Exception as exc:  # an unreadable file cannot be said to be harmless
        _logger.info("PDF inspection failed: %s", exc)
        found.add("incomplete")
    return sorted(found, key=HAZARD_CODES.index)


class VnDocumentFile(models.Model):
    _inherit = "vn.document.file"

    hazards = fields.Char(
        string="Dangerous content",
        readonly=True,
        help="Active content found in the file when it was received (JavaScript, "
        "launch actions, embedded files, rich media, form submission or import). Such "
        "a file cannot be issued.",
    )

    @api.model
    def _vn_hazard_label(self, code):
        labels = {
            "javascript": _("JavaScript"),
            "launch": _("an action that launches a program"),
            "embedded_file": _("embedded files"),
            "rich_media": _("rich media (Flash, video)"),
            "submit_form": _("a form that sends data out"),
            "import_data": _("a form that imports data"),
            "incomplete": _("content that could not be fully inspected"),
        }
        return labels.get(code, code)

    def _vn_hazard_text(self):
        self.ensure_one()
        return ", ".join(
            self._vn_hazard_label(code)
            for code in (self.hazards or "").split(",")
            if code
        )

    @api.model
    def _vn_store(self, filename, data, owner, report, attachment=None):
        """Store with a sanitised name and the hazards found, whatever path the report
        came by (checked now, or copied from another checked original)."""
        report = dict(report)
        report["filename"] = sanitize_filename(report.get("filename") or filename)
        hazards = report.get("hazards")
        if hazards is None:
            hazards = (
                pdf_hazards(data) if report.get("mimetype") == "application/pdf" else []
            )
        stored = super()._vn_store(
            report["filename"], data, owner, report, attachment=attachment
        )
        if hazards:
            stored.sudo().write({"hazards": ",".join(hazards)})
        return stored

    def _vn_refuse_hazards(self):
        """Raise when a file carries active content (called before an outgoing document
        is issued)."""
        for record in self.sudo().filtered("hazards"):
            raise UserError(
                _(
                    "%(name)s contains %(hazards)s; such a file cannot be issued. "
                    "Export the document again as a plain PDF (without scripts, "
                    "attachments or media) and replace the file.",
                    name=record.name,
                    hazards=record._vn_hazard_text(),
                )
            )
        return True
