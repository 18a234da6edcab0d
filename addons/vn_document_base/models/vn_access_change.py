# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

ADMIN_GROUP = "vn_document_base.group_vn_document_admin"


class VnAccessChange(models.Model):
    """A change of a person's access rights waiting for a second authorised person
    (ND 30 Phụ lục VI III.3.c, R-US1).

    Made only by the role lines' service; confirmed by a document administrator other
    than its author.
    """

    _name = "vn.access.change"
    _description = "Change of access rights to confirm"
    _order = "date desc, id desc"

    user_id = fields.Many2one(
        "res.users", string="Account", required=True, readonly=True, index=True
    )
    description = fields.Char(string="What changed", required=True, readonly=True)
    author_id = fields.Many2one(
        "res.users", string="Changed by", required=True, readonly=True
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    state = fields.Selection(
        [("pending", "To confirm"), ("confirmed", "Confirmed")],
        required=True,
        readonly=True,
        default="pending",
        index=True,
    )
    confirmed_by_id = fields.Many2one("res.users", readonly=True)
    confirmed_date = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True)

    @api.model
    def _vn_record(self, user, description):
        return self.create(
            {
                "user_id": user.id,
                "description": description,
                "author_id": self.env.uid,
                "company_id": user.company_id.id,
            }
        )

    def action_confirm(self):
        """The second person's confirmation: a document administrator who did not make
        the change."""
        if not self.env.user.has_group(ADMIN_GROUP):
            raise AccessError(
                _("Only a document administrator confirms changes of access rights.")
            )
        for change in self:
            if change.state != "pending":
                raise UserError(_("This change is already confirmed."))
            if change.author_id == self.env.user:
                raise UserError(
                    _(
                        "A second document administrator confirms a change of access "
                        "rights, not its author."
                    )
                )
        self.sudo().write(
            {
                "state": "confirmed",
                "confirmed_by_id": self.env.uid,
                "confirmed_date": fields.Datetime.now(),
            }
        )
        return True
