# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Parsing XML that may be hostile: no entities, no DTD, no network."""

from lxml import etree


def safe_parser():
    """A parser that expands no entity, loads no DTD and never uses the network."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def parse_xml(data: bytes):
    """The tree of ``data``; ValueError if it is not well formed or declares a DTD.

    A DOCTYPE has no place in a SIP's XML: refusing it shuts out XXE and entity
    expansion even if an entity node survived the parser.
    """
    try:
        root = etree.fromstring(data, parser=safe_parser())
    except etree.XMLSyntaxError as exc:
        raise ValueError(f"XML không hợp lệ: {exc}") from None
    tree = root.getroottree()
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        raise ValueError("XML có khai báo DOCTYPE (không được phép).")
    return tree
