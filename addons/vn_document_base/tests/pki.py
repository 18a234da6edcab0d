"""TEST public-key infrastructure for unit tests and demo data.

NEVER use these keys or certificates for anything real: the private keys are
generated on the fly and written unencrypted to disk.

Pure Python (``cryptography`` only at import time; ``pyhanko``/``asn1crypto``
are imported lazily by the conversion helpers).  No Odoo imports.

Usage::

    from odoo.addons.vn_document_base.tools import test_pki
    pki = test_pki.build_pki()               # cached per process
    pki["signer"]["cert"], pki["signer"]["key"], pki["crl"]
    paths = test_pki.write_pki("/tmp/pki")   # idempotent (marker .complete)
    signer = test_pki.pyhanko_signer(pki["signer"], pki["root"])
"""

import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

ORG_NAME = "Ủy ban nhân dân phường Bến Thành"
LOCALITY = "Thành phố Hồ Chí Minh"
TEST_PKI_ORG = "VN eDoc Test PKI"
# Never fetched (tests use allow_fetching=False and pass the CRL in), but a
# declared CDP is required for pyhanko-certvalidator's "soft-fail"/"hard-fail"
# modes to consult the supplied CRL at all.
CRL_URL = "http://pki.vn-edoc.test/crl.der"

# name -> (kind, CN, title, issuer)
END_ENTITIES = {
    "agency": ("organisation", ORG_NAME, None, "root"),
    "signer": ("individual", "Nguyễn Văn An", "Chủ tịch", "root"),
    "signer2": ("individual", "Trần Thị Bình", "Phó Chủ tịch", "root"),
    "revoked": ("individual", "Lê Văn Cường", "Chuyên viên", "root"),
    "rogue_signer": ("individual", "Phạm Văn Giả", "Chủ tịch", "rogue_root"),
}
ENTRY_NAMES = ("root", "rogue_root") + tuple(END_ENTITIES)
P12_NAMES = ("agency", "signer", "signer2")
MARKER = ".complete"

_PKI_CACHE = None


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _name(*attrs):
    return x509.Name([x509.NameAttribute(oid, value) for oid, value in attrs])


def _make_root(cn, org, not_before):
    key = _new_key()
    name = _name(
        (NameOID.COUNTRY_NAME, "VN"),
        (NameOID.ORGANIZATION_NAME, org),
        (NameOID.COMMON_NAME, cn),
    )
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + datetime.timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
            critical=False,
        )
        .sign(key, hashes.SHA256())
    )
    return {"key": key, "cert": cert}


def _make_end_entity(kind, cn, title, issuer, not_before):
    key = _new_key()
    attrs = [
        (NameOID.COUNTRY_NAME, "VN"),
        (NameOID.LOCALITY_NAME, LOCALITY),
        (NameOID.ORGANIZATION_NAME, ORG_NAME),
    ]
    if title:
        attrs.append((NameOID.TITLE, title))
    attrs.append((NameOID.COMMON_NAME, cn))
    issuer_cert = issuer["cert"]
    issuer_ski = issuer_cert.extensions.get_extension_for_class(
        x509.SubjectKeyIdentifier
    ).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(*attrs))
        .issuer_name(issuer_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(not_before)
        .not_valid_after(not_before + datetime.timedelta(days=5 * 365))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
            critical=False,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(issuer_ski),
            critical=False,
        )
    )
    if issuer.get("crl_url"):
        builder = builder.add_extension(
            x509.CRLDistributionPoints(
                [
                    x509.DistributionPoint(
                        full_name=[x509.UniformResourceIdentifier(issuer["crl_url"])],
                        relative_name=None,
                        reasons=None,
                        crl_issuer=None,
                    )
                ]
            ),
            critical=False,
        )
    cert = builder.sign(issuer["key"], hashes.SHA256())
    return {"key": key, "cert": cert, "kind": kind}


def _make_crl(root, revoked_certs, now):
    ski = (
        root["cert"].extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    )
    builder = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root["cert"].subject)
        .last_update(now - datetime.timedelta(hours=1))
        .next_update(now + datetime.timedelta(days=365))
        .add_extension(x509.CRLNumber(1), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski),
            critical=False,
        )
    )
    for cert in revoked_certs:
        builder = builder.add_revoked_certificate(
            x509.RevokedCertificateBuilder()
            .serial_number(cert.serial_number)
            .revocation_date(now - datetime.timedelta(hours=2))
            .add_extension(
                x509.CRLReason(x509.ReasonFlags.key_compromise), critical=False
            )
            .build()
        )
    return builder.sign(root["key"], hashes.SHA256())


def build_pki():
    """Return the (process-cached) TEST PKI.

    Dict with keys ``root``, ``rogue_root``, ``agency``, ``signer``,
    ``signer2``, ``revoked``, ``rogue_signer`` (each a dict with ``key`` =
    cryptography RSA private key and ``cert`` = ``x509.Certificate``;
    end entities also carry ``kind`` = "organisation"/"individual"; certs
    issued by ``root`` declare CRL_URL as CRL distribution point) and
    ``crl`` (``x509.CertificateRevocationList`` signed by root, revoking
    ``revoked``).
    """
    global _PKI_CACHE
    if _PKI_CACHE is not None:
        return _PKI_CACHE
    now = _now()
    not_before = now - datetime.timedelta(days=1)
    pki = {
        "root": dict(
            _make_root(
                "Test Root CA - VN eDoc (KHONG DUNG THAT)", TEST_PKI_ORG, not_before
            ),
            crl_url=CRL_URL,
        ),
        "rogue_root": _make_root(
            "Rogue Root CA (KHONG TIN CAY)", "Rogue Test PKI", not_before
        ),
    }
    for name, (kind, cn, title, issuer) in END_ENTITIES.items():
        pki[name] = _make_end_entity(kind, cn, title, pki[issuer], not_before)
    pki["crl"] = _make_crl(pki["root"], [pki["revoked"]["cert"]], now)
    _PKI_CACHE = pki
    return pki


