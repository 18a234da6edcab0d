# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Key material: PKCS#12 files and the SoftHSM token, and their error codes."""

import pytest
from signing import errors, keys


@pytest.mark.parametrize(
    ("name", "passphrase", "code"),
    [
        ("signer_p12", "wrong", "bad_passphrase"),
        (None, "1234", "bad_file"),  # garbage
        ("signer", "1234", "bad_file"),  # a PEM certificate
    ],
)
def test_pkcs12_errors(read, name, passphrase, code):
    data = read(name) if name else b"garbage" * 20
    with pytest.raises(errors.SigningKeyError) as caught:
        keys.load_pkcs12_signer(data, passphrase)
    assert caught.value.code == code


def test_pkcs12_certificate(signer_p12, read):
    assert keys.signer_certificate_der(signer_p12) == read("signer_der")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"key_label": "agency", "pin": "9999"}, "bad_pin"),
        ({"key_label": "agency", "token_label": "no-such-token"}, "no_token"),
        ({"key_label": "nobody"}, "no_key"),
    ],
)
def test_token_errors(token, kwargs, code):
    with pytest.raises(errors.SigningKeyError) as caught:
        with token(**kwargs):
            pass
    assert caught.value.code == code


def test_token_certificate_after_a_bad_pin(token, read):
    """A good PIN still works after a bad one."""
    with pytest.raises(errors.SigningKeyError):
        with token("signer", pin="9999"):
            pass
    with token("signer") as signer:
        assert keys.signer_certificate_der(signer) == read("signer_der")


def test_module_outside_the_allow_list_refused(token):
    with pytest.raises(errors.SigningKeyError) as caught:
        keys.check_pkcs11_module("/tmp/vn-not-a-token.so")
    assert caught.value.code == "module_not_allowed"


@pytest.fixture
def loads(monkeypatch):
    """Counts the real openings of PKCS#12 files."""
    opened = []
    real = keys.load_pkcs12_signer

    def counting(data, passphrase):
        opened.append(passphrase)
        return real(data, passphrase)

    monkeypatch.setattr(keys, "load_pkcs12_signer", counting)
    return opened


def test_pkcs12_cache_opens_a_key_once(read, loads):
    cache = keys.Pkcs12Cache()
    first = cache.signer(read("signer_p12"), "1234", ttl=60)
    assert cache.signer(read("signer_p12"), "1234", ttl=60) is first
    assert keys.signer_certificate_der(first) == read("signer_der")
    other = cache.signer(read("agency_p12"), "1234", ttl=60)
    assert other is not first and loads == ["1234", "1234"]


def test_pkcs12_cache_never_answers_a_wrong_passphrase(read, loads):
    """A wrong passphrase after the right one still opens the file, and fails."""
    cache = keys.Pkcs12Cache()
    cache.signer(read("signer_p12"), "1234", ttl=60)
    for wrong in ("wrong", "", "1234 "):
        with pytest.raises(errors.SigningKeyError) as caught:
            cache.signer(read("signer_p12"), wrong, ttl=60)
        assert caught.value.code in ("bad_passphrase", "bad_file")
    assert loads == ["1234", "wrong", "", "1234 "]


def test_pkcs12_cache_expires_and_can_be_off(read, loads):
    now = [0.0]
    cache = keys.Pkcs12Cache(clock=lambda: now[0])
    first = cache.signer(read("signer_p12"), "1234", ttl=60)
    now[0] = 59.0
    assert cache.signer(read("signer_p12"), "1234", ttl=60) is first
    now[0] = 60.0
    assert cache.signer(read("signer_p12"), "1234", ttl=60) is not first
    cache.signer(read("signer_p12"), "1234", ttl=0)
    cache.signer(read("signer_p12"), "1234", ttl=0)
    assert len(loads) == 4


def test_pkcs12_cache_is_bounded(read, loads):
    cache = keys.Pkcs12Cache(size=1)
    cache.signer(read("signer_p12"), "1234", ttl=60)
    cache.signer(read("agency_p12"), "1234", ttl=60)
    cache.signer(read("signer_p12"), "1234", ttl=60)
    assert len(loads) == 3
