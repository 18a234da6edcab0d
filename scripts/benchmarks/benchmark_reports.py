#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The reports over a million documents each way (issue 13, "Figures to report"), in
one transaction that is rolled back:

(a) the quarterly workbook of the whole agency for the last complete quarter, as the
    document administrator (``vn.edoc.report._vn_generate``): seconds, median of 3;
(b) the dashboard's first view, as a head of agency: the graph view's call,
    ``formatted_read_group`` on ``vn.report.document.stat`` grouped by ``date:month``
    and ``channel`` with the action's default filter (this year): ms, median of 5;
(c) the processing-status report of one unit for the last complete quarter, as the
    head of that unit (``vn.processing.report.wizard._report_values``, the rows of
    the PDF and the workbook): ms, median of 5.

Each measure is skipped, with the reason, when its model is not installed. With
``BENCH_YEAR=1``, the workbook of the last complete year is measured too (one run).
``BENCH_PROFILE=1`` runs the quarter's workbook once more under cProfile and prints
the top functions (cumulative time; ``BENCH_PROFILE_LINES``, default 40).
``BENCH_PARTS=1`` runs it once more with a timer on each part (the queries and
their rows, the names, the lines, each sheet, the zip, the attachment): wall and CPU
seconds of each.

    scripts/benchmarks/benchmark_reports.sh [DB]
        (the database is made and filled by generate_report_data.sh when missing)
"""

import cProfile
import datetime
import io
import os
import pstats
import resource
import statistics
import sys
import time
import traceback

from bench_common import machine, median_ms, use_database

from odoo import api
from odoo.modules.registry import Registry

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
WORKBOOK_RUNS = int(os.environ.get("BENCH_WORKBOOK_RUNS", "3"))
PROFILE = os.environ.get("BENCH_PROFILE") == "1"
PROFILE_LINES = int(os.environ.get("BENCH_PROFILE_LINES", "40"))
PARTS = os.environ.get("BENCH_PARTS") == "1"
VN_OFFSET = datetime.timedelta(hours=7)


def measure(env, label, func):
    """Run one measure in a savepoint; a missing model or a failure is reported and
    the next measure still runs."""
    try:
        with env.cr.savepoint():
            func()
    except Exception:  # a benchmark reports what it could not measure
        print(f"{label}: FAILED")
        traceback.print_exc(limit=3)


def workbook(env, company, kind, first, last, runs):
    if "vn.edoc.report" not in env:
        print("(a) workbook: vn.edoc.report is not installed")
        return
    if runs < 1:
        return
    admin = env.ref("vn_document_base.user_admin_demo")
    Report = env["vn.edoc.report"].with_user(admin).with_company(company)
    samples, cpu = [], []
    for _run in range(runs):
        started, used = time.perf_counter(), time.process_time()
        report = Report._vn_generate(company, kind, first, last)
        env.flush_all()
        samples.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    size = len(report.sudo().workbook_id.raw or b"")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"(a) {kind} workbook {first:%d/%m/%Y}-{last:%d/%m/%Y}, whole agency: "
        f"median {statistics.median(samples):.1f} s over {runs} "
        f"({', '.join(f'{s:.1f}' for s in samples)}; CPU time of this process "
        f"{', '.join(f'{s:.1f}' for s in cpu)} s), {size / 1e6:.1f} MB, "
        f"{report.in_total:,} incoming and {report.out_total:,} outgoing counted; "
        f"peak memory of the process so far {peak:,.0f} MB"
    )


def profile_workbook(env, company, first, last):
    """One quarter's workbook under cProfile: where its time goes."""
    admin = env.ref("vn_document_base.user_admin_demo")
    Report = env["vn.edoc.report"].with_user(admin).with_company(company)
    profile = cProfile.Profile()
    started = time.perf_counter()
    profile.enable()
    Report._vn_generate(company, "quarter", first, last)
    env.flush_all()
    profile.disable()
    took = time.perf_counter() - started
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out).sort_stats("cumulative")
    stats.print_stats(PROFILE_LINES)
    print(f"(a) profile of one quarter's workbook ({took:.1f} s under cProfile):")
    print(out.getvalue())


def _timer(parts, label, func):
    """``func`` adding its wall and CPU seconds to ``parts[label(args)]``."""

    def timed(*args, **kwargs):
        started, used = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            wall, cpu = parts.get(label(args), (0.0, 0.0))
            parts[label(args)] = (
                wall + time.perf_counter() - started,
                cpu + time.process_time() - used,
            )

    return timed


