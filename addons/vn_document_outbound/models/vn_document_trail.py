# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

STEP_KINDS = [
    ("assign", "Drafting assigned"),
    ("version", "Version uploaded"),
    ("send_review", "Sent for review"),
    ("review", "Review comment"),
    ("send_head", "Sent to the head of the drafting unit"),
    ("return", "Sent back to the drafter"),
    ("approve_content", "Content approved"),
    ("approve_format", "Format approved"),
    ("approve_sign", "Approved by the signer"),
    ("sign", "Signed by the signer"),
    ("number", "Numbered"),
    ("agency_sign", "Agency signature"),
    ("issue", "Issued"),
    ("delivery", "Delivery"),
    ("paper_copy", "Paper master copy"),
    ("recall", "Recalled"),
    ("link", "Linked document"),
    ("register_correction", "Register entry corrected"),
]
APPROVAL_KINDS = ("approve_content", "approve_format", "approve_sign")


class VnDocumentTrail(models.Model):
    """The steps in the life of an outgoing document: who did what, when, on which
    version.

    The three approvals of ND 30 Điều 11–12 (content, format, signer) are steps
    too, so the record of them cannot drift from the trail (Phụ lục VI III.5.a).
    """

    _inherit = "vn.document.trail"

    kind = fields.Selection(
        selection_add=STEP_KINDS, ondelete={kind: "cascade" for kind, _ in STEP_KINDS}
    )
    version_id = fields.Many2one(
        "vn.document.outgoing.version", string="On version", readonly=True
    )
    # precomputed: part of the trail line's INSERT, not an UPDATE after it
    is_approval = fields.Boolean(
        string="Approval",
        compute="_compute_is_approval",
        store=True,
        precompute=True,
    )

    @api.depends("kind")
    def _compute_is_approval(self):
        for step in self:
            step.is_approval = step.kind in APPROVAL_KINDS
