#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Full-text search at a million documents with text (issue 17).

    scripts/benchmarks/benchmark_fts.sh [DB] [--explain] [--only WORD]
        (DB defaults to vn_bench_overdue, given its texts by generate_fts_text.sh)

As the web client's list asks it, as the user (record rules apply), a fresh ORM
cache each run: ``web_search_read`` of the incoming register list with the
"Content" search of the search bar, 80 rows in the default order WITH the snippets,
and the pager's count up to the list's ``count_limit`` + 1 as the web client asks
(read from the list view's arch; Odoo 19's DEFAULT_COUNT_LIMIT 10,000 without it;
``BENCH_COUNT_LIMIT`` overrides); then, apart, the exact count the pager asks when
clicked (``search_count`` without limit, once; ``BENCH_EXACT_COUNT=0`` skips it).
Phrases: a common and a rare one of the generated texts,
and a common one of the subjects (also in the texts). As the records clerk (sees
all) and a staff member (rules). Median and p95 of ``BENCH_RUNS`` runs (default 20)
after one warm-up. Also: the size of the text, its vectors and indexes. Nothing is
written.
"""

import os
import sys
import time

from bench_common import machine, use_database
from bench_subjects import COMMON as SUBJECT_COMMON
from benchmark_scale import INCOMING_ACTION, INCOMING_SPEC, as_user, measure, users
from generate_fts_text import COMMON, RARE
from lxml import etree

from odoo import api
from odoo.modules.registry import Registry

LIST_VIEW = "vn_document_inbound.vn_document_incoming_view_list"
SPEC = dict(INCOMING_SPEC, content_snippet={})
PHRASES = (
    ("common text", COMMON),
    ("rare text", RARE),
    ("common subject", SUBJECT_COMMON),
)
SIZES = """
SELECT pg_size_pretty(pg_total_relation_size('vn_file_text')),
       pg_size_pretty(pg_relation_size('vn_file_text_content_vector_index')),
       pg_size_pretty(pg_relation_size('vn_document_incoming_content_vector_index')),
       pg_size_pretty(pg_database_size(current_database()))
"""


def count_limit(env):
    """What the web client asks: the list's count_limit + 1 (list_arch_parser.js,
    relational_model.js)."""
    if "BENCH_COUNT_LIMIT" in os.environ:
        return int(os.environ["BENCH_COUNT_LIMIT"])
    arch = etree.fromstring(env.ref(LIST_VIEW).arch)
    return int(arch.get("count_limit") or 10000) + 1


def list_page(model, term, limit):
    domain = INCOMING_ACTION + [("content_search", "ilike", term)]

    def call():
        result = model.web_search_read(domain, SPEC, limit=80, count_limit=limit)
        marked = sum(
            "<mark>" in (r["content_snippet"] or "") for r in result["records"]
        )
        return (
            f"{len(result['records'])} rows ({marked} marked), count {result['length']}"
        )

    return call


def exact_count(env, label, model, term):
    """The pager clicked: the exact count, once (seconds for a common phrase)."""
    domain = INCOMING_ACTION + [("content_search", "ilike", term)]
    env.invalidate_all()
    started = time.perf_counter()
    count = model.search_count(domain)
    elapsed = (time.perf_counter() - started) * 1000
    print(f"{label:<72} once   {elapsed:9.1f} ms  count {count}")


def main(db, explain_plans, only=None):
    use_database(db)
    registry = Registry(db)
    with registry.cursor() as cr:
        env = api.Environment(cr, api.SUPERUSER_ID, {})
        cr.execute("SHOW server_version")
        print(f"machine: {machine()}, PostgreSQL {cr.fetchone()[0]}")
        cr.execute("SELECT count(*), sum(length(text)) FROM vn_file_text")
        texts, chars = cr.fetchone()
        print(f"{db}: {texts:,} file texts, {chars or 0:,} characters")
        cr.execute(SIZES)
        sizes = cr.fetchone()
        print(
            f"sizes: vn_file_text {sizes[0]} (text, vectors, indexes), its GIN "
            f"{sizes[1]}, metadata GIN {sizes[2]}, database {sizes[3]}"
        )
        print(f"load average before: {os.getloadavg()}")
        limit = count_limit(env)
        print(f"pager's count_limit asked: {limit}")
        people = users(env)
        for role in ("clerk", "staff"):
            incoming = as_user(env, "vn.document.incoming", people[role])
            for name, term in PHRASES:
                label = f"content search {name} '{term}' ({role})"
                if only and only not in label:
                    continue
                measure(env, label, list_page(incoming, term, limit), explain_plans)
                if os.environ.get("BENCH_EXACT_COUNT", "1") == "1":
                    label = f"  exact count on the pager's click ({role})"
                    exact_count(env, label, incoming, term)
        print(f"load average after: {os.getloadavg()}")
        cr.rollback()


if __name__ == "__main__":
    args = sys.argv[1:]
    only_word = args[args.index("--only") + 1] if "--only" in args else None
    names = [
        a
        for i, a in enumerate(args)
        if not a.startswith("--") and (i == 0 or args[i - 1] != "--only")
    ]
    main(names[0] if names else "vn_bench_overdue", "--explain" in args, only_word)
