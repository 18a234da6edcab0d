# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The daily backup, its log and the integrity audit of the stored originals (R-OP2,
ND 30 Phụ lục VI III.5.d, R-OUT9)."""

import hashlib
import os
import shutil
import tempfile
import threading
import uuid
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from ..tools import backup
from .common import VnDocumentCase, VnRolesSetup, VnRpcMixin


def store_original(env, owner, data, name="cong-van.pdf"):
    """A stored original as the file intake leaves it (the checks themselves are
    tested elsewhere)."""
    return env["vn.document.file"]._vn_store(
        name,
        data,
        owner,
        {
            "mimetype": "application/pdf",
            "size": len(data),
            "sha256": hashlib.sha256(data).hexdigest(),
            "scan_engine": "test",
            "page_count": 1,
            "legal_value": "reference",
            "legal_value_reason": "unsigned",
            "signatures": [],
        },
    )


def unique_pdf():
    return b"%PDF-1.4\n% " + uuid.uuid4().hex.encode() + b"\n%%EOF\n"


@tagged("post_install", "-at_install")
class TestBackup(VnDocumentCase):
    """R-OP2: the nightly backup set, its manifest, rotation by count, the alert."""

    def setUp(self):
        super().setUp()
        self.folder = tempfile.mkdtemp(prefix="vn_backup_test_")
        self.addCleanup(shutil.rmtree, self.folder, True)
        self.env["ir.config_parameter"].set_param(
            "vn_document_base.backup_folder", self.folder
        )
        self.root = os.path.join(self.folder, self.env.cr.dbname)

    def test_backup_set_and_manifest(self):
        """R-OP2: the dump (custom format) and the filestore archive, then a manifest
        with Odoo's fields, the suite's row counts, the last register numbers and the
        SHA-256 of every stored original and of both archives."""
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        original = store_original(self.env, owner, unique_pdf())
        book = self.env["vn.register.book"].create(
            {"name": "Sổ văn bản đến thử", "kind": "incoming"}
        )
        number, _formatted = book._take_number()
        log = self.env["vn.backup.service"]._vn_backup()
        self.assertEqual(log.result, "success", log.error)
        self.assertEqual(log.operation, "backup")
        path = log.location
        self.assertEqual(os.path.dirname(path), self.root)
        self.assertEqual(
            sorted(os.listdir(path)),
            sorted([backup.DUMP_NAME, backup.TAR_NAME, backup.MANIFEST_NAME]),
        )
        with open(os.path.join(path, backup.DUMP_NAME), "rb") as f:
            self.assertEqual(f.read(5), b"PGDMP")  # pg_dump's custom format
        manifest = backup.read_manifest(path)
        self.assertEqual(manifest["db_name"], self.env.cr.dbname)
        base = self.env["ir.module.module"].search([("name", "=", "vn_document_base")])
        self.assertEqual(manifest["modules"]["vn_document_base"], base.latest_version)
        self.assertTrue(manifest["pg_version"])
        self.assertEqual(
            manifest["row_counts"]["vn_document_file"],
            self.env["vn.document.file"].sudo().search_count([]),
        )
        self.assertIn("ir_attachment", manifest["row_counts"])
        self.assertEqual(
            manifest["originals"][str(original.id)],
            [original.attachment_id.store_fname, original.sha256, original.name],
        )
        year = datetime.now().year
        self.assertEqual(manifest["register_last_numbers"][f"{book.id}/{year}"], number)
        for name, sha in (
            (backup.DUMP_NAME, log.dump_sha256),
            (backup.TAR_NAME, log.filestore_sha256),
        ):
            self.assertEqual(manifest["archives"][name]["sha256"], sha)
            self.assertEqual(backup.sha256_file(os.path.join(path, name)), sha)
        self.assertEqual(log.originals, len(manifest["originals"]))
        self.assertGreater(log.dump_size_mb, 0)

    def test_second_copy_and_retention_by_count(self):
        """R-OP2: a copy on the second medium; dailies, weeklies and monthlies kept by
        count on both."""
        second = tempfile.mkdtemp(prefix="vn_backup_second_")
        self.addCleanup(shutil.rmtree, second, True)
        params = self.env["ir.config_parameter"]
        params.set_param("vn_document_base.backup_second_folder", second)
        params.set_param("vn_document_base.backup_keep_daily", "2")
        params.set_param("vn_document_base.backup_keep_monthly", "1")
        old = []
        for day in (1, 2, 3, 4):  # an old monthly and three dailies
            kind = "monthly" if day == 1 else "daily"
            path = os.path.join(
                self.root, backup.set_name(datetime(2025, 1, day, 19), kind)
            )
            os.makedirs(path)
            for name in (backup.DUMP_NAME, backup.TAR_NAME):
                with open(os.path.join(path, name), "wb") as f:
                    f.write(b"old")
            backup.write_manifest(path, {"archives": backup.archive_facts(path)})
            old.append(os.path.basename(path))
        log = self.env["vn.backup.service"]._vn_backup()
        self.assertEqual(log.result, "success", log.error)
        self.assertEqual(log.kind, "monthly")  # the first of this month
        # one monthly kept: the new one; two dailies: the two newest old ones
        self.assertEqual(
            sorted(os.listdir(self.root)), sorted([old[2], old[3], log.set_name])
        )
        copy = os.path.join(second, self.env.cr.dbname, log.set_name)
        self.assertEqual(log.second_location, copy)
        self.assertEqual(backup.verify_archives(copy, backup.read_manifest(copy)), [])

    def test_copy_to_an_s3_bucket(self):
        """R-OP2: the second copy in an S3-compatible bucket (here a server on this
        machine that checks each body against its signed SHA-256), keys from the
        environment or odoo.conf, never from the database."""
        received = []

        class Bucket(BaseHTTPRequestHandler):
            def do_PUT(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                signed = self.headers["x-amz-content-sha256"]
                received.append(self.path)
                ok = hashlib.sha256(body).hexdigest() == signed and self.headers[
                    "Authorization"
                ].startswith("AWS4-HMAC-SHA256 Credential=KEYID/")
                self.send_response(200 if ok else 403)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Bucket)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        env = {
            "VN_BACKUP_S3_ENDPOINT": f"http://127.0.0.1:{server.server_port}",
            "VN_BACKUP_S3_BUCKET": "agency-backups",
            "VN_BACKUP_S3_ACCESS_KEY": "KEYID",
            "VN_BACKUP_S3_SECRET_KEY": "secret",
        }
        with patch.dict(os.environ, env):
            log = self.env["vn.backup.service"]._vn_backup()
        self.assertEqual(log.result, "success", log.error)
        prefix = f"/agency-backups/{self.env.cr.dbname}/{log.set_name}/"
        self.assertEqual(
            received,
            [
                prefix + name
                for name in (backup.DUMP_NAME, backup.TAR_NAME, backup.MANIFEST_NAME)
            ],
        )
        self.assertTrue(log.second_location.endswith(prefix.rstrip("/")))

    @mute_logger("odoo.addons.vn_document_base.models.vn_backup")
    def test_failure_is_logged_and_alerts_the_administrators(self):
        """R-OP2: a failed backup is recorded with its error, leaves no unfinished
        set, keeps the last good one, and waits in the administrators' activities."""
        good = os.path.join(self.root, backup.set_name(datetime(2025, 1, 1), "monthly"))
        os.makedirs(good)
        for name in (backup.DUMP_NAME, backup.TAR_NAME):
            with open(os.path.join(good, name), "wb") as f:
                f.write(b"good")
        backup.write_manifest(good, {"archives": backup.archive_facts(good)})
        self.env["ir.config_parameter"].set_param(
            "vn_document_base.backup_keep_monthly", "0"
        )
        with patch.object(
            backup,
            "dump_database",
            side_effect=backup.BackupError("pg_dump failed (1): disk full"),
        ):
            log = self.env["vn.backup.service"]._vn_backup()
        self.assertEqual(log.result, "failure")
        self.assertIn("disk full", log.error)
        self.assertEqual(os.listdir(self.root), [os.path.basename(good)])
        admin = self.users["admin"]
        activity = log.activity_ids.filtered(lambda a: a.user_id == admin)
        self.assertTrue(activity)
        self.assertIn("disk full", str(activity.note))
        self.assertFalse(log.activity_ids.filtered(lambda a: a.user_id.share))

    def test_backup_now_is_for_document_administrators(self):
        """R-OP2: "Back up now" runs the nightly job soon, for the document
        administrator only (checked by the server)."""
        settings = self.env["res.config.settings"]
        cron = self.env.ref("vn_document_base.ir_cron_vn_backup")
        with self.assertRaises(AccessError):
            settings.with_user(self.users["clerk"]).action_vn_backup_now()
        settings.with_user(self.users["admin"]).action_vn_backup_now()
        self.assertTrue(self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)]))


