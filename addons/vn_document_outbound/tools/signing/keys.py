# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Key material: PKCS#12 files and PKCS#11 tokens (allow-listed modules, one turn per
token and process)."""

import collections
import contextlib
import hashlib
import hmac
import os
import secrets
import threading
import time

from pyhanko.sign import signers
from pyhanko.sign.general import SigningError

from .errors import SigningKeyError

TOKEN_WAIT_SECONDS = 120
_TOKEN_LOCKS = {}
_TOKEN_LOCKS_GUARD = threading.Lock()


def _asn1_cert(cert):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives import serialization

    return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))


def _looks_like_pkcs12(data):
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        _version = pfx["version"].native  # forces parsing
        return pfx["auth_safe"]["content_type"].native in ("data", "signed_data")
    except (ValueError, TypeError, KeyError):
        return False


class _KeySigner(signers.SimpleSigner):
    """SimpleSigner that keeps the parsed private key.

    pyHanko 0.28 re-parses (and re-checks) the DER key at every raw signature,
    twice per PDF signature (size estimate + real one): ~30 ms each for RSA.
    """

    def __init__(self, *, private_key, **kwargs):
        super().__init__(**kwargs)
        self._private_key = private_key

    def sign_raw(self, data, digest_algorithm):
        from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
        from pyhanko.sign.general import get_pyca_cryptography_hash

        mechanism = self.get_signature_mechanism_for_digest(
            digest_algorithm
        ).signature_algo
        key = self._private_key
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        if mechanism == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPrivateKey):
            return key.sign(data, padding.PKCS1v15(), hash_algo)
        if mechanism == "ecdsa" and isinstance(key, ec.EllipticCurvePrivateKey):
            return key.sign(data, ec.ECDSA(hash_algo))
        return super().sign_raw(data, digest_algorithm)


def _load_pkcs12(data, passphrase):
    from cryptography.hazmat.primitives.serialization import pkcs12

    candidates = [passphrase.encode("utf-8")] if passphrase else [None, b""]
    error = None
    for password in candidates:
        try:
            return pkcs12.load_key_and_certificates(data, password)
        except (ValueError, TypeError) as exc:
            error = exc
    if not _looks_like_pkcs12(data):
        raise SigningKeyError("bad_file", "not a PKCS#12 file")
    raise SigningKeyError("bad_passphrase", str(error))


def load_pkcs12_signer(data, passphrase):
    """pyHanko SimpleSigner from PKCS#12 bytes; its chain certificates get embedded."""
    from asn1crypto import keys as asn1_keys
    from cryptography.hazmat.primitives import serialization
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    if not data:
        raise SigningKeyError("bad_file", "empty file")
    key, cert, chain = _load_pkcs12(data, passphrase)
    if key is None or cert is None:
        raise SigningKeyError(
            "no_key", "the PKCS#12 file holds no private key with its certificate"
        )
    key_info = asn1_keys.PrivateKeyInfo.load(
        key.private_bytes(
            serialization.Encoding.DER,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return _KeySigner(
        private_key=key,
        signing_cert=_asn1_cert(cert),
        signing_key=key_info,
        cert_registry=SimpleCertificateStore.from_certs(
            [_asn1_cert(c) for c in chain or ()]
        ),
    )


PKCS12_CACHE_OPTION = "vn_pkcs12_cache_seconds"
PKCS12_CACHE_SECONDS = 600
PKCS12_CACHE_SIZE = 32


class Pkcs12Cache:
    """PKCS#12 keys opened in this process, kept for ``ttl`` seconds.

    Opening a .p12 derives its keys three times (PBKDF2, 50,000 rounds for the test
    files): about 30 ms per file, twice per issued document. An entry is found only
    with the same file AND the same passphrase: its key is an HMAC of both under a
    random secret of this process, so the passphrase itself is not kept, and a wrong
    passphrase never matches an entry and still pays the whole derivation (guessing
    is not made cheaper). The holder and certificate checks of the caller run at
    every signing as before.
    """

    def __init__(self, size=PKCS12_CACHE_SIZE, clock=time.monotonic):
        self._secret = secrets.token_bytes(32)
        self._entries = collections.OrderedDict()
        self._lock = threading.Lock()
        self._size, self._clock = size, clock

    def _entry_key(self, data, passphrase):
        message = hashlib.sha256(data).digest() + (passphrase or "").encode("utf-8")
        return hmac.new(self._secret, message, hashlib.sha256).digest()

    def signer(self, data, passphrase, ttl):
        """The signer of ``load_pkcs12_signer(data, passphrase)``, opened at most once
        per ``ttl`` seconds (0: every time, nothing kept)."""
        if ttl <= 0:
            return load_pkcs12_signer(data, passphrase)
        entry_key = self._entry_key(data, passphrase)
        now = self._clock()
        with self._lock:
            found = self._entries.get(entry_key)
            if found and found[0] > now:
                return found[1]
        signer = load_pkcs12_signer(data, passphrase)  # raises on a wrong passphrase
        with self._lock:
            self._entries[entry_key] = (now + ttl, signer)
            self._entries.move_to_end(entry_key)
            for old_key in [
                k for k, (until, _s) in self._entries.items() if until <= now
            ]:
                del self._entries[old_key]
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return signer

    def clear(self):
        with self._lock:
            self._entries.clear()


PKCS12_CACHE = Pkcs12Cache()


def pkcs12_cache_seconds():
    """How long an opened PKCS#12 key stays in the process: the
    ``vn_pkcs12_cache_seconds`` option of odoo.conf (0 turns the cache off), else
    600 seconds."""
    try:
        from odoo.tools import config
    except ImportError:  # outside Odoo
        config = {}
    value = config.get(PKCS12_CACHE_OPTION)
    try:
        return float(value) if value not in (None, "") else PKCS12_CACHE_SECONDS
    except (TypeError, ValueError):
        return PKCS12_CACHE_SECONDS


def cached_pkcs12_signer(data, passphrase):
    """``load_pkcs12_signer`` through the process's cache (see ``Pkcs12Cache``)."""
    return PKCS12_CACHE.signer(data, passphrase, pkcs12_cache_seconds())


PKCS11_MODULES_OPTION = "vn_pkcs11_modules"
PKCS11_MODULES_ENV = "VN_PKCS11_MODULES"


def allowed_pkcs11_modules():
    """The PKCS#11 modules the system operator allows, in order.

    The ``vn_pkcs11_modules`` option of odoo.conf, then the ``VN_PKCS11_MODULES``
    environment variable (paths separated by commas or colons). Loading a module runs
    its code inside the server, so no screen may choose one outside this list. Outside
    Odoo (the scripts) only the environment counts.
    """
    try:
        from odoo.tools import config
    except ImportError:  # outside Odoo
        config = {}
    values = [
        config.get(PKCS11_MODULES_OPTION) or "",
        os.environ.get(PKCS11_MODULES_ENV) or "",
    ]
    allowed = []
    for value in values:
        for path in str(value).replace(",", ":").split(":"):
            path = path.strip()
            if path and os.path.isabs(path) and os.path.normpath(path) not in allowed:
                allowed.append(os.path.normpath(path))
    return allowed


def check_pkcs11_module(module_path):
    """Raise ``SigningKeyError('module_not_allowed')`` unless ``module_path`` is on
    the allow-list."""
    if (
        not module_path
        or os.path.normpath(str(module_path)) not in allowed_pkcs11_modules()
    ):
        raise SigningKeyError(
            "module_not_allowed",
            f"PKCS#11 module {module_path!r} is not on the allow-list "
            f"({PKCS11_MODULES_OPTION} in odoo.conf or {PKCS11_MODULES_ENV})",
        )
    return os.path.normpath(str(module_path))


def _open_token_session(module_path, token_label, pin):
    import pkcs11
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import open_pkcs11_session

    module_path = check_pkcs11_module(module_path)  # before anything is loaded
    if not os.path.exists(module_path):
        raise SigningKeyError("no_token", f"PKCS#11 module {module_path} not found")
    try:
        return open_pkcs11_session(
            module_path,
            token_criteria=TokenCriteria(label=token_label),
            user_pin=str(pin) if pin is not None else None,
        )
    except (
        pkcs11.PinIncorrect,
        pkcs11.PinInvalid,
        pkcs11.PinLenRange,
        pkcs11.PinLocked,
        pkcs11.PinExpired,
    ) as exc:
        raise SigningKeyError("bad_pin", type(exc).__name__) from exc
    except pkcs11.UserAlreadyLoggedIn as exc:
        raise SigningKeyError(
            "token_busy", "a session of this token is already open"
        ) from exc
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as exc:
        raise SigningKeyError("no_token", f"{type(exc).__name__}: {exc}") from exc


def _token_lock(module_path, token_label):
    key = (os.path.realpath(module_path or ""), token_label)
    with _TOKEN_LOCKS_GUARD:
        return _TOKEN_LOCKS.setdefault(key, threading.RLock())


@contextlib.contextmanager
def _token_turn(module_path, token_label):
    """Serialise a token's use within the process.

    PKCS#11 login state is per application, not per session: a second
    C_Login while another session is logged in fails (UserAlreadyLoggedIn),
    and closing the last session logs out.  Other processes are not affected.
    """
    lock = _token_lock(module_path, token_label)
    if not lock.acquire(timeout=TOKEN_WAIT_SECONDS):
        raise SigningKeyError("token_busy", f"token {token_label} is in use")
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def pkcs11_signer(module_path, token_label, key_label, pin, ca_chain_der=()):
    """Context manager yielding a pyHanko PKCS11Signer for key+cert ``key_label``.

    ``ca_chain_der``: optional issuer certificates (DER) to embed.  One open
    context per token and process at a time (others wait, nesting fails with
    code token_busy).
    """
    with (
        _token_turn(module_path, token_label),
        _pkcs11_session_signer(
            module_path, token_label, key_label, pin, ca_chain_der
        ) as signer,
    ):
        yield signer


@contextlib.contextmanager
def _pkcs11_session_signer(module_path, token_label, key_label, pin, ca_chain_der):
    import pkcs11
    from asn1crypto import x509 as asn1_x509
    from pyhanko.sign.pkcs11 import PKCS11Signer

    session = _open_token_session(module_path, token_label, pin)
    try:
        try:
            signer = PKCS11Signer(
                session,
                cert_label=key_label,
                key_label=key_label,
                other_certs_to_pull=(),
                ca_chain=[asn1_x509.Certificate.load(der) for der in ca_chain_der],
            )
            _cert = signer.signing_cert  # loads cert and key handle now
        except (pkcs11.PKCS11Error, SigningError) as exc:
            raise SigningKeyError("no_key", f"{type(exc).__name__}: {exc}") from exc
        yield signer
    finally:
        session.close()


def signer_certificate_der(signer):
    """DER bytes of the signer's certificate."""
    return signer.signing_cert.dump()
