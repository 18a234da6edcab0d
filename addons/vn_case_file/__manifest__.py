# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Case Files",
    "summary": "Case files from the yearly file plan, retention and handover to the "
    "archive (ND 30/2020, TT 05/2025)",
    "version": "19.0.1.3.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["vn_document_inbound", "vn_document_outbound"],
    "external_dependencies": {"python": ["lxml", "xlsxwriter"]},
    "data": [
        "security/vn_case_file_security.xml",
        "security/ir.model.access.csv",
        "data/vn_user_role_data.xml",
        "data/vn_retention_period_data.xml",
        "data/vn_case_file_data.xml",
        "report/vn_case_file_reports.xml",
        "views/vn_file_plan_views.xml",
        "views/vn_case_file_views.xml",
        "views/vn_case_file_handover_views.xml",
        "views/vn_case_file_wizard_views.xml",
        "views/vn_document_views.xml",
        "views/vn_case_file_menus.xml",
        "views/vn_case_file_search_views.xml",
    ],
    "demo": ["demo/vn_case_file_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "vn_case_file/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
