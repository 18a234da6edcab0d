{
    "name": "Vietnamese Document Management - HCM LGSP Connector",
    "summary": "Exchange edXML documents and statuses with other agencies through the HCM LGSP platform",
    "version": "19.0.0.1.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["vn_document_inbound", "vn_document_outbound"],
    "data": [
        "views/vn_lgsp_connector_menus.xml",
    ],
    "installable": True,
}
