#!/usr/bin/env python3
"""Decide whether a test run passed, from Odoo's log and exit code.

Odoo only logs some failures (a test module that does not import, a tour
skipped because no browser was found), so the exit code is not enough.
Prints one final line "N passed, N failed" taken from Odoo's own report.
"""

import argparse
import re
import sys

REPORT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")
SKIP = re.compile(r" INFO \S+ \S+: skipped (.+?) : (.*)$")
IMPORT_FAIL = re.compile(
    r"Can not `import`|Failed to import|ImportError|ModuleNotFoundError"
)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("logfile")
    parser.add_argument("--odoo-exit", type=int, default=0)
    args = parser.parse_args()
    with open(args.logfile, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()

    problems = []
    reports = [REPORT.search(line) for line in lines]
    reports = [r for r in reports if r]
    if not reports:
        problems.append("no test report in the log (Odoo did not finish)")
        failed = errors = run = 0
    else:
        failed, errors, run = (int(x) for x in reports[-1].groups())
    skipped = [m.groups() for m in map(SKIP.search, lines) if m]
    for line in lines:
        if LEVEL.match(line):
            problems.append("log: " + line[:300])
        elif IMPORT_FAIL.search(line):
            problems.append("import failure: " + line[:300])
    for test, reason in skipped:
        problems.append(f"skipped test {test}: {reason}")
    if reports and run == 0:
        problems.append("no test ran")
    if args.odoo_exit != 0:
        problems.append(f"odoo exited with status {args.odoo_exit}")

    for p in problems:
        print("CHECK:", p)
    passed = run - failed - errors - len(skipped)
    print(f"{passed} passed, {failed + errors} failed")
    return 1 if problems or failed or errors else 0


if __name__ == "__main__":
    sys.exit(main())