def pki_paths(out_dir):
    """File layout used by :func:`write_pki` (name -> absolute path)."""
    out_dir = os.path.abspath(out_dir)
    paths = {
        "root": os.path.join(out_dir, "root.pem"),
        "root_der": os.path.join(out_dir, "root.der"),
        "root_key": os.path.join(out_dir, "root.key.pem"),
        "rogue_root": os.path.join(out_dir, "rogue_root.pem"),
        "rogue_root_key": os.path.join(out_dir, "rogue_root.key.pem"),
        "crl": os.path.join(out_dir, "crl.pem"),
        "crl_der": os.path.join(out_dir, "crl.der"),
    }
    for name in END_ENTITIES:
        paths[name] = os.path.join(out_dir, f"{name}.pem")
        paths[name + "_der"] = os.path.join(out_dir, f"{name}.der")
        paths[name + "_key"] = os.path.join(out_dir, f"{name}.key.pem")
    for name in P12_NAMES:
        paths[name + "_p12"] = os.path.join(out_dir, f"{name}.p12")
    paths["marker"] = os.path.join(out_dir, MARKER)
    return paths


def _write(path, data, mode=0o644):
    tmp = path + ".tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(tmp, mode)
    os.replace(tmp, path)


def write_pki(out_dir, passphrase=b"1234"):
    """Write the TEST PKI to ``out_dir`` and return ``{name: path}``.

    Idempotent: if ``out_dir/.complete`` exists nothing is generated or
    written (the existing files are kept, so they may come from an earlier
    process than :func:`build_pki`'s cache).
    """
    paths = pki_paths(out_dir)
    if os.path.exists(paths["marker"]) and all(
        os.path.exists(p) for p in paths.values()
    ):
        return paths
    os.makedirs(os.path.dirname(paths["marker"]), exist_ok=True)
    pki = build_pki()
    pem, der = serialization.Encoding.PEM, serialization.Encoding.DER

    def key_pem(key):
        return key.private_bytes(
            pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )

    for name in ("root", "rogue_root") + tuple(END_ENTITIES):
        entry = pki[name]
        _write(paths[name], entry["cert"].public_bytes(pem))
        _write(paths[name + "_key"], key_pem(entry["key"]), 0o600)
        if name + "_der" in paths:
            _write(paths[name + "_der"], entry["cert"].public_bytes(der))
    _write(paths["crl"], pki["crl"].public_bytes(pem))
    _write(paths["crl_der"], pki["crl"].public_bytes(der))
    encryption = (
        serialization.PrivateFormat.PKCS12.encryption_builder()
        .kdf_rounds(50000)
        .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
        .hmac_hash(hashes.SHA256())
        .build(passphrase)
    )
    for name in P12_NAMES:
        entry = pki[name]
        data = pkcs12.serialize_key_and_certificates(
            name.encode(),
            entry["key"],
            entry["cert"],
            [pki["root"]["cert"]],
            encryption,
        )
        _write(paths[name + "_p12"], data, 0o600)
    _write(paths["marker"], b"ok\n")
    return paths


# --- conversions for pyHanko / asn1crypto ----------------------------------


def asn1_cert(cert):
    """cryptography ``x509.Certificate`` -> ``asn1crypto.x509.Certificate``."""
    from asn1crypto import x509 as asn1_x509

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def asn1_crl(crl):
    """cryptography CRL -> ``asn1crypto.crl.CertificateList``."""
    from asn1crypto import crl as asn1_crl_mod

    return asn1_crl_mod.CertificateList.load(
        crl.public_bytes(serialization.Encoding.DER)
    )


def asn1_key(key):
    """cryptography private key -> ``asn1crypto.keys.PrivateKeyInfo``."""
    from asn1crypto import keys as asn1_keys

    return asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )


def pyhanko_signer(entry, root_entry):
    """In-memory ``pyhanko.sign.signers.SimpleSigner`` for ``entry``.

    The chain (``root_entry`` cert) is registered so it gets embedded in the
    CMS SignedData.
    """
    from pyhanko.sign import signers
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    return signers.SimpleSigner(
        signing_cert=asn1_cert(entry["cert"]),
        signing_key=asn1_key(entry["key"]),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1_cert(root_entry["cert"])]
        ),
    )


def validation_context(
    pki=None, trust=("root",), with_crl=True, revocation_mode="hard-fail"
):
    """Offline ``pyhanko_certvalidator.ValidationContext`` trusting ``root``."""
    from pyhanko_certvalidator import ValidationContext

    pki = pki or build_pki()
    kwargs = {
        "trust_roots": [asn1_cert(pki[name]["cert"]) for name in trust],
        "allow_fetching": False,
    }
    if with_crl:
        kwargs["crls"] = [asn1_crl(pki["crl"])]
        kwargs["revocation_mode"] = revocation_mode
    return ValidationContext(**kwargs)
