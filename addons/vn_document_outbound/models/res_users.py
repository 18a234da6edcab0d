# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command, fields, models

AUTHORITY_MARKS = [
    ("none", "Signs in own right"),
    ("KT", "KT. (on behalf of the head)"),
    ("TM", "TM. (for a collective body)"),
    ("Q", "Q. (acting head)"),
    ("TL", "TL. (on the head's instruction)"),
    ("TUQ", "TUQ. (by written authorisation)"),
]


class ResUsers(models.Model):
    """How a person signs: the authority mark and title of the signature block (ND 30
    Điều 13) and the image of the handwritten signature (Phụ lục I, ô 7c)."""

    _inherit = "res.users"

    vn_signature_image = fields.Image(
        string="Signature image",
        max_width=1200,
        max_height=600,
        help="The handwritten signature: blue, PNG with a transparent background.",
    )
    vn_signing_authority = fields.Selection(
        AUTHORITY_MARKS,
        string="Authority mark",
        default="none",
        required=True,
    )
    vn_signing_principal = fields.Char(
        string="Signs for",
        help="The head or the collective body the mark refers to, "
        'e.g. "CHỦ TỊCH" after KT. or "ỦY BAN NHÂN DÂN" after TM.',
    )
    vn_signing_title = fields.Char(
        string="Title in the signature block", help='e.g. "PHÓ CHỦ TỊCH".'
    )
    vn_signing_key_ids = fields.One2many(
        "vn.signing.key", "user_id", string="Signing keys"
    )

    def _vn_signature_block_lines(self):
        """The lines above the signature: mark and principal, then the title
        (uppercase)."""
        self.ensure_one()
        title = (self.vn_signing_title or "").upper()
        principal = (self.vn_signing_principal or "").upper()
        mark = self.vn_signing_authority
        if mark == "none" or not mark:
            return [title or principal]
        if mark == "Q":
            return [f"Q. {title or principal}"]
        lines = [f"{mark}. {principal}".strip()]
        if title:
            lines.append(title)
        return lines

    def _vn_open_drafts(self):
        """Outgoing documents not yet issued in which this account holds a role."""
        return (
            self.env["vn.document.outgoing"]
            .sudo()
            .search(
                [
                    (
                        "state",
                        "in",
                        ("draft", "review", "head_review", "format_check", "to_sign"),
                    ),
                    "|",
                    "|",
                    "|",
                    "|",
                    ("drafter_id", "=", self.id),
                    ("reviewer_ids", "in", self.id),
                    ("content_approver_id", "=", self.id),
                    ("format_checker_id", "=", self.id),
                    ("signer_id", "=", self.id),
                ]
            )
        )

    def _vn_open_work_count(self):
        return super()._vn_open_work_count() + len(self._vn_open_drafts())

    def _vn_handover_work(self, successor):
        """The roles in unissued outgoing documents go to the successor (R-US3); signing
        keys are archived, never handed over (R-US4)."""
        lines = super()._vn_handover_work(successor)
        drafts = self._vn_open_drafts()
        for field in (
            "drafter_id",
            "content_approver_id",
            "format_checker_id",
            "signer_id",
        ):
            drafts.filtered(lambda d, field=field: d[field] == self).write(
                {field: successor.id}
            )
        for doc in drafts.filtered(lambda d: self in d.reviewer_ids):
            doc.reviewer_ids = [Command.unlink(self.id), Command.link(successor.id)]
        for doc in drafts:
            doc._step(
                "assign",
                self.env._(
                    "Handed over from %(old)s to %(new)s",
                    old=self.name,
                    new=successor.name,
                ),
            )
        self.env["vn.signing.key"].sudo().search(
            [("user_id", "=", self.id)]
        ).active = False
        return lines + [self.env._("%(count)s outgoing drafts", count=len(drafts))]
