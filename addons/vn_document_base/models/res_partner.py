# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.iap_block import strip_autocomplete_widgets

# QCVN 102:2016 agency identifier: four dot-separated groups, V1V2V3.Z1Z2.Y1Y2.M1M2M3,
# the last group a letter and two digits (000.00.00.H29 = HCMC People's Committee).
ORGAN_CODE_RE = re.compile(r"^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$")


class ResPartner(models.Model):
    """Correspondent agencies carry their identifier code (R-ID1)."""

    _inherit = "res.partner"

    vn_organ_code = fields.Char(
        string="Identifier code",
        index=True,
        copy=False,
        tracking=True,
        help="Mã định danh (QCVN 102:2016), for example 000.00.00.H29.",
    )
    vn_short_name = fields.Char(
        string="Short name",
        tracking=True,
        help="Abbreviation used in document symbols, for example UBND or STTTT.",
    )
    vn_managing_body = fields.Char(
        string="Managing body",
        help="Cơ quan chủ quản: the body directly above this agency.",
    )
    vn_code_history_ids = fields.One2many(
        "vn.agency.code.history", "partner_id", string="Earlier identifier codes"
    )

    _vn_organ_code_unique = models.UniqueIndex(
        "(vn_organ_code) WHERE vn_organ_code IS NOT NULL",
        "Another agency already has this identifier code.",
    )

    @api.constrains("vn_organ_code")
    def _check_vn_organ_code(self):
        for partner in self.filtered("vn_organ_code"):
            if not ORGAN_CODE_RE.match(partner.vn_organ_code):
                raise ValidationError(
                    _(
                        "The identifier code %(code)s is not valid: it must have 13 "
                        "characters in the form NNN.NN.NN.XNN (for example "
                        "000.00.00.H29).",
                        code=partner.vn_organ_code,
                    )
                )

    @api.model
    def _vn_normalize_code(self, code):
        return code.strip().upper() if code else code

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("vn_organ_code"):
                vals["vn_organ_code"] = self._vn_normalize_code(vals["vn_organ_code"])
        return super().create(vals_list)

    def write(self, vals):
        if "vn_organ_code" in vals:
            vals["vn_organ_code"] = self._vn_normalize_code(vals["vn_organ_code"])
            history = [
                {"partner_id": partner.id, "code": partner.vn_organ_code}
                for partner in self
                if partner.vn_organ_code
                and partner.vn_organ_code != vals["vn_organ_code"]
            ]
            if history:
                self.env["vn.agency.code.history"].sudo().create(history)
        return super().write(vals)

    @api.model
    @api.private  # a service for the suite's code, not an RPC endpoint
    def vn_find_agency(self, code):
        """The agency that uses or used ``code``, current codes first."""
        code = self._vn_normalize_code(code)
        if not code:
            return self.browse()
        partner = self.with_context(active_test=False).search(
            [("vn_organ_code", "=", code)], limit=1
        )
        if not partner:
            partner = (
                self.env["vn.agency.code.history"]
                .sudo()
                .search([("code", "=", code)], limit=1)
                .partner_id
            )
        return partner

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        arch, view = super()._get_view(view_id, view_type, **options)
        if view_type == "form":
            strip_autocomplete_widgets(arch)  # Odoo's IAP is blocked
        return arch, view
