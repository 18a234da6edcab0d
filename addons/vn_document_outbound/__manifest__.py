{
    "name": "Vietnamese Document Management - Outgoing Documents",
    "summary": "Draft, review, approve, sign, number, issue and track outgoing documents (QĐ 3760/2021 Điều 11)",
    "version": "19.0.0.1.0",
    "category": "Document Management",
    "website": "https://github.com/vn-edoc/vn-edoc",
    "author": "VN eDoc team",
    "license": "LGPL-3",
    "development_status": "Alpha",
    "depends": ["vn_document_base"],
    "data": [
        "views/vn_document_outbound_menus.xml",
    ],
    "installable": True,
}
