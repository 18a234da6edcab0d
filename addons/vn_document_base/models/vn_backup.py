# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import os
import time
import traceback

from odoo import _, api, fields, models, release
from odoo.modules import module as odoo_module
from odoo.tools import config
from odoo.tools.misc import exec_pg_environ, find_pg_tool

from ..tools import backup

_logger = logging.getLogger(__name__)

PARAM = "vn_document_base.backup_"
DEFAULT_KEEP = {"daily": 7, "weekly": 4, "monthly": 12}
S3_OPTIONS = ("endpoint", "bucket", "region", "prefix", "access_key", "secret_key")


def alert_admins(record, summary, note):
    """Tell every document administrator with an activity on ``record`` (the failed
    backup or integrity run), so the failure waits in their to-do list."""
    group = record.env.ref("vn_document_base.group_vn_document_admin")
    users = group.sudo().all_user_ids.filtered(lambda u: u.active and not u.share)
    for user in users:
        record.sudo().activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, note=note, user_id=user.id
        )
    return users


class VnBackupLog(models.Model):
    """One backup or restore drill and its result (R-OP2, ND 30 Phụ lục VI Part IV:
    "restore ... and report the result"): the agency's backup log.

    Evidence: only the backup service and the restore drill write it (as superuser);
    document administrators read it, nobody changes or deletes it.
    """

    _name = "vn.backup.log"
    _description = "Backup log"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "started_at desc, id desc"
    _rec_name = "set_name"

    operation = fields.Selection(
        [("backup", "Backup"), ("drill", "Restore drill")], required=True, readonly=True
    )
    kind = fields.Selection(
        [("daily", "Daily"), ("weekly", "Weekly"), ("monthly", "Monthly")],
        readonly=True,
    )
    result = fields.Selection(
        [("success", "Success"), ("failure", "Failure")], required=True, readonly=True
    )
    started_at = fields.Datetime(
        string="Started", required=True, readonly=True, default=fields.Datetime.now
    )
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    set_name = fields.Char(string="Backup set", readonly=True)
    location = fields.Char(readonly=True)
    second_location = fields.Char(string="Second copy", readonly=True)
    dump_size_mb = fields.Float(string="Database dump (MB)", readonly=True)
    filestore_size_mb = fields.Float(string="Filestore archive (MB)", readonly=True)
    dump_sha256 = fields.Char(string="Dump SHA-256", readonly=True)
    filestore_sha256 = fields.Char(string="Filestore SHA-256", readonly=True)
    originals = fields.Integer(string="Stored originals", readonly=True)
    rto_seconds = fields.Float(
        string="Recovery time (s)", readonly=True, help="Restore drill: RTO."
    )
    rpo_hours = fields.Float(
        string="Backup age (h)", readonly=True, help="Restore drill: RPO."
    )
    checks = fields.Text(readonly=True)
    error = fields.Text(readonly=True)
    user_id = fields.Many2one(
        "res.users", string="By", readonly=True, default=lambda self: self.env.user
    )


