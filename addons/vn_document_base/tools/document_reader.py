# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Read the registration fields of an administrative document from its text (ND 30).

``read_document(pages, signatures=(), header=None)`` reads number and symbol, place
and date, type, subject, issuing agency, signer and urgency from the text of page 1
and of the last page, laid out as ND 30 Phụ lục I prescribes, and the signer (and,
when the header cannot be read, the agency) from the signatures' certificates. It
never merges ``header`` (what an edXML header claims): it only reports where the
document says otherwise.

Pure Python: regular expressions and layout rules, no model. The text may come from
a born-digital PDF's layer or from OCR, so the rules compare accent-insensitively
(``fold``) and give back the accented form of a known word (types, urgency,
positions, the words of agency names) when OCR lost or changed its marks. Every
regular expression is bounded and only the first and last lines of a page are read,
so the time is linear in the text; junk input gives fewer fields, never an error.
"""

import datetime
import difflib
import re
import unicodedata

MAX_LINE = 300  # characters of a line that are read
HEAD_LINES = 60  # lines of page 1 read for the header, heading and subject
TAIL_LINES = 60  # lines of the last page read for the signature block

# The 29 types of Điều 7 and their abbreviations (Phụ lục III), as in
# vn_document_base/data/vn_document_type_data.xml
TYPES = (
    ("Nghị quyết", "NQ"),
    ("Quyết định", "QĐ"),
    ("Chỉ thị", "CT"),
    ("Quy chế", "QC"),
    ("Quy định", "QyĐ"),
    ("Thông cáo", "TC"),
    ("Thông báo", "TB"),
    ("Hướng dẫn", "HD"),
    ("Chương trình", "CTr"),
    ("Kế hoạch", "KH"),
    ("Phương án", "PA"),
    ("Đề án", "ĐA"),
    ("Dự án", "DA"),
    ("Báo cáo", "BC"),
    ("Biên bản", "BB"),
    ("Tờ trình", "TTr"),
    ("Hợp đồng", "HĐ"),
    ("Công văn", ""),
    ("Công điện", "CĐ"),
    ("Bản ghi nhớ", "BGN"),
    ("Bản thỏa thuận", "BTT"),
    ("Giấy ủy quyền", "GUQ"),
    ("Giấy mời", "GM"),
    ("Giấy giới thiệu", "GGT"),
    ("Giấy nghỉ phép", "GNP"),
    ("Phiếu gửi", "PG"),
    ("Phiếu chuyển", "PC"),
    ("Phiếu báo", "PB"),
    ("Thư công", ""),
)
CONG_VAN = "Công văn"

# vn.document.urgency's edXML priority, longest mark first
URGENCY = (
    ("HOA TOC HEN GIO", 4),
    ("THUONG KHAN", 2),
    ("HOA TOC", 3),
    ("KHAN", 1),
)

POSITIONS = (
    "Chủ tịch",
    "Phó Chủ tịch",
    "Giám đốc",
    "Phó Giám đốc",
    "Tổng Giám đốc",
    "Phó Tổng Giám đốc",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Chánh Thanh tra",
    "Phó Chánh Thanh tra",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Trưởng ban",
    "Phó Trưởng ban",
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Viện trưởng",
    "Phó Viện trưởng",
    "Cục trưởng",
    "Phó Cục trưởng",
    "Chi cục trưởng",
    "Thủ trưởng",
    "Chủ nhiệm",
    "Phó Chủ nhiệm",
    "Bí thư",
    "Thư ký",
    "Chuyên viên",
)

# Words of agency names and titles in capitals: OCR's unaccented or wrongly
# accented form of one of them is given back accented when only one word folds so
AGENCY_WORDS = """
ỦY UỶ BAN NHÂN DÂN HỘI ĐỒNG THÀNH PHỐ HỒ CHÍ MINH SỞ NỘI VỤ TÀI CHÍNH GIÁO DỤC
VÀ ĐÀO TẠO Y TẾ TƯ PHÁP XÂY DỰNG QUẬN PHƯỜNG XÃ HUYỆN TỈNH THỊ TRẤN BẾN NGHÉ
SÀI GÒN TÂN ĐỊNH BÌNH CHÁNH THẠNH BỆNH VIỆN TRƯỜNG TRUNG HỌC PHỔ THÔNG CƠ TIỂU
MẦM NON TÂM LƯU TRỮ LỊCH SỬ PHỤC HÀNH CÔNG VĂN PHÒNG THANH TRA AN CỤC CHI
QUẢN LÝ DỰ ÁN ĐẦU TƯ KẾ HOẠCH THƯƠNG NÔNG NGHIỆP MÔI KHOA NGHỆ TIN TRUYỀN HÓA
HOÁ THỂ THAO DU LỊCH LAO ĐỘNG BINH HỘI GIAO VẬN TẢI TẾ KINH ĐIỆN NƯỚC ĐÔ THỊ
CHỦ TỊCH PHÓ GIÁM ĐỐC CHÁNH TRƯỞNG QUYỀN TỔNG HIỆU NHIỆM THỦ BÍ THƯ KÝ GIA ĐỊNH
NHI ĐỒNG CHỢ RẪY LÊ QUÝ ĐÔN NGUYỄN THỊ MINH KHAI HỮU NGHỊ ĐIỆN BIÊN GÒ VẤP
THỦ ĐỨC CỦ CHI CẦN GIỜ NHÀ BÈ HÓC MÔN PHÚ NHUẬN BÌNH THẠNH TÂN BÌNH QUỐC GIA
VIỆT NAM MIỀN NAM ĐẠI HỌC SỞ CẢNH SÁT PHÒNG CHÁY CHỮA CHÁY KIỂM TOÁN DÂN TỘC
TÔN GIÁO ĐẤT ĐAI ĐĂNG KÝ
"""

# Phrases whose words alone are ambiguous once unaccented (THANH, THÀNH)
AGENCY_PHRASES = (
    "ỦY BAN NHÂN DÂN",
    "HỘI ĐỒNG NHÂN DÂN",
    "THÀNH PHỐ",
    "HỒ CHÍ MINH",
    "BẾN THÀNH",
    "BÌNH THẠNH",
    "THANH TRA",
    "VĂN HÓA",
    "CHỦ TỊCH",
    "VĂN PHÒNG",
    "THÔNG TIN",
    "BAN QUẢN LÝ",
)

# The national motto in the right column, as OCR may spell it (letters lost);
# a line of the left column is cut where it starts
MOTTO = re.compile(
    r"(?:\bC\S{0,3}NG\s?)?\bH\S?A\s?X\S?\s?H\S{0,3}\b|\bCH\S{0,2}\s?NGH\S{0,2}A\b"
    r"|NGHIA\s?VI\S{0,2}T\s?NAM|\bD\S{0,2}C\s?L\S{0,2}P\s?-|-\s?T\S{0,2}\s?DO\s?-"
)
DATE = re.compile(
    r"NGAY\s{0,3}([0-9OILQ|]{1,2})\s{0,3}THANG\s{0,3}([0-9OILQ|]{1,2})"
    r"\s{0,3}NAM\s{0,3}([0-9OIL|]{4})"
)
SYMBOL = r"[A-Z0-9.]{1,12}(?:\s?-\s?[A-Z0-9.]{1,12}){0,4}"
NUMBER_LINE = re.compile(
    r"(?<![A-Z0-9])S[O06E]\s{0,2}[:;.,]?\s{0,2}([0-9OIL|]{1,7})\s{0,2}/\s{0,2}"
    r"((?:[0-9]{4}\s?/\s?)?" + SYMBOL + r")"
)
BARE_NUMBER = re.compile(
    r"(?<![A-Z0-9/])([0-9]{1,7})\s?/\s?((?:[0-9]{4}\s?/\s?)?[A-Z]{1,6}\s?-\s?"
    r"[A-Z0-9.]{1,12}(?:\s?-\s?[A-Z0-9.]{1,12}){0,3})"
)
SUBJECT_PREFIX = re.compile(r"^(?:VE\s?VIEC|V\s?/\s?V|V/V)\s{0,2}[:.]?\s{0,2}")
AUTHORITY = re.compile(r"^(TUQ|KT|TM|TL|Q)\s{0,2}[.,:]\s{0,2}([A-Z].{1,80})$")
LOCALITY = re.compile(
    r"^(?:THANH\s?PHO|TP\s?\.|TP\s|QUAN|PHUONG|XA\s|HUYEN|TINH|THI\s?XA|THI\s?TRAN)"
)
CONTINUATION = re.compile(
    r"^(?:THANH\s?PHO|TP\.|HO\s?CHI\s?MINH|UY\s?BAN|HOI\s?DONG|SO\s|QUAN\s|"
    r"PHUONG\s|XA\s|HUYEN\s|TINH\s|DE\s?AN|DU\s?AN|NGHI\s?(?:QUYET|DINH)\s|"
    r"QUYET\s?DINH\s|KE\s?HOACH\s|CHUONG\s?TRINH\s|CHINH\s?PHU|NHA\s?NUOC|"
    r"VIET\s?NAM|BO\s|BAN\s|TO\s|TRUNG\s?TAM|LUAT\s|THONG\s?TU\s)"
)
SUBJECT_STOP = re.compile(
    r"^(?:CAN\s?CU|KINH\s?GUI|THUC\s?HIEN|NOI\s?NHAN|DIEU\s?\d|[-_=.*]{3})"
)
DIGITS = str.maketrans("OoILlQ|", "0011101")


# -- text folding -------------------------------------------------------------


def _fold_char(char):
    if char in "đĐÐð":
        return "D"
    base = unicodedata.normalize("NFD", char)[0]
    upper = base.upper()
    return upper if len(upper) == 1 else base


def fold(text):
    """``text`` in capitals without accents, character for character (same
    length, so a match in the folded text is the same slice of the text)."""
    return "".join(_fold_char(char) for char in text)


def _squash(text):
    """Folded letters and digits only: for comparing OCR'd words."""
    return re.sub(r"[^A-Z0-9]", "", fold(text))