@tagged("post_install", "-at_install")
class TestIntegrityAudit(VnDocumentCase):
    """III.5.d, R-OUT9: every stored original re-read and compared with its
    SHA-256; an altered file and a missing file are found, each by its kind."""

    def test_altered_and_missing_originals(self):
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        intact, altered, missing = (
            store_original(self.env, owner, unique_pdf()) for _i in range(3)
        )
        Attachment = self.env["ir.attachment"]
        altered_path = Attachment._full_path(altered.attachment_id.store_fname)
        with open(altered_path, "r+b") as f:
            f.seek(3)
            f.write(b"X")
        missing_path = Attachment._full_path(missing.attachment_id.store_fname)
        os.remove(missing_path)
        # put it back for Odoo's filestore cleaning after the test
        self.addCleanup(lambda: open(missing_path, "wb").close())
        self.assertEqual(intact._vn_disk_state(), "ok")
        self.assertEqual(altered._vn_disk_state(), "mismatch")
        self.assertEqual(missing._vn_disk_state(), "missing")
        with patch.object(
            type(self.env["ir.cron"]),
            "_commit_progress",
            lambda self, processed=0, **kw: float("inf"),
        ):
            run = self.env["vn.integrity.run"]._cron_audit()
        self.assertEqual(run.state, "done")
        files = (
            self.env["vn.document.file"]
            .sudo()
            .search_count([("attachment_id", "!=", False)])
        )
        self.assertEqual(run.checked, files)
        self.assertEqual((run.failed, run.missing), (1, 1))
        self.assertEqual(run.failed_file_ids, altered)
        self.assertEqual(run.missing_file_ids, missing)
        self.assertTrue(intact.integrity_ok)
        self.assertFalse(altered.integrity_ok or missing.integrity_ok)
        self.assertTrue(
            run.activity_ids.filtered(lambda a: a.user_id == self.users["admin"])
        )
        self.assertFalse(altered._vn_verify_integrity())
        # the next night starts a new run
        with patch.object(
            type(self.env["ir.cron"]),
            "_commit_progress",
            lambda self, processed=0, **kw: float("inf"),
        ):
            self.assertNotEqual(self.env["vn.integrity.run"]._cron_audit(), run)

    def test_a_run_out_of_time_resumes(self):
        """III.5.d: a run stopped by the scheduler's time limit goes on where it
        stopped."""
        owner = self.env["res.partner"].create({"name": "Văn bản thử"})
        for _i in range(3):
            store_original(self.env, owner, unique_pdf())
        cron = type(self.env["ir.cron"])
        with patch("odoo.addons.vn_document_base.models.vn_integrity_run.BATCH", 2):
            with patch.object(cron, "_commit_progress", lambda *a, **kw: 0.0):
                run = self.env["vn.integrity.run"]._cron_audit()
            self.assertEqual((run.state, run.checked), ("running", 2))
            with patch.object(cron, "_commit_progress", lambda *a, **kw: 1.0):
                self.assertEqual(self.env["vn.integrity.run"]._cron_audit(), run)
        files = (
            self.env["vn.document.file"]
            .sudo()
            .search_count([("attachment_id", "!=", False)])
        )
        self.assertEqual((run.state, run.checked), ("done", files))


