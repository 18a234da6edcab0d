# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A backup of the test database, a restore drill that passes and one that fails on
a single changed byte of the filestore archive, naming the file (R-OP2).

Run by scripts/run_tests.sh after Odoo's tests, on their database (VN_DRILL_DB);
not part of the pure-Python run (pyproject.toml's testpaths leave it out).
"""

import os
import shutil
import subprocess
import tarfile

import backup
import pytest

ROOT = os.path.dirname(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
)
DB = os.environ.get("VN_DRILL_DB", "vn_edoc_test")


def ops(script, *args):
    result = subprocess.run(
        ["bash", os.path.join(ROOT, "scripts", "ops", script), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=1200,
    )
    print(result.stdout, result.stderr[-3000:])
    return result


def psql(query):
    """``query`` on DB with the project's connection settings (scripts/lib.sh)."""
    script = 'source scripts/lib.sh && psql -U "$PG_ROLE" -d "$1" -Atc "$2"'
    return subprocess.run(
        ["bash", "-c", script, "psql", DB, query],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def drill_databases():
    return psql("SELECT count(*) FROM pg_database WHERE datname LIKE 'vn_drill_%'")


@pytest.fixture(scope="module")
def seeded():
    """The store name of a signed original added to DB (test databases only)."""
    script = (
        "source scripts/lib.sh && PYTHONPATH=$(odoo_pythonpath) $VENV/bin/python"
        " scripts/ops/tests/seed_original.py -c odoo.conf"
        ' --addons-path "$(odoo_addons_path)" --log-level warn "$1"'
    )
    result = subprocess.run(
        ["bash", "-c", script, "seed", DB],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout.split()[-1]


@pytest.fixture(scope="module")
def backup_set(seeded):
    result = ops("backup.sh", "--db", DB)
    assert result.returncode == 0, result.stdout + result.stderr
    path = result.stdout.split()[1]
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_backup_makes_a_finished_set(backup_set, seeded):
    manifest = backup.read_manifest(backup_set)
    assert manifest["db_name"] == DB
    assert "vn_document_base" in manifest["modules"]
    assert manifest["row_counts"]["ir_attachment"] > 0
    assert any(entry[0] == seeded for entry in manifest["originals"].values())
    assert manifest["register_last_numbers"]
    assert backup.verify_archives(backup_set, manifest) == []
    assert (
        psql(
            "SELECT result FROM vn_backup_log WHERE operation = 'backup'"
            " ORDER BY id DESC LIMIT 1"
        )
        == "success"
    )


def test_restore_drill_passes(backup_set):
    before = drill_databases()
    result = ops("restore_drill.sh", "--db", DB, backup_set)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS: recovery time" in result.stdout
    assert "[FAIL]" not in result.stdout
    assert "[ok] a signed PDF validates again: drill-signed.pdf" in result.stdout
    assert drill_databases() == before  # the scratch database is dropped
    assert (
        psql(
            "SELECT result FROM vn_backup_log WHERE operation = 'drill'"
            " ORDER BY id DESC LIMIT 1"
        )
        == "success"
    )


def test_restore_drill_fails_on_one_changed_byte(backup_set, seeded, tmp_path):
    """One byte of one file inside the filestore archive: the drill fails and names
    the file."""
    copy = tmp_path / os.path.basename(backup_set)
    shutil.copytree(backup_set, copy)
    archive = copy / backup.TAR_NAME
    with tarfile.open(archive) as tar:
        member = tar.getmember(f"filestore/{seeded}")  # the signed original
    with open(archive, "r+b") as f:
        f.seek(member.offset_data + member.size // 2)
        byte = f.read(1)
        f.seek(-1, os.SEEK_CUR)
        f.write(bytes([byte[0] ^ 0xFF]))
    store_fname = member.name.split("/", 1)[1]
    result = ops("restore_drill.sh", "--db", DB, str(copy))
    assert result.returncode == 1, result.stdout + result.stderr
    assert "FAIL: recovery time" in result.stdout
    assert f"[FAIL] archives match their SHA-256: {backup.TAR_NAME}" in result.stdout
    failed = [line for line in result.stdout.splitlines() if "[FAIL]" in line]
    assert any(
        store_fname in line and "drill-signed.pdf" in line and "SHA-256 differs" in line
        for line in failed
    ), failed
    assert (
        psql(
            "SELECT result FROM vn_backup_log WHERE operation = 'drill'"
            " ORDER BY id DESC LIMIT 1"
        )
        == "failure"
    )
