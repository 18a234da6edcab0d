# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Signing of outgoing e-documents (Decree 30/2020, Phụ lục I; QĐ Điều 11.5).

Flow for the main document, every step one incremental update:

1. :func:`layout.prepare_for_signing` draws the signature block (authority lines,
   signer name), creates ALL form fields (signer and agency signature fields,
   number and date text fields).  Fields must exist before the first
   signature: pyHanko rejects fields added after a certification signature.
2. :func:`sign.sign_as_signer` - certification signature (DocMDP FILL_FORMS) of
   the competent signer, appearance = the signer's image.
3. :func:`sign.fill_number_and_date` - the records clerk fills number and date
   (form filling, allowed by the certification).
4. :func:`sign.sign_as_agency` - approval signature of the agency, appearance =
   the seal, covering the left third of the signer's image.

Attachments in separate files and electronic copies get a text stamp at the
top right of page 1 (:func:`sign.sign_with_text_stamp`).  A file signed by a
desktop tool is checked by :func:`external.verify_external_signature`; key
material comes from :mod:`keys`.  Validation of signatures is not here: one
validator serves the whole suite (vn_document_base/tools/signature_validation.py).

Modules, each importing only those listed before it: ``errors``, ``fonts``,
``pdf`` (reading, writing, form fields), ``layout``, ``sign``, ``keys``,
``external``.  Importers name the module they use
(``from ..tools.signing import sign``); this file re-exports nothing.

Pure Python (pyHanko 0.28), no Odoo imports (``keys`` reads odoo.conf when Odoo is
there).  Errors raised to callers are :class:`errors.PdfSigningError` subclasses with
a machine-readable ``code``.
"""
