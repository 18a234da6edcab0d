# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Case Files",
    "summary": "Case files from the yearly file plan, retention and handover to the "
    "archive (ND 30/2020, TT 05/2025)",
    "version": "19.0.0.1.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["vn_document_inbound", "vn_document_outbound"],
    "data": [
        "security/ir.model.access.csv",
        "data/vn_retention_period_data.xml",
        "views/vn_retention_period_views.xml",
        "views/vn_case_file_menus.xml",
    ],
    "installable": True,
}