def _clean(text):
    text = unicodedata.normalize("NFC", text)
    text = text.replace("Ð", "Đ").replace("ð", "đ")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\u00a0\u2000-\u200b\u202f\ufeff]", " ", text)
    return re.sub(r"[ \t\f\v]+", " ", text)


def _vocabulary(words):
    found = {}
    for word in words:
        found.setdefault(fold(word), set()).add(word)
    return found


_WORDS = _vocabulary(AGENCY_WORDS.split())
_PHRASES = {_squash(phrase): phrase for phrase in AGENCY_PHRASES}
_TYPE_BY_HEADING = {_squash(name): name for name, _abbr in TYPES}
_TYPE_BY_ABBR = {abbr: name for name, abbr in TYPES if abbr}
_ABBR_BY_FOLD = {}
for _name, _abbr in TYPES:
    if _abbr:
        _ABBR_BY_FOLD.setdefault(fold(_abbr), []).append(_abbr)
_POSITION_BY_FOLD = {_squash(position): position for position in POSITIONS}


def _restore_word(word):
    """A capitalised word of an agency name with its accents, when OCR lost or
    changed them and only one known word folds to it."""
    if word in (_WORDS.get(fold(word)) or ()):
        return word
    known = _WORDS.get(fold(word)) or ()
    return next(iter(known)) if len(known) == 1 else word


