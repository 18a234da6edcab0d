#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The hash-chained register: canonical serialisation, hashing and an offline verifier.

Odoo imports this module to hash the entries it appends; anyone can run it, with only
Python's standard library, on a chain exported as JSON lines::

    python3 register_chain.py verify chain.jsonl [--originals DIR]

Canonical serialisation of an entry's payload (a JSON object):

- JSON (RFC 8259), keys sorted by code point, no insignificant whitespace
  (separators ``,`` and ``:``), non-ASCII characters written as themselves;
- every string (keys included) in Unicode NFC, encoded in UTF-8;
- integers as integers, no floats; dates ``YYYY-MM-DD``, times UTC
  ``YYYY-MM-DDTHH:MM:SSZ``; absent values ``null``;
- the entry's hash is the SHA-256 (lower-case hex) of those bytes; the payload holds the
  previous entry's hash under ``prev`` (64 zeros for the first entry of an agency).

An exported line is ``{"seq": n, "hash": h, "prev": p, "payload": "<canonical text>"}``.
"""

import argparse
import hashlib
import json
import os
import sys
import unicodedata

GENESIS = "0" * 64


def normalise(value):
    """``value`` with every string (keys included) in NFC; refuses what JSON or the
    canonical form cannot hold (floats, objects)."""
    if isinstance(value, str):
        if unicodedata.is_normalized("NFC", value):
            return value
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return value
    if isinstance(value, dict):
        return {normalise(str(k)): normalise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [normalise(v) for v in value]
    raise TypeError(f"not part of a register entry: {type(value).__name__}")


def canonical(payload):
    """The canonical text of ``payload`` (see the module's docstring)."""
    return json.dumps(
        normalise(payload),
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
        allow_nan=False,
    )


def is_canonical(payload, text):
    """Whether ``text`` is the canonical text of ``payload`` (``json.loads(text)``):
    the same serialisation, and NFC throughout."""
    return unicodedata.is_normalized("NFC", text) and text == json.dumps(
        payload, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def digest(text):
    """SHA-256 (hex) of a canonical text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_entry(line, previous):
    """Check one exported entry (a dict) against the previous one (dict or None).

    Returns the payload when it is sound; raises ``ValueError`` with the broken check.
    """
    text = line.get("payload")
    if not isinstance(text, str):
        raise ValueError("payload missing")
    payload = json.loads(text)
    if not is_canonical(payload, text):
        raise ValueError("payload not in canonical form")
    if digest(text) != line.get("hash"):
        raise ValueError("hash does not match the payload")
    expected_prev = previous["hash"] if previous else GENESIS
    if payload.get("prev") != expected_prev or line.get("prev") != expected_prev:
        raise ValueError("previous hash does not link to the entry before")
    expected_seq = previous["seq"] + 1 if previous else 1
    if payload.get("seq") != expected_seq or line.get("seq") != expected_seq:
        raise ValueError(f"sequence {payload.get('seq')} where {expected_seq} expected")
    return payload


def _file_digests(directory):
    """{sha256: path} of every file under ``directory``."""
    found = {}
    for root, _dirs, names in os.walk(directory):
        for name in sorted(names):
            path = os.path.join(root, name)
            with open(path, "rb") as handle:
                found[hashlib.file_digest(handle, "sha256").hexdigest()] = path
    return found


def verify(lines, originals=None):
    """Verify an exported chain (iterable of text lines) and optionally a directory of
    originals. Returns ``(ok, message)``; the message names the first failure."""
    previous, listed, count, agency = None, set(), 0, None
    for number, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
            payload = check_entry(line, previous)
            if agency is not None and payload.get("agency") != agency:
                raise ValueError("entry of another agency")
        except (ValueError, TypeError, AttributeError) as error:
            seq = previous["seq"] + 1 if previous else 1
            return False, f"FAIL line {number} (sequence {seq}): {error}"
        agency = payload.get("agency")
        if payload.get("original_sha256"):
            listed.add(payload["original_sha256"])
        previous, count = {"hash": line["hash"], "seq": line["seq"]}, count + 1
    if not count:
        return False, "FAIL: no entry"
    summary = f"OK {count} entries, head {previous['seq']} {previous['hash']}"
    if originals is not None:
        files = _file_digests(originals)
        for sha, path in sorted(files.items(), key=lambda item: item[1]):
            if sha not in listed:
                return False, f"FAIL original {path}: SHA-256 {sha} not in the chain"
        summary += f"; {len(files)} originals match their entries"
    return True, summary


def main(argv=None):
    parser = argparse.ArgumentParser(description="Verify an exported register chain.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("verify", help="verify a chain exported as JSON lines")
    check.add_argument("chain", help="the .jsonl file")
    check.add_argument("--originals", help="a directory of originals to match")
    args = parser.parse_args(argv)
    with open(args.chain, encoding="utf-8") as handle:
        ok, message = verify(handle, args.originals)
    sys.stdout.write(message + "\n")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
