# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo import _, api, fields, models

from .vn_backup import alert_admins

BATCH = 500


class VnIntegrityRun(models.Model):
    """One pass of the integrity audit over every stored original (ND 30 Phụ lục VI
    III.5.d, R-OUT9): each file re-read from the filestore and its SHA-256 compared
    with the one recorded when it was stored.

    Evidence: only the scheduled audit writes it; document administrators read it.
    """

    _name = "vn.integrity.run"
    _description = "Integrity audit run"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "started_at desc, id desc"
    _rec_name = "started_at"

    state = fields.Selection(
        [("running", "Running"), ("done", "Done")],
        default="running",
        required=True,
        readonly=True,
    )
    started_at = fields.Datetime(
        string="Started", required=True, readonly=True, default=fields.Datetime.now
    )
    ended_at = fields.Datetime(string="Ended", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    checked = fields.Integer(string="Originals checked", readonly=True)
    failed = fields.Integer(string="SHA-256 mismatches", readonly=True)
    missing = fields.Integer(string="Missing files", readonly=True)
    last_file_id = fields.Integer(
        readonly=True, help="The audit goes on after this original."
    )
    failed_file_ids = fields.Many2many(
        "vn.document.file",
        "vn_integrity_run_failed_rel",
        string="Altered originals",
        readonly=True,
    )
    missing_file_ids = fields.Many2many(
        "vn.document.file",
        "vn_integrity_run_missing_rel",
        string="Missing originals",
        readonly=True,
    )

    @api.model
    def _cron_audit(self):
        """Go on with the unfinished run or start one; a batch at a time, each
        committed, so a run longer than the scheduler's time limit resumes where it
        stopped (``ir.cron._commit_progress``)."""
        run = self.sudo().search([("state", "=", "running")], limit=1)
        if not run:
            run = self.sudo().create({})
        return run._vn_run()

    def _vn_run(self):
        self.ensure_one()
        Files = self.env["vn.document.file"].sudo().with_context(active_test=False)
        domain = [("attachment_id", "!=", False)]
        Cron = self.env["ir.cron"]
        Cron._commit_progress(
            remaining=Files.search_count(domain + [("id", ">", self.last_file_id)])
        )
        while True:
            clock = time.monotonic()
            batch = Files.search(
                domain + [("id", ">", self.last_file_id)], order="id", limit=BATCH
            )
            if not batch:
                break
            self._vn_check(batch)
            self.duration += time.monotonic() - clock
            if not Cron._commit_progress(len(batch)):
                return self  # out of time: the scheduler runs the job again soon
            self.env.invalidate_all()
        self.write({"state": "done", "ended_at": fields.Datetime.now()})
        if self.failed or self.missing:
            alert_admins(
                self,
                _("Stored originals damaged"),
                _(
                    "The integrity audit found %(failed)s altered and %(missing)s "
                    "missing originals.",
                    failed=self.failed,
                    missing=self.missing,
                ),
            )
        return self

    def _vn_check(self, files):
        states = dict.fromkeys(("ok", "mismatch", "missing"), files.browse())
        for file in files:
            states[file._vn_disk_state()] |= file
        now = fields.Datetime.now()
        if states["ok"]:
            states["ok"].write({"integrity_ok": True, "integrity_checked_at": now})
        damaged = states["mismatch"] | states["missing"]
        if damaged:
            damaged.write({"integrity_ok": False, "integrity_checked_at": now})
        self.write(
            {
                "checked": self.checked + len(files),
                "failed": self.failed + len(states["mismatch"]),
                "missing": self.missing + len(states["missing"]),
                "last_file_id": files[-1].id,
                "failed_file_ids": [
                    fields.Command.link(f.id) for f in states["mismatch"]
                ],
                "missing_file_ids": [
                    fields.Command.link(f.id) for f in states["missing"]
                ],
            }
        )
