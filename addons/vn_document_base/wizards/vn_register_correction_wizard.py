# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError


class VnRegisterCorrectionWizard(models.TransientModel):
    """The records clerk corrects a register entry: a correction record, never an
    edit."""

    _name = "vn.register.correction.wizard"
    _description = "Correct a register entry"

    res_model = fields.Char(required=True, readonly=True)
    res_id = fields.Integer(required=True, readonly=True)
    field_name = fields.Selection(
        selection="_selection_field_name", string="Entry", required=True
    )
    new_value = fields.Text(string="Corrected value", required=True)
    reason = fields.Text(required=True)

    @api.model
    def _selection_field_name(self):
        model = self.env.context.get("default_res_model")
        if (
            not model
            or model not in self.env
            or not hasattr(self.env[model], "_vn_correctable_fields")
        ):
            return []
        document = self.env[model]
        return [
            (name, document._fields[name].string)
            for name in document._vn_correctable_fields()
        ]

    def action_confirm(self):
        self.ensure_one()
        if self.res_model not in self.env or not hasattr(
            self.env[self.res_model], "_vn_record_correction"
        ):
            raise UserError(_("This document has no register entry."))
        document = self.env[self.res_model].browse(self.res_id).exists()
        if not document:
            raise UserError(_("This document has no register entry."))
        document._vn_record_correction(self.field_name, self.new_value, self.reason)
        return {"type": "ir.actions.act_window_close"}