def _restore_caps(text):
    """``text`` (capitals) with the accents of known phrases, then of known
    words, where OCR lost or changed them."""
    words = text.split()
    out, index = [], 0
    while index < len(words):
        for size in (5, 4, 3, 2):
            window = words[index : index + size]
            # squashed: OCR's lost or extra spaces ("CHÍMINH", "N HÂN") match too
            phrase = _PHRASES.get("".join(_squash(word) for word in window))
            phrase = phrase if len(window) == size else None
            if phrase:
                out.extend(phrase.split())
                index += size
                break
        else:
            out.append(_restore_word(words[index]))
            index += 1
    return " ".join(out)


# -- lines ---------------------------------------------------------------


class _Line:
    __slots__ = ("text", "folded", "page", "blank_before")

    def __init__(self, text, page, blank_before):
        self.text = text
        self.folded = fold(text)
        self.page = page
        self.blank_before = blank_before


def _lines(text, page, first=None, last=None):
    """The non-empty lines of a page (each cut to MAX_LINE characters), with
    whether a blank line (a new text block) comes before each."""
    raw = text.split("\n")
    if first is not None:
        raw = raw[: first * 3]
    if last is not None:
        raw = raw[-last * 3 :]
    lines, blank = [], True
    for chunk in raw:
        stripped = _clean(chunk[:MAX_LINE]).strip()
        if not stripped:
            blank = True
            continue
        lines.append(_Line(stripped, page, blank))
        blank = False
    if first is not None:
        lines = lines[:first]
    if last is not None:
        lines = lines[-last:]
    return lines


