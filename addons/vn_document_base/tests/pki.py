# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""TEST public-key infrastructure of the tests and of the demo.

scripts/setup/make_test_ca.py writes it for the demo.

NEVER use these keys or certificates for anything real: the private keys are
generated on the fly and written unencrypted to disk.

Pure Python (``cryptography`` only at import time; ``pyhanko``/``asn1crypto``
are imported lazily by the conversion helpers).  No Odoo imports.

Usage::

    from odoo.addons.vn_document_base.tests import pki
    ca = pki.build_pki()                     # cached per process
    ca["signer"]["cert"], ca["signer"]["key"], ca["crl"]
    paths = pki.pki_files()                  # on disk: pki.pki_dir(), once per process
    token = pki.softhsm_token()              # SoftHSM token "vn-edoc-test" there
    signer = pki.pyhanko_signer(ca["signer"], ca["root"])
"""

import atexit
import datetime
import os
import shutil
import subprocess
import tempfile

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
PASSPHRASE = "1234"  # of the PKCS#12 files
MARKER = ".complete"

# The SoftHSM token: user PIN, SO PIN, and the keys it holds (name, PKCS#11 id)
TOKEN_LABEL = "vn-edoc-test"
USER_PIN = "1234"
SO_PIN = "5678"
TOKEN_KEYS = (("signer", "01"), ("agency", "02"))
SOFTHSM_MODULES = (
    "/usr/lib/softhsm/libsofthsm2.so",
    "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so",
)

_PKI_CACHE = None
_DIR_CACHE = None
_TOKEN_CACHE = None


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


# --- on disk, and on a SoftHSM token ---------------------------------------


def pki_dir():
    """Folder holding :func:`build_pki` written out (:func:`write_pki`), made once
    per process in the temporary directory and removed at exit."""
    global _DIR_CACHE
    if _DIR_CACHE is None:
        folder = tempfile.mkdtemp(prefix="vn-test-pki-")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        write_pki(folder)
        _DIR_CACHE = folder
    return _DIR_CACHE


def pki_files():
    """``{name: path}`` of the files in :func:`pki_dir` (see :func:`pki_paths`)."""
    return pki_paths(pki_dir())


def softhsm_module():
    """Path of the SoftHSM2 PKCS#11 library, or None."""
    return next((path for path in SOFTHSM_MODULES if os.path.exists(path)), None)


def softhsm_missing():
    """Why no SoftHSM token can be made here, or None (tests skip with it)."""
    missing = [
        tool for tool in ("softhsm2-util", "pkcs11-tool") if not shutil.which(tool)
    ]
    if not softhsm_module():
        missing.append("libsofthsm2 (" + " or ".join(SOFTHSM_MODULES) + ")")
    return "not installed: " + ", ".join(missing) if missing else None


def _run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode:
        shown = " ".join("****" if c in (USER_PIN, SO_PIN) else c for c in cmd)
        raise RuntimeError(f"{shown} -> rc={result.returncode}\n{result.stderr}")
    return result.stdout


def softhsm_conf(token_dir):
    """Text of a SoftHSM2 configuration keeping its tokens in ``token_dir``."""
    return (
        f"directories.tokendir = {token_dir}\nobjectstore.backend = file\n"
        "log.level = ERROR\nslots.removable = false\n"
    )


def softhsm_token():
    """The token "vn-edoc-test" holding the ``signer`` and ``agency`` keys of
    :func:`build_pki`, made once per process in :func:`pki_files`' folder with its
    own softhsm2.conf; ``SOFTHSM2_CONF`` of this process points at it.

    Returns ``{"module", "label", "pin", "conf"}``; raises RuntimeError when SoftHSM
    is missing (see :func:`softhsm_missing`).
    """
    global _TOKEN_CACHE
    if _TOKEN_CACHE is not None:
        os.environ["SOFTHSM2_CONF"] = _TOKEN_CACHE["conf"]
        return _TOKEN_CACHE
    reason = softhsm_missing()
    if reason:
        raise RuntimeError(f"SoftHSM token not available: {reason}")
    paths = pki_files()
    folder = pki_dir()
    token_dir = os.path.join(folder, "softhsm-tokens")
    os.makedirs(token_dir, mode=0o700, exist_ok=True)
    conf = os.path.join(folder, "softhsm2.conf")
    with open(conf, "w", encoding="utf-8") as fh:
        fh.write(softhsm_conf(token_dir))
    os.environ["SOFTHSM2_CONF"] = conf
    module = softhsm_module()
    # The process that made the token may load its module (the allow-list of
    # keys.allowed_pkcs11_modules also reads the environment).
    listed = os.environ.get("VN_PKCS11_MODULES", "")
    if module not in listed.replace(",", ":").split(":"):
        os.environ["VN_PKCS11_MODULES"] = ":".join(p for p in (listed, module) if p)
    fill_token(paths, module)
    _TOKEN_CACHE = {
        "module": module,
        "label": TOKEN_LABEL,
        "pin": USER_PIN,
        "conf": conf,
    }
    return _TOKEN_CACHE


