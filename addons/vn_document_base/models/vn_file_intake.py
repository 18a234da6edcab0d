# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models

from .vn_file_check import FileCheckError


class VnFileIntake(models.AbstractModel):
    """Taking in a batch of files (an upload, an e-mail, an LGSP package): every file
    goes through the checks of ``vn.file.check`` first, then all are stored as
    originals of their document, or none is.

    The methods are the suite's service API, private to RPC (``@api.private``): a
    report of the checks must never come from a client.
    """

    _name = "vn.file.intake"
    _description = "Intake of a batch of files (all or none)"

    @api.model
    @api.private
    def check_batch(self, files):
        """Check every ``(filename, data)`` of ``files``, stopping at none.

        Returns ``(checked, refused)``: ``(filename, data, report)`` for each file that
        passed, and the reason (in the user's language) for each one refused.
        """
        checked, refused = [], []
        for filename, data in files:
            try:
                report = self.env["vn.file.check"].check(filename, data)
            except FileCheckError as error:
                refused.append(str(error))
            else:
                checked.append((filename, data, report))
        return checked, refused

    @api.model
    @api.private
    def store_batch(self, checked, owner, uploads=None):
        """Store the files ``check_batch`` passed as originals of ``owner``; returns
        the ``vn.document.file`` records. ``uploads``: the attachments the files were
        read from, in the same order, which become the originals themselves."""
        Files = self.env["vn.document.file"]
        stored = Files
        attachments = list(uploads) if uploads is not None else [None] * len(checked)
        for (filename, data, report), attachment in zip(
            checked, attachments, strict=True
        ):
            stored |= Files._vn_store(
                filename, data, owner, report, attachment=attachment
            )
        return stored

    @api.model
    @api.private
    def take_in(self, files, owner):
        """Check every ``(filename, data)`` of ``files``, then store them all as
        originals of ``owner``. When any is refused, none is stored and
        ``FileCheckError`` gives every reason."""
        checked, refused = self.check_batch(files)
        if refused:
            raise FileCheckError("; ".join(refused))
        return self.store_batch(checked, owner)

    @api.model
    @api.private
    def take_in_uploads(self, uploads, owner):
        """``take_in`` for files uploaded as attachments: each upload, once checked,
        becomes the stored original itself (no second copy of the same bytes to write,
        hash and delete)."""
        files = [(attachment.name, attachment.raw) for attachment in uploads]
        checked, refused = self.check_batch(files)
        if refused:
            raise FileCheckError("; ".join(refused))
        return self.store_batch(checked, owner, uploads=uploads)
