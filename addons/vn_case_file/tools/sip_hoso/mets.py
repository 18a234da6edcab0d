# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The two METS files of a SIP_hoso: the package's METS.xml and rep1's METS.xml.

E-ARK CSIP as TT05 applies it, with the sample package's deviations (see README.md):
rep1's OBJID is "rep1", mdRef MDTYPE "DC" 1.0.0, upper-case SHA-256, CREATED with
milliseconds and +07:00, an empty amdSec.
"""

import datetime
import hashlib
import uuid
from dataclasses import dataclass, field

from lxml import etree

from .schemas import NS_CSIP, NS_METS, NS_SIP, NS_XLINK

XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"mets": NS_METS, "xlink": NS_XLINK, "xsi": XSI, "csip": NS_CSIP, "sip": NS_SIP}
PROFILE = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml"
VN_TZ = datetime.timezone(datetime.timedelta(hours=7), "+07:00")
SOFTWARE = "VN eDoc vn_case_file sip_hoso"
SOFTWARE_VERSION = "1.0"


def m(tag):
    return f"{{{NS_METS}}}{tag}"


def xl(tag):
    return f"{{{NS_XLINK}}}{tag}"


def vn_timestamp(moment):
    """ISO 8601 with milliseconds in +07:00 (Asia/Ho_Chi_Minh keeps no DST)."""
    local = moment.astimezone(VN_TZ)
    return f"{local:%Y-%m-%dT%H:%M:%S}.{local.microsecond // 1000:03d}+07:00"


@dataclass(frozen=True)
class PackedFile:
    """A file of the package; ``href`` is relative to the METS that lists it."""

    href: str
    data: bytes
    mimetype: str

    @property
    def size(self):
        return len(self.data)

    @property
    def checksum(self):
        return hashlib.sha256(self.data).hexdigest().upper()


@dataclass
class MetsContext:
    """What both METS files share. IDs are uuid5 of the package UUID: deterministic."""

    package_uuid: uuid.UUID
    created: str
    record_status: str
    agency_name: str
    agency_code: str
    label: str
    alt_record_ids: list = field(default_factory=list)  # (TYPE, value)

    @property
    def objid(self):
        return f"uuid-{str(self.package_uuid).upper()}"

    def uid(self, key, prefix="uuid-"):
        return prefix + str(uuid.uuid5(self.package_uuid, key)).upper()


def _schema_location(prefix):
    pairs = [
        (NS_METS, "mets1_12.xsd"),
        (NS_XLINK, "xlink.xsd"),
        (NS_CSIP, "dilcisextensionmets.xsd"),
        (NS_SIP, "dilcisextensionsipmets.xsd"),
    ]
    return " ".join(f"{ns} {prefix}{name}" for ns, name in pairs)


def _root(ctx, objid, schema_prefix):
    root = etree.Element(m("mets"), nsmap=NSMAP)
    root.set("OBJID", objid)
    root.set("LABEL", ctx.label)
    root.set("TYPE", "Mixed")
    root.set(f"{{{NS_CSIP}}}CONTENTINFORMATIONTYPE", "MIXED")
    root.set("PROFILE", PROFILE)
    root.set(f"{{{XSI}}}schemaLocation", _schema_location(schema_prefix))
    hdr = etree.SubElement(root, m("metsHdr"))
    hdr.set("CREATEDATE", ctx.created)
    hdr.set("LASTMODDATE", ctx.created)
    hdr.set("RECORDSTATUS", ctx.record_status)
    hdr.set(f"{{{NS_CSIP}}}OAISPACKAGETYPE", "SIP")
    _agent(hdr, "ORGANIZATION", ctx.agency_name, ctx.agency_code, "IDENTIFICATIONCODE")
    _agent(hdr, "OTHER", SOFTWARE, SOFTWARE_VERSION, "SOFTWARE VERSION")
    for kind, value in ctx.alt_record_ids:
        alt = etree.SubElement(hdr, m("altRecordID"), TYPE=kind)
        alt.text = value
    return root


def _agent(hdr, kind, name, note, note_type):
    agent = etree.SubElement(hdr, m("agent"), ROLE="CREATOR", TYPE=kind)
    if kind == "OTHER":
        agent.set("OTHERTYPE", "SOFTWARE")
    etree.SubElement(agent, m("name")).text = name
    note_el = etree.SubElement(agent, m("note"))
    note_el.set(f"{{{NS_CSIP}}}NOTETYPE", note_type)
    note_el.text = note


def _checksummed(el, packed, created):
    el.set("MIMETYPE", packed.mimetype)
    el.set("SIZE", str(packed.size))
    el.set("CREATED", created)
    el.set("CHECKSUM", packed.checksum)
    el.set("CHECKSUMTYPE", "SHA-256")


def _dmd(parent, ctx, key, packed):
    dmd = etree.SubElement(parent, m("dmdSec"), ID=ctx.uid(key))
    dmd.set("CREATED", ctx.created)
    dmd.set("STATUS", "CURRENT")
    ref = etree.SubElement(dmd, m("mdRef"), LOCTYPE="URL", MDTYPE="DC")
    ref.set("MDTYPEVERSION", "1.0.0")
    ref.set(xl("type"), "simple")
    ref.set(xl("href"), packed.href)
    _checksummed(ref, packed, ctx.created)
    return dmd.get("ID")


def _file(grp, ctx, packed):
    el = etree.SubElement(grp, m("file"), ID=ctx.uid("file:" + packed.href, "ID-"))
    _checksummed(el, packed, ctx.created)
    loc = etree.SubElement(el, m("FLocat"), LOCTYPE="URL")
    loc.set(xl("type"), "simple")
    loc.set(xl("href"), packed.href)
    return el.get("ID")


def _tostring(root):
    return etree.tostring(
        root, xml_declaration=True, encoding="UTF-8", pretty_print=True
    )


def root_mets(ctx, ead, schemas, rep1_mets):
    """The package's METS.xml: EAD.xml, the schemas and rep1's METS."""
    root = _root(ctx, ctx.objid, "schemas/")
    dmd_id = _dmd(root, ctx, "dmd:root", ead)
    etree.SubElement(root, m("amdSec"), ID=ctx.uid("amd:root"))
    sec = etree.SubElement(root, m("fileSec"), ID=ctx.uid("filesec:root"))
    schema_grp = etree.SubElement(sec, m("fileGrp"), USE="Schemas")
    schema_grp.set("ID", ctx.uid("grp:schemas"))
    for packed in schemas:
        _file(schema_grp, ctx, packed)
    rep_grp = etree.SubElement(sec, m("fileGrp"), USE="Representations/rep1")
    rep_grp.set("ID", ctx.uid("grp:rep1"))
    rep_file_id = _file(rep_grp, ctx, rep1_mets)

    smap = etree.SubElement(root, m("structMap"), TYPE="PHYSICAL", LABEL="CSIP")
    smap.set("ID", ctx.uid("structmap:root"))
    top = etree.SubElement(smap, m("div"), ID=ctx.uid("div:root"), LABEL=ctx.objid)
    etree.SubElement(
        top, m("div"), ID=ctx.uid("div:metadata"), LABEL="Metadata", DMDID=dmd_id
    )
    div = etree.SubElement(top, m("div"), ID=ctx.uid("div:schemas"), LABEL="Schemas")
    etree.SubElement(div, m("fptr"), FILEID=schema_grp.get("ID"))
    div = etree.SubElement(
        top, m("div"), ID=ctx.uid("div:rep1"), LABEL="Representations/rep1"
    )
    mptr = etree.SubElement(div, m("mptr"), LOCTYPE="URL")
    mptr.set(xl("type"), "simple")
    mptr.set(xl("href"), rep1_mets.href)
    mptr.set(xl("title"), rep_grp.get("ID"))
    etree.SubElement(div, m("fptr"), FILEID=rep_file_id)
    return _tostring(root)


def rep1_mets(ctx, documents):
    """rep1's METS.xml; ``documents`` is a list of (EAD_DOC, PDF, trail or None)."""
    root = _root(ctx, "rep1", "../../schemas/")
    dmd_ids = [
        _dmd(root, ctx, f"dmd:{ead.href}", ead) for ead, _pdf, _trail in documents
    ]
    etree.SubElement(root, m("amdSec"), ID=ctx.uid("amd:rep1"))
    sec = etree.SubElement(root, m("fileSec"), ID=ctx.uid("filesec:rep1"))
    grp = etree.SubElement(sec, m("fileGrp"), USE="Data", ID=ctx.uid("grp:data"))
    file_ids = []
    for _ead, pdf, trail in documents:
        ids = [_file(grp, ctx, pdf)]
        if trail is not None:
            ids.append(_file(grp, ctx, trail))
        file_ids.append(ids)

    smap = etree.SubElement(root, m("structMap"), TYPE="PHYSICAL", LABEL="CSIP")
    smap.set("ID", ctx.uid("structmap:rep1"))
    top = etree.SubElement(smap, m("div"), ID=ctx.uid("div:rep1:root"), LABEL="rep1")
    data = etree.SubElement(top, m("div"), ID=ctx.uid("div:data"), LABEL="Data")
    etree.SubElement(data, m("fptr"), FILEID=grp.get("ID"))
    for index, (dmd_id, ids) in enumerate(zip(dmd_ids, file_ids, strict=True)):
        div = etree.SubElement(top, m("div"), LABEL="MetadataLink/File")
        div.set("ID", ctx.uid(f"div:doc:{index}"))
        div.set("DMDID", dmd_id)
        for file_id in ids:  # the PDF, then its processing trail
            etree.SubElement(div, m("fptr"), FILEID=file_id)
    return _tostring(root)