def workbook_parts(env, company, first, last):
    """One quarter's workbook with a timer on each of its parts."""
    import xlsxwriter

    from odoo.addons.vn_document_report.tools import edoc_workbook

    admin = env.ref("vn_document_base.user_admin_demo")
    Report = env["vn.edoc.report"].with_user(admin).with_company(company)
    facts = type(env["vn.report.facts"])
    report = type(env["vn.edoc.report"])
    parts = {}
    patches = [
        (facts, name, lambda args, name=name: f"query and rows: {name}")
        for name in (
            "_vn_incoming",
            "_vn_outgoing",
            "_vn_deliveries",
            "_vn_accounts",
            "_vn_outages",
        )
    ] + [
        (report, "_vn_names", lambda args: "names (units, people, LGSP statuses)"),
        (report, "_vn_content", lambda args: "all figures and lines (_vn_content)"),
        (edoc_workbook, "_summary_sheet", lambda args: "sheet Tổng hợp"),
        (edoc_workbook, "_detail_sheet", lambda args: f"sheet {args[3]}"),
        (edoc_workbook, "_notes_sheet", lambda args: "sheet Ghi chú"),
        (xlsxwriter.Workbook, "close", lambda args: "xlsx close (XML files, zip)"),
        (edoc_workbook, "build", lambda args: "whole workbook (build)"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _l in patches]
    for owner, name, label in patches:
        setattr(owner, name, _timer(parts, label, getattr(owner, name)))
    try:
        started, used = time.perf_counter(), time.process_time()
        Report._vn_generate(company, "quarter", first, last)
        env.flush_all()
        total = (time.perf_counter() - started, time.process_time() - used)
    finally:
        for owner, name, original in originals:
            setattr(owner, name, original)
    print("(a) parts of one quarter's workbook (wall s, CPU s of this process):")
    for label, (wall, cpu) in parts.items():
        print(f"    {label}: {wall:.2f}, {cpu:.2f}")
    print(f"    total (_vn_generate): {total[0]:.2f}, {total[1]:.2f}")


def dashboard(env, company, today):
    if "vn.report.document.stat" not in env:
        print("(b) dashboard: vn.report.document.stat is not installed")
        return
    leader = env.ref("vn_document_base.user_agency_head_demo")
    Stat = (
        env["vn.report.document.stat"]
        .with_user(leader)
        .with_company(company)
        .with_context(fill_temporal=True, lang="vi_VN", tz="Asia/Ho_Chi_Minh")
    )
    # The action's default filter "this year" and the graph's arch: date by month,
    # channel, measure nbr (sum).
    domain = [
        ("date", ">=", f"{today.year}-01-01"),
        ("date", "<=", f"{today.year}-12-31"),
    ]
    groupby = ["date:month", "channel"]
    aggregates = ["__count", "nbr:sum"]
    groups = []

    def first_view():
        groups[:] = Stat.formatted_read_group(domain, groupby, aggregates)

    took = median_ms(first_view, RUNS)
    total = sum(g["__count"] for g in groups)
    print(
        f"(b) dashboard first view (documents per month by channel, {today.year}, "
        f"head of agency): median {took:.0f} ms over {RUNS}, {len(groups)} groups, "
        f"{total:,} documents"
    )


def processing(env, company, year, number):
    if "vn.processing.report.wizard" not in env:
        print("(c) processing status: vn.processing.report.wizard is not installed")
        return
    unit = env.ref("vn_document_base.hr_department_kt_demo")
    head = unit.manager_id.user_id
    for kind, group_by in (
        ("incoming", "unit"),
        ("incoming", "person"),
        ("outgoing", "unit"),
    ):
        wizard = (
            env["vn.processing.report.wizard"]
            .with_user(head)
            .with_company(company)
            .create(
                {
                    "kind": kind,
                    "period_kind": "quarter",
                    "year": year,
                    "quarter": str(number),
                    "group_by": group_by,
                    "department_ids": [(6, 0, unit.ids)],
                }
            )
        )
        values = {}

        def rows(wizard=wizard, values=values):
            values.update(wizard._report_values())

        took = median_ms(rows, RUNS)
        print(
            f"(c) processing status, {kind} documents by {group_by}, one unit "
            f"({unit.name}, its head), quarter {number}/{year}: median {took:.0f} ms "
            f"over {RUNS}, {len(values['rows'])} rows, "
            f"{values['total']['received']:,} documents"
        )


def main(db):
    use_database(db)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {"tracking_disable": True})
        company = env.ref("base.main_company")
        now = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
        today = (now + VN_OFFSET).date()
        from odoo.addons.vn_document_report.tools import periods

        year, number = periods.last_complete_quarter(today)
        first, last = periods.quarter_bounds(year, number)
        print(machine())
        print(f"load average before: {os.getloadavg()[0]:.2f}")
        cr.execute("SELECT count(*) FROM vn_document_incoming")
        incoming = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM vn_document_outgoing")
        outgoing = cr.fetchone()[0]
        print(f"documents: {incoming:,} incoming, {outgoing:,} outgoing")
        measure(
            env,
            "(a) workbook",
            lambda: workbook(env, company, "quarter", first, last, WORKBOOK_RUNS),
        )
        if PARTS:
            measure(
                env,
                "(a) parts",
                lambda: workbook_parts(env, company, first, last),
            )
        if PROFILE:
            measure(
                env,
                "(a) profile",
                lambda: profile_workbook(env, company, first, last),
            )
        measure(env, "(b) dashboard", lambda: dashboard(env, company, today))
        measure(env, "(c) processing", lambda: processing(env, company, year, number))
        if os.environ.get("BENCH_YEAR"):
            year_from, year_to = periods.year_bounds(today.year - 1)
            measure(
                env,
                "(a) year workbook",
                lambda: workbook(env, company, "year", year_from, year_to, 1),
            )
        print(f"load average after: {os.getloadavg()[0]:.2f}")
        cr.rollback()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_bench_reports")