def _field(value, line, source="text"):
    return {
        "value": value,
        "source": source,
        "evidence": line.text if line is not None else "",
        "page": line.page if line is not None else None,
    }


def _is_caps(text, ratio=0.75):
    letters = [char for char in text if char.isalpha()]
    if len(letters) < 2:
        return False
    return sum(char.isupper() for char in letters) >= ratio * len(letters)


# -- fields of page 1 ------------------------------------------------------------


def _number(lines):
    """(index, number, symbol, match end) of the "Số: 15/QĐ-UBND" line."""
    for pattern in (NUMBER_LINE, BARE_NUMBER):
        for index, line in enumerate(lines[:40]):
            match = pattern.search(line.folded)
            if match:
                number = match.group(1).translate(DIGITS)
                symbol = _symbol(line.text[match.start(2) : match.end(2)])
                return index, number, symbol, match.end()
    return None


def _symbol(raw):
    """The symbol without OCR's spaces, and the type abbreviation of its first
    group spelt as Phụ lục III spells it (QD -> QĐ, QYD -> QyĐ)."""
    symbol = re.sub(r"\s+", "", raw).strip(".-")
    groups = symbol.split("-")
    if len(groups) > 1:
        groups[-1] = groups[-1][: _run_in(groups[-1])]
    if "/" not in groups[0]:
        groups[0] = _abbreviation(groups[0])
    return "-".join(groups)


def _run_in(group):
    """Where a word of the next column starts in the symbol's last group
    ("UBND-VXQuận 1": the place run into it), else the group's length."""
    for index in range(1, len(group) - 1):
        if group[index].isupper() and group[index + 1].islower():
            return index
    return len(group)


def _abbreviation(group):
    known = _ABBR_BY_FOLD.get(fold(group)) or []
    if group in known:
        return group
    if len(known) == 1:
        return known[0]
    return group.upper()


def _type_of_symbol(symbol):
    first = symbol.rsplit("/", 1)[-1].split("-")[0]
    return _TYPE_BY_ABBR.get(first)


def _date(lines):
    """(index, date, place) of the "<place>, ngày 05 tháng 02 năm 2026" line:
    the first with a place before it, else the first date."""
    found = None
    for index, line in enumerate(lines[:40]):
        for match in DATE.finditer(line.folded):
            day, month, year = (
                int(group.translate(DIGITS)) for group in match.groups()
            )
            try:
                value = datetime.date(year, month, day)
            except ValueError:
                continue
            place = _place(line, match.start())
            if place:
                return index, value, place
            found = found or (index, value, "")
    return found


def _place(line, start):
    """The place written before ", ngày ...", without a number read on the same
    line (OCR joins the two columns)."""
    before = line.text[:start].rstrip()
    if not before.endswith(","):
        return ""
    before = before.rstrip(",").strip()
    match = NUMBER_LINE.search(fold(before))
    if match:
        raw = before[match.start(2) : match.end(2)]
        last = raw.rfind("-") + 1
        end = match.start(2) + last + _run_in(raw[last:]) if last else match.end()
        before = before[end:].strip()
    before = _split_run_together(before.lstrip("_-|.,;:~ "))
    return before if re.search(r"\w", before) and len(before) < 60 else ""


