# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import time

from odoo import _, api, fields, models

from ..tools import register_chain as chain_tool
from .vn_backup import alert_admins
from .vn_register_chain import BATCH


class VnRegisterChainRun(models.Model):
    """One verification of an agency's register chain: every hash, link and sequence,
    and every entry against the current register row of its document.

    Evidence: only the daily job writes it; document administrators read it.
    """

    _name = "vn.register.chain.run"
    _description = "Register chain verification"
    _inherit = ("mail.thread", "mail.activity.mixin")
    _order = "started_at desc, id desc"
    _rec_name = "started_at"

    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, readonly=True, index=True
    )
    state = fields.Selection(
        [("running", "Running"), ("done", "Done")],
        default="running",
        required=True,
        readonly=True,
    )
    result = fields.Selection([("sound", "Sound"), ("broken", "Broken")], readonly=True)
    started_at = fields.Datetime(
        string="Started", required=True, readonly=True, default=fields.Datetime.now
    )
    ended_at = fields.Datetime(string="Ended", readonly=True)
    duration = fields.Float(string="Duration (s)", readonly=True, digits=(16, 1))
    checked = fields.Integer(string="Entries checked", readonly=True)
    last_sequence = fields.Integer(
        readonly=True, help="The verification goes on after this entry."
    )
    last_hash = fields.Char(readonly=True, default=chain_tool.GENESIS)
    broken_entry_id = fields.Many2one(
        "vn.register.chain", string="First broken entry", readonly=True
    )
    broken_sequence = fields.Integer(string="Broken at sequence", readonly=True)
    broken_check = fields.Char(string="Failed check", readonly=True)
    broken_document = fields.Char(string="Document of the broken entry", readonly=True)

    @api.model
    def _cron_verify(self):
        """Verify each agency's chain: go on with its unfinished run or start one."""
        self.env.cr.execute("SELECT DISTINCT company_id FROM vn_register_chain")
        companies = self.env["res.company"].browse(r[0] for r in self.env.cr.fetchall())
        for company in companies:
            run = self.sudo().search(
                [("state", "=", "running"), ("company_id", "=", company.id)], limit=1
            ) or self.sudo().create({"company_id": company.id})
            if run._vn_run().state == "running":
                return  # out of time: the scheduler runs the job again soon

    def _vn_run(self):
        """Batches, each committed (``ir.cron._commit_progress``), so a long chain
        resumes where it stopped."""
        self.ensure_one()
        Chain, Cron = self.env["vn.register.chain"].sudo(), self.env["ir.cron"]
        while True:
            clock = time.monotonic()
            state = Chain._vn_verify(
                self.company_id, self.last_sequence, self.last_hash, limit=BATCH
            )
            self.write(
                {
                    "checked": self.checked + state["checked"],
                    "last_sequence": state["last_sequence"],
                    "last_hash": state["last_hash"],
                    "duration": self.duration + time.monotonic() - clock,
                }
            )
            if state["broken"] or not state["checked"]:
                return self._vn_finish(state["broken"])
            if not Cron._commit_progress(state["checked"]):
                return self
            self.env.invalidate_all()

    def _vn_finish(self, broken):
        values = {"state": "done", "ended_at": fields.Datetime.now()}
        values["result"] = "broken" if broken else "sound"
        if broken:
            values.update(
                broken_entry_id=broken["entry_id"],
                broken_sequence=broken["sequence"],
                broken_check=broken["check"],
                broken_document=f"{broken['res_model']},{broken['res_id']}",
            )
        self.write(values)
        if broken:
            alert_admins(
                self,
                _("Register chain broken"),
                _(
                    "The register chain of %(agency)s is broken at entry "
                    "%(sequence)s (%(document)s): %(check)s.",
                    agency=self.company_id.name,
                    sequence=broken["sequence"],
                    document=self.broken_document,
                    check=broken["check"],
                ),
            )
        return self
