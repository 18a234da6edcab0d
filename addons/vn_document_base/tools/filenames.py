# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""File names as the suite stores and sends them (R-SEC2).

A name chosen by a sender reaches the filestore's attachment names, edXML
packages and Content-Disposition headers: it must be a plain base name, short,
without control characters or the characters Windows and HTTP headers refuse.
Pure Python, no Odoo imports.
"""

import unicodedata

MAX_LENGTH = 150
MAX_EXTENSION = 16
DEFAULT_STEM = "tep"  # "tệp" (file) without its accent, safe everywhere
FORBIDDEN = set('/\\:*?"<>|')
# Cc: control characters (NUL, tab, newline, DEL, C1); Cf: invisible format characters
# such as U+202E RIGHT-TO-LEFT OVERRIDE, which makes "hoadon\u202efdp.exe" look like
# "hoadonexe.pdf"; Zl, Zp: line and paragraph separators; Cs, Co, Cn: surrogates,
# private use, unassigned.
DROPPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"}


def _split_extension(name):
    """(stem, extension with its dot) when the name ends with a short alphanumeric
    extension."""
    dot = name.rfind(".")
    if dot < 0:
        return name, ""
    extension = name[dot + 1 :]
    if 1 <= len(extension) <= MAX_EXTENSION and extension.isalnum():
        return name[:dot], "." + extension
    return name, ""


def sanitize_filename(name):
    """A safe base name for ``name``.

    - only the base name: any directory part (``/``, ``\\``, ``../``) is dropped;
    - control and invisible format characters and ``/\\:*?"<>|`` are removed, runs of
      white space become one space, leading and trailing spaces and dots are removed;
    - Unicode NFC, so Vietnamese letters are kept and compare equal however they were
    typed;
    - at most 150 characters, the extension kept;
    - nothing left: ``tep`` with the extension, or ``tep``.
    """
    if isinstance(name, bytes):
        name = name.decode("utf-8", "replace")
    name = unicodedata.normalize("NFC", name if isinstance(name, str) else "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(
        char
        for char in name
        if char not in FORBIDDEN
        and unicodedata.category(char) not in DROPPED_CATEGORIES
    )
    name = " ".join(name.split())
    stem, extension = _split_extension(name.rstrip(" .").lstrip(" "))
    stem = stem.strip(" .")
    stem = stem[: MAX_LENGTH - len(extension)].rstrip(" .")
    return unicodedata.normalize("NFC", (stem or DEFAULT_STEM) + extension)
