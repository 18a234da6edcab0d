# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from odoo.addons.vn_document_base.models.vn_trusted_root import load_certificate

from ..tools.signing import errors, keys

KEY_KINDS = [
    ("pkcs12", "PKCS#12 file held by the agency"),
    ("pkcs11", "Token or HSM (PKCS#11)"),
    ("external", "Desktop signing tool (external signature)"),
]


def _key_error_message(env, code):
    messages = {
        "bad_passphrase": env._("The passphrase does not open this key file."),
        "bad_file": env._("The key file is not a PKCS#12 file."),
        "no_token": env._(
            "The token was not found: is it plugged in and is the module path right?"
        ),
        "bad_pin": env._("The PIN is wrong (several wrong PINs lock the token)."),
        "no_key": env._("The key was not found on the token."),
        "module_not_allowed": env._(
            "This PKCS#11 module is not on the list the system operator allows "
            "(vn_pkcs11_modules in odoo.conf, or VN_PKCS11_MODULES); it is not loaded."
        ),
    }
    return messages.get(code) or env._("The key could not be opened.")


class VnSigningKey(models.Model):
    """A signing key bound to one account (R-US4: nobody signs with another person's
    key).

    The PKCS#12 file stays encrypted with its passphrase, which is asked at each
    signing and never stored; the token's PIN likewise. Only the public
    certificate is kept in clear, to check that the key is the one registered.
    """

    _name = "vn.signing.key"
    _description = "Signing key"
    _inherit = "mail.thread"
    _order = "user_id, usage, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        string="Holder",
        required=True,
        index=True,
        tracking=True,
        help="The only account that may sign with this key.",
    )
    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
    )
    usage = fields.Selection(
        [
            ("personal", "Personal signature (competent signer)"),
            ("agency", "Agency signature (seal)"),
        ],
        string="Used for",
        required=True,
        default="personal",
        tracking=True,
    )
    kind = fields.Selection(KEY_KINDS, required=True, default="pkcs12", tracking=True)
    pkcs12_file = fields.Binary(
        string="PKCS#12 file (.p12, .pfx)",
        attachment=True,
        groups="vn_document_base.group_vn_document_admin",
    )
    # Only a module of the operator's allow-list (odoo.conf vn_pkcs11_modules or
    # VN_PKCS11_MODULES): loading a module runs its code in the server. Checked again
    # when the token is opened.
    pkcs11_module = fields.Selection(
        selection="_selection_pkcs11_module",
        string="PKCS#11 module",
        default=lambda self: next(iter(keys.allowed_pkcs11_modules()), False),
        help="The token's library, among those the system operator allows in odoo.conf "
        "(vn_pkcs11_modules) or in the environment (VN_PKCS11_MODULES).",
    )
    token_label = fields.Char(string="Token label")
    key_label = fields.Char(string="Key label on the token")
    certificate = fields.Binary(
        string="Certificate (PEM or DER)",
        attachment=False,
        help="Filled from the key when it is checked; for a desktop signing tool, "
        "upload the holder's certificate.",
    )
    certificate_subject = fields.Char(
        string="Certificate subject", compute="_compute_certificate", store=True
    )
    certificate_fingerprint = fields.Char(
        string="SHA-256 fingerprint",
        compute="_compute_certificate",
        store=True,
        index=True,
    )
    certificate_valid_to = fields.Datetime(
        string="Valid until", compute="_compute_certificate", store=True
    )
    active = fields.Boolean(default=True, tracking=True)
    # Typed in the form to check the key: saving opens the key once and records its
    # certificate.
    check_secret = fields.Char(
        string="Passphrase or PIN",
        store=False,
        compute="_compute_check_secret",
        inverse="_inverse_check_secret",
        help="Type it and save: the key is opened once to record its certificate. "
        "It is not stored.",
    )

    @api.model
    def _selection_pkcs11_module(self):
        return [(path, path) for path in keys.allowed_pkcs11_modules()]

    @api.depends("certificate")
    def _compute_certificate(self):
        for key in self:
            cert = key._asn1_certificate()
            key.certificate_subject = cert.subject.human_friendly if cert else False
            key.certificate_fingerprint = (
                hashlib.sha256(cert.dump()).hexdigest() if cert else False
            )
            key.certificate_valid_to = (
                cert.not_valid_after.replace(tzinfo=None) if cert else False
            )

    def _compute_check_secret(self):
        self.check_secret = False

    def _inverse_check_secret(self):
        for key in self.filtered("check_secret"):
            key.with_context(vn_signing_secret=key.check_secret).action_check_key()

    @api.constrains("kind", "pkcs11_module", "token_label", "key_label", "certificate")
    def _check_kind(self):
        for key in self:
            if key.kind == "pkcs11" and not (
                key.pkcs11_module and key.token_label and key.key_label
            ):
                raise ValidationError(
                    _(
                        "A token key needs the module, the token label and the key "
                        "label."
                    )
                )
            if (
                key.kind == "pkcs11"
                and key.pkcs11_module not in keys.allowed_pkcs11_modules()
            ):
                raise ValidationError(
                    _key_error_message(self.env, "module_not_allowed")
                )
            if key.kind == "external" and not key.certificate:
                raise ValidationError(
                    _("For a desktop signing tool, upload the holder's certificate.")
                )
            if key.certificate and not key._asn1_certificate():
                raise ValidationError(
                    _("The certificate is not an X.509 certificate in PEM or DER form.")
                )

    def _asn1_certificate(self):
        self.ensure_one()
        if not self.certificate:
            return None
        try:
            cert = load_certificate(base64.b64decode(self.certificate))
            # asn1crypto parses lazily: a broken file fails here, not later
            _subject = cert.subject.native
        except Exception:
            return None
        return cert

    # ------------------------------------------------------------------
    # Opening the key (at signing time only)
    # ------------------------------------------------------------------
    def _check_holder(self):
        """Refuse anyone but the holder, whatever their rights (R-US4)."""
        self.ensure_one()
        if self.user_id != self.env.user or not self.active:
            raise AccessError(
                _("You can only sign with a key bound to your own account.")
            )

    def _open(self, secret):
        """A context manager yielding a pyHanko signer; ``secret`` is the passphrase or
        PIN.

        The certificate inside the key must be the registered one, so that a
        file or token swapped behind the administrator's back is refused.
        """
        self.ensure_one()
        self._check_holder()
        if self.kind == "external":
            raise UserError(
                _(
                    "This key is used with a desktop signing tool: download the file "
                    "and sign it there."
                )
            )
        return _OpenedKey(self, secret)

    def action_check_key(self):
        """Open the key once with the passphrase or PIN given in the context and record
        its certificate."""
        for key in self:
            if key.kind == "external":
                continue
            with _OpenedKey(
                key, self.env.context.get("vn_signing_secret"), check_certificate=False
            ) as signer:
                der = keys.signer_certificate_der(signer)
            key.certificate = base64.b64encode(der)
        return True