class VnBackupService(models.AbstractModel):
    """The daily backup (R-OP2, QĐ 3760 Art. 13.5): pg_dump, then the filestore, a
    manifest, rotation by count, a copy on a second medium; a log line either way and
    an alert to the document administrators on failure. The work itself is
    tools/backup.py."""

    _name = "vn.backup.service"
    _description = "Backup service"

    @api.model
    def _vn_settings(self):
        params = self.env["ir.config_parameter"].sudo()
        folder = params.get_param(PARAM + "folder") or os.path.join(
            config["data_dir"], "backups"
        )
        keep = {
            kind: int(params.get_param(PARAM + "keep_" + kind) or default)
            for kind, default in DEFAULT_KEEP.items()
        }
        return {
            "folder": os.path.join(folder, self.env.cr.dbname),
            "second": params.get_param(PARAM + "second_folder") or "",
            "keep": keep,
            "s3": self._vn_s3_settings(),
        }

    @api.model
    def _vn_s3_settings(self):
        """The S3-compatible bucket of the second copy, from odoo.conf
        (``vn_backup_s3_endpoint``, ``_bucket``, ``_region``, ``_prefix``,
        ``_access_key``, ``_secret_key``) or the environment (``VN_BACKUP_S3_...``):
        the keys stay out of the database and so out of its backups. None when no
        endpoint is set."""
        values = {
            name: os.environ.get(f"VN_BACKUP_S3_{name.upper()}")
            or config.get(f"vn_backup_s3_{name}")
            or ""
            for name in S3_OPTIONS
        }
        if not values["endpoint"]:
            return None
        values["region"] = values["region"] or "us-east-1"
        return values

    @api.model
    def _cron_backup(self):
        self._vn_backup()

    @api.model
    def _vn_backup(self):
        """Make a backup set and log it; on failure log the error and alert. Returns
        the log record."""
        settings = self._vn_settings()
        dbname = self.env.cr.dbname
        started = fields.Datetime.now()
        clock = time.monotonic()
        values = {"operation": "backup", "started_at": started}
        error = None
        try:
            values.update(self._vn_make_set(settings, dbname))
            values["result"] = "success"
        except Exception as exc:
            _logger.exception("Backup of %s failed", dbname)
            error = str(exc)
            values.update(
                result="failure",
                error=f"{exc}\n\n{traceback.format_exc(limit=5)}",
                location=settings["folder"],
            )
        values["duration"] = time.monotonic() - clock
        log = self.env["vn.backup.log"].sudo().create(values)
        if log.result == "failure":
            alert_admins(
                log,
                _("Backup failed"),
                _("The backup of %(db)s failed: %(error)s", db=dbname, error=error),
            )
        return log

    @api.model
    def _vn_make_set(self, settings, dbname):
        """The set itself, its copy and the pruning; the log values."""
        odoo_facts = {
            "version": release.version,
            "version_info": list(release.version_info),
            "major_version": release.major_version,
        }
        self.env.flush_all()
        # A transaction of its own, whose snapshot pg_dump shares: the manifest counts
        # what the dump holds. In a test, the test's transaction (its data is not
        # committed; pg_dump sees the database without it).
        own = not odoo_module.current_test
        cr = self.env.registry.cursor() if own else self.env.cr
        try:
            path, manifest = backup.make_set(
                settings["folder"],
                dbname,
                cr,
                config.filestore(dbname),
                find_pg_tool("pg_dump"),
                odoo_facts,
                env=exec_pg_environ(),
                snapshot=own,
                lock=own,
            )
        finally:
            if own:
                cr.rollback()
                cr.close()
        archives = manifest["archives"]
        values = {
            "kind": manifest["kind"],
            "set_name": os.path.basename(path),
            "location": path,
            "dump_size_mb": archives[backup.DUMP_NAME]["size"] / 2**20,
            "filestore_size_mb": archives[backup.TAR_NAME]["size"] / 2**20,
            "dump_sha256": archives[backup.DUMP_NAME]["sha256"],
            "filestore_sha256": archives[backup.TAR_NAME]["sha256"],
            "originals": len(manifest["originals"]),
        }
        backup.prune(settings["folder"], settings["keep"])
        if settings["second"]:
            second = os.path.join(settings["second"], dbname)
            values["second_location"] = backup.copy_set(path, second)
            backup.prune(second, settings["keep"])
        if settings["s3"]:
            prefix = "/".join(filter(None, [settings["s3"]["prefix"], dbname]))
            url = backup.copy_set_s3(path, settings["s3"], prefix)
            values["second_location"] = " ".join(
                filter(None, [values.get("second_location"), url])
            )
        return values

    @api.model
    def _vn_record_drill(self, values):
        """Record a restore drill's result (scripts/ops/vn_ops.py, run on the
        server); alert on failure."""
        log = (
            self.env["vn.backup.log"]
            .sudo()
            .create(dict(values, operation="drill", user_id=False))
        )
        if log.result == "failure":
            alert_admins(
                log,
                _("Restore drill failed"),
                _("The restore drill of %(set)s failed.", set=log.set_name),
            )
        return log
