# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - Base",
    "summary": "Agencies and identifier codes, roles, document types, register books, "
    "working days and file checks shared by the document suite (QĐ 3760/2021 HCMC, ND "
    "30/2020)",
    "version": "19.0.1.11.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "application": True,
    "depends": [
        "base",
        "mail",
        "hr",
        "resource",
        "web",
        # accounts (R-SEC3): two-factor login, enforced by e-mailed codes without an
        # app; OCA's password policy (it brings auth_signup, whose public sign-up the
        # suite turns off)
        "auth_totp",
        "auth_totp_mail",
        "auth_signup",
        "password_security",
        # roles assigned by group, with dated lines and their history (R-US1, R-US3);
        # audit log of access rights; idle sessions end (issue 14)
        "base_user_role",
        "base_user_role_history",
        "auditlog",
        "auth_session_timeout",
    ],
    "external_dependencies": {
        "python": [
            "pyhanko",
            "pyhanko-certvalidator",
            "python-magic",
            "pyclamd",
            "ocrmypdf",
            "pdfminer.six",
            "img2pdf",
        ],
    },
    "data": [
        "security/vn_document_base_security.xml",
        "security/ir.model.access.csv",
        "security/vn_file_text_security.xml",
        "data/vn_document_type_data.xml",
        "data/vn_document_urgency_data.xml",
        "data/vn_file_format_data.xml",
        "data/vn_account_data.xml",
        "data/vn_user_role_data.xml",
        "data/vn_backup_data.xml",
        "data/auditlog_rule_data.xml",
        "data/vn_file_text_data.xml",
        "views/vn_document_base_menus.xml",
        "views/res_partner_views.xml",
        "views/res_company_views.xml",
        "views/hr_department_views.xml",
        "views/vn_document_type_views.xml",
        "views/vn_document_urgency_views.xml",
        "views/vn_register_book_views.xml",
        "views/vn_file_format_views.xml",
        "views/vn_trusted_root_views.xml",
        "views/vn_document_file_views.xml",
        "views/vn_document_access_log_views.xml",
        "views/vn_user_handover_views.xml",
        "views/vn_system_outage_views.xml",
        "views/resource_calendar_leaves_views.xml",
        "views/res_users_views.xml",
        "views/vn_access_change_views.xml",
        "views/vn_backup_views.xml",
        "views/res_config_settings_views.xml",
        "views/auditlog_views.xml",
        "views/vn_file_text_views.xml",
        "wizards/vn_user_disable_wizard_views.xml",
        "wizards/vn_user_lifecycle_wizard_views.xml",
        "wizards/vn_register_correction_wizard_views.xml",
        "reports/vn_register_reports.xml",
    ],
    "demo": [
        "demo/vn_document_base_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "vn_document_base/static/tests/tours/*.js",
        ],
    },
    "post_init_hook": "post_init_hook",
    "installable": True,
}