def token_exists():
    """Whether the SoftHSM of ``SOFTHSM2_CONF`` has the token TOKEN_LABEL."""
    return any(
        line.strip().startswith("Label:")
        and line.split(":", 1)[1].strip() == TOKEN_LABEL
        for line in _run(["softhsm2-util", "--show-slots"]).splitlines()
    )


def token_objects(module):
    """Set of (type, label, id) on the token, e.g. ("privkey", "signer", "01")."""
    out = _run(
        ["pkcs11-tool", "--module", module, "--token-label", TOKEN_LABEL]
        + ["--login", "--pin", USER_PIN, "--list-objects"]
    )
    kinds = {
        "private key object": "privkey",
        "public key object": "pubkey",
        "certificate object": "cert",
    }
    objects, current = set(), None
    for line in out.splitlines():
        if not line.startswith(" "):
            if current:
                objects.add(tuple(current))
            kind = line.split(";")[0].strip().lower()
            current = [kinds.get(kind, kind), None, None]
        elif current is not None:
            key, _sep, value = line.strip().partition(":")
            if key == "label":
                current[1] = value.strip()
            elif key == "ID":
                current[2] = value.strip().lower()
    if current:
        objects.add(tuple(current))
    return objects


def fill_token(paths, module, fresh=False, log=lambda message: None):
    """Create the token TOKEN_LABEL (in ``SOFTHSM2_CONF``'s SoftHSM) and put the
    TOKEN_KEYS of the PKI files ``paths`` on it; what is there already is kept,
    unless ``fresh`` (new keys: the token is made again)."""
    exists = token_exists()
    if exists and fresh:
        _run(["softhsm2-util", "--delete-token", "--token", TOKEN_LABEL])
        log(f"token {TOKEN_LABEL!r}: deleted (PKI was regenerated)")
        exists = False
    if exists:
        log(f"token {TOKEN_LABEL!r}: exists")
    else:
        _run(
            ["softhsm2-util", "--init-token", "--free", "--label", TOKEN_LABEL]
            + ["--pin", USER_PIN, "--so-pin", SO_PIN]
        )
        log(f"token {TOKEN_LABEL!r}: initialised")
    objects = token_objects(module)
    for name, hex_id in TOKEN_KEYS:
        if ("privkey", name, hex_id) in objects:
            log(f"key {name} (id {hex_id}): present")
        else:
            _run(
                ["softhsm2-util", "--import", paths[name + "_key"]]
                + ["--token", TOKEN_LABEL, "--label", name, "--id", hex_id]
                + ["--pin", USER_PIN]
            )
            log(f"key {name} (id {hex_id}): imported")
        if ("cert", name, hex_id) in objects:
            log(f"cert {name} (id {hex_id}): present")
        else:
            _run(
                ["pkcs11-tool", "--module", module, "--token-label", TOKEN_LABEL]
                + ["--login", "--pin", USER_PIN, "--write-object"]
                + [paths[name + "_der"], "--type", "cert", "--id", hex_id]
                + ["--label", name]
            )
            log(f"cert {name} (id {hex_id}): written")
    objects = token_objects(module)
    missing = [
        (kind, name, hex_id)
        for name, hex_id in TOKEN_KEYS
        for kind in ("privkey", "cert")
        if (kind, name, hex_id) not in objects
    ]
    if missing:
        raise RuntimeError(f"token incomplete, missing {missing}")


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
