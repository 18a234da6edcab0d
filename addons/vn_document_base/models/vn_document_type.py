# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VnDocumentType(models.Model):
    """A type of administrative document (ND 30/2020 Điều 7, Phụ lục III).

    Editable data: the abbreviation builds the symbol (QĐ in 05/QĐ-UBND), the
    archival code is TT 05/2025's typeName, the edXML codes go into packages.
    """

    _name = "vn.document.type"
    _description = "Document type"
    _order = "sequence, name"

    name = fields.Char(required=True)
    abbreviation = fields.Char(
        help="Used in the document symbol. Công văn and Thư công have none.",
    )
    symbol_style = fields.Selection(
        [
            ("type_agency", "Type-Agency (05/QĐ-UBND)"),
            ("agency_unit", "Agency-Unit (45/UBND-VP)"),
        ],
        string="Symbol style",
        required=True,
        default="type_agency",
        help="How the symbol of a document of this type is written (ND 30, Phụ lục I, "
        "II.3).",
    )
    archival_code = fields.Char(
        string="Archival type code",
        size=2,
        help="typeName code of TT 05/2025 (01 to 32).",
    )
    edxml_type = fields.Integer(string="edXML Type", default=1)
    edxml_type_detail = fields.Integer(string="edXML TypeDetail")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    note = fields.Text(string="Notes")

    _abbreviation_unique = models.UniqueIndex(
        "(abbreviation) WHERE abbreviation IS NOT NULL AND active",
        "Another active document type already uses this abbreviation.",
    )
    _archival_code_unique = models.UniqueIndex(
        "(archival_code) WHERE archival_code IS NOT NULL AND active",
        "Another active document type already uses this archival code.",
    )
