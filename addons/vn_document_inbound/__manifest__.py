# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Incoming Documents",
    "summary": "Receive, check, register, direct, assign and track incoming documents "
    "(QĐ 3760/2021 Điều 10)",
    "version": "19.0.0.11.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["vn_document_base", "mail"],
    "data": [
        "security/ir.model.access.csv",
        "security/vn_document_inbound_security.xml",
        "data/ir_cron_data.xml",
        "data/mail_activity_type_data.xml",
        "data/mail_alias_data.xml",
        "views/vn_document_incoming_views.xml",
        "views/vn_document_incoming_scan_views.xml",
        "views/vn_system_outage_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/vn_incoming_wizards_views.xml",
        "reports/vn_incoming_reports.xml",
        "views/vn_document_inbound_menus.xml",
        "views/vn_document_incoming_search_views.xml",
        "data/res_users_data.xml",
    ],
    "demo": [
        "demo/vn_document_incoming_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "vn_document_inbound/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
