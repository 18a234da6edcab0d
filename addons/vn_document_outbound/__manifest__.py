# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Outgoing Documents",
    "summary": "Draft, review, approve, sign, number, issue and track outgoing "
    "documents (QĐ 3760/2021 Điều 11)",
    "version": "19.0.0.10.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["vn_document_base", "vn_document_inbound", "mail"],
    "external_dependencies": {"python": ["pyhanko"], "bin": ["soffice"]},
    "data": [
        "security/ir.model.access.csv",
        "security/vn_document_outbound_security.xml",
        "data/mail_activity_type_data.xml",
        "data/auditlog_rule_data.xml",
        "views/vn_document_outgoing_views.xml",
        "views/vn_document_delivery_views.xml",
        "views/vn_document_copy_views.xml",
        "views/vn_signing_key_views.xml",
        "views/vn_system_outage_views.xml",
        "views/res_users_views.xml",
        "views/res_company_views.xml",
        "views/res_config_settings_views.xml",
        "wizards/vn_outgoing_wizards_views.xml",
        "wizards/vn_outgoing_register_report_wizard_views.xml",
        "reports/vn_outgoing_reports.xml",
        "views/vn_document_outbound_menus.xml",
        "views/vn_document_outgoing_search_views.xml",
        "wizards/vn_user_join_wizard_views.xml",
    ],
    "demo": [
        "demo/vn_document_outgoing_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "vn_document_outbound/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
