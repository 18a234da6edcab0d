#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Give every incoming document of a benchmark database a stored file with text
(issue 17, full-text search).

    scripts/benchmarks/generate_fts_text.sh [DB]

For each incoming document without a file: one ``vn_document_file`` row (all of them
share one attachment: the search reads the text, never the bytes) and one
``vn_file_text`` row with an ND 30-style body of 4 to 9 sentences (about 700
characters), 20 % of them marked as read by OCR. The files go in with one
INSERT ... SELECT, the texts with COPY. The phrases of the benchmark:

- ``COMMON``: in about 30 % of the bodies;
- ``RARE``: in about 1 body in 20,000 (about 50 in a million).

The draw is a function of the document's id. Only for benchmark databases.
"""

import io
import random
import sys
import time

from bench_common import connect_from_env

COMMON = "to chuc thuc hien nghiem tuc"
COMMON_SENTENCE = (
    "Đề nghị các cơ quan, đơn vị tổ chức thực hiện nghiêm túc nội dung văn bản này."
)
RARE = "ben nha rong"
RARE_SENTENCE = (
    "Ban quản lý khu di tích Bến Nhà Rồng phối hợp kiểm kê hiện vật và báo cáo kết "
    "quả trước ngày 30 tháng 6."
)
RARE_EVERY = 20000
OCR_SHARE = 20  # percent

OPENINGS = [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về "
    "công tác văn thư;",
    "Thực hiện chỉ đạo của Ủy ban nhân dân Thành phố tại cuộc họp giao ban;",
    "Theo đề nghị của Giám đốc Sở Nội vụ;",
    "Xét đề nghị của Trưởng phòng Tổ chức cán bộ;",
    "Căn cứ Quyết định số {n}/QĐ-UBND ngày {d} tháng {m} năm {y} của Ủy ban nhân dân "
    "Thành phố;",
]
MIDDLES = [
    "Ủy ban nhân dân {place} giao {unit} chủ trì, phối hợp với các sở, ngành liên "
    "quan triển khai {topic}.",
    "Các phòng, ban chuyên môn rà soát, tổng hợp số liệu về {topic} và gửi báo cáo "
    "về Văn phòng trước ngày {d} tháng {m} năm {y}.",
    "{unit} có trách nhiệm hướng dẫn, kiểm tra, đôn đốc việc thực hiện {topic} trên "
    "địa bàn {place}.",
    "Kinh phí thực hiện được bố trí từ nguồn ngân sách năm {y} theo phân cấp hiện "
    "hành.",
    "Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các đơn vị kịp thời "
    "phản ánh về {unit} để tổng hợp, báo cáo.",
    "Giao Thanh tra Thành phố theo dõi, kiểm tra việc thực hiện {topic} và xử lý "
    "nghiêm các trường hợp vi phạm.",
    "Tổ chức hội nghị sơ kết sáu tháng đầu năm {y} về {topic} tại hội trường {place}.",
    "Đẩy mạnh ứng dụng công nghệ thông tin, số hóa hồ sơ, tài liệu phục vụ {topic}.",
    "Thời gian tiếp nhận hồ sơ từ ngày {d} tháng {m} năm {y} trong giờ hành chính.",
    "Báo cáo kết quả thực hiện gửi về {unit} định kỳ hằng quý.",
]
CLOSINGS = [
    "Quyết định này có hiệu lực kể từ ngày ký.",
    "Chánh Văn phòng, Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm "
    "thi hành văn bản này./.",
    "Nơi nhận: Như trên; Lưu: VT.",
]
UNITS = [
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Xây dựng",
    "Sở Giáo dục và Đào tạo",
    "Sở Y tế",
    "Sở Văn hóa và Thể thao",
    "Công an Thành phố",
    "Văn phòng Ủy ban nhân dân Thành phố",
    "Sở Khoa học và Công nghệ",
    "Sở Tài nguyên và Môi trường",
]
PLACES = [
    "Thành phố",
    "phường Bến Thành",
    "phường Sài Gòn",
    "phường Tân Định",
    "xã Bình Chánh",
    "phường Thủ Đức",
    "xã Cần Giờ",
    "phường Chợ Lớn",
    "xã Củ Chi",
    "phường Gia Định",
]
TOPICS = [
    "chuyển đổi số",
    "cải cách hành chính",
    "công tác phòng, chống thiên tai",
    "bảo đảm trật tự an toàn giao thông",
    "giải quyết thủ tục hành chính",
    "phòng cháy, chữa cháy",
    "quản lý trật tự xây dựng đô thị",
    "chỉnh lý tài liệu lưu trữ",
    "phòng, chống dịch bệnh",
    "bảo vệ môi trường",
    "công tác thi đua, khen thưởng",
    "tuyển dụng công chức",
]


def body(doc_id):
    """The text of document ``doc_id`` (a function of the id)."""
    rnd = random.Random(doc_id)
    values = {
        "place": rnd.choice(PLACES),
        "unit": rnd.choice(UNITS),
        "topic": rnd.choice(TOPICS),
        "n": rnd.randint(1, 4000),
        "d": rnd.randint(1, 28),
        "m": rnd.randint(1, 12),
        "y": rnd.randint(2023, 2026),
    }
    sentences = [rnd.choice(OPENINGS)]
    sentences += rnd.sample(MIDDLES, rnd.randint(2, 6))
    if rnd.randrange(100) < 30:
        sentences.insert(rnd.randint(1, len(sentences)), COMMON_SENTENCE)
    if doc_id % RARE_EVERY == 7:
        sentences.insert(1, RARE_SENTENCE)
    sentences.append(rnd.choice(CLOSINGS))
    return " ".join(s.format(**values) for s in sentences)


def copy_line(doc_id):
    source = "ocr" if doc_id % 100 < OCR_SHARE else "layer"
    text = body(doc_id).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")
    return f"{doc_id}\t{source}\t{text}\n"


class Lines(io.RawIOBase):
    """The COPY input, made while PostgreSQL reads it."""

    def __init__(self, ids):
        self.lines = (copy_line(i).encode() for i in ids)
        self.pending = b""

    def readable(self):
        return True

    def readinto(self, buffer):
        while len(self.pending) < len(buffer):
            line = next(self.lines, None)
            if line is None:
                break
            self.pending += line
        size = min(len(buffer), len(self.pending))
        buffer[:size] = self.pending[:size]
        self.pending = self.pending[size:]
        return size


def insert_files(cr):
    cr.execute("SELECT attachment_id FROM vn_document_file ORDER BY id LIMIT 1")
    attachment = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO vn_document_file (res_model, res_id, company_id, name,
            attachment_id, mimetype, file_size, sha256, page_count, legal_value,
            checked_at, create_uid, write_uid, create_date, write_date)
        SELECT 'vn.document.incoming', d.id, d.company_id, 'van-ban-' || d.id || '.pdf',
               %s, 'application/pdf', 25370, encode(sha256(d.id::text::bytea), 'hex'),
               1, 'reference', now(), 1, 1, now(), now()
          FROM vn_document_incoming d
         WHERE NOT EXISTS (SELECT FROM vn_document_file f
                            WHERE f.res_model = 'vn.document.incoming'
                              AND f.res_id = d.id)
        """,
        [attachment],
    )
    return cr.rowcount


