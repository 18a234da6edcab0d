# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..tools.legal import legal


class VnRegisterCorrection(models.Model):
    """A correction of a register entry (ND 30: a register is a legal record).

    The entry itself never changes once its number is taken; a mistake found later is
    recorded here, linked to the entry, shown with it and printed in the register book.
    Only the registering services create these (as superuser, after checking that the
    user is a records clerk); nobody changes or deletes them.
    """

    _name = "vn.register.correction"
    _description = "Correction of a register entry"
    _inherit = ("vn.document.attached.mixin", "vn.register.chain.mixin")
    _order = "date, id"
    _log_access = True

    company_id = fields.Many2one(
        "res.company", string="Agency", required=True, readonly=True, index=True
    )
    field_name = fields.Char(string="Field", required=True, readonly=True)
    field_label = fields.Char(string="Entry", required=True, readonly=True)
    old_value = fields.Text(string="As registered", readonly=True)
    new_value = fields.Text(string="Corrected to", required=True, readonly=True)
    reason = fields.Text(required=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users",
        string="By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
    )

    _vn_chain_field_names = (
        "res_model",
        "res_id",
        "field_name",
        "old_value",
        "new_value",
        "reason",
        "date",
        "user_id",
    )

    @api.model_create_multi
    def create(self, vals_list):
        corrections = super().create(vals_list)
        # every correction is an entry of the register chain, in its transaction
        Chain = self.env["vn.register.chain"]
        for correction in corrections:
            Chain._vn_append(
                correction, "correction", correction._vn_chain_corrected_entry()
            )
        return corrections

    def _vn_chain_kind(self):
        return "correction"

    def _vn_chain_registered_domain(self):
        return []

    def _vn_chain_registered_at(self):
        return self.date

    def _vn_chain_corrected_entry(self):
        """The chain entry of the registration this corrects (None: not chained)."""
        document = self.env[self.res_model].browse(self.res_id)
        return self.env["vn.register.chain"]._vn_last_entry_of(document) or None

    def _vn_register_note(self):
        """The line printed in the register book's notes column (Vietnamese, whoever
        prints)."""
        return "; ".join(
            legal(self).env._(
                "Correction of %(date)s: %(field)s \u201c%(old)s\u201d \u2192 "
                "\u201c%(new)s\u201d (%(reason)s)",
                date=fields.Date.to_string(record.date.date()),
                field=record.field_label,
                old=record.old_value or "",
                new=record.new_value,
                reason=record.reason,
            )
            for record in self
        )


class VnRegisterCorrectionMixin(models.AbstractModel):
    """A registered document whose register entry can be corrected by a correction
    record."""

    _name = "vn.register.correction.mixin"
    _description = "Register entry corrected by records"

    register_correction_ids = fields.One2many(
        "vn.register.correction",
        "res_id",
        string="Register corrections",
        readonly=True,
        domain=lambda self: [("res_model", "=", self._name)],
    )

    def _vn_is_registered(self):
        """Whether the entry has its number (then it never changes)."""
        raise NotImplementedError

    @api.model
    def _vn_correctable_fields(self):
        """The register fields a correction may name."""
        raise NotImplementedError

    def _vn_record_correction(self, field_name, new_value, reason):
        """Record a correction of the register entry; the entry stays as registered."""
        self.ensure_one()
        if not self.env.user.has_group("vn_document_base.group_vn_document_clerk"):
            raise AccessError(
                _("The records clerk keeps the register books and records corrections.")
            )
        self.check_access("read")
        if not self._vn_is_registered():
            raise UserError(
                _("This document is not registered yet: correct it directly.")
            )
        if field_name not in self._vn_correctable_fields():
            raise UserError(_("This field is not part of the register entry."))
        if not (new_value or "").strip() or not (reason or "").strip():
            raise UserError(_("Give the corrected value and the reason."))
        field = self._fields[field_name]
        old = self.sudo()[field_name]
        old_text = (
            old.display_name
            if isinstance(old, models.BaseModel)
            else ("" if old is False else str(old))
        )
        correction = (
            self.env["vn.register.correction"]
            .sudo()
            .create(
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "company_id": self.sudo().company_id.id,
                    "field_name": field_name,
                    "field_label": field._description_string(legal(self).env),
                    "old_value": old_text,
                    "new_value": new_value.strip(),
                    "reason": reason.strip(),
                    "user_id": self.env.uid,
                }
            )
        )
        self._vn_after_correction(correction)
        return correction.with_env(self.env)

    def _vn_after_correction(self, correction):
        """Extension point: the document records the correction in its own trail."""
        self.message_post(
            body=correction._vn_register_note(), message_type="notification"
        )

    def action_open_register_correction(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Correct the register entry"),
            "res_model": "vn.register.correction.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_res_model": self._name, "default_res_id": self.id},
        }
