#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill a benchmark database for the reports (issue 13): three years of an agency.

    scripts/benchmarks/generate_report_data.sh [DB] [N_IN] [N_OUT] [N_LOG]

Defaults: 1,000,000 registered incoming documents, 1,000,000 issued outgoing documents,
2,000,000 access-log rows, on the working days of the last three years (Vietnam dates,
office hours), over 20 units of 10 people each (units and people made when missing,
through the ORM: 200 users only).

- incoming: channels lgsp 50 %, e-mail 15 %, internal 15 %, paper 20 %; a deadline on
  about 70 %; done (``done_on``, ``done_deadline``) on about 85 %, a tenth of them late;
  1 % recalled by the sender; one lead assignment (unit and person) each, which gives
  ``handling_department_id`` and ``handling_user_id`` as the workflow would;
- outgoing: drafting unit, drafter, drafting deadline, number and symbol (the agency's
  outgoing register book), 1 % recalled, 1 in 200 replacing an earlier one, 1 to 3
  recipients each (LGSP 60 %, unit 20 %, e-mail 10 %, paper 10 %): sent, "received" on
  95 % of the LGSP copies (a few after days), refused on 1 %;
- every arrival and outgoing number has its row in the register ledger
  (``vn.register.number``), after the numbers the books already gave that year.

