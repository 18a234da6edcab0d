# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
{
    "name": "Vietnamese Document Management - HCM LGSP Connector",
    "summary": "Exchange edXML documents and statuses with other agencies through the "
    "HCM LGSP platform",
    "version": "19.0.0.7.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "maintainers": ["vn-edoc-team"],
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["vn_document_inbound", "vn_document_outbound"],
    "data": [
        "security/ir.model.access.csv",
        "security/vn_lgsp_connector_security.xml",
        "data/ir_cron_data.xml",
        "data/auditlog_rule_data.xml",
        "views/vn_lgsp_views.xml",
        "views/res_config_settings_views.xml",
        "views/vn_lgsp_connector_menus.xml",
    ],
    "demo": [
        "demo/vn_lgsp_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "vn_lgsp_connector/static/tests/tours/*.js",
        ],
    },
    "external_dependencies": {"python": ["lxml", "requests"]},
    "installable": True,
}
