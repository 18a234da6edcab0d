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
    def check_batch(self, files, scan_policy=None):
        """Check every ``(filename, data)`` of ``files``, stopping at none.

        Returns ``(checked, refused)``: ``(filename, data, report)`` for each file that
        passed, and the reason (in the user's language) for each one refused.
        ``scan_policy``: the files are scans (see ``vn.file.check.check``).
        """
        checked, refused = [], []
        for filename, data in files:
            try:
                report = self.env["vn.file.check"].check(
                    filename, data, scan_policy=scan_policy
                )
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
    def take_in(self, files, owner, scan=False):
        """Check every ``(filename, data)`` of ``files``, then store them all as
        originals of ``owner``. When any is refused, none is stored and
        ``FileCheckError`` gives every reason. ``scan``: the files are scans, judged
        under the policy of ``owner``'s agency."""
        checked, refused = self.check_batch(
            files, scan_policy=self._scan_policy(owner) if scan else None
        )
        if refused:
            raise FileCheckError("; ".join(refused))
        return self.store_batch(checked, owner)

    @api.model
    @api.private
    def take_in_uploads(self, uploads, owner, scan=False):
        """``take_in`` for files uploaded as attachments: each upload, once checked,
        becomes the stored original itself (no second copy of the same bytes to write,
        hash and delete)."""
        files = [(attachment.name, attachment.raw) for attachment in uploads]
        checked, refused = self.check_batch(
            files, scan_policy=self._scan_policy(owner) if scan else None
        )
        if refused:
            raise FileCheckError("; ".join(refused))
        return self.store_batch(checked, owner, uploads=uploads)

    @api.model
    def _scan_policy(self, owner):
        """What the agency owning ``owner`` does with a scan failing ND 30 Phụ lục I
        (res.company.vn_scan_policy)."""
        owner = owner.sudo()
        company = (
            owner.company_id
            if "company_id" in owner._fields and owner.company_id
            else self.env.company
        )
        return company.vn_scan_policy or "warn"
