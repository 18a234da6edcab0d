# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The shipped XSDs: where they are, and validation with imports resolved locally.

mets1_12.xsd imports xlink from http://www.loc.gov/...; a resolver maps every
schemaLocation to the file of the same name in this folder and the parser may not
use the network, so validation never leaves the machine.
"""

import functools
import os
import threading

from lxml import etree

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")

# Shipped as they are into the package's schemas/ folder (lower-case names, as the
# sample package has them).
PACKAGE_SCHEMAS = (
    "dilcisextensionmets.xsd",
    "dilcisextensionsipmets.xsd",
    "ead_common.xsd",
    "ead_doc.xsd",
    "ead_hoso.xsd",
    "mets1_12.xsd",
    "xlink.xsd",
)
_LOCK = threading.Lock()  # an XMLSchema's error_log is not safe across threads
NS_METS = "http://www.loc.gov/METS/"
NS_XLINK = "http://www.w3.org/1999/xlink"
NS_CSIP = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS"
NS_SIP = "https://DILCIS.eu/XML/METS/SIPExtensionMETS"

# Validates METS and the CSIP/SIP extension attributes (which mets1_12.xsd only
# admits laxly through xsd:anyAttribute).
_METS_DRIVER = f"""<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:import namespace="{NS_METS}" schemaLocation="mets1_12.xsd"/>
  <xs:import namespace="{NS_CSIP}" schemaLocation="dilcisextensionmets.xsd"/>
  <xs:import namespace="{NS_SIP}" schemaLocation="dilcisextensionsipmets.xsd"/>
</xs:schema>"""


class _LocalResolver(etree.Resolver):
    def resolve(self, url, pubid, context):
        name = os.path.basename((url or "").split("?")[0]).lower()
        if name in PACKAGE_SCHEMAS:
            return self.resolve_filename(os.path.join(SCHEMA_DIR, name), context)
        # Anything else: an empty answer rather than a network or disk look-up.
        return self.resolve_string("", context)


def _schema_parser():
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    parser.resolvers.add(_LocalResolver())
    return parser


@functools.cache
def _schema(kind):
    base = os.path.join(SCHEMA_DIR, "")
    if kind == "mets":
        doc = etree.fromstring(
            _METS_DRIVER.encode(), parser=_schema_parser(), base_url=base
        )
    else:
        path = os.path.join(SCHEMA_DIR, f"{kind}.xsd")
        doc = etree.parse(path, parser=_schema_parser()).getroot()
    return etree.XMLSchema(doc)


def schema_errors(tree, kind):
    """Messages of ``tree`` against the schema ``kind``: mets, ead_hoso or ead_doc."""
    with _LOCK:
        schema = _schema(kind)
        if schema.validate(tree):
            return []
        return [f"dòng {e.line}: {e.message}" for e in schema.error_log]


def schema_bytes(name):
    """The bytes of a shipped schema file, as packed into the package."""
    with open(os.path.join(SCHEMA_DIR, name), "rb") as f:
        return f.read()
