# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnDocumentTrail(models.Model):
    """One line of a document's processing trail (TraceHeaderList): who did what, when,
    with which opinion. Kept for every kind of document (``res_model``/``res_id``), made
    only by the services (``vn.document.mixin._trail``, as superuser): clients only read
    it, and only when they may read the document."""

    _name = "vn.document.trail"
    _description = "Processing trail line"
    _inherit = "vn.document.attached.mixin"
    _order = "date, id"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    # What happened: a free text (incoming), or a step kind that the addon of the
    # document adds (outgoing: ``selection_add``).
    kind = fields.Selection([], string="Step", readonly=True, index=True)
    action = fields.Char(readonly=True)
    note = fields.Text(string="Opinion", readonly=True)

    _trail_owner_index = models.Index("(res_model, res_id, date, id)")
