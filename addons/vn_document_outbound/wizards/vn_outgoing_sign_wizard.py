# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class VnOutgoingSignWizard(models.TransientModel):
    """Sign with one's own key: the signer's signature, the issue by the records clerk,
    or a copy.

    The passphrase or PIN is not a stored field: the button passes it in its
    context, as Odoo's own password check does (res.users.identitycheck), so it
    is never written to the database (R-US4).
    """

    _name = "vn.outgoing.sign.wizard"
    _description = "Sign an outgoing document"

    mode = fields.Selection(
        [
            ("sign", "Signer's signature"),
            ("issue", "Number and issue"),
            ("copy", "Copy"),
        ],
        required=True,
        default="sign",
    )
    document_id = fields.Many2one("vn.document.outgoing", ondelete="cascade")
    copy_id = fields.Many2one("vn.document.copy", ondelete="cascade")
    key_id = fields.Many2one(
        "vn.signing.key",
        domain="[('user_id', '=', uid), ('usage', '=', key_usage)]",
        default=lambda self: self._default_key(),
    )
    key_usage = fields.Char(compute="_compute_key_usage")
    key_kind = fields.Selection(related="key_id.kind")
    secret = fields.Char(string="Passphrase or PIN", store=False)
    signed_file = fields.Binary(string="File signed with the desktop tool")
    signed_filename = fields.Char()
    number_symbol = fields.Char(related="document_id.number_symbol")

    @api.depends("mode")
    def _compute_key_usage(self):
        for wizard in self:
            wizard.key_usage = "personal" if wizard.mode == "sign" else "agency"

    @api.model
    def _default_key(self):
        usage = (
            "personal"
            if self.env.context.get("default_mode", "sign") == "sign"
            else "agency"
        )
        return self.env["vn.signing.key"].search(
            [("user_id", "=", self.env.uid), ("usage", "=", usage)], limit=1
        )

    def action_sign(self):
        self.ensure_one()
        if self.mode == "copy" and self.copy_id.medium == "paper":
            self.copy_id._vn_make()
            return {"type": "ir.actions.act_window_close"}
        if not self.key_id:
            raise UserError(
                _(
                    "You have no signing key for this; ask the administrator to "
                    "register yours."
                )
            )
        secret = self.env.context.get("vn_signing_secret")
        if self.mode == "sign":
            if self.key_kind == "external":
                if not self.signed_file:
                    raise UserError(_("Upload the file signed with the desktop tool."))
                self.document_id._vn_sign_external(
                    self.key_id, base64.b64decode(self.signed_file)
                )
            else:
                self.document_id._vn_sign(self.key_id, secret)
        elif self.mode == "issue":
            self.document_id._vn_issue(self.key_id, secret)
        else:
            data = base64.b64decode(self.signed_file) if self.signed_file else None
            self.copy_id._vn_make(self.key_id, secret, self.signed_filename, data)
        return {"type": "ir.actions.act_window_close"}

    def action_download_prepared(self):
        self.ensure_one()
        return self.document_id.signing_file_id.action_download()
