# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Reports",
    "summary": "Quarterly e-document report to the Department (Excel), "
    "processing-status reports of ND 30 Phụ lục VI and a dashboard per unit "
    "(QĐ 3760/2021 Điều 15, 17.4)",
    "version": "19.0.1.2.1",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["vn_lgsp_connector"],
    "external_dependencies": {"python": ["xlsxwriter"]},
    "data": [
        "security/vn_document_report_security.xml",
        "security/ir.model.access.csv",
        "views/vn_document_report_menus.xml",
        "data/vn_document_report_data.xml",
        "views/vn_edoc_report_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/vn_edoc_report_wizard_views.xml",
        "report/vn_processing_report.xml",
        "wizards/vn_processing_report_wizard_views.xml",
        "views/vn_report_dashboard_views.xml",
    ],
    "demo": ["demo/vn_document_report_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "vn_document_report/static/tests/tours/*.js",
        ],
    },
    "pre_init_hook": "pre_init_hook",
    "installable": True,
}
