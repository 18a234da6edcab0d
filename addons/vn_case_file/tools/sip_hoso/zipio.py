# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Writing a deterministic zip, and reading an untrusted one safely."""

import io
import stat
import zipfile

# Limits of a received package: a SIP of one case file is a few hundred PDFs.
MAX_ENTRIES = 10_000
MAX_TOTAL_SIZE = 2 * 1024**3  # bytes, uncompressed
MAX_RATIO = 100  # uncompressed / compressed of one entry; PDFs stay far below
_RATIO_FLOOR = 1024 * 1024  # tiny entries (XML) may compress well: not judged


def write_zip(entries, date_time):
    """Zip bytes of ``entries`` {name: bytes}, sorted, all stamped ``date_time``."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            zf.writestr(info, entries[name], compresslevel=6)
    return buf.getvalue()


def _unsafe_name(name):
    parts = name.split("/")
    return (
        not name
        or name.startswith("/")
        or "\\" in name
        or (len(name) > 1 and name[1] == ":")  # C:...
        or any(part in ("..", ".") for part in parts)
        or "\x00" in name
    )


def read_zip(data, *, max_entries, max_total_size, max_ratio):
    """({name: bytes} of the regular files, problems). Refuses rather than unpacks.

    Directory entries are skipped. A problem with the archive as a whole returns no
    files at all, so nothing of a hostile archive is looked at further.
    """
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError) as exc:
        return {}, [f"Tệp không phải zip hợp lệ: {exc}"]
    with zf:
        infos = zf.infolist()
        problems = _check_infos(infos, max_entries, max_total_size, max_ratio)
        if problems:
            return {}, problems
        files = {}
        for info in infos:
            if info.is_dir():
                continue
            try:
                files[info.filename] = _read_capped(zf, info)
            except (zipfile.BadZipFile, ValueError, OSError) as exc:
                return {}, [f"Không đọc được “{info.filename}” trong zip: {exc}"]
        return files, []


def _check_infos(infos, max_entries, max_total_size, max_ratio):
    if len(infos) > max_entries:
        return [f"Zip có quá nhiều mục ({len(infos)} > {max_entries})."]
    problems, seen, total = [], set(), 0
    for info in infos:
        name = info.filename
        if _unsafe_name(name):
            problems.append(f"Đường dẫn không an toàn trong zip: “{name}”.")
        if name in seen:
            problems.append(f"Mục trùng tên trong zip: “{name}”.")
        seen.add(name)
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            problems.append(f"Zip chứa liên kết tượng trưng: “{name}”.")
        if info.flag_bits & 0x1:
            problems.append(f"Zip chứa mục mã hóa: “{name}”.")
        total += info.file_size
        ratio_base = max(info.compress_size, 1)
        if info.file_size > _RATIO_FLOOR and info.file_size / ratio_base > max_ratio:
            problems.append(f"Mục “{name}” nén bất thường (nghi zip bomb).")
    if total > max_total_size:
        problems.append(
            f"Dung lượng giải nén của zip quá lớn ({total} > {max_total_size} byte)."
        )
    return problems


def _read_capped(zf, info):
    """The entry's bytes, never more than its declared size (headers can lie)."""
    with zf.open(info) as f:
        data = f.read(info.file_size + 1)
    if len(data) != info.file_size:
        raise ValueError("kích thước thật khác kích thước khai báo")
    return data
