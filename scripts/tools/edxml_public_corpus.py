#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Run every public real-world edXML package through the connector's parser.

    edxml_public_corpus.py [--mirror-root DIR] [--parser PATH/edxml.py] [--quiet]

The packages are read from local git mirrors of the public repositories of
shared/docs/EDXML.md §6 (S1 PVN-Organization/API-Gateway-iOffice, every commit; S5
all4u1089/truclienthong-example), never copied into this repository: each ``*.edxml``
blob of any commit, deduplicated by content. Each package either "comes through" (a
status, or a document with at least one file: the intake refuses a document without
one) or not (no file, or the parser's refusal). ``--parser`` runs another copy of
edxml.py (e.g. the main branch's) for a before/after count. Exits 0 when the mirrors
are absent (nothing to count), 1 when a package does not come through.
"""

import argparse
import collections
import hashlib
import importlib.util
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PARSER = os.path.join(ROOT, "addons", "vn_lgsp_connector", "tools", "edxml.py")
MIRRORS = ("PVN-Organization+API-Gateway-iOffice", "all4u1089+truclienthong-example")


def load_parser(path):
    spec = importlib.util.spec_from_file_location("edxml_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _git(repo, *args):
    return subprocess.run(
        ["git", "--git-dir", repo, *args],
        check=True,
        capture_output=True,
        timeout=300,
    ).stdout


def _git_dir(mirror_root, name):
    for candidate in ("repo/.git", "repo"):
        path = os.path.join(mirror_root, name, candidate)
        if os.path.isfile(os.path.join(path, "HEAD")):
            return path
    return None


def packages(mirror_root):
    """{sha256: (label, bytes)} of every .edxml blob of every commit of the mirrors."""
    found = {}
    for name in MIRRORS:
        repo = _git_dir(mirror_root, name)
        if not repo:
            continue
        blobs = {}
        for commit in _git(repo, "rev-list", "--all").split():
            listing = _git(repo, "ls-tree", "-r", "-z", commit.decode())
            for row in listing.split(b"\0"):
                meta, _tab, path = row.partition(b"\t")
                if path.lower().endswith(b".edxml") and meta.split()[1:2] == [b"blob"]:
                    blobs.setdefault(meta.split()[2].decode(), path.decode())
        for blob, path in sorted(blobs.items(), key=lambda item: item[1]):
            data = _git(repo, "cat-file", "blob", blob)
            found.setdefault(hashlib.sha256(data).hexdigest(), (f"{name}:{path}", data))
    return found


def outcome(edxml, data):
    """'ok', 'no file' or the parser's error code with its detail."""
    try:
        package = edxml.parse(data)
    except edxml.EdxmlError as error:
        return f"{error.code}: {error.detail[:100]}"
    if isinstance(package, edxml.StatusPackage) or package.attachments:
        return "ok"
    return "no file"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mirror-root", default="/work/.mirror")
    parser.add_argument("--parser", default=PARSER)
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    corpus = packages(args.mirror_root)
    if not corpus:
        print(f"no public package found under {args.mirror_root}: nothing to count")
        return 0
    edxml = load_parser(args.parser)
    results = collections.Counter()
    for label, data in sorted(corpus.values()):
        result = outcome(edxml, data)
        results["ok" if result == "ok" else "not through"] += 1
        if result != "ok" or not args.quiet:
            print(f"{label}: {result}")
    print(
        f"{results['ok']} of {len(corpus)} distinct public packages come through "
        f"({results['not through']} do not), parser {os.path.relpath(args.parser)}"
    )
    return 1 if results["not through"] else 0


if __name__ == "__main__":
    sys.exit(main())
