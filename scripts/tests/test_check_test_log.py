# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The closing line of make test: Odoo's report + pytest's JUnit XML + the lint gate."""

import check_test_log

REPORT = (
    "2026-12-01 10:00:00,000 123 INFO vn_edoc_test odoo.tests.result: {failed} failed, "
    "{errors} error(s) of {run} tests when loading database 'vn_edoc_test'"
)
SKIPPED = (
    "2026-12-01 10:00:00,000 123 INFO vn_edoc_test odoo.addons.x.tests: skipped "
    "test_tour (odoo.addons.x.tests.T) : Chrome not found"
)
JUNIT = """<?xml version="1.0" encoding="utf-8"?>
<testsuites><testsuite name="pytest" tests="{tests}" failures="{failures}"
 errors="{errors}" skipped="{skipped}">{cases}</testsuite></testsuites>"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def junit(tmp_path, tests, failures=0, errors=0, skipped=0, cases=""):
    text = JUNIT.format(
        tests=tests, failures=failures, errors=errors, skipped=skipped, cases=cases
    )
    return write(tmp_path, "pytest.xml", text)


def run(capsys, argv):
    status = check_test_log.main(argv)
    return status, capsys.readouterr().out.splitlines()


def test_odoo_report_alone(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=12))
    status, out = run(capsys, [log])
    assert (status, out) == (0, ["12 passed, 0 failed"])


def test_odoo_failures_and_errors_count_as_failed(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=2, errors=1, run=12))
    status, out = run(capsys, [log])
    assert status == 1
    assert out[-1] == "9 passed, 3 failed"


def test_skipped_odoo_test_fails_the_run(tmp_path, capsys):
    text = SKIPPED + "\n" + REPORT.format(failed=0, errors=0, run=5)
    status, out = run(capsys, [write(tmp_path, "t.log", text)])
    assert status == 1
    assert out[-1] == "4 passed, 0 failed"
    assert any("skipped test" in line for line in out)


def test_error_line_and_missing_report(tmp_path, capsys):
    text = "2026-12-01 10:00:00,000 123 ERROR vn_edoc_test odoo.x: boom"
    status, out = run(capsys, [write(tmp_path, "t.log", text), "--odoo-exit", "1"])
    assert status == 1
    assert out[-1] == "0 passed, 0 failed"
    assert "CHECK: no test report in the log (Odoo did not finish)" in out
    assert "CHECK: odoo exited with status 1" in out


def test_pytest_and_lint_are_added(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=10))
    xml = junit(tmp_path, tests=7)
    argv = [log, "--pytest-junit", xml, "--pytest-exit", "0", "--lint-exit", "0"]
    status, out = run(capsys, argv)
    assert (status, out) == (0, ["18 passed, 0 failed"])


def test_pytest_failure_fails_the_run(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=10))
    cases = (
        '<testcase classname="t" name="ok"/>'
        '<testcase classname="t" name="bad"><failure message="x"/></testcase>'
        '<testcase classname="t" name="broken"><error message="y"/></testcase>'
    )
    xml = junit(tmp_path, tests=3, failures=1, errors=1, cases=cases)
    status, out = run(capsys, [log, "--pytest-junit", xml, "--pytest-exit", "1"])
    assert status == 1
    assert out[-1] == "11 passed, 2 failed"
    assert "CHECK: pytest: failure t.bad" in out


def test_pytest_skip_is_a_problem(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=1))
    cases = '<testcase classname="t" name="s"><skipped message="no token"/></testcase>'
    xml = junit(tmp_path, tests=2, skipped=1, cases=cases)
    status, out = run(capsys, [log, "--pytest-junit", xml])
    assert status == 1
    assert out[-1] == "2 passed, 0 failed"
    assert "CHECK: pytest: skipped t.s: no token" in out


def test_pytest_without_tests_is_not_a_failure(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=3))
    xml = junit(tmp_path, tests=0)
    status, out = run(capsys, [log, "--pytest-junit", xml, "--pytest-exit", "5"])
    assert (status, out) == (0, ["3 passed, 0 failed"])


def test_pytest_crash_without_report(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=3))
    missing = str(tmp_path / "none.xml")
    status, out = run(capsys, [log, "--pytest-junit", missing, "--pytest-exit", "4"])
    assert status == 1
    assert out[-1] == "3 passed, 0 failed"
    assert any(line.startswith("CHECK: pytest: no readable report") for line in out)


def test_lint_finding_is_one_failed_test(tmp_path, capsys):
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=3))
    status, out = run(capsys, [log, "--lint-exit", "1"])
    assert status == 1
    assert out[-1] == "3 passed, 1 failed"
    assert "CHECK: lint gate failed (status 1), see make lint" in out


def test_two_pytest_runs_are_added(tmp_path, capsys):
    """The pure-Python run and the backup and restore drill run (scripts/ops/tests)
    both count; a failure of the second fails the run."""
    log = write(tmp_path, "t.log", REPORT.format(failed=0, errors=0, run=10))
    first = junit(tmp_path, tests=3)
    second = write(
        tmp_path,
        "drill.xml",
        JUNIT.format(tests=3, failures=1, errors=0, skipped=0, cases=""),
    )
    argv = [log, "--pytest-junit", first, "--pytest-exit", "0"]
    status, out = run(capsys, [*argv, "--pytest-junit", second, "--pytest-exit", "1"])
    assert status == 1
    assert out[-1] == "15 passed, 1 failed"