def _split_run_together(text):
    """ "phốHồ Chí Minh" -> "phố Hồ Chí Minh": a Vietnamese word has no capital
    after a small letter, so there OCR lost a space (not for symbols: QyĐ)."""
    out = []
    for index, char in enumerate(text):
        if index and char.isupper() and text[index - 1].islower():
            out.append(" ")
        out.append(char)
    return "".join(out)


def _heading(lines):
    """(index, type name) of the heading line (QUYẾT ĐỊNH, TỜ TRÌNH, ...)."""
    for index, line in enumerate(lines[:50]):
        if not _is_caps(line.text, 0.6):
            continue
        name = _TYPE_BY_HEADING.get(_squash(line.text))
        if name:
            return index, name
    return None


def _document_type(lines, heading, number):
    if heading:
        index, name = heading
        return name, lines[index]
    if number:
        name = _type_of_symbol(number[2])
        return name or CONG_VAN, lines[number[0]]
    return None, None


def _subject(lines, heading, number):
    """The trích yếu: the line(s) under the heading, or the "V/v" line(s) under
    the number of a công văn; without its "Về việc"/"V/v"."""
    start = None
    if heading:
        start = heading[0] + 1
    elif number:
        for index in range(number[0] + 1, min(number[0] + 4, len(lines))):
            if SUBJECT_PREFIX.match(lines[index].folded):
                start = index
                break
    if start is None or start >= len(lines):
        return None
    parts = [lines[start]]
    for line in lines[start + 1 : start + 3]:
        if line.blank_before or _ends_subject(line) or not _continues(line):
            break
        parts.append(line)
    text = " ".join(part.text for part in parts)
    match = SUBJECT_PREFIX.match(fold(text))
    if match:
        text = text[match.end() :]
    text = re.sub(r"\s+", " ", text).strip(" .;:")
    if not text or _ends_subject(lines[start]) and not match:
        return None
    return text, lines[start]


def _continues(line):
    """Whether a line can carry on the trích yếu: a wrapped sentence goes on
    in small letters or digits, or with a capitalised name of the state
    ("Thành phố", "Ủy ban", "Đề án"); a capital otherwise starts the body
    (OCR may lose the blank line between them)."""
    first = line.text[:1]
    return not first.isupper() or bool(CONTINUATION.match(line.folded))


def _ends_subject(line):
    folded = line.folded
    return bool(
        SUBJECT_STOP.match(folded)
        or MOTTO.search(folded)
        or DATE.search(folded)
        or _urgency_of(line)
        or (_is_caps(line.text, 0.9) and len(line.text) > 12)
    )


def _header_lines(lines, number, heading):
    """The left column's lines above the number: the agency's name."""
    end = number[0] if number else (heading[0] if heading else 10)
    picked = []
    for line in lines[: min(end, 12)]:
        motto = MOTTO.search(line.folded)
        text = line.text[: motto.start()] if motto else line.text
        text = text.strip(" _-=.*|")
        if (
            len(re.sub(r"\W", "", text)) < 3
            or not _is_caps(text)
            or DATE.search(fold(text))
            or _urgency_of(_Line(text, 1, False))
        ):
            continue
        picked.append((text, line))
    return picked


def _agency(lines, number, heading):
    """(organ name, parent name, line) from the header: a line that starts with a
    place (THÀNH PHỐ ..., QUẬN 1) or follows a line ending in "VÀ" continues
    the name above it; the last name is the issuing agency, the one before it
    its parent body."""
    names = []
    for text, line in _header_lines(lines, number, heading):
        folded = fold(text)
        joins = names and (
            LOCALITY.match(folded) or re.search(r"(?:\sVA|-)$", fold(names[-1][0]))
        )
        if joins:
            names[-1] = (names[-1][0] + " " + text, names[-1][1])
        else:
            names.append((text, line))
    if not names:
        return None
    organ, line = names[-1]
    parent = names[-2][0] if len(names) > 1 else None
    return (
        _restore_caps(organ),
        _restore_caps(parent) if parent else None,
        line,
    )


def _urgency_of(line):
    squashed = re.sub(r"[^A-Z ]", "", line.folded).strip()
    squashed = re.sub(r"\s+", " ", squashed)
    for mark, priority in URGENCY:
        if squashed == mark and _is_caps(line.text, 0.6):
            return priority
    return None


