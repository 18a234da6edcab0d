# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Subjects of the generated documents: a Zipf-like vocabulary (issue 15).

A subject is "<kind> <topic>[ <place>] năm <year>", each part drawn by rank with a
probability falling as a power of the rank, as words do in real registers: a few topics
fill a third of the register, most are rare. The draw is a function of the document's
id, so the same database comes out of a fresh fill and of an old one refreshed.

The phrases of the benchmark (typed without accents, as clerks do) and their expected
share of the documents:

- ``COMMON``: the first topic, about 30 %;
- ``RARE``: a topic of the tail, about 0.3 %;
- ``VERY_RARE``: a tail topic at a tail place, a few dozen documents in a million.
"""

KINDS_IN = [
    "Về việc",
    "Kế hoạch",
    "Quyết định về việc",
    "Báo cáo",
    "Thông báo về việc",
    "Giấy mời họp về",
    "Tờ trình về việc",
    "Hướng dẫn",
    "Công điện về",
    "Chỉ thị về",
    "Nghị quyết về",
    "Quy chế",
]
KINDS_OUT = ["Về việc", "Về việc", "Về việc", *KINDS_IN[1:]]
TOPICS = [
    "triển khai chuyển đổi số",
    "cải cách hành chính",
    "phòng, chống thiên tai",
    "bảo đảm trật tự an toàn giao thông",
    "giải quyết thủ tục hành chính",
    "phòng cháy, chữa cháy",
    "quản lý trật tự xây dựng đô thị",
    "an toàn thực phẩm",
    "thu ngân sách nhà nước",
    "bồi thường, hỗ trợ và tái định cư",
    "công tác tuyển sinh đầu cấp",
    "phòng, chống dịch bệnh",
    "thực hành tiết kiệm, chống lãng phí",
    "tiếp công dân và giải quyết khiếu nại, tố cáo",
    "cấp giấy chứng nhận quyền sử dụng đất",
    "chăm lo Tết cho người có công",
    "bảo vệ môi trường",
    "xây dựng đô thị văn minh",
    "giảm nghèo bền vững",
    "đăng ký hộ tịch",
    "quản lý chợ truyền thống",
    "chỉnh trang đô thị",
    "vệ sinh môi trường kênh rạch",
    "thành lập Tổ công tác liên ngành",
    "kiểm tra công tác văn thư, lưu trữ",
    "bầu cử đại biểu Hội đồng nhân dân",
    "công tác dân vận chính quyền",
    "phổ biến, giáo dục pháp luật",
    "khám sức khỏe nghĩa vụ quân sự",
    "bảo đảm an ninh mạng",
    "chống ngập nước đô thị",
    "sắp xếp đơn vị hành chính cấp xã",
    "quản lý vỉa hè, lòng đường",
    "phát triển kinh tế tập thể, hợp tác xã",
    "hỗ trợ doanh nghiệp nhỏ và vừa",
    "thẩm định dự án đầu tư công",
    "tổng kiểm kê tài sản công",
    "điều tra dân số giữa kỳ",
    "tiêm chủng mở rộng",
    "phòng, chống bệnh sốt xuất huyết",
    "bảo tồn di tích lịch sử - văn hóa",
    "cấp phép khai thác nước dưới đất",
    "xử lý nước thải y tế",
    "trùng tu đình, chùa có giá trị kiến trúc",
    "phòng, chống bệnh dại trên đàn chó, mèo",
]
PLACES = [
    "trên địa bàn Thành phố",
    "trên địa bàn phường",
    "tại phường Bến Thành",
    "tại phường Sài Gòn",
    "tại phường Tân Định",
    "tại phường Chợ Lớn",
    "tại phường Thủ Đức",
    "tại phường Gia Định",
    "tại phường Bình Thạnh",
    "tại phường Phú Nhuận",
    "tại xã Bình Chánh",
    "tại xã Củ Chi",
    "tại xã Hóc Môn",
    "tại xã Nhà Bè",
    "tại xã Cần Giờ",
    "tại xã Thạnh An",
]
# Share of the subjects naming a place, in percent.
PLACE_SHARE = 35
COMMON = "chuyen doi so"
RARE = "bao ton di tich lich su"
VERY_RARE = "kien truc tai xa thanh an"
SLOTS = 10000


def zipf_slots(count, exponent):
    """Ranks 1..count repeated in proportion to rank ** -exponent over about
    ``SLOTS`` slots (at least one each): indexing it with a uniform draw gives a
    Zipf-like rank."""
    weights = [rank**-exponent for rank in range(1, count + 1)]
    total = sum(weights)
    slots = []
    for rank, weight in enumerate(weights, start=1):
        slots += [rank] * max(1, round(SLOTS * weight / total))
    return slots


def create_subject_function(cr):
    """``pg_temp.vn_subject(seed, year, outgoing)``: the subject of a document (needs
    ``pg_temp.rnd`` of the generator)."""
    literal = cr.mogrify(
        "%s::text[], %s::int[], %s::text[], %s::int[], %s::text[], %s::text[], "
        "%s::int[]",
        [
            KINDS_IN,
            zipf_slots(len(KINDS_IN), 1.0),
            KINDS_OUT,
            zipf_slots(len(KINDS_OUT), 1.0),
            TOPICS,
            PLACES,
            zipf_slots(len(PLACES), 1.0),
        ],
    ).decode()
    topic_slots = cr.mogrify("%s::int[]", [zipf_slots(len(TOPICS), 1.2)]).decode()
    cr.execute(f"""
        CREATE OR REPLACE FUNCTION pg_temp.vn_subject_parts(
            seed bigint, year int, outgoing bool, ki text[], kis int[], ko text[],
            kos int[], t text[], p text[], ps int[], ts int[])
        RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
        SELECT CASE WHEN outgoing
                    THEN ko[kos[1 + pg_temp.rnd(seed, 91, cardinality(kos))]]
                    ELSE ki[kis[1 + pg_temp.rnd(seed, 91, cardinality(kis))]] END
               || ' ' || t[ts[1 + pg_temp.rnd(seed, 92, cardinality(ts))]]
               || CASE WHEN pg_temp.rnd(seed, 93, 100) < {PLACE_SHARE}
                       THEN ' ' || p[ps[1 + pg_temp.rnd(seed, 94, cardinality(ps))]]
                       ELSE '' END
               || ' năm ' || year
        $f$;
        CREATE OR REPLACE FUNCTION pg_temp.vn_subject(
            seed bigint, year int, outgoing bool)
        RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $f$
        SELECT pg_temp.vn_subject_parts(seed, year, outgoing, {literal},
                                        {topic_slots})
        $f$;
    """)
