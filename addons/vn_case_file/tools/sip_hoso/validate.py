# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""validate_sip: every check of a SIP_hoso package, on a zip or on built files.

The builder runs validate_files on what it is about to zip, so a package that
leaves the builder passes validate_sip.
"""

import hashlib
import posixpath

from . import rules, zipio
from .mets import PROFILE
from .schemas import NS_CSIP, NS_METS, NS_XLINK, schema_errors
from .xmlsafe import parse_xml

REP1 = "representations/rep1/"
_NS = {"mets": NS_METS, "xlink": NS_XLINK}
_HREF = f"{{{NS_XLINK}}}href"


def validate_sip(
    zip_bytes: bytes,
    *,
    max_entries: int = zipio.MAX_ENTRIES,
    max_total_size: int = zipio.MAX_TOTAL_SIZE,
    max_ratio: float = zipio.MAX_RATIO,
) -> list[str]:
    """Problems of the SIP_hoso zip ``zip_bytes`` (Vietnamese); empty = valid.

    Opens it safely (see zipio), checks the single root folder named by the METS
    OBJID, validates both METS, EAD.xml and every EAD_DOC against the shipped XSDs
    and TT05's conditions, and re-computes SIZE and SHA-256 of every file both METS
    list; a file no METS lists is a problem too.
    """
    if not isinstance(zip_bytes, bytes | bytearray):
        return ["Gói SIP phải là dữ liệu nhị phân (bytes)."]
    entries, problems = zipio.read_zip(
        bytes(zip_bytes),
        max_entries=max_entries,
        max_total_size=max_total_size,
        max_ratio=max_ratio,
    )
    if problems:
        return problems
    if not entries:
        return ["Zip rỗng."]
    roots = {name.split("/", 1)[0] for name in entries}
    if len(roots) != 1 or any("/" not in name for name in entries):
        return ["Zip phải chứa đúng một thư mục gốc (tên theo OBJID của METS)."]
    root = roots.pop()
    files = {name[len(root) + 1 :]: data for name, data in entries.items()}
    return validate_files(root, files)


def validate_files(root_name, files):
    """Problems of a package whose folder is ``root_name``; ``files`` maps paths
    inside that folder to bytes."""
    problems = []
    root_tree = _xml(files, "METS.xml", "mets", problems)
    if root_tree is None:
        return problems
    objid = root_tree.getroot().get("OBJID")
    if objid != root_name:
        problems.append(f"Thư mục gốc “{root_name}” khác OBJID của METS “{objid}”.")
    if not (objid or "").startswith("uuid-"):
        problems.append("OBJID của METS phải có dạng “uuid-…”.")
    problems += _profile_errors(root_tree, "METS.xml")
    refs = _references(root_tree, "", files, problems)

    rep1_path = REP1 + "METS.xml"
    if rep1_path not in refs:
        problems.append("METS.xml không tham chiếu representations/rep1/METS.xml.")
    rep1_tree = _xml(files, rep1_path, "mets", problems)
    if rep1_tree is None:
        return problems
    if rep1_tree.getroot().get("OBJID") != "rep1":
        problems.append(f"{rep1_path}: OBJID phải là “rep1”.")
    problems += _profile_errors(rep1_tree, rep1_path)
    rep1_refs = _references(rep1_tree, REP1, files, problems)

    unreferenced = set(files) - refs - rep1_refs - {"METS.xml"}
    problems += [
        f"Tệp không được METS tham chiếu: “{n}”." for n in sorted(unreferenced)
    ]
    problems += _ead_errors(root_tree, rep1_tree, files)
    return problems


def _xml(files, path, kind, problems):
    """The parsed, schema-valid tree of ``path``; None (and problems) otherwise."""
    if path not in files:
        problems.append(f"Thiếu tệp “{path}”.")
        return None
    try:
        tree = parse_xml(files[path])
    except ValueError as exc:
        problems.append(f"{path}: {exc}")
        return None
    errors = schema_errors(tree, kind)
    if errors:
        problems += [f"{path} không đúng lược đồ {kind}: {e}" for e in errors]
        return None
    return tree


def _profile_errors(tree, name):
    root = tree.getroot()
    errors = []
    expected = {
        "PROFILE": (root.get("PROFILE"), PROFILE),
        "TYPE": (root.get("TYPE"), "Mixed"),
        "CONTENTINFORMATIONTYPE": (
            root.get(f"{{{NS_CSIP}}}CONTENTINFORMATIONTYPE"),
            "MIXED",
        ),
    }
    hdr = root.find("mets:metsHdr", _NS)
    expected["OAISPACKAGETYPE"] = (
        hdr.get(f"{{{NS_CSIP}}}OAISPACKAGETYPE") if hdr is not None else None,
        "SIP",
    )
    for attr, (got, want) in expected.items():
        if got != want:
            errors.append(f"{name}: {attr} phải là “{want}” (đang là “{got}”).")
    if not root.xpath("mets:metsHdr/mets:agent[@ROLE='CREATOR']", namespaces=_NS):
        errors.append(f"{name}: thiếu agent ROLE=“CREATOR”.")
    if not root.xpath("mets:metsHdr/mets:altRecordID", namespaces=_NS):
        errors.append(f"{name}: thiếu altRecordID.")
    if not root.xpath("mets:structMap[@LABEL='CSIP']", namespaces=_NS):
        errors.append(f"{name}: thiếu structMap LABEL=“CSIP”.")
    return errors


def _references(tree, base, files, problems):
    """Paths (from the package folder) of the files ``tree`` lists, each checked
    for presence, SIZE and SHA-256."""
    found = set()
    items = [(ref, ref) for ref in tree.iterfind(".//mets:mdRef", _NS)]
    items += [
        (loc.getparent(), loc) for loc in tree.iterfind(".//mets:file/mets:FLocat", _NS)
    ]
    for holder, link in items:
        href = link.get(_HREF) or ""
        path = posixpath.normpath(base + href)
        if not href or href.startswith("/") or "://" in href or path.startswith(".."):
            problems.append(f"Đường dẫn không hợp lệ trong METS: “{href}”.")
            continue
        found.add(path)
        if path not in files:
            problems.append(f"Thiếu tệp “{path}” mà METS liệt kê.")
            continue
        data = files[path]
        if holder.get("SIZE") != str(len(data)):
            problems.append(f"“{path}”: kích thước khác SIZE trong METS.")
        if holder.get("CHECKSUMTYPE") != "SHA-256":
            problems.append(f"“{path}”: CHECKSUMTYPE phải là SHA-256.")
        digest = hashlib.sha256(data).hexdigest().upper()
        if (holder.get("CHECKSUM") or "").upper() != digest:
            problems.append(f"“{path}”: mã băm SHA-256 không khớp (tệp bị sửa?).")
    return found


def _dmd_paths(tree, base):
    return [
        posixpath.normpath(base + (ref.get(_HREF) or ""))
        for ref in tree.iterfind("mets:dmdSec/mets:mdRef", _NS)
    ]


def _ead_errors(root_tree, rep1_tree, files):
    problems = []
    file_trees = []
    for path in _dmd_paths(root_tree, ""):
        tree = _xml(files, path, "ead_hoso", problems) if path in files else None
        if tree is not None:
            problems += rules.file_rule_errors(tree)
            file_trees.append(tree)
    if len(_dmd_paths(root_tree, "")) != 1:
        problems.append("METS.xml phải có đúng một dmdSec (EAD.xml của hồ sơ).")
    doc_trees = []
    for path in _dmd_paths(rep1_tree, REP1):
        tree = _xml(files, path, "ead_doc", problems) if path in files else None
        if tree is None:
            continue
        doc_id = tree.getroot().findtext("docId") or ""
        has_trail = f"{REP1}data/{doc_id}.process.xml" in files
        problems += rules.doc_rule_errors(tree, path, has_trail=has_trail)
        if f"{REP1}data/{doc_id}.pdf" not in files:
            problems.append(f"{path}: thiếu tệp dữ liệu data/{doc_id}.pdf.")
        doc_trees.append(tree)
    if not doc_trees:
        problems.append("Gói không có văn bản nào (EAD_DOC).")
    if len(file_trees) == 1 and doc_trees:
        problems += rules.totals_errors(file_trees[0], doc_trees)
    return problems