def copy_texts(cr):
    cr.execute(
        """
        SELECT d.id FROM vn_document_incoming d
          JOIN vn_document_file f ON f.res_model = 'vn.document.incoming'
                                 AND f.res_id = d.id
         WHERE NOT EXISTS (SELECT FROM vn_file_text t WHERE t.file_id = f.id)
         ORDER BY d.id
        """
    )
    ids = [row[0] for row in cr.fetchall()]
    cr.execute("CREATE TEMP TABLE fts_body (res_id int, source text, text text)")
    cr.copy_expert("COPY fts_body FROM STDIN", io.BufferedReader(Lines(ids), 1 << 20))
    cr.execute(
        """
        INSERT INTO vn_file_text (file_id, company_id, state, source, text,
            page_count, done_at, attempts, create_uid, write_uid, create_date,
            write_date)
        SELECT f.id, f.company_id, 'done', b.source, b.text, 1, now(), 1, 1, 1,
               now(), now()
          FROM fts_body b
          JOIN vn_document_file f ON f.res_model = 'vn.document.incoming'
                                 AND f.res_id = b.res_id
        """
    )
    return cr.rowcount


def main(db):
    conn = connect_from_env(db)
    cr = conn.cursor()
    started = time.perf_counter()
    files = insert_files(cr)
    print(f"{files} files in {time.perf_counter() - started:.0f} s", flush=True)
    started = time.perf_counter()
    texts = copy_texts(cr)
    print(f"{texts} texts in {time.perf_counter() - started:.0f} s", flush=True)
    conn.commit()
    cr.execute("ANALYZE vn_document_file; ANALYZE vn_file_text")
    conn.commit()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "vn_bench_overdue")
