# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
# pylint: disable=consider-merging-classes-inherited
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .vn_file_text import (
    DEFAULT_JOBS,
    DEFAULT_LANGUAGE,
    ENABLED_PARAM,
    JOBS_PARAM,
    LANGUAGE_PARAM,
)

# Tesseract language codes, several joined by "+" (vie, vie+eng)
LANGUAGE_RE = re.compile(r"^[a-z_]{3,20}(\+[a-z_]{3,20}){0,3}$")


class ResConfigSettingsOcr(models.TransientModel):
    """OCR of stored scans (issue 16): on or off, the language, how many files a run
    of the job reads before it lets other jobs run."""

    _inherit = "res.config.settings"

    # Not a ``config_parameter`` Boolean: unticking one deletes the parameter, and
    # the default (on) would come back.
    vn_ocr_enabled = fields.Boolean(string="OCR of scans", default=True)
    vn_ocr_language = fields.Char(
        string="OCR language",
        config_parameter=LANGUAGE_PARAM,
        default=DEFAULT_LANGUAGE,
        help="Tesseract's language codes, joined by + (vie, vie+eng).",
    )
    vn_ocr_jobs_per_run = fields.Integer(
        string="Files per run",
        config_parameter=JOBS_PARAM,
        default=DEFAULT_JOBS,
        help="How many scans one run of the OCR job reads; it runs again at once "
        "while more are waiting.",
    )

    @api.model
    def get_values(self):
        values = super().get_values()
        param = self.env["ir.config_parameter"].sudo().get_param(ENABLED_PARAM)
        values["vn_ocr_enabled"] = param != "False"
        return values

    def set_values(self):
        result = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            ENABLED_PARAM, "True" if self.vn_ocr_enabled else "False"
        )
        if self.vn_ocr_enabled:
            # scans stored while OCR was off are waiting
            self.env["vn.file.text"]._vn_cron()._trigger()
        return result

    @api.constrains("vn_ocr_language", "vn_ocr_jobs_per_run")
    def _check_vn_ocr(self):
        for settings in self:
            language = settings.vn_ocr_language or DEFAULT_LANGUAGE
            if not LANGUAGE_RE.match(language):
                raise ValidationError(
                    _("%(lang)s is not an OCR language code.", lang=language)
                )
            if settings.vn_ocr_jobs_per_run < 0:
                raise ValidationError(_("The files per run cannot be negative."))
