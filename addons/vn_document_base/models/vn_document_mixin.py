# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import datetime

from odoo import api, fields, models
from odoo.tools import frozendict

from ..tools.legal import vn_local_date
from ..tools.workflow import wizard_action


class VnDocumentMixin(models.AbstractModel):
    """The core every official document shares (incoming, outgoing, next case
    files): the ND 30 metadata they have in common, the processing trail, access
    logging, register corrections, the Vietnam clock and the wizard opener.

    A document model inherits it and defines its own ``state``, ``_order`` (urgent
    first, then its own date), the list index matching that order, ``_vn_list_fields``
    and ``_vn_catalog_date_field`` (the date whose year is its number series' year).
    """

    _name = "vn.document.mixin"
    _description = "Official document (shared core)"
    _inherit = (
        "mail.thread",
        "mail.activity.mixin",
        "vn.document.access.mixin",
        "vn.register.correction.mixin",
        "vn.content.search.mixin",
    )
    _rec_name = "subject"
    _check_company_auto = True
    _vn_owns_files = True

    company_id = fields.Many2one(
        "res.company",
        string="Agency",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    document_type_id = fields.Many2one(
        "vn.document.type", string="Document type", tracking=True
    )
    subject = fields.Char(size=500, required=True, tracking=True, index="trigram")
    urgency_id = fields.Many2one(
        "vn.document.urgency",
        tracking=True,
        # with its urgency flag, which the document stores (one query, not two)
        default=lambda self: self.env["vn.document.urgency"].search_fetch(
            [], ["is_urgent"], limit=1
        ),
    )
    is_urgent = fields.Boolean(
        related="urgency_id.is_urgent", store=True, string="Urgent"
    )
    language = fields.Char(size=30, default="Tiếng Việt")
    description = fields.Text(string="Notes")
    file_catalog = fields.Integer(
        string="Year", compute="_compute_file_catalog", store=True, index=True
    )
    trail_ids = fields.One2many(
        "vn.document.trail",
        "res_id",
        string="Processing trail",
        domain=lambda self: [("res_model", "=", self._name)],
        readonly=True,
    )

    # The date whose Vietnam calendar year is the document's year (its number series).
    _vn_catalog_date_field = None
    # The columns of an exported result, in order (III.6.h); list fields only, so that
    # exporting is not an opening of each document (the export is logged as such).
    _vn_export_fields = ()
    # The criteria of the advanced search (III.6.d) and the fields each one searches:
    # {criterion: field name or tuple of names}, see vn.advanced.search.
    _vn_search_fields = frozendict()

    vn_access_count = fields.Integer(
        string="Accesses",
        compute="_compute_vn_access_count",
        help="Openings, downloads and exports of this document (access log).",
    )

    @api.depends(
        lambda self: (
            [self._vn_catalog_date_field] if self._vn_catalog_date_field else []
        )
    )
    def _compute_file_catalog(self):
        # A datetime counts by the Vietnam date: a document arriving at 01:00 on
        # 1 January in Hanoi time is filed under the new year, with its number.
        for doc in self:
            value = doc[self._vn_catalog_date_field]
            if isinstance(value, datetime.datetime):
                value = vn_local_date(value)
            doc.file_catalog = value.year if value else 0

    @api.depends_context("uid")
    def _compute_vn_access_count(self):
        # III.6.a, counted as the user: without access to the log, nothing.
        log = self.env["vn.document.access.log"]
        if not self.ids or not log.has_access("read"):
            self.vn_access_count = 0
            return
        counts = dict(
            log._read_group(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                ["res_id"],
                ["__count"],
            )
        )
        for doc in self:
            doc.vn_access_count = counts.get(doc.id, 0)

    def action_open_access_log(self):
        """The access log of this document (III.6.a); the log's own rights apply."""
        self.ensure_one()
        self.env["vn.document.access.log"].check_access("read")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accesses"),
            "res_model": "vn.document.access.log",
            "view_mode": "list",
            "domain": [("res_model", "=", self._name), ("res_id", "=", self.id)],
        }

    def _trail(self, action=False, note=False, **values):
        """Record a line of the processing trail (as superuser: the trail is evidence no
        client writes). ``values``: further fields of the line (``kind``, ...)."""
        self.ensure_one()
        return (
            self.env["vn.document.trail"]
            .sudo()
            .create(
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "action": action or False,
                    "note": note or False,
                    **values,
                }
            )
        )

    @api.ondelete(at_uninstall=False)
    def _unlink_trail(self):
        # The trail has no foreign key to its document: it goes with it. Odoo runs the
        # ondelete hooks by name: the checks (_unlink_except_*, which may read the
        # trail) come first.
        self.env["vn.document.trail"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", self.ids)]
        ).unlink()

    def _open_wizard(self, model, name, **defaults):
        """The action opening the wizard ``model`` on this document in a dialog;
        ``defaults``: further default values of the wizard."""
        self.ensure_one()
        context = {
            "default_document_id": self.id,
            **{f"default_{k}": v for k, v in defaults.items()},
        }
        return wizard_action(name, model, context)