class _OpenedKey:
    def __init__(self, key, secret, check_certificate=True):
        self.key, self.secret, self.check_certificate = key, secret, check_certificate
        self._context = None

    def __enter__(self):
        key = self.key.sudo()
        if not self.secret:
            raise UserError(self.key.env._("Enter the passphrase or PIN of the key."))
        try:
            if key.kind == "pkcs12":
                # Signing reuses a key this process opened lately with the same
                # passphrase (keys.Pkcs12Cache); checking a key always opens it.
                load = (
                    keys.cached_pkcs12_signer
                    if self.check_certificate
                    else keys.load_pkcs12_signer
                )
                signer = load(base64.b64decode(key.pkcs12_file or b""), self.secret)
            else:
                self._context = keys.pkcs11_signer(
                    key.pkcs11_module, key.token_label, key.key_label, self.secret
                )
                signer = self._context.__enter__()
        except errors.SigningKeyError as error:
            raise UserError(_key_error_message(key.env, error.code)) from None
        if self.check_certificate:
            der = keys.signer_certificate_der(signer)
            if hashlib.sha256(der).hexdigest() != key.certificate_fingerprint:
                self.__exit__(None, None, None)
                raise UserError(
                    self.key.env._(
                        "The key does not hold the certificate registered for it; ask "
                        "the administrator to check the key."
                    )
                )
        return signer

    def __exit__(self, *exc):
        if self._context is not None:
            context, self._context = self._context, None
            return context.__exit__(*exc)
        return False