@tagged("post_install", "-at_install")
class TestBackupEvidenceHttp(VnRolesSetup, VnRpcMixin, HttpCase):
    """R-OP2, III.5.d: the backup log and the integrity runs are evidence; over
    JSON-RPC no role writes them or runs their services."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_roles()
        cls.log = cls.env["vn.backup.log"].create(
            {"operation": "backup", "result": "success", "set_name": "x"}
        )
        cls.audit_run = cls.env["vn.integrity.run"].create({"state": "done"})

    def test_evidence_is_read_only(self):
        admin, clerk = self.users["admin"], self.users["clerk"]
        for model, record in (
            ("vn.backup.log", self.log),
            ("vn.integrity.run", self.audit_run),
        ):
            self.assertTrue(self.rpc(admin, model, "read", record.ids, ["id"]))
            self.assert_refused(clerk, model, "read", record.ids, ["id"])
            values = (
                {"result": "failure"} if model == "vn.backup.log" else {"failed": 0}
            )
            for user in (admin, clerk):
                self.assert_refused(user, model, "create", values)
                self.assert_refused(user, model, "write", record.ids, values)
                self.assert_refused(user, model, "unlink", record.ids)
        for model, method in (
            ("vn.backup.service", "_vn_backup"),
            ("vn.backup.service", "_vn_record_drill"),
            ("vn.integrity.run", "_cron_audit"),
        ):
            self.assert_refused(admin, model, method)
        self.assert_refused(clerk, "res.config.settings", "action_vn_backup_now", [])
