#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A million documents per agency (issue 15): the lists as their users see them.

    scripts/benchmarks/benchmark_scale.sh [DB] [--explain] [--only WORD]
        (DB defaults to vn_bench_reports, filled by generate_report_data.sh)

Every measure calls what the web client calls, as the user (record rules apply), with
a fresh ORM cache each run: ``web_search_read`` with the list view's fields, 80 rows in
the default order and the pager's count (up to 10,001), or ``web_read_group`` /
``formatted_read_group`` for the grouped views. Median and p95 over ``BENCH_RUNS``
runs (default 20) after one warm-up.

- the register lists, incoming (the menu's action) and outgoing (the outgoing
  register of this year), as the records clerk, a staff member and a head of unit;
- the accent-insensitive search of the search view (incoming: subject, symbol and
  number; outgoing: subject) for a common, a rare and a very rare phrase;
- overdue work: the "Overdue" filter of incoming documents, the follow-up view
  (overdue and due-soon assignments by unit and person) as the follow-up officer and
  the head, the dashboard's "Overdue per unit and person" as the head of agency.

``--explain`` prints EXPLAIN (ANALYZE, BUFFERS) of every query a measure sends about
documents; ``--only WORD`` keeps the measures whose label holds WORD;
``--former-rules`` measures with the incoming record rules of staff and heads as they
were before plan change 3 (set in the run's transaction, rolled back), for before and
after runs interleaved on the same data. The quarterly report has its own script:
benchmark_reports.sh. Nothing is written.
"""

import datetime
import os
import statistics
import sys
import time

from bench_common import machine, use_database
from bench_subjects import COMMON, RARE, VERY_RARE

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

RUNS = int(os.environ.get("BENCH_RUNS", "20"))
COUNT_LIMIT = 10001  # the web client's DEFAULT_COUNT_LIMIT + 1
M2O = {"fields": {"display_name": {}}}
INCOMING_SPEC = {
    "arrival_number": {},
    "arrival_date": {},
    "sender_id": M2O,
    "code_number": {},
    "code_notation": {},
    "issued_date": {},
    "document_type_id": M2O,
    "subject": {},
    "to_places": {},
    "urgency_id": M2O,
    "deadline": {},
    "state": {},
    "is_urgent": {},
    "is_overdue": {},
}
OUTGOING_SPEC = {
    "number_symbol": {},
    "issued_date": {},
    "document_type_id": M2O,
    "subject": {},
    "drafting_department_id": M2O,
    "signer_id": M2O,
    "urgency_id": M2O,
    "is_urgent": {},
    "turn_text": {},
    "state": {},
}
INCOMING_ACTION = [("state", "!=", "recalled")]
FOLLOW_UP_ACTION_XMLID = "vn_document_inbound.vn_document_incoming_action_follow_up"
TABLES = ("vn_document", "vn_report")
# The incoming rules of staff and heads before plan change 3 (README).
FORMER_RULES = {
    "vn_document_inbound.vn_document_incoming_rule_staff": "['|', "
    "('assignment_ids.user_id', '=', user.id), ('received_by_id', '=', user.id)]",
    "vn_document_inbound.vn_document_incoming_rule_department_head": "['|', "
    "('assignment_ids.user_id', '=', user.id), ('assignment_ids.department_id', "
    "'in', user.employee_ids.department_id.ids)]",
}


def incoming_search(term):
    """The search view's filter_domain of "Subject or symbol"."""
    return [
        "|",
        "|",
        ("subject", "ilike", term),
        ("code_notation", "ilike", term),
        ("code_number", "ilike", term),
    ]


def action_domain(env, xmlid):
    """The domain of a window action as the web client sends it."""
    return safe_eval(env.ref(xmlid).domain or "[]")


def stats(samples):
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


class Recorder:
    """Keeps the queries a cursor sends while active (for --explain)."""

    def __init__(self, cr):
        self.cr, self.queries = cr, []

    def __enter__(self):
        cursor_class = type(self.cr)
        self.original = cursor_class.execute
        queries = self.queries

        def execute(cursor, query, params=None, log_exceptions=True):
            queries.append((query, params))
            return self.original(cursor, query, params, log_exceptions)

        cursor_class.execute = execute
        return self

    def __exit__(self, *exc):
        type(self.cr).execute = self.original


def explain(env, func):
    with Recorder(env.cr) as recorder:
        func()
    for query, params in recorder.queries:
        if isinstance(query, SQL):
            query, params = query.code, query.params
        text = query.strip()
        if not text.upper().startswith(("SELECT", "WITH")):
            continue
        if not any(table in text for table in TABLES):
            continue
        env.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {text}", params)
        plan = "\n".join(f"      {row[0]}" for row in env.cr.fetchall())
        print(f"    SQL: {env.cr.mogrify(text, params).decode()[:1500]}\n{plan}")


def measure(env, label, func, explain_plans):
    """Median and p95 of ``func`` (a fresh cache each run); returns what it gave."""
    env.invalidate_all()
    result = func()
    samples = []
    for _run in range(RUNS):
        env.invalidate_all()
        started = time.perf_counter()
        func()
        samples.append((time.perf_counter() - started) * 1000)
    median, p95 = stats(samples)
    print(f"{label:<72} median {median:7.1f} ms  p95 {p95:7.1f} ms  {result}")
    if explain_plans:
        env.invalidate_all()
        explain(env, func)
    return median, p95


def list_page(model, domain, spec):
    def call():
        result = model.web_search_read(domain, spec, limit=80, count_limit=COUNT_LIMIT)
        return f"{len(result['records'])} rows, count {result['length']}"

    return call


def read_group(model, domain, groupby, aggregates, formatted=False):
    def call():
        if formatted:
            groups = model.formatted_read_group(domain, groupby, aggregates)
            return f"{len(groups)} groups, {sum(g['__count'] for g in groups)} rows"
        result = model.web_read_group(domain, groupby, aggregates, limit=80)
        rows = sum(g["__count"] for g in result["groups"])
        return f"{result['length']} groups, {rows} rows"

    return call


def users(env):
    """The roles measured: demo users for clerk, follow-up and head of agency; a
    staff member and a head of unit of the generated units (they hold the work)."""
    ref = env.ref
    Users = env["res.users"].with_context(active_test=False)
    return {
        "clerk": ref("vn_document_base.user_clerk_demo"),
        "staff": Users.search([("login", "=", "bench03.4")]),
        "head": Users.search([("login", "=", "bench03.0")]),
        "follow-up": ref("vn_document_base.user_follow_up_demo"),
        "agency head": ref("vn_document_base.user_agency_head_demo"),
    }


def as_user(env, model, user):
    company = env.ref("base.main_company")
    context = {
        "lang": "vi_VN",
        "tz": "Asia/Ho_Chi_Minh",
        "allowed_company_ids": company.ids,
        "bin_size": True,
    }
    return env[model].with_user(user).with_context(**context)


def cases(env, today):
    """(label, callable) of every measure."""
    people = users(env)
    phrases = (("common", COMMON), ("rare", RARE), ("very rare", VERY_RARE))
    out_register = [("number_symbol", "!=", False)]
    this_year = [("file_catalog", "=", today.year)]
    for role in ("clerk", "staff", "head"):
        incoming = as_user(env, "vn.document.incoming", people[role])
        outgoing = as_user(env, "vn.document.outgoing", people[role])
        yield (
            f"incoming register list, first page ({role})",
            list_page(incoming, INCOMING_ACTION, INCOMING_SPEC),
        )
        yield (
            f"outgoing register list {today.year}, first page ({role})",
            list_page(outgoing, out_register + this_year, OUTGOING_SPEC),
        )
        for name, term in phrases:
            yield (
                f"incoming search {name} '{term}' ({role})",
                list_page(
                    incoming, INCOMING_ACTION + incoming_search(term), INCOMING_SPEC
                ),
            )
            yield (
                f"outgoing search {name} '{term}' ({role})",
                list_page(
                    outgoing, out_register + [("subject", "ilike", term)], OUTGOING_SPEC
                ),
            )
        yield (
            f"incoming overdue filter, first page ({role})",
            list_page(
                incoming, INCOMING_ACTION + [("is_overdue", "=", True)], INCOMING_SPEC
            ),
        )
    follow_up_action = action_domain(env, FOLLOW_UP_ACTION_XMLID)
    for role in ("follow-up", "head"):
        lines = as_user(env, "vn.document.assignment", people[role])
        yield (
            f"follow-up view, overdue and due soon by unit and person ({role})",
            read_group(
                lines,
                follow_up_action
                + ["|", ("is_overdue", "=", True), ("is_due_soon", "=", True)],
                ["department_id", "user_id"],
                ["__count"],
            ),
        )
    if "vn.report.document.stat" in env:
        for role in ("agency head", "head"):
            stat = as_user(env, "vn.report.document.stat", people[role])
            yield (
                f"dashboard overdue per unit and person ({role})",
                read_group(
                    stat,
                    [("is_overdue", "=", True)],
                    ["department_id", "user_id"],
                    ["__count", "nbr:sum"],
                    formatted=True,
                ),
            )


def use_former_rules(env):
    for xmlid, domain in FORMER_RULES.items():
        env.ref(xmlid).domain_force = domain
    env.flush_all()
    print("incoming rules of staff and heads: the former ones (before plan change 3)")


def main(db, explain_plans, only, former_rules=False):
    use_database(db)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        if former_rules:
            use_former_rules(env)
        today = datetime.date.today()
        cr.execute("SELECT count(*) FROM vn_document_incoming")
        incoming = cr.fetchone()[0]
        cr.execute("SELECT count(*) FROM vn_document_outgoing")
        outgoing = cr.fetchone()[0]
        cr.execute("SHOW server_version")
        print(f"machine: {machine()}, PostgreSQL {cr.fetchone()[0]}")
        print(f"{db}: {incoming:,} incoming, {outgoing:,} outgoing documents")
        print(f"{RUNS} runs each; load average before: {os.getloadavg()}")
        for label, func in cases(env, today):
            if only and only not in label:
                continue
            measure(env, label, func, explain_plans)
        print(f"load average after: {os.getloadavg()}")
        cr.rollback()


if __name__ == "__main__":
    args = sys.argv[1:]
    explain_flag = "--explain" in args
    only_word = args[args.index("--only") + 1] if "--only" in args else None
    names = [
        a
        for i, a in enumerate(args)
        if not a.startswith("--") and (i == 0 or args[i - 1] != "--only")
    ]
    main(
        names[0] if names else "vn_bench_reports",
        explain_flag,
        only_word,
        former_rules="--former-rules" in args,
    )
