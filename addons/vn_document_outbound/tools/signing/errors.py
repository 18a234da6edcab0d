# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Errors of the signing engine: each carries a machine-readable ``code``."""


class PdfSigningError(Exception):
    """Base error; ``code`` is machine-readable, the message is for logs."""

    default_code = "error"

    def __init__(self, code=None, message=None):
        self.code = code or self.default_code
        super().__init__(message or self.code)


class SigningKeyError(PdfSigningError):
    """Key material problem: bad_passphrase, bad_file, no_token, bad_pin, no_key,
    token_busy, token_error."""

    default_code = "bad_file"


class PdfLayoutError(PdfSigningError):
    """Unusable PDF or geometry: encrypted, unreadable, bad_page, off_page,
    empty_text."""

    default_code = "layout"


class SigningStateError(PdfLayoutError):
    """Wrong document state: field_missing, already_signed, already_filled,
    signer_not_signed, not_first, certified, field_exists."""

    default_code = "bad_state"


class ExternalSignatureError(PdfSigningError):
    """File returned by a desktop signing tool: revision_changed, unreadable,
    no_signature, several_signatures, wrong_field, not_last, bad_signature."""

    default_code = "bad_signature"


class SignatureFailedError(PdfSigningError):
    """pyHanko refused or failed to sign (code signing_failed)."""

    default_code = "signing_failed"
