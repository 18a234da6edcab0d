# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backup sets without Odoo: rotation by count, archives, manifest, copies (R-OP2)."""

import datetime
import os
import sys

import backup
import pytest

DT = datetime.datetime


def make_set(folder, when, kind, finished=True):
    path = os.path.join(folder, backup.set_name(when, kind))
    os.makedirs(path)
    for name in (backup.DUMP_NAME, backup.TAR_NAME):
        with open(os.path.join(path, name), "wb") as f:
            f.write(name.encode() + when.isoformat().encode())
    if finished:
        backup.write_manifest(path, {"archives": backup.archive_facts(path)})
    return path


def names(folder):
    return sorted(os.listdir(folder))


def test_kinds_monthly_then_weekly_then_daily(tmp_path):
    folder = str(tmp_path)
    assert backup.next_kind(folder, DT(2026, 3, 2, 1)) == "monthly"
    make_set(folder, DT(2026, 3, 2, 1), "monthly")
    assert backup.next_kind(folder, DT(2026, 3, 3, 1)) == "daily"  # same ISO week
    assert backup.next_kind(folder, DT(2026, 3, 9, 1)) == "weekly"
    make_set(folder, DT(2026, 3, 9, 1), "weekly")
    assert backup.next_kind(folder, DT(2026, 3, 10, 1)) == "daily"
    assert backup.next_kind(folder, DT(2026, 4, 1, 1)) == "monthly"


def test_unfinished_set_is_not_a_backup(tmp_path):
    folder = str(tmp_path)
    make_set(folder, DT(2026, 3, 2, 1), "monthly", finished=False)
    assert backup.good_sets(folder) == []
    assert backup.next_kind(folder, DT(2026, 3, 3, 1)) == "monthly"


def test_prune_keeps_by_count(tmp_path):
    folder = str(tmp_path)
    days = [DT(2026, 3, d, 1) for d in range(3, 8)]  # Tue..Sat: one week
    make_set(folder, DT(2026, 3, 2, 1), "monthly")
    for day in days:
        make_set(folder, day, "daily")
    deleted = backup.prune(folder, {"daily": 2, "weekly": 4, "monthly": 12})
    assert len(deleted) == 3
    assert names(folder) == [
        "20260302-010000-monthly",
        "20260306-010000-daily",
        "20260307-010000-daily",
    ]


def test_failed_runs_never_delete_the_last_good_backup(tmp_path):
    """Ten failed nights leave unfinished folders: the last good set stays, whatever
    the counts; the unfinished folders older than it are cleaned."""
    folder = str(tmp_path)
    good = make_set(folder, DT(2026, 3, 2, 1), "monthly")
    for day in range(3, 13):
        make_set(folder, DT(2026, 3, day, 1), "daily", finished=False)
    assert backup.prune(folder, {"daily": 0, "weekly": 0, "monthly": 0}) == []
    assert os.path.isdir(good)
    make_set(folder, DT(2026, 3, 13, 1), "daily")
    deleted = backup.prune(folder, {"daily": 7, "weekly": 4, "monthly": 0})
    assert good in deleted  # zero monthlies wanted, and it is not the newest any more
    assert len(deleted) == 11
    assert names(folder) == ["20260313-010000-daily"]


def test_tar_and_extract_roundtrip(tmp_path):
    store = tmp_path / "filestore" / "db"
    (store / "ab").mkdir(parents=True)
    (store / "ab" / "abcdef").write_bytes(b"original")
    archive = tmp_path / "fs.tar"
    backup.tar_filestore(str(store), str(archive))
    target = tmp_path / "restored"
    backup.extract_filestore(str(archive), str(target))
    assert (target / "ab" / "abcdef").read_bytes() == b"original"


def test_verify_archives_names_the_changed_one(tmp_path):
    path = make_set(str(tmp_path), DT(2026, 3, 2, 1), "monthly")
    manifest = backup.read_manifest(path)
    assert backup.verify_archives(path, manifest) == []
    with open(os.path.join(path, backup.TAR_NAME), "r+b") as f:
        f.write(b"X")
    assert backup.verify_archives(path, manifest) == [backup.TAR_NAME]


def test_copy_set_to_second_medium(tmp_path):
    path = make_set(str(tmp_path / "local"), DT(2026, 3, 2, 1), "monthly")
    copy = backup.copy_set(path, str(tmp_path / "mirror"))
    assert sorted(os.listdir(copy)) == sorted(os.listdir(path))
    assert backup.verify_archives(copy, backup.read_manifest(copy)) == []


def test_failing_dump_raises_with_its_error(tmp_path):
    fake = tmp_path / "pg_dump"
    fake.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('no such database')\n")
    fake.chmod(0o755)
    with pytest.raises(backup.BackupError, match="no such database"):
        backup.dump_database(str(fake), "nope", str(tmp_path / "x.dump"))


AWS_EXAMPLE = {
    "access_key": "AKIAIOSFODNN7EXAMPLE",
    "secret_key": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "region": "us-east-1",
}
EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"


def test_sigv4_matches_the_aws_documentation_example():
    """The signature of AWS's own S3 example (GET Object with a Range header, Signature
    Version 4 documentation)."""
    headers = backup.sigv4_headers(
        "GET",
        "https://examplebucket.s3.amazonaws.com/test.txt",
        EMPTY_SHA256,
        AWS_EXAMPLE,
        DT(2013, 5, 24),
        {"Range": "bytes=0-9"},
    )
    assert headers["x-amz-date"] == "20130524T000000Z"
    assert headers["Authorization"] == (
        "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
        "aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
        "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"
    )


def test_copy_set_to_a_bucket(tmp_path):
    """A set copied to an S3-compatible service on this machine: every object signed,
    its body the one signed, the manifest last."""
    import hashlib
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    received = []

    class Bucket(BaseHTTPRequestHandler):
        def do_PUT(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            ok = hashlib.sha256(body).hexdigest() == self.headers[
                "x-amz-content-sha256"
            ] and self.headers["Authorization"].startswith(
                "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/"
            )
            received.append((self.path, body))
            self.send_response(200 if ok else 403)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Bucket)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        path = make_set(str(tmp_path), DT(2026, 3, 2, 1), "monthly")
        settings = dict(
            AWS_EXAMPLE, endpoint=f"http://127.0.0.1:{server.server_port}", bucket="bk"
        )
        url = backup.copy_set_s3(path, settings, "agency/db")
    finally:
        server.shutdown()
    name = os.path.basename(path)
    assert url.endswith(f"/bk/agency/db/{name}")
    assert [p for p, _b in received] == [
        f"/bk/agency/db/{name}/{n}"
        for n in (backup.DUMP_NAME, backup.TAR_NAME, backup.MANIFEST_NAME)
    ]
    with open(os.path.join(path, backup.TAR_NAME), "rb") as f:
        assert received[1][1] == f.read()


def test_refused_upload_raises(tmp_path):
    path = make_set(str(tmp_path), DT(2026, 3, 2, 1), "monthly")
    settings = dict(AWS_EXAMPLE, endpoint="http://127.0.0.1:9", bucket="bk")
    with pytest.raises(backup.BackupError, match="S3 copy of database.dump"):
        backup.copy_set_s3(path, settings, "db")
