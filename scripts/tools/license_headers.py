#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Add OCA's copyright and licence header to Python files that miss it (idempotent).

    license_headers.py [--check] [PATH ...]     (default: addons scripts tools)

At the top of each non-empty .py file, after a shebang or coding line:

    # Copyright <year of the file's first commit> VN eDoc team
    # License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

The licence is the addon's (its __manifest__.py) for files under addons/<addon>/,
LGPL-3 elsewhere. A file that already has a "# Copyright" line and the right
"# License" line at its top is left alone. --check changes nothing, lists the
files that need a header and exits 1 if there is one (the lint gate).
"""

import argparse
import ast
import datetime
import os
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOLDER = "VN eDoc team"
DEFAULT_PATHS = ("addons", "scripts", "tools")
DEFAULT_LICENSE = "LGPL-3"
LICENSE_LINES = {
    "LGPL-3": "# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).",
    "AGPL-3": "# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).",
    "GPL-3": "# License GPL-3.0 or later (https://www.gnu.org/licenses/gpl).",
}
HEAD_LINES = 6  # where a header is looked for


def python_files(paths):
    for path in paths:
        if os.path.isfile(path):
            if path.endswith(".py"):
                yield path
            continue
        for dirpath, dirnames, filenames in os.walk(path):
            dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
            for name in sorted(filenames):
                if name.endswith(".py"):
                    yield os.path.join(dirpath, name)


def addon_license(path):
    """The manifest's licence of the addon holding path, or the default."""
    rel = os.path.relpath(os.path.abspath(path), ROOT).split(os.sep)
    if len(rel) > 2 and rel[0] == "addons":
        manifest = os.path.join(ROOT, "addons", rel[1], "__manifest__.py")
        if os.path.exists(manifest):
            with open(manifest, encoding="utf-8") as f:
                return ast.literal_eval(f.read()).get("license", DEFAULT_LICENSE)
    return DEFAULT_LICENSE


def first_commit_year(path):
    """Year the file entered git (the current year for a new file)."""
    try:
        out = subprocess.run(
            ["git", "log", "--follow", "--format=%ad", "--date=format:%Y", "--", path],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.split()
    except OSError:
        out = []
    return out[-1] if out else str(datetime.date.today().year)


def missing_header(lines, license_line):
    """None if the header is there, else what is missing (for --check)."""
    head = lines[:HEAD_LINES]
    if not any(line.startswith("# Copyright ") for line in head):
        return "no copyright line"
    if license_line not in (line.rstrip("\n") for line in head):
        return "no or another licence line"
    return None


def fix(path, text, license_line):
    """The text with the header: copyright kept if there, licence line (re)placed."""
    lines = text.splitlines(keepends=True)
    head, rest = lines[:HEAD_LINES], lines[HEAD_LINES:]
    head = [line for line in head if not line.startswith("# License ")]
    copyright_at = [i for i, x in enumerate(head) if x.startswith("# Copyright ")]
    if copyright_at:
        at, new = copyright_at[0] + 1, [license_line + "\n"]
    else:
        at = 0  # after a shebang and a coding line
        while at < len(head) and head[at].startswith(("#!", "# -*- coding")):
            at += 1
        copyright_line = f"# Copyright {first_commit_year(path)} {HOLDER}\n"
        new = [copyright_line, license_line + "\n"]
    return "".join(head[:at] + new + head[at:] + rest)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    paths = args.paths or [os.path.join(ROOT, p) for p in DEFAULT_PATHS]
    todo = 0
    for path in python_files(paths):
        with open(path, encoding="utf-8") as f:
            text = f.read()
        if not text.strip():
            continue  # an empty __init__.py needs no header
        license_line = LICENSE_LINES[addon_license(path)]
        problem = missing_header(text.splitlines(), license_line)
        if problem is None:
            continue
        todo += 1
        if args.check:
            print(f"{os.path.relpath(path)}: {problem}")
            continue
        with open(path, "w", encoding="utf-8") as f:
            f.write(fix(path, text, license_line))
        print(f"{os.path.relpath(path)}: header added")
    if args.check and todo:
        print(f"{todo} file(s) without the licence header: run {sys.argv[0]} PATH")
    return 1 if args.check and todo else 0


if __name__ == "__main__":
    sys.exit(main())
