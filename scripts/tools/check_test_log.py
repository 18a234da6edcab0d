#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Decide whether a test run passed: Odoo's log and exit code, pytest, the lint gate.

Odoo only logs some failures (a test module that does not import, a tour
skipped because no browser was found), so the exit code is not enough.
Prints one final line "N passed, N failed": Odoo's tests from its own report,
plus the pytest tests (from pytest's JUnit XML) and the lint gate as one test.

    check_test_log.py ODOO_LOG --odoo-exit N
        [--pytest-junit FILE --pytest-exit N]... [--lint-exit N]

``--pytest-junit``/``--pytest-exit`` may be repeated, in pairs (the pure-Python run,
then the backup and restore drill run on Odoo's test database).
"""

import argparse
import re
import sys
from xml.etree import ElementTree

REPORT = re.compile(
    r"(\d+) failed, (\d+) error\(s\) of (\d+) tests when loading database"
)
LEVEL = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (ERROR|CRITICAL) ")
SKIP = re.compile(r" INFO \S+ \S+: skipped (.+?) : (.*)$")
IMPORT_FAIL = re.compile(
    r"Can not `import`|Failed to import|ImportError|ModuleNotFoundError"
)
# pytest's exit code when it collected no test (no suite written yet): not a failure
PYTEST_NO_TESTS = 5


def odoo_result(lines, odoo_exit):
    """(passed, failed, problems) of Odoo's test log."""
    problems = []
    reports = [r for r in map(REPORT.search, lines) if r]
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
    if odoo_exit != 0:
        problems.append(f"odoo exited with status {odoo_exit}")
    passed = run - failed - errors - len(skipped)
    return passed, failed + errors, problems


def pytest_result(junit_path, pytest_exit):
    """(passed, failed, problems) of pytest's JUnit XML report."""
    problems = []
    try:
        root = ElementTree.parse(junit_path).getroot()
    except (OSError, ElementTree.ParseError) as exc:
        return 0, 0, [f"pytest: no readable report {junit_path} ({exc})"]
    # <testsuites><testsuite tests= failures= errors= skipped=> (or one testsuite)
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    tests = failures = errors = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failures += int(suite.get("failures", 0))
        errors += int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    for case in root.iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        for child in case:
            if child.tag == "skipped":
                problems.append(f"pytest: skipped {name}: {child.get('message')}")
            elif child.tag in ("failure", "error"):
                problems.append(f"pytest: {child.tag} {name}")
    failed = failures + errors
    if pytest_exit not in (0, PYTEST_NO_TESTS) and not failed:
        problems.append(f"pytest exited with status {pytest_exit}")
    return tests - failed - skipped, failed, problems


def lint_result(lint_exit):
    """The lint gate counts as one test."""
    if lint_exit == 0:
        return 1, 0, []
    return 0, 1, [f"lint gate failed (status {lint_exit}), see make lint"]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("logfile")
    parser.add_argument("--odoo-exit", type=int, default=0)
    parser.add_argument("--pytest-junit", action="append", default=[])
    parser.add_argument("--pytest-exit", type=int, action="append", default=[])
    parser.add_argument("--lint-exit", type=int)
    args = parser.parse_args(argv)
    with open(args.logfile, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()

    results = [odoo_result(lines, args.odoo_exit)]
    for index, junit in enumerate(args.pytest_junit):
        exits = args.pytest_exit
        results.append(pytest_result(junit, exits[index] if index < len(exits) else 0))
    if args.lint_exit is not None:
        results.append(lint_result(args.lint_exit))
    passed = sum(r[0] for r in results)
    failed = sum(r[1] for r in results)
    problems = [p for r in results for p in r[2]]
    for p in problems:
        print("CHECK:", p)
    print(f"{passed} passed, {failed} failed")
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main())
