# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The register chain without Odoo: canonical serialisation, hashing and the offline
verifier of an exported chain and its originals (issue 17, hash-chained register)."""

import hashlib
import json
import subprocess
import sys
import unicodedata

import pytest
import register_chain as rc

SCRIPT = rc.__file__


def make_chain(originals, agency="000.07.41.H29"):
    """Exported lines of a chain with one entry per original (bytes)."""
    lines, prev = [], rc.GENESIS
    for seq, data in enumerate(originals, 1):
        payload = {
            "v": 1,
            "seq": seq,
            "prev": prev,
            "agency": agency,
            "kind": "incoming",
            "model": "vn.document.incoming",
            "res_id": seq,
            "fields": {"arrival_number": seq, "subject": f"Công văn số {seq}"},
            "original_sha256": hashlib.sha256(data).hexdigest(),
            "time": "2026-12-02T08:00:00Z",
            "user": "clerk",
        }
        text = rc.canonical(payload)
        prev = rc.digest(text)
        lines.append(
            rc.canonical(
                {"seq": seq, "hash": prev, "prev": payload["prev"], "payload": text}
            )
        )
    return lines


ORIGINALS = [b"original one", b"original two", b"original three"]


def test_canonical_is_sorted_compact_nfc_utf8():
    decomposed = unicodedata.normalize("NFD", "Công văn")
    text = rc.canonical({"b": 1, "a": decomposed, "c": None, "d": [True, "x"]})
    assert text == '{"a":"Công văn","b":1,"c":null,"d":[true,"x"]}'
    assert rc.digest(text) == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_canonical_refuses_floats():
    with pytest.raises(TypeError):
        rc.canonical({"a": 1.5})


def test_sound_chain_verifies():
    ok, message = rc.verify(make_chain(ORIGINALS))
    assert ok, message
    assert message.startswith("OK 3 entries")


def test_tampered_line_fails_at_it():
    lines = make_chain(ORIGINALS)
    lines[1] = lines[1].replace("Công văn số 2", "Công văn số 9")
    ok, message = rc.verify(lines)
    assert not ok
    assert "line 2" in message and "hash" in message


def test_tampered_and_rehashed_line_fails_at_the_next():
    lines = make_chain(ORIGINALS)
    line = json.loads(lines[1])
    payload = json.loads(line["payload"])
    payload["fields"]["subject"] = "Đã sửa"
    line["payload"] = rc.canonical(payload)
    line["hash"] = rc.digest(line["payload"])
    lines[1] = rc.canonical(line)
    ok, message = rc.verify(lines)
    assert not ok
    assert "line 3" in message and "previous hash" in message


def test_removed_line_fails():
    lines = make_chain(ORIGINALS)
    ok, message = rc.verify([lines[0], lines[2]])
    assert not ok
    assert "line 2" in message


def test_reordered_lines_fail():
    lines = make_chain(ORIGINALS)
    ok, message = rc.verify([lines[0], lines[2], lines[1]])
    assert not ok
    assert "line 2" in message


def test_originals_match_by_hash_whatever_their_names(tmp_path):
    for number, data in enumerate(ORIGINALS):
        (tmp_path / f"any-name-{number}.pdf").write_bytes(data)
    ok, message = rc.verify(make_chain(ORIGINALS), str(tmp_path))
    assert ok, message
    assert "3 originals match" in message


def test_wrong_original_fails(tmp_path):
    (tmp_path / "cong-van.pdf").write_bytes(b"original two, altered")
    ok, message = rc.verify(make_chain(ORIGINALS), str(tmp_path))
    assert not ok
    assert "cong-van.pdf" in message


def test_script_exit_codes(tmp_path):
    chain = tmp_path / "chain.jsonl"
    chain.write_text("\n".join(make_chain(ORIGINALS)) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, SCRIPT, "verify", str(chain)], capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout
    lines = make_chain(ORIGINALS)
    chain.write_text("\n".join([lines[1], lines[0]]) + "\n", encoding="utf-8")
    run = subprocess.run(
        [sys.executable, SCRIPT, "verify", str(chain)], capture_output=True, text=True
    )
    assert run.returncode == 1
    assert run.stdout.startswith("FAIL line 1")


def test_payload_not_in_canonical_form_fails():
    lines = make_chain(ORIGINALS)
    line = json.loads(lines[0])
    line["payload"] = json.dumps(json.loads(line["payload"]), indent=1)
    line["hash"] = rc.digest(line["payload"])
    lines[0] = rc.canonical(line)
    ok, message = rc.verify(lines)
    assert not ok
    assert "canonical" in message
