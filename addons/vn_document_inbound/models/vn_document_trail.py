from odoo import fields, models


class VnDocumentTrail(models.Model):
    """One line of the processing trail (TraceHeaderList): who did what, when, with which opinion."""

    _name = "vn.document.trail"
    _description = "Processing trail line"
    _inherit = ["vn.document.child.mixin"]
    _order = "date, id"

    document_id = fields.Many2one(
        "vn.document.incoming",
        string="Document",
        required=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Datetime(
        string="Date", required=True, default=fields.Datetime.now, readonly=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    action = fields.Char(string="Action", required=True, readonly=True)
    note = fields.Text(string="Opinion", readonly=True)
