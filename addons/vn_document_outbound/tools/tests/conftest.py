# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fixtures of the signing engine's tests: the tests' PKI (base addon's tests/pki.py,
written to a temporary folder once per session) and its SoftHSM token."""

import importlib.util
import os

import pytest
from signing import keys

BASE_TESTS = os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "vn_document_base", "tests"
)


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def fixtures():
    """vn_document_base/tests/pdf_fixtures.py (plain PDFs, tampering)."""
    return _load("vn_pdf_fixtures", os.path.join(BASE_TESTS, "pdf_fixtures.py"))


@pytest.fixture(scope="session")
def pki(fixtures):
    """The tests' PKI module; the one pdf_fixtures signs with (same keys)."""
    return fixtures.pki


@pytest.fixture(scope="session")
def read(pki):
    """Bytes of a PKI file by name: read("signer_p12"), read("root_der")..."""

    def read_file(name):
        with open(pki.pki_files()[name], "rb") as fh:
            return fh.read()

    return read_file


@pytest.fixture(scope="session")
def trust(read):
    """(trust roots, CRLs) for the validator: the test root and its CRL."""
    return [read("root_der")], [read("crl_der")]


@pytest.fixture(scope="session")
def signer_p12(pki, read):
    return keys.load_pkcs12_signer(read("signer_p12"), pki.PASSPHRASE)


@pytest.fixture(scope="session")
def agency_p12(pki, read):
    return keys.load_pkcs12_signer(read("agency_p12"), pki.PASSPHRASE)


@pytest.fixture(scope="session")
def token(pki):
    """``token(key_label, pin=..., token_label=...)``: a context manager yielding the
    SoftHSM token's signer; skipped when SoftHSM2 is not installed."""
    missing = pki.softhsm_missing()
    if missing:
        pytest.skip(f"SoftHSM2 {missing}")
    made = pki.softhsm_token()
    # outside Odoo only the environment variable allows a PKCS#11 module
    allowed = os.environ.get(keys.PKCS11_MODULES_ENV)
    os.environ[keys.PKCS11_MODULES_ENV] = made["module"]

    def open_token(key_label, pin=made["pin"], token_label=made["label"]):
        return keys.pkcs11_signer(made["module"], token_label, key_label, pin)

    yield open_token
    if allowed is None:
        os.environ.pop(keys.PKCS11_MODULES_ENV)
    else:
        os.environ[keys.PKCS11_MODULES_ENV] = allowed
