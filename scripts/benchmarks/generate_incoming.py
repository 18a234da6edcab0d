#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Fill a database with N registered incoming documents (default 100,000).

    scripts/benchmarks/generate_incoming.sh DB [N]

Rows go in with one INSERT ... SELECT (the ORM would take an hour for 100,000):
realistic Vietnamese subjects, 60 issuing agencies, three years of arrivals numbered
per year, about 5 % urgent, states spread over the workflow. Only for benchmark
databases.
"""

import sys

from bench_common import connect_from_env

SUBJECTS = [
    "Quyết định về việc thành lập Tổ công tác",
    "Kế hoạch triển khai chuyển đổi số",
    "Báo cáo tình hình kinh tế - xã hội",
    "Công văn về việc tăng cường phòng chống thiên tai",
    "Thông báo kết luận của Chủ tịch",
    "Giấy mời họp giao ban",
    "Tờ trình phê duyệt dự toán",
    "Hướng dẫn thực hiện cải cách hành chính",
    "Chỉ thị về công tác an toàn giao thông",
    "Quyết định phê duyệt danh mục hồ sơ",
    "Báo cáo kết quả giải quyết thủ tục hành chính",
    "Kế hoạch kiểm tra công tác văn thư, lưu trữ",
]


def main(db, count):
    conn = connect_from_env(db)
    cr = conn.cursor()
    cr.execute("SELECT id FROM res_company ORDER BY id LIMIT 1")
    company = cr.fetchone()[0]
    cr.execute(
        "SELECT id FROM vn_register_book WHERE kind = 'incoming' AND company_id = %s "
        "ORDER BY id LIMIT 1",
        [company],
    )
    book = cr.fetchone()[0]
    cr.execute(
        "SELECT array_agg(id ORDER BY sequence) FROM vn_document_urgency WHERE active"
    )
    urgencies = cr.fetchone()[0]
    cr.execute("SELECT array_agg(id) FROM vn_document_type WHERE active")
    types = cr.fetchone()[0]
    cr.execute("""
        INSERT INTO res_partner (name, complete_name, is_company, active,
                                 vn_organ_code, vn_short_name, type, lang)
        SELECT 'Cơ quan thử số ' || g, 'Cơ quan thử số ' || g, true, true,
               lpad(g::text, 3, '0') || '.00.88.B99', 'CQ' || g, 'contact', 'vi_VN'
        FROM generate_series(1, 60) g
        ON CONFLICT DO NOTHING
        RETURNING id""")
    senders = [r[0] for r in cr.fetchall()]
    if not senders:
        cr.execute(
            "SELECT array_agg(id) FROM res_partner WHERE vn_organ_code LIKE "
            "'%%.00.88.B99'"
        )
        senders = cr.fetchone()[0]
    cr.execute("SELECT coalesce(max(arrival_number), 0) FROM vn_document_incoming")
    offset = cr.fetchone()[0]
    cr.execute(
        """
        WITH src AS (
            SELECT g,
                   timestamp '2024-01-02 01:00'
                   + (g * interval '1 minute' * (3 * 365 * 24 * 60 / %(count)s))
                   AS arrival
            FROM generate_series(1, %(count)s) g
        )
        INSERT INTO vn_document_incoming (
            subject, state, channel, company_id, register_book_id, arrival_number,
            arrival_date, file_catalog, code_number, code_notation, issued_date,
            sender_id, language, urgency_id, is_urgent, document_type_id, page_count,
            received_by_id, create_uid, write_uid, create_date, write_date)
        SELECT
            (%(subjects)s::text[])[1 + g %% %(nsubjects)s]
                || ' năm ' || extract(year FROM arrival) || ' (số ' || g || ')',
            (ARRAY['registered', 'submitted', 'in_progress', 'in_progress',
                   'done', 'done', 'done'])[1 + g %% 7],
            (ARRAY['lgsp','lgsp','lgsp','email','paper','internal'])[1 + g %% 6],
            %(company)s, %(book)s,
            %(offset)s + row_number()
                OVER (PARTITION BY extract(year FROM arrival) ORDER BY g),
            arrival, extract(year FROM arrival),
            (g %% 999 + 1)::text,
            (ARRAY['QĐ-UBND', 'UBND-VP', 'KH-STTTT', 'BC-SNV', 'TB-VP'])[1 + g %% 5],
            arrival::date - 2, (%(senders)s::int[])[1 + g %% %(nsenders)s],
            'Tiếng Việt',
            CASE WHEN g %% 20 = 0 THEN (%(urgencies)s::int[])[2]
                 ELSE (%(urgencies)s::int[])[1] END,
            g %% 20 = 0,
            (%(types)s::int[])[1 + g %% %(ntypes)s], 1 + g %% 12,
            1, 1, 1, arrival, arrival
        FROM src""",
        {
            "count": count,
            "subjects": SUBJECTS,
            "nsubjects": len(SUBJECTS),
            "company": company,
            "book": book,
            "offset": offset,
            "senders": senders,
            "nsenders": len(senders),
            "urgencies": urgencies,
            "types": types,
            "ntypes": len(types),
        },
    )
    inserted = cr.rowcount
    cr.execute("ANALYZE vn_document_incoming")
    conn.commit()
    print(f"{inserted} incoming documents inserted into {db}")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 100_000)