def _urgency(lines, heading):
    end = heading[0] if heading else 25
    for line in lines[:end]:
        priority = _urgency_of(line)
        if priority:
            return priority, line
    return None


# -- the signature block -----------------------------------------------------------


def _position_name(text):
    known = _known_position(text)
    if known:
        return known
    words = _restore_caps(text).split()
    return " ".join([words[0].capitalize()] + [w.lower() for w in words[1:]])


def _is_person(text):
    words = text.split()
    if not 2 <= len(words) <= 6 or len(text) > 45:
        return False
    return all(
        word[0].isupper() and word.isalpha() and not word[1:].isupper()
        for word in words
    ) and not _squash(text).startswith(("NOINHAN", "NHUTREN", "KINHGUI"))


def _is_capital_word(word):
    letters = [char for char in word if char.isalpha()]
    return bool(letters) and all(char.isupper() for char in letters)


def _block_part(line):
    """The signature block's part of a line that OCR joined with the left
    column ("Nơi nhận: KT. GIÁM ĐỐC", "- Như trên; PHÓ GIÁM ĐỐC"): the run of
    words in capitals that ends it."""
    words = line.text.split()
    start = len(words)
    while start > 0 and _is_capital_word(words[start - 1]):
        start -= 1
    if start in (0, len(words)):
        return line
    return _Line(" ".join(words[start:]), line.page, line.blank_before)


def _known_position(text):
    """The position as the vocabulary writes it, also when OCR changed a
    letter or two ("GIÁM ĐIC"); None when it is not one."""
    squashed = _squash(text)
    if squashed in _POSITION_BY_FOLD:
        return _POSITION_BY_FOLD[squashed]
    close = difflib.get_close_matches(squashed, list(_POSITION_BY_FOLD), 1, 0.8)
    return _POSITION_BY_FOLD[close[0]] if close else None


def _position_of(part):
    """The position a block line names ("PHÓ CHỦ TỊCH" -> "Phó Chủ tịch")."""
    text = part.text.strip(" .,;:")
    if not _is_caps(text) or len(text) > 60:
        return None
    known = _known_position(text)
    if known:
        return known
    return _position_name(text) if len(text) >= 6 else None


def _authority_mark(mark, rest):
    known = _known_position(rest)
    return f"{mark}. {known.upper() if known else _restore_caps(rest)}"


def _signature_block(lines):
    """signing_authority, signer_position and signer_name fields of the block at
    the end of the last page."""
    fields = {}
    parts = [_block_part(line) for line in lines]
    authorities = [
        (index, match)
        for index, part in enumerate(parts)
        for match in [AUTHORITY.match(part.folded)]
        if match and _is_caps(part.text)
    ]
    position_index = None
    if authorities:
        marks = [
            _authority_mark(match.group(1), parts[index].text[match.start(2) :])
            for index, match in authorities
        ]
        fields["signing_authority"] = _field(
            " / ".join(marks), lines[authorities[0][0]]
        )
        last, match = authorities[-1]
        position_index = last
        position = _position_of(parts[last + 1]) if last + 1 < len(parts) else None
        if position:
            position_index = last + 1
            fields["signer_position"] = _field(position, lines[last + 1])
        elif match.group(1) == "Q":
            position = "Quyền " + _position_name(parts[last].text[match.start(2) :])
            fields["signer_position"] = _field(position, lines[last])
    else:
        for index in range(len(parts) - 1, -1, -1):
            text = parts[index].text
            known = _known_position(text) if _is_caps(text) else None
            if known:
                position_index = index
                fields["signer_position"] = _field(known, lines[index])
                break
    if position_index is not None:
        for line in lines[position_index + 1 : position_index + 14]:
            if _is_person(line.text):
                fields["signer_name"] = _field(line.text, line)
                break
    return fields


# -- certificates and the header -----------------------------------------------------


def _valid(signatures, kinds):
    for signature in signatures or ():
        if (
            isinstance(signature, dict)
            and signature.get("is_valid")
            and signature.get("signer_kind") in kinds
        ):
            return signature
    return None