Bulk rows go in set-based (INSERT ... SELECT over generate_series, with deterministic
pseudo-random mixes), in one transaction, with the tables' plain indexes dropped and
built again afterwards; then VACUUM ANALYZE. A parameter (``vn_bench.report_data``)
marks a filled database, and a second run stops there. Only for benchmark databases.
"""

import datetime
import json
import sys
import time

import psycopg2
from bench_common import use_database
from bench_subjects import create_subject_function

from odoo import api
from odoo.modules.registry import Registry
from odoo.tools import config

MARKER = "vn_bench.report_data"
VN_OFFSET = datetime.timedelta(hours=7)
UNITS = [
    ("Văn phòng HĐND và UBND", "VP"),
    ("Phòng Kinh tế", "KT"),
    ("Phòng Văn hóa - Xã hội", "VHXH"),
    ("Phòng Nội vụ", "NV"),
    ("Phòng Tài chính - Kế hoạch", "TCKH"),
    ("Phòng Tư pháp", "TP"),
    ("Phòng Quản lý đô thị", "QLĐT"),
    ("Phòng Tài nguyên và Môi trường", "TNMT"),
    ("Phòng Y tế", "YT"),
    ("Phòng Giáo dục và Đào tạo", "GDĐT"),
    ("Thanh tra phường", "TT"),
    ("Bộ phận Một cửa", "MC"),
    ("Công an phường", "CA"),
    ("Ban Chỉ huy Quân sự", "QS"),
    ("Phòng Lao động - Thương binh và Xã hội", "LĐTBXH"),
    ("Phòng Văn hóa và Thông tin", "VHTT"),
    ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHT"),
    ("Trung tâm Phục vụ hành chính công", "PVHCC"),
    ("Phòng Dân tộc", "DT"),
    ("Đội Quản lý trật tự đô thị", "QLTT"),
]
PEOPLE_PER_UNIT = 10
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Quốc", "Ngọc", "Hữu", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long"]
NOTATIONS_IN = ["QĐ-UBND", "UBND-VP", "KH-STTTT", "BC-SNV", "TB-VP", "CV-SKHCN"]
# Outgoing types by abbreviation (None: the công văn, symbol UBND-<unit>), about
# 45 % công văn.
TYPES_OUT = [None] * 9 + ["QĐ", "TB", "KH", "BC", "GM", "TTr", "HD", "QĐ", "TB", "KH"]


def tick(label, started):
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return time.perf_counter()


def setup(env, company):
    """Units, their 200 people (a head and nine staff each), the agencies writing to
    us: found again when present, made otherwise."""
    Department = env["hr.department"].with_context(active_test=False)
    units = env["hr.department"]
    for name, short in UNITS:
        unit = Department.search(
            [("vn_short_name", "=", short), ("company_id", "=", company.id)], limit=1
        )
        units |= unit or Department.create(
            {"name": name, "vn_short_name": short, "company_id": company.id}
        )
    staff = env.ref("vn_document_base.group_vn_document_staff")
    head = env.ref("vn_document_base.group_vn_document_department_head")
    logins = [
        f"bench{u:02d}.{k}" for u in range(len(UNITS)) for k in range(PEOPLE_PER_UNIT)
    ]
    Users = env["res.users"].with_context(active_test=False, no_reset_password=True)
    existing = {u.login: u for u in Users.search([("login", "in", logins)])}
    missing = []
    for i, login in enumerate(logins):
        if login not in existing:
            name = (
                f"{FAMILY[i % 10]} {MIDDLE[(i // 10) % 8]} {GIVEN[(i * 7 + 3) % 10]}"
                f" {i + 1}"
            )
            group = head if i % PEOPLE_PER_UNIT == 0 else staff
            missing.append(
                {
                    "name": name,
                    "login": login,
                    "email": f"{login}@example.gov.vn",
                    "lang": "vi_VN",
                    "tz": "Asia/Ho_Chi_Minh",
                    "company_id": company.id,
                    "company_ids": [(6, 0, company.ids)],
                    "group_ids": [(6, 0, group.ids)],
                }
            )
    for user in Users.create(missing):
        existing[user.login] = user
    users = env["res.users"].browse([existing[login].id for login in logins])
    Employee = env["hr.employee"].with_context(active_test=False)
    for u, unit in enumerate(units):
        people = users[u * PEOPLE_PER_UNIT : (u + 1) * PEOPLE_PER_UNIT]
        without = people.filtered(lambda user: not user.employee_ids)
        if without:
            Employee.create(
                [
                    {
                        "name": user.name,
                        "user_id": user.id,
                        "department_id": unit.id,
                        "company_id": company.id,
                        "job_title": "Trưởng phòng"
                        if user == people[0]
                        else "Chuyên viên",
                    }
                    for user in without
                ]
            )
        if not unit.manager_id:
            unit.manager_id = people[0].employee_ids[:1]
    env.cr.execute("""
        INSERT INTO res_partner (name, complete_name, is_company, active,
                                 vn_organ_code, vn_short_name, type, lang)
        SELECT 'Cơ quan thử số ' || g, 'Cơ quan thử số ' || g, true, true,
               lpad(g::text, 3, '0') || '.00.88.B99', 'CQ' || g, 'contact', 'vi_VN'
        FROM generate_series(1, 60) g
        ON CONFLICT DO NOTHING""")
    env.cr.execute(
        "SELECT array_agg(id ORDER BY id), array_agg(name ORDER BY id) "
        "FROM res_partner WHERE vn_organ_code LIKE %s",
        ["%.00.88.B99"],
    )
    senders, sender_names = env.cr.fetchone()
    return units, users, senders, sender_names


def last_numbers(cr, book, years, kind):
    """The last number of each year in ``book``: the ledger, the book's old sequence
    and, for safety, numbers written on documents without a ledger row."""
    result = {}
    for year in years:
        last = book._vn_last_number(year, cr)
        if kind == "incoming":
            cr.execute(
                "SELECT max(arrival_number) FROM vn_document_incoming "
                "WHERE register_book_id = %s AND file_catalog = %s",
                [book.id, year],
            )
        else:
            cr.execute(
                "SELECT max(substring(number_symbol FROM '^[0-9]+')::int) "
                "FROM vn_document_outgoing WHERE company_id = %s AND file_catalog = %s",
                [book.company_id.id, year],
            )
        result[year] = max(last, cr.fetchone()[0] or 0)
    return [result[y] for y in years]


def drop_plain_indexes(cr, tables):
    """Drop the non-unique indexes of ``tables``; returns what builds them again, with
    their comment (Odoo compares it with the model's index definition)."""
    cr.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid),
                  obj_description(i.indexrelid, 'pg_class')
             FROM pg_index i
            WHERE i.indrelid = ANY(%s::regclass[])
              AND NOT i.indisunique AND NOT i.indisprimary""",
        [tables],
    )
    indexes = cr.fetchall()
    for name, _definition, _comment in indexes:
        cr.execute(f"DROP INDEX {name}")
    return [
        definition + (comment_sql(cr, name, comment) if comment else "")
        for name, definition, comment in indexes
    ]


def comment_sql(cr, name, comment):
    return cr.mogrify(f"; COMMENT ON INDEX {name} IS %s", [comment]).decode()


def drop_foreign_keys(cr, tables):
    """Drop the foreign keys of ``tables`` (checked row by row, they would cost more
    than the rows themselves); returns what adds them again, checked in one pass."""
    cr.execute(
        """SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
             FROM pg_constraint
            WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])""",
        [tables],
    )
    keys = cr.fetchall()
    for table, name, _definition in keys:
        cr.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    return [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in keys
    ]


TABLES = [
    "vn_document_incoming",
    "vn_document_assignment",
    "vn_document_outgoing",
    "vn_outgoing_involved_rel",
    "vn_document_delivery",
    "vn_document_access_log",
    "vn_register_number",
]


def main(db, n_in, n_out, n_log):
    use_database(db)
    registry = Registry(db)
    started = time.perf_counter()
    with registry.cursor() as cr:
        env = api.Environment(
            cr,
            api.SUPERUSER_ID,
            {"tracking_disable": True, "mail_create_nolog": True, "mail_notrack": True},
        )
        company = env.ref("base.main_company")
        step = time.perf_counter()
        units, users, senders, sender_names = setup(env, company)
        env.flush_all()
        cr.commit()
        done = env["ir.config_parameter"].get_param(MARKER)
        refreshed = False
        if done:
            print(f"{db} already holds the documents of the reports: {done}")
            summary = json.loads(done)
            refreshed = refresh_subjects(cr)
        else:
            print(
                f"filling {db}: {n_in:,} incoming, {n_out:,} outgoing, "
                f"{n_log:,} log rows"
            )
            step = tick("units, 200 people, 60 agencies (ORM)", step)
            summary = fill(
                env,
                company,
                (units, users, senders, sender_names),
                (n_in, n_out, n_log),
            )
            env["ir.config_parameter"].set_param(MARKER, json.dumps(summary))
            env.flush_all()
        fill_usage(env, company, users, datetime.date.fromisoformat(summary["from"]))
    if done and refreshed:
        step = time.perf_counter()
        vacuum_analyze(db, SUBJECT_TABLES)
        tick("VACUUM ANALYZE", step)
    if not done:
        step = time.perf_counter()
        vacuum_analyze(db, TABLES)
        tick("VACUUM ANALYZE", step)
        print(f"generated in {time.perf_counter() - started:.0f} s")
        print(json.dumps(summary, indent=1))
        print_sizes(db, TABLES)


SUBJECT_TABLES = ["vn_document_incoming", "vn_document_outgoing"]
# The subjects of the issue 13 generator: ten phrases made unique by " (số N)".
OLD_SUBJECT = r" \(số [0-9]+\)$"


def refresh_subjects(cr):
    """A database filled by the issue 13 generator gets the Zipf-like subjects of
    ``bench_subjects`` (same draw as a fresh fill: by id), its plain indexes dropped
    during the rewrite and built again. Returns whether anything changed."""
    cr.execute(
        "SELECT EXISTS (SELECT 1 FROM vn_document_incoming WHERE subject ~ %s)",
        [OLD_SUBJECT],
    )
    if not cr.fetchone()[0]:
        return False
    step = time.perf_counter()
    cr.execute("SET LOCAL maintenance_work_mem = '512MB'")
    create_rnd(cr)
    create_subject_function(cr)
    indexes = drop_plain_indexes(cr, SUBJECT_TABLES)
    for table, outgoing in (
        ("vn_document_incoming", False),
        ("vn_document_outgoing", True),
    ):
        cr.execute(
            f"""UPDATE {table}
                   SET subject = pg_temp.vn_subject(id, file_catalog, %s)
                 WHERE subject ~ %s""",
            [outgoing, OLD_SUBJECT],
        )
        step = tick(f"{cr.rowcount:,} subjects of {table} rewritten", step)
    for definition in indexes:
        cr.execute(definition)
    tick(f"{len(indexes)} indexes built again", step)
    cr.commit()
    return True


def fill(env, company, people, counts):
    """The documents, their children and the access log, in one transaction."""
    units, users, senders, sender_names = people
    n_in, n_out, n_log = counts
    cr = env.cr
    step = time.perf_counter()
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0, tzinfo=None)
    today = (now + VN_OFFSET).date()
    first = today.replace(year=today.year - 3)
    years = list(range(first.year, today.year + 1))
    book_in = env["vn.register.book"].search(
        [("kind", "=", "incoming"), ("company_id", "=", company.id)], limit=1
    )
    book_out = env["vn.register.book"].search(
        [
            ("kind", "=", "outgoing"),
            ("company_id", "=", company.id),
            ("document_type_ids", "=", False),
        ],
        limit=1,
    )
    types = {t.abbreviation: t for t in env["vn.document.type"].search([])}
    cong_van = env["vn.document.type"].search(
        [("symbol_style", "=", "agency_unit")], limit=1
    )
    out_types = [(types[a] if a else cong_van) for a in TYPES_OUT]
    urgencies = env["vn.document.urgency"].search([], order="sequence").ids
    clerk = env.ref("vn_document_base.user_clerk_demo")
    leader = env.ref("vn_document_base.user_agency_head_demo")
    params = {
        "n_in": n_in,
        "n_out": n_out,
        "n_log": n_log,
        "first": first,
        "last": today - datetime.timedelta(days=1),
        "now": now,
        "year0": years[0],
        "company": company.id,
        "agency": company.partner_id.vn_short_name or "UBND",
        "book_in": book_in.id,
        "book_out": book_out.id,
        "in_offsets": last_numbers(cr, book_in, years, "incoming"),
        "out_offsets": last_numbers(cr, book_out, years, "outgoing"),
        "units": units.ids,
        "unit_names": units.mapped("name"),
        "unit_shorts": units.mapped("vn_short_name"),
        "users": users.ids,
        "per_unit": PEOPLE_PER_UNIT,
        "senders": senders,
        "sender_names": sender_names,
        "notations": NOTATIONS_IN,
        "types_in": [t.id for t in types.values()],
        "out_type_ids": [t.id for t in out_types],
        "out_type_abbr": [t.abbreviation or "" for t in out_types],
        "normal": urgencies[0],
        "urgent": urgencies[1],
        "clerk": clerk.id,
        "leader": leader.id,
        "readers": [*users.ids, leader.id, clerk.id],
    }
    cr.execute("SET LOCAL work_mem = '256MB'")
    cr.execute("SET LOCAL maintenance_work_mem = '512MB'")
    create_rnd(cr)
    create_subject_function(cr)
    cr.execute(
        """CREATE TEMP TABLE bench_day ON COMMIT DROP AS
           SELECT (row_number() OVER (ORDER BY d) - 1)::int AS idx, d::date AS day
             FROM generate_series(%(first)s::date, %(last)s::date, '1 day') d
            WHERE extract(isodow FROM d) < 6""",
        params,
    )
    cr.execute("SELECT count(*) FROM bench_day")
    params["ndays"] = cr.fetchone()[0]
    indexes = drop_plain_indexes(cr, TABLES)
    keys = drop_foreign_keys(cr, TABLES)
    step = tick(
        f"{len(indexes)} plain indexes and {len(keys)} foreign keys of the filled "
        "tables dropped",
        step,
    )
    fill_incoming(cr, params)
    step = tick("incoming documents, their lead assignments and ledger rows", step)
    fill_outgoing(cr, params)
    step = tick("outgoing documents, recipients, people involved, ledger", step)
    if "vn_report_channel" in env["vn.document.outgoing"]._fields:
        # The stored channel of the reports, computed in SQL as at install.
        from odoo.addons.vn_document_report.models.vn_document_outgoing import (
            FILL_SQL,
        )

        cr.execute(FILL_SQL)
        step = tick("channel of the outgoing documents", step)
    fill_access_log(cr, params)
    step = tick("access log", step)
    for definition in indexes:
        cr.execute(definition)
    step = tick(f"{len(indexes)} indexes built again", step)
    for statement in keys:
        cr.execute(statement)
    tick(f"{len(keys)} foreign keys added and checked again", step)
    counts = {}
    for table in TABLES:
        cr.execute(f"SELECT count(*) FROM {table}")
        counts[table] = cr.fetchone()[0]
    return {
        "generated": now.isoformat(),
        "from": first.isoformat(),
        "to": params["last"].isoformat(),
        **counts,
    }


def create_rnd(cr):
    """rnd(g, salt, n): a deterministic pseudo-random integer in [0, n)."""
    cr.execute("""
        CREATE OR REPLACE FUNCTION pg_temp.rnd(g bigint, salt bigint, n int)
        RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS 'SELECT ((hashint8extended(g, salt) & 9223372036854775807) % n)::int'
    """)


def fill_usage(env, company, users, first):
    """The facts of "active accounts": the 200 people have had their accounts since
    before the first document, and log in on about 85 % of the working days
    (``vn.user.login.day``, when the installed base keeps it). Done once."""
    cr = env.cr
    cr.execute(
        "UPDATE res_users SET create_date = %s WHERE id = ANY(%s) AND create_date > %s",
        [first - datetime.timedelta(days=30), users.ids, first],
    )
    cr.execute("SELECT to_regclass('vn_user_login_day') IS NOT NULL")
    if not cr.fetchone()[0]:
        print("  no vn_user_login_day table: login days not written")
        return
    cr.execute(
        "SELECT 1 FROM vn_user_login_day WHERE user_id = ANY(%s) LIMIT 1", [users.ids]
    )
    if cr.fetchone():
        return
    create_rnd(cr)
    cr.execute(
        """INSERT INTO vn_user_login_day (user_id, company_id, day)
           SELECT u, %(company)s, d::date
             FROM unnest(%(users)s::int[]) u
            CROSS JOIN generate_series(%(first)s::date, %(last)s::date, '1 day') d
            WHERE extract(isodow FROM d) < 6
              AND pg_temp.rnd(u * 100000 + (d::date - %(first)s::date), 81, 100) < 85
           ON CONFLICT DO NOTHING""",
        {
            "company": company.id,
            "users": users.ids,
            "first": first,
            "last": (
                datetime.datetime.now(datetime.UTC).replace(tzinfo=None) + VN_OFFSET
            ).date(),
        },
    )
    print(f"  login days of the 200 people: {cr.rowcount:,}")


def fill_incoming(cr, p):
    # Staging rows: the dates and mixes of each document, its id from the sequence.
    cr.execute(
        """
        CREATE TEMP TABLE bench_in ON COMMIT DROP AS
        WITH b AS (
            SELECT g, day.day,
                   day.day + interval '30 minutes'
                       + pg_temp.rnd(g, 1, 570) * interval '1 minute' AS registered_on,
                   pg_temp.rnd(g, 2, 100) AS r_channel,
                   pg_temp.rnd(g, 3, 100) = 0 AS recalled,
                   pg_temp.rnd(g, 4, 20) AS unit,
                   pg_temp.rnd(g, 5, %(per_unit)s) AS person,
                   pg_temp.rnd(g, 6, 100) AS r_deadline,
                   pg_temp.rnd(g, 7, 100) AS r_done,
                   pg_temp.rnd(g, 8, 100) AS r_late,
                   5 + pg_temp.rnd(g, 9, 11) AS span,
                   pg_temp.rnd(g, 10, 1000) / 1000.0 AS took
              FROM generate_series(1, %(n_in)s) g
              JOIN bench_day day
                ON day.idx = ((g - 1)::bigint * %(ndays)s / %(n_in)s)
        ), c AS (
            SELECT b.*,
                   NOT recalled AND r_done < 85 AS to_do,
                   NOT recalled AND r_done < 85 AND r_late < 10 AS late,
                   CASE WHEN (NOT recalled AND r_done < 85 AND r_late < 10)
                             OR r_deadline < 67
                        THEN day + span END AS deadline
              FROM b
        ), d AS (
            SELECT c.*,
                   CASE WHEN NOT to_do THEN NULL
                        WHEN late THEN (deadline + 1 + pg_temp.rnd(g, 11, 10))
                             + interval '1 hour'
                             + pg_temp.rnd(g, 12, 540) * interval '1 minute'
                        WHEN deadline IS NOT NULL THEN registered_on
                             + interval '30 minutes'
                             + took * (span - 1) * interval '1 day'
                        ELSE registered_on + interval '30 minutes'
                             + took * 20 * interval '1 day'
                   END AS done_at
              FROM c
        )
        SELECT nextval('vn_document_incoming_id_seq')::int AS id, g, day,
               extract(year FROM day)::int AS year, registered_on, unit, person,
               r_channel, deadline,
               CASE WHEN done_at < %(now)s THEN done_at END AS done_on,
               CASE WHEN done_at < %(now)s THEN deadline END AS done_deadline,
               CASE WHEN recalled THEN least(
                   registered_on + (1 + pg_temp.rnd(g, 13, 47)) * interval '1 hour',
                   %(now)s - interval '1 minute') END AS recalled_on
          FROM d
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO vn_document_incoming (
            id, subject, state, channel, company_id, register_book_id, arrival_number,
            arrival_date, file_catalog, code_number, code_notation, issued_date,
            sender_id, organ_name, sender_email, language, urgency_id, is_urgent,
            document_type_id, page_count, received_by_id, registered_by_id,
            registered_on, submitted_to_id, deadline, done_on, done_deadline,
            handling_department_id, handling_user_id, recalled_on, recalled_by_id,
            recall_reason, is_late_entry, create_uid, write_uid, create_date,
            write_date)
        SELECT s.id,
               pg_temp.vn_subject(s.id, year, false),
               CASE WHEN recalled_on IS NOT NULL THEN 'recalled'
                    WHEN done_on IS NOT NULL THEN 'done' ELSE 'in_progress' END,
               CASE WHEN r_channel < 50 THEN 'lgsp' WHEN r_channel < 65 THEN 'email'
                    WHEN r_channel < 80 THEN 'internal' ELSE 'paper' END,
               %(company)s, %(book_in)s,
               (%(in_offsets)s::int[])[year - %(year0)s + 1]
                   + row_number() OVER (PARTITION BY year ORDER BY registered_on, g),
               registered_on - (5 + pg_temp.rnd(g, 14, 115)) * interval '1 minute',
               year, (1 + pg_temp.rnd(g, 15, 999))::text,
               (%(notations)s::text[])[1 + pg_temp.rnd(g, 16, 6)],
               day - pg_temp.rnd(g, 17, 5),
               (%(senders)s::int[])[1 + pg_temp.rnd(g, 18, 60)],
               (%(sender_names)s::text[])[1 + pg_temp.rnd(g, 18, 60)],
               CASE WHEN r_channel BETWEEN 50 AND 64 THEN
                   'vanthu@cq' || (1 + pg_temp.rnd(g, 18, 60)) || '.example.gov.vn' END,
               'Tiếng Việt',
               CASE WHEN g %% 20 = 0 THEN %(urgent)s ELSE %(normal)s END, g %% 20 = 0,
               (%(types_in)s::int[])[1 + pg_temp.rnd(g, 19, 20)],
               1 + pg_temp.rnd(g, 20, 12),
               %(clerk)s, %(clerk)s, registered_on, %(leader)s, deadline, done_on,
               done_deadline,
               CASE WHEN recalled_on IS NULL THEN (%(units)s::int[])[1 + unit] END,
               CASE WHEN recalled_on IS NULL THEN
                   (%(users)s::int[])[1 + unit * %(per_unit)s + person] END,
               recalled_on, CASE WHEN recalled_on IS NOT NULL THEN %(clerk)s END,
               CASE WHEN recalled_on IS NOT NULL THEN 'Cơ quan gửi thu hồi' END,
               false, %(clerk)s, %(clerk)s,
               registered_on - interval '5 minutes',
               coalesce(done_on, recalled_on, registered_on + interval '15 minutes')
          FROM bench_in s
        """,
        p,
    )
    # One lead assignment each (unit and person); a recall cancels it.
    cr.execute(
        """
        INSERT INTO vn_document_assignment (
            document_id, company_id, role, role_sequence, department_id, user_id,
            deadline, assigned_by_id, state, done_date, create_uid, write_uid,
            create_date, write_date)
        SELECT id, %(company)s, 'lead', 1, (%(units)s::int[])[1 + unit],
               (%(users)s::int[])[1 + unit * %(per_unit)s + person], deadline,
               %(leader)s,
               CASE WHEN recalled_on IS NOT NULL THEN 'cancelled'
                    WHEN done_on IS NOT NULL THEN 'done' ELSE 'open' END,
               done_on, %(leader)s, %(leader)s,
               registered_on + interval '15 minutes',
               coalesce(done_on, recalled_on, registered_on + interval '15 minutes')
          FROM bench_in
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO vn_register_number (book_id, company_id, year, number, taken_on,
                                        taken_by_id)
        SELECT d.register_book_id, d.company_id, d.file_catalog, d.arrival_number,
               d.registered_on, d.registered_by_id
          FROM vn_document_incoming d JOIN bench_in s ON s.id = d.id
        """,
        p,
    )


def fill_outgoing(cr, p):
    cr.execute(
        """
        CREATE TEMP TABLE bench_out ON COMMIT DROP AS
        WITH b AS (
            SELECT g, day.day,
                   day.day + interval '1 hour'
                       + pg_temp.rnd(g, 31, 540) * interval '1 minute' AS issued_at,
                   pg_temp.rnd(g, 32, 20) AS unit,
                   pg_temp.rnd(g, 33, %(per_unit)s) AS person,
                   1 + pg_temp.rnd(g, 34, cardinality(%(out_type_ids)s::int[]))
                       AS type_idx,
                   pg_temp.rnd(g, 35, 100) = 0 AS recalled,
                   1 + pg_temp.rnd(g, 36, 3) AS copies
              FROM generate_series(1, %(n_out)s) g
              JOIN bench_day day
                ON day.idx = ((g - 1)::bigint * %(ndays)s / %(n_out)s)
        )
        SELECT nextval('vn_document_outgoing_id_seq')::int AS id, b.*,
               extract(year FROM day)::int AS year,
               issued_at - (1 + pg_temp.rnd(g, 37, 14)) * interval '1 day'
                   - pg_temp.rnd(g, 38, 480) * interval '1 minute' AS drafted_on,
               (%(out_offsets)s::int[])[extract(year FROM day)::int - %(year0)s + 1]
                   + row_number() OVER (PARTITION BY extract(year FROM day)
                                        ORDER BY issued_at, g) AS number,
               CASE WHEN recalled THEN least(
                   issued_at + (1 + pg_temp.rnd(g, 39, 71)) * interval '1 hour',
                   %(now)s - interval '1 minute') END AS recalled_on
          FROM b
        """,
        p,
    )
    # The recipients first: the document keeps their count and names.
    cr.execute(
        """
        CREATE TEMP TABLE bench_dl ON COMMIT DROP AS
        WITH b AS (
            SELECT o.id AS document_id, o.issued_at, o.recalled_on, k,
                   o.id::bigint * 4 + k AS h,
                   pg_temp.rnd(o.id::bigint * 4 + k, 41, 100) AS r_kind,
                   1 + pg_temp.rnd(o.id::bigint * 4 + k, 42, 60) AS agency,
                   1 + pg_temp.rnd(o.id::bigint * 4 + k, 43, 20) AS unit
              FROM bench_out o
              CROSS JOIN generate_series(1, 3) k
             WHERE k <= o.copies
        ), c AS (
            SELECT b.*,
                   CASE WHEN r_kind < 60 THEN 'external'
                        WHEN r_kind < 80 THEN 'internal'
                        WHEN r_kind < 90 THEN 'email' ELSE 'paper' END AS kind,
                   CASE WHEN r_kind >= 90 THEN issued_at + interval '20 hours'
                        ELSE issued_at + (1 + pg_temp.rnd(h, 44, 30))
                             * interval '1 minute' END AS sent_on,
                   pg_temp.rnd(h, 45, 100) AS r_status,
                   pg_temp.rnd(h, 46, 100) AS r_slow
              FROM b
        ), d AS (
            SELECT c.*,
                   CASE WHEN kind = 'external' AND r_status = 0
                        THEN sent_on + (1 + pg_temp.rnd(h, 47, 48)) * interval '1 hour'
                   END AS refused_at,
                   CASE WHEN kind = 'external' AND r_status BETWEEN 1 AND 95 THEN
                            sent_on + (1 + pg_temp.rnd(h, 48, 240))
                                      * interval '1 minute'
                            + CASE WHEN r_slow < 5 THEN (1 + pg_temp.rnd(h, 49, 10))
                                   * interval '1 day' ELSE interval '0' END
                        WHEN kind = 'internal' THEN
                            sent_on + (1 + pg_temp.rnd(h, 48, 120))
                                      * interval '1 minute'
                   END AS received_at
              FROM c
        )
        SELECT document_id, k, kind, sent_on, recalled_on,
               CASE WHEN refused_at < %(now)s THEN refused_at END AS refused_on,
               CASE WHEN received_at < %(now)s THEN received_at END AS received_on,
               CASE WHEN kind = 'internal' THEN (%(units)s::int[])[unit] END
                   AS department_id,
               CASE WHEN kind <> 'internal' THEN (%(senders)s::int[])[agency] END
                   AS partner_id,
               CASE WHEN kind = 'email'
                    THEN 'vanthu@cq' || agency || '.example.gov.vn' END AS email,
               CASE WHEN kind = 'internal' THEN (%(unit_names)s::text[])[unit]
                    ELSE (%(sender_names)s::text[])[agency] END AS recipient_name
          FROM d
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO vn_document_outgoing (
            id, subject, state, company_id, document_type_id, urgency_id, is_urgent,
            language, file_catalog, drafting_department_id, drafter_id,
            drafting_assigned_by_id, drafting_deadline, content_approver_id,
            signer_id, signed_at, signed_by_id, register_book_id, code_number,
            number_symbol, issued_date, issued_at, issued_by_id, issued_amount,
            recipients_text, archive_holder, recalled_on, recalled_by_id,
            recall_reason, create_uid, write_uid, create_date, write_date)
        SELECT o.id,
               pg_temp.vn_subject(o.id, year, true),
               CASE WHEN recalled_on IS NOT NULL THEN 'recalled' ELSE 'issued' END,
               %(company)s, (%(out_type_ids)s::int[])[type_idx],
               CASE WHEN g %% 20 = 0 THEN %(urgent)s ELSE %(normal)s END, g %% 20 = 0,
               'Tiếng Việt', year, (%(units)s::int[])[1 + unit],
               (%(users)s::int[])[1 + unit * %(per_unit)s + person],
               (%(users)s::int[])[1 + unit * %(per_unit)s],
               CASE WHEN pg_temp.rnd(g, 40, 10) < 8
                    THEN drafted_on::date + 3 + pg_temp.rnd(g, 50, 8) END,
               (%(users)s::int[])[1 + unit * %(per_unit)s],
               %(leader)s, issued_at - interval '30 minutes', %(leader)s,
               %(book_out)s, num.txt,
               num.txt || '/' || CASE
                   WHEN (%(out_type_abbr)s::text[])[type_idx] = ''
                   THEN %(agency)s || '-' || (%(unit_shorts)s::text[])[1 + unit]
                   ELSE (%(out_type_abbr)s::text[])[type_idx] || '-' || %(agency)s END,
               day, issued_at, %(clerk)s, copies,
               left(r.names, 1000),
               'Văn thư cơ quan, ' || (%(unit_names)s::text[])[1 + unit],
               recalled_on, CASE WHEN recalled_on IS NOT NULL THEN %(clerk)s END,
               CASE WHEN recalled_on IS NOT NULL THEN 'Văn bản ban hành sai thẩm quyền'
               END,
               (%(users)s::int[])[1 + unit * %(per_unit)s + person], %(clerk)s,
               drafted_on, coalesce(recalled_on, issued_at)
          FROM bench_out o
          CROSS JOIN LATERAL (SELECT CASE WHEN number < 10 THEN '0' || number
                                          ELSE number::text END AS txt) num
          JOIN (SELECT document_id, string_agg(recipient_name, '; ' ORDER BY k) names
                  FROM bench_dl GROUP BY document_id) r ON r.document_id = o.id
        """,
        p,
    )
    # 1 in 200 replaces the document issued ten before it (content error).
    cr.execute(
        """UPDATE vn_document_outgoing d SET replaces_id = d.id - 10
             FROM bench_out o
            WHERE o.id = d.id AND pg_temp.rnd(o.g, 51, 200) = 0
              AND o.id - 10 >= (SELECT min(id) FROM bench_out)""",
    )
    cr.execute(
        """
        INSERT INTO vn_document_delivery (
            document_id, company_id, sequence, kind, department_id, partner_id,
            email, recipient_name, state, status_date, sent_on, received_on,
            refused_on, envelope_count, vn_lgsp_alerted, create_uid, write_uid,
            create_date, write_date)
        SELECT document_id, %(company)s, k * 10, kind, department_id, partner_id,
               email, recipient_name,
               CASE WHEN recalled_on IS NOT NULL THEN 'recalled'
                    WHEN refused_on IS NOT NULL THEN 'returned'
                    WHEN received_on IS NOT NULL THEN 'received' ELSE 'sent' END,
               greatest(sent_on, received_on, refused_on, recalled_on), sent_on,
               received_on, refused_on, 1, false, %(clerk)s, %(clerk)s,
               sent_on - interval '1 day',
               greatest(sent_on, received_on, refused_on, recalled_on)
          FROM bench_dl
        """,
        p,
    )
    # The people involved (a stored field): the drafter, the head of the unit (who
    # assigned the drafting and approved the content) and the signer.
    cr.execute(
        """
        INSERT INTO vn_outgoing_involved_rel (document_id, user_id)
        SELECT o.id, u.user_id
          FROM bench_out o
          CROSS JOIN LATERAL (
               VALUES ((%(users)s::int[])[1 + o.unit * %(per_unit)s + o.person]),
                      (%(leader)s)) u(user_id)
        UNION ALL
        SELECT o.id, (%(users)s::int[])[1 + o.unit * %(per_unit)s]
          FROM bench_out o WHERE o.person > 0
        """,
        p,
    )
    cr.execute(
        """
        INSERT INTO vn_register_number (book_id, company_id, year, number, taken_on,
                                        taken_by_id)
        SELECT %(book_out)s, %(company)s, year, number, issued_at, %(clerk)s
          FROM bench_out
        """,
        p,
    )


def fill_access_log(cr, p):
    """Openings, downloads and exports, 60 % of incoming documents, from the document's
    registration (or issue) to a month after it."""
    n_in_log = p["n_log"] * 6 // 10
    for table, stage, count, when, salt in (
        ("vn.document.incoming", "bench_in", n_in_log, "registered_on", 61),
        ("vn.document.outgoing", "bench_out", p["n_log"] - n_in_log, "issued_at", 71),
    ):
        cr.execute(
            f"""
            INSERT INTO vn_document_access_log (user_id, res_id, company_id, action,
                                                res_model, date)
            SELECT (%(readers)s::int[])[1 + pg_temp.rnd(x, {salt},
                                                         cardinality(%(readers)s::int[]))],
                   s.id, %(company)s,
                   CASE WHEN pg_temp.rnd(x, {salt + 1}, 100) < 80 THEN 'open'
                        WHEN pg_temp.rnd(x, {salt + 1}, 100) < 95 THEN 'download'
                        ELSE 'export' END,
                   %(model)s,
                   least(s.{when} + pg_temp.rnd(x, {salt + 2}, 43200)
                         * interval '1 minute', %(now)s)
              FROM generate_series(1, %(count)s) x
              JOIN {stage} s ON s.g = 1 + pg_temp.rnd(x, {salt + 3}, %(n)s)
            """,
            {
                **p,
                "model": table,
                "count": count,
                "n": p["n_in"] if stage == "bench_in" else p["n_out"],
            },
        )


def connect(db):
    return psycopg2.connect(
        dbname=db,
        user=config["db_user"] or None,
        host=config["db_host"] or None,
        port=config["db_port"] or None,
        password=config["db_password"] or None,
    )


def vacuum_analyze(db, tables):
    """Visibility map and statistics as a database in use would have them."""
    conn = connect(db)
    conn.autocommit = True
    with conn.cursor() as cr:
        for table in tables:
            cr.execute(f"VACUUM (ANALYZE) {table}")
        cr.execute("ANALYZE")
    conn.close()


def print_sizes(db, tables):
    conn = connect(db)
    with conn.cursor() as cr:
        for table in tables:
            cr.execute(
                "SELECT pg_size_pretty(pg_table_size(%s)), "
                "pg_size_pretty(pg_indexes_size(%s))",
                [table, table],
            )
            data, index = cr.fetchone()
            print(f"  {table}: {data} + indexes {index}")
        cr.execute("SELECT pg_size_pretty(pg_database_size(%s))", [db])
        print(f"  database: {cr.fetchone()[0]}")
    conn.close()


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[2:5]]
    defaults = [1_000_000, 1_000_000, 2_000_000]
    n_in, n_out, n_log = args + defaults[len(args) :]
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_bench_reports", n_in, n_out, n_log)
