# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import hashlib
import logging
import os

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError

_logger = logging.getLogger(__name__)


def load_certificate(data):
    """An asn1crypto certificate from PEM or DER bytes."""
    from asn1crypto import pem, x509

    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    return x509.Certificate.load(data)


def load_crl(data):
    from asn1crypto import crl, pem

    if pem.detect(data):
        _type, _headers, data = pem.unarmor(data)
    return crl.CertificateList.load(data)


class VnTrustedRoot(models.Model):
    """A root certificate the agency trusts for signatures (R-LV5).

    Never hard-coded: the administrator loads the government specialised CA
    (Ban Cơ yếu Chính phủ) and the national root for public CAs.
    """

    _name = "vn.trusted.root"
    _description = "Trusted root certificate"
    _inherit = "mail.thread"
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    certificate = fields.Binary(
        string="Certificate (PEM or DER)", required=True, attachment=False
    )
    certificate_filename = fields.Char()
    crl = fields.Binary(
        string="Revocation list (CRL)",
        attachment=False,
        help="Local revocation data for certificates issued under this root, for "
        "agencies that cannot reach the CA online.",
    )
    crl_filename = fields.Char()
    subject = fields.Char(compute="_compute_certificate_info", store=True)
    fingerprint = fields.Char(
        string="SHA-256 fingerprint",
        compute="_compute_certificate_info",
        store=True,
        index=True,
    )
    valid_from = fields.Datetime(compute="_compute_certificate_info", store=True)
    valid_to = fields.Datetime(compute="_compute_certificate_info", store=True)
    active = fields.Boolean(default=True, tracking=True)

    _fingerprint_unique = models.UniqueIndex(
        "(fingerprint) WHERE active", "This certificate is already trusted."
    )

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()  # the parsed validation material
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()

    @api.depends("certificate")
    def _compute_certificate_info(self):
        for root in self:
            cert = root._asn1_certificate(raise_error=False)
            root.subject = cert.subject.human_friendly if cert else False
            root.fingerprint = (
                hashlib.sha256(cert.dump()).hexdigest() if cert else False
            )
            root.valid_from = (
                cert.not_valid_before.replace(tzinfo=None) if cert else False
            )
            root.valid_to = cert.not_valid_after.replace(tzinfo=None) if cert else False

    @api.constrains("certificate", "crl")
    def _check_certificate(self):
        for root in self:
            cert = root._asn1_certificate(raise_error=False)
            if not cert:
                raise ValidationError(
                    _("The file is not an X.509 certificate in PEM or DER form.")
                )
            if not cert.ca:
                raise ValidationError(
                    _(
                        "%(subject)s is not a certificate authority.",
                        subject=cert.subject.human_friendly,
                    )
                )
            if root.crl and not root._asn1_crl():
                raise ValidationError(
                    _("The revocation list is not a CRL in PEM or DER form.")
                )

    def _asn1_certificate(self, raise_error=True):
        self.ensure_one()
        if not self.certificate:
            return None
        try:
            return load_certificate(base64.b64decode(self.certificate))
        except Exception:
            if raise_error:
                raise
            return None

    def _asn1_crl(self):
        self.ensure_one()
        try:
            return load_crl(base64.b64decode(self.crl)) if self.crl else None
        except Exception:
            return None

    @api.model
    def _validation_material(self):
        """(certificates, CRLs) of every active trusted root.

        Parsed once per process and per state of the roots: the key is every active
        root's id and last write, read in this transaction, so a change made by
        another worker (or rolled back) is seen at once; a change in this worker also
        clears the cache (several changes in one transaction share a write date)."""
        self.env.cr.execute(
            "SELECT id, write_date FROM vn_trusted_root WHERE active ORDER BY id"
        )
        certs, crls = self._vn_parsed_material(tuple(self.env.cr.fetchall()))
        return list(certs), list(crls)

    @tools.ormcache("state")
    def _vn_parsed_material(self, state):
        roots = self.sudo().browse([root_id for root_id, _date in state])
        certs = tuple(
            c
            for c in (root._asn1_certificate(raise_error=False) for root in roots)
            if c
        )
        crls = tuple(c for c in (root._asn1_crl() for root in roots) if c)
        return certs, crls

    @api.model
    def _vn_demo_load_test_root(self):
        """Demo data only: trust the project's test CA.

        The CA is made by scripts/setup/make_test_ca.py."""
        path = os.path.join(os.environ.get("VN_PKI_DIR", ""), "root.pem")
        if not os.environ.get("VN_PKI_DIR") or not os.path.exists(path):
            _logger.warning(
                "Test CA not found (VN_PKI_DIR=%s); demo trusts no root",
                os.environ.get("VN_PKI_DIR"),
            )
            return
        crl_path = os.path.join(os.environ["VN_PKI_DIR"], "crl.pem")
        with open(path, "rb") as f:
            values = {
                "name": "VN eDoc Test Root CA (demo only)",
                "certificate": base64.b64encode(f.read()),
            }
        if os.path.exists(crl_path):
            with open(crl_path, "rb") as f:
                values["crl"] = base64.b64encode(f.read())
        self.create(values)