def _text_value(value):
    return re.sub(r"\s+", " ", fold(str(value))).strip().casefold()


def _same(field, a, b):
    if field == "code_number":
        return str(a).strip().lstrip("0") == str(b).strip().lstrip("0")
    if field == "issued_date":
        return str(a)[:10] == str(b)[:10]
    if field == "code_notation":
        return _squash(str(a)) == _squash(str(b))
    return _text_value(a) == _text_value(b)


def _apply_certificates(fields, signatures, disagreements):
    person = _valid(signatures, ("individual",))
    if person:
        for field, key in (
            ("signer_name", "signer_name"),
            ("signer_position", "title"),
        ):
            value = person.get(key)
            if not value or not isinstance(value, str):
                continue
            read = fields.get(field)
            if read and not _same(field, read["value"], value):
                disagreements.append(
                    {
                        "field": field,
                        "document": read["value"],
                        "header": None,
                        "certificate": value,
                    }
                )
            fields[field] = {
                "value": value,
                "source": "certificate",
                "evidence": f"{key}: {value}",
                "page": None,
            }
    agency = _valid(signatures, ("agency", "organisation"))
    if agency and "organ_name" not in fields:
        value = agency.get("organisation")
        if value and isinstance(value, str):
            fields["organ_name"] = {
                "value": value,
                "source": "certificate",
                "evidence": f"organisation: {value}",
                "page": None,
            }


def _compare_header(fields, header):
    if not isinstance(header, dict):
        return []
    found = []
    for field, claimed in header.items():
        if claimed in (None, "", False) or field not in fields:
            continue
        value = fields[field]["value"]
        if not _same(field, value, claimed):
            found.append({"field": field, "document": value, "header": claimed})
    return found


# -- the whole document --------------------------------------------------------------


def _first_page_fields(lines):
    fields = {}
    number = _number(lines)
    heading = _heading(lines)
    if number:
        line = lines[number[0]]
        fields["code_number"] = _field(number[1], line)
        fields["code_notation"] = _field(number[2], line)
    date = _date(lines)
    if date:
        fields["issued_date"] = _field(date[1], lines[date[0]])
        if date[2]:
            fields["place"] = _field(date[2], lines[date[0]])
    name, line = _document_type(lines, heading, number)
    if name:
        fields["document_type"] = _field(name, line)
    subject = _subject(lines, heading, number)
    if subject:
        fields["subject"] = _field(*subject)
    agency = _agency(lines, number, heading)
    if agency:
        fields["organ_name"] = _field(agency[0], agency[2])
        if agency[1]:
            fields["parent_organ_name"] = _field(agency[1], agency[2])
    urgency = _urgency(lines, heading)
    if urgency:
        fields["urgency"] = _field(*urgency)
    return fields


def read_document(pages, signatures=(), header=None):
    """What the document says of itself: see the module's docstring.

    ``pages``: the text of each page; ``signatures``: dicts as stored in
    vn.document.signature (signer_name, organisation, title, signer_kind,
    is_valid); ``header``: what an edXML header claims, by field name.

    Returns ``{"fields": {name: {"value", "source", "evidence", "page"}},
    "disagreements": [{"field", "document", "header"}]}``; a disagreement of the
    text with a valid certificate has "certificate" instead of a "header" value.
    ``signing_authority`` joins the marks of the block ("TM. ỦY BAN NHÂN DÂN /
    KT. CHỦ TỊCH"); under "Q. GIÁM ĐỐC" the position is "Quyền Giám đốc".
    """
    pages = [page if isinstance(page, str) else "" for page in (pages or [])]
    fields = {}
    if pages:
        fields.update(_first_page_fields(_lines(pages[0], 1, first=HEAD_LINES)))
        tail = _lines(pages[-1], len(pages), last=TAIL_LINES)
        fields.update(_signature_block(tail))
    fields["page_count"] = {
        "value": len(pages),
        "source": "text",
        "evidence": "",
        "page": None,
    }
    disagreements = []
    _apply_certificates(fields, signatures, disagreements)
    disagreements.extend(_compare_header(fields, header))
    return {"fields": fields, "disagreements": disagreements}
