# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A backup set of the agency database and its filestore, without Odoo (R-OP2).

A set is one folder ``<root>/<db>/<YYYYMMDD-HHMMSS>-<kind>/`` holding
``database.dump`` (``pg_dump --format=c --no-owner``), ``filestore.tar`` (taken
after the dump: the filestore is content-addressed, so every file the dump
refers to is already there) and ``manifest.json``, written last: a folder
without a manifest is an unfinished set and never counts as a backup.

Sets are kept by count (dailies, weeklies, monthlies: OPERATIONS.md 5.3), so
failed runs never push the last good backup out.
"""

import datetime
import hashlib
import hmac
import json
import os
import shutil
import subprocess
import tarfile
import time
import urllib.parse

DUMP_NAME = "database.dump"
TAR_NAME = "filestore.tar"
MANIFEST_NAME = "manifest.json"
KINDS = ("daily", "weekly", "monthly")
CHUNK = 1 << 20


class BackupError(Exception):
    """A step of a backup or a restore failed; the message says which and why."""


def sha256_file(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()


def file_digests(path):
    """(sha1, sha256) of a file, read once."""
    sha1, sha256 = hashlib.sha1(), hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            sha1.update(block)
            sha256.update(block)
    return sha1.hexdigest(), sha256.hexdigest()


def run(command, env=None):
    """Run ``command``; BackupError with its standard error when it fails."""
    try:
        result = subprocess.run(
            command, env=env, capture_output=True, text=True, check=False
        )
    except OSError as exc:
        raise BackupError(f"{command[0]}: {exc}") from exc
    if result.returncode:
        raise BackupError(
            f"{os.path.basename(command[0])} failed ({result.returncode}): "
            f"{result.stderr.strip()[-2000:]}"
        )
    return result.stdout


def dump_database(pg_dump, dbname, dest, env=None, snapshot=None):
    """``pg_dump --format=c --no-owner`` of ``dbname`` into ``dest``; with
    ``snapshot`` (``pg_export_snapshot()`` of an open transaction) the dump sees
    exactly what that transaction sees."""
    command = [pg_dump, "--format=c", "--no-owner", f"--file={dest}"]
    if snapshot:
        command.append(f"--snapshot={snapshot}")
    run([*command, dbname], env=env)


def tar_filestore(filestore, dest):
    """An uncompressed tar of ``filestore`` (its content is mostly compressed PDFs
    already), members named ``filestore/<sha1[:2]>/<sha1>``."""
    with tarfile.open(dest, "w") as tar:
        if os.path.isdir(filestore):
            tar.add(filestore, arcname="filestore")


def extract_filestore(archive, dest):
    """Unpack a :func:`tar_filestore` archive into the folder ``dest`` (refusing
    members that would land outside it)."""
    os.makedirs(dest, exist_ok=True)
    with tarfile.open(archive, "r") as tar:
        for member in tar.getmembers():
            parts = member.name.split("/", 1)
            if parts[0] != "filestore" or len(parts) == 1:
                continue
            member.name = parts[1]
            tar.extract(member, dest, filter="data")


def set_name(when, kind):
    return f"{when:%Y%m%d-%H%M%S}-{kind}"


def parse_set_name(name):
    """(datetime, kind) of a set folder's name, or None."""
    stamp, _sep, kind = name.rpartition("-")
    if kind not in KINDS:
        return None
    try:
        return datetime.datetime.strptime(stamp, "%Y%m%d-%H%M%S"), kind
    except ValueError:
        return None


def good_sets(folder):
    """The finished sets under ``folder`` (those with a manifest), oldest first, as
    (datetime, kind, path)."""
    found = []
    if not os.path.isdir(folder):
        return found
    for name in os.listdir(folder):
        parsed = parse_set_name(name)
        path = os.path.join(folder, name)
        if parsed and os.path.isfile(os.path.join(path, MANIFEST_NAME)):
            found.append((*parsed, path))
    return sorted(found)


def next_kind(folder, when):
    """monthly for the first finished set of a month, weekly for the first of an ISO
    week, daily otherwise."""
    sets = good_sets(folder)
    if not any(
        (d.year, d.month) == (when.year, when.month)
        for d, kind, _p in sets
        if kind == "monthly"
    ):
        return "monthly"
    if not any(
        d.isocalendar()[:2] == when.isocalendar()[:2]
        for d, kind, _p in sets
        if kind in ("weekly", "monthly")
    ):
        return "weekly"
    return "daily"


def prune(folder, keep):
    """Delete the finished sets beyond the newest ``keep[kind]`` of each kind and the
    unfinished folders older than the newest finished set. Returns the deleted
    paths. Only finished sets count, so failed runs never delete a good one."""
    sets = good_sets(folder)
    deleted = []
    for kind in KINDS:
        count = max(int(keep.get(kind, 0)), 0)
        of_kind = [p for _d, k, p in sets if k == kind]
        # the newest finished set is always kept, whatever the counts say
        deleted += [p for p in of_kind[: len(of_kind) - count] if p != sets[-1][2]]
    if sets:
        newest = sets[-1][0]
        for name in os.listdir(folder):
            parsed = parse_set_name(name)
            path = os.path.join(folder, name)
            if (
                parsed
                and parsed[0] < newest
                and not os.path.isfile(os.path.join(path, MANIFEST_NAME))
            ):
                deleted.append(path)
    for path in deleted:
        shutil.rmtree(path, ignore_errors=True)
    return deleted


def write_manifest(path, manifest):
    """Write the manifest atomically: it marks the set as finished."""
    tmp = os.path.join(path, MANIFEST_NAME + ".part")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=1, sort_keys=True, default=str)
    os.replace(tmp, os.path.join(path, MANIFEST_NAME))


def read_manifest(path):
    with open(os.path.join(path, MANIFEST_NAME), encoding="utf-8") as f:
        return json.load(f)


def archive_facts(path):
    """{file name: {"sha256", "size"}} of the two archives of a set."""
    return {
        name: {
            "sha256": sha256_file(os.path.join(path, name)),
            "size": os.path.getsize(os.path.join(path, name)),
        }
        for name in (DUMP_NAME, TAR_NAME)
    }


def copy_set(path, root):
    """Copy a finished set into ``root`` (a mounted second medium): archives first,
    the manifest last, each checked by its SHA-256 once copied. Returns the copy's
    path."""
    manifest = read_manifest(path)
    target = os.path.join(root, os.path.basename(path))
    os.makedirs(target, exist_ok=True)
    for name, facts in manifest["archives"].items():
        shutil.copyfile(os.path.join(path, name), os.path.join(target, name))
        if sha256_file(os.path.join(target, name)) != facts["sha256"]:
            raise BackupError(f"the copy of {name} in {target} differs")
    shutil.copyfile(
        os.path.join(path, MANIFEST_NAME), os.path.join(target, MANIFEST_NAME)
    )
    return target


def verify_archives(path, manifest):
    """The names of the archives whose SHA-256 differs from the manifest's."""
    return [
        name
        for name, facts in manifest["archives"].items()
        if not os.path.isfile(os.path.join(path, name))
        or sha256_file(os.path.join(path, name)) != facts["sha256"]
    ]


# ----------------------------------------------------------------------
# The manifest, from any DB-API cursor (Odoo's or psycopg2's)
# ----------------------------------------------------------------------
def row_counts(cr):
    """{table: rows} of the suite's tables (``vn_%``) and ir_attachment, counted in one
    statement (each table's count through ``query_to_xml``)."""
    cr.execute(
        """SELECT table_name, (xpath('/row/n/text()', query_to_xml(
                      format('SELECT COUNT(*) AS n FROM %I', table_name),
                      false, true, '')))[1]::text::bigint
             FROM information_schema.tables
            WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
              AND (table_name LIKE 'vn\\_%' OR table_name = 'ir_attachment')
            ORDER BY table_name"""
    )
    return dict(cr.fetchall())


def register_last_numbers(cr):
    """{"<book id>/<year>": last number} of every register book and year: the
    ledger (vn_register_number) or the book's sequence for older numbers, as
    ``vn.register.book._vn_last_number`` counts them."""
    cr.execute(
        """SELECT book_id, year, MAX(number) FROM (
               SELECT book_id, year, number FROM vn_register_number
               UNION ALL
               SELECT b.id, EXTRACT(YEAR FROM r.date_from)::int, r.number_next - 1
                 FROM ir_sequence_date_range r
                 JOIN vn_register_book b ON b.sequence_id = r.sequence_id
           ) n GROUP BY book_id, year ORDER BY book_id, year"""
    )
    return {f"{book}/{year}": last for book, year, last in cr.fetchall() if last}


def stored_originals(cr):
    """{vn.document.file id (str): [store_fname, sha256, name]} of every stored
    original."""
    cr.execute(
        """SELECT f.id, a.store_fname, f.sha256, f.name
             FROM vn_document_file f JOIN ir_attachment a ON a.id = f.attachment_id
            WHERE a.store_fname IS NOT NULL ORDER BY f.id"""
    )
    return {str(fid): [fname, sha, name] for fid, fname, sha, name in cr.fetchall()}


def collect_manifest(cr, dbname, odoo_facts):
    """Odoo's manifest fields (``odoo.service.db.dump_db_manifest``: ``odoo_facts``
    gives the release fields) and the suite's: row counts, last register numbers,
    stored originals."""
    cr.execute("SHOW server_version_num")
    major, minor = divmod(int(cr.fetchone()[0]) // 100, 100)
    pg_version = f"{major}.{minor}"
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module WHERE state = 'installed'"
    )
    return {
        "odoo_dump": "1",
        "db_name": dbname,
        **odoo_facts,
        "pg_version": pg_version,
        "modules": dict(cr.fetchall()),
        "row_counts": row_counts(cr),
        "register_last_numbers": register_last_numbers(cr),
        "originals": stored_originals(cr),
    }


def make_set(root, dbname, cr, filestore, pg_dump, odoo_facts, **options):
    """Make one finished set under ``root`` (the database's folder) and return
    (path, manifest).

    ``cr`` is a fresh REPEATABLE READ transaction on ``dbname``: its snapshot is
    exported to pg_dump (``snapshot=True``), so the manifest's counts are those of
    the dump, and it holds ir_attachment in ROW EXCLUSIVE mode (``lock=True``)
    until the filestore is archived, which keeps Odoo's filestore garbage
    collection (SHARE lock) from removing a file the dump refers to. Options:
    ``env`` (pg_dump's environment), ``now`` (UTC datetime), ``snapshot``,
    ``lock``. An unfinished folder is removed when a step fails.
    """
    now = options.get("now") or datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    os.makedirs(root, mode=0o700, exist_ok=True)
    kind = next_kind(root, now)
    path = os.path.join(root, set_name(now, kind))
    os.makedirs(path, mode=0o700)
    started = time.monotonic()
    try:
        snapshot = None
        if options.get("snapshot", True):
            cr.execute("SELECT pg_export_snapshot()")
            snapshot = cr.fetchone()[0]
        if options.get("lock", True):
            cr.execute("LOCK TABLE ir_attachment IN ROW EXCLUSIVE MODE")
        dump = os.path.join(path, DUMP_NAME)
        dump_database(pg_dump, dbname, dump, env=options.get("env"), snapshot=snapshot)
        dumped = time.monotonic()
        manifest = collect_manifest(cr, dbname, odoo_facts)
        tar_filestore(filestore, os.path.join(path, TAR_NAME))
        for name in (DUMP_NAME, TAR_NAME):
            os.chmod(os.path.join(path, name), 0o600)
        manifest.update(
            {
                "kind": kind,
                "created_at": now.isoformat(timespec="seconds"),
                "archives": archive_facts(path),
                "seconds": {
                    "dump": round(dumped - started, 3),
                    "total": round(time.monotonic() - started, 3),
                },
            }
        )
        write_manifest(path, manifest)
    except BaseException:
        shutil.rmtree(path, ignore_errors=True)
        raise
    return path, manifest


# ----------------------------------------------------------------------
# A copy in an S3-compatible bucket (AWS Signature Version 4, path-style URLs)
# ----------------------------------------------------------------------
def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def sigv4_headers(method, url, payload_sha256, credentials, now, headers=None):
    """The headers that sign a request with AWS Signature Version 4 (S3): the
    ``headers`` given, ``x-amz-date``, ``x-amz-content-sha256`` and
    ``Authorization``. ``credentials``: ``access_key``, ``secret_key``, ``region``.
    ``url``'s path must already be URI-encoded (:func:`object_url`)."""
    parts = urllib.parse.urlsplit(url)
    amz_date = now.strftime("%Y%m%dT%H%M%SZ")
    day = amz_date[:8]
    signed = {k.lower(): str(v).strip() for k, v in (headers or {}).items()}
    signed.update(
        {
            "host": parts.netloc,
            "x-amz-content-sha256": payload_sha256,
            "x-amz-date": amz_date,
        }
    )
    names = sorted(signed)
    query = "&".join(
        f"{urllib.parse.quote(k, safe='-_.~')}={urllib.parse.quote(v, safe='-_.~')}"
        for k, v in sorted(urllib.parse.parse_qsl(parts.query, keep_blank_values=True))
    )
    canonical = "\n".join(
        [
            method,
            parts.path or "/",
            query,
            "".join(f"{name}:{signed[name]}\n" for name in names),
            ";".join(names),
            payload_sha256,
        ]
    )
    scope = f"{day}/{credentials['region']}/s3/aws4_request"
    to_sign = "\n".join(
        [
            "AWS4-HMAC-SHA256",
            amz_date,
            scope,
            hashlib.sha256(canonical.encode()).hexdigest(),
        ]
    )
    key = ("AWS4" + credentials["secret_key"]).encode()
    for part in (day, credentials["region"], "s3", "aws4_request"):
        key = _hmac(key, part)
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    signed.pop("host")
    signed["Authorization"] = (
        f"AWS4-HMAC-SHA256 Credential={credentials['access_key']}/{scope}, "
        f"SignedHeaders={';'.join(names)}, Signature={signature}"
    )
    return signed


def object_url(endpoint, bucket, key):
    """Path-style URL of an object (what MinIO, Ceph and most S3-compatible services
    accept)."""
    return (
        f"{endpoint.rstrip('/')}/{urllib.parse.quote(bucket)}/"
        f"{urllib.parse.quote(key, safe='/~')}"
    )


def put_object(url, path, sha256, credentials, timeout=600):
    """PUT the file ``path`` (its SHA-256 ``sha256``, signed as the payload: the
    service refuses a body that differs) at ``url``."""
    import requests

    headers = sigv4_headers(
        "PUT",
        url,
        sha256,
        credentials,
        datetime.datetime.now(datetime.UTC),
        {"Content-Length": str(os.path.getsize(path))},
    )
    with open(path, "rb") as body:
        try:
            response = requests.put(url, data=body, headers=headers, timeout=timeout)
        except requests.RequestException as exc:
            raise BackupError(f"S3 copy of {os.path.basename(path)}: {exc}") from exc
    if response.status_code != 200:
        raise BackupError(
            f"S3 copy of {os.path.basename(path)}: HTTP {response.status_code} "
            f"{response.text[:500]}"
        )


def copy_set_s3(path, bucket_settings, prefix):
    """Copy a finished set into an S3-compatible bucket under
    ``<prefix>/<set name>/``: archives first, the manifest last. ``bucket_settings``:
    ``endpoint``, ``bucket``, ``region``, ``access_key``, ``secret_key``. Returns the
    URL of the set. Pruning there is left to the bucket's lifecycle rules."""
    manifest = read_manifest(path)
    base = f"{prefix.strip('/')}/{os.path.basename(path)}".lstrip("/")
    files = [(name, facts["sha256"]) for name, facts in manifest["archives"].items()]
    files.append((MANIFEST_NAME, sha256_file(os.path.join(path, MANIFEST_NAME))))
    for name, sha in files:
        url = object_url(
            bucket_settings["endpoint"], bucket_settings["bucket"], f"{base}/{name}"
        )
        put_object(url, os.path.join(path, name), sha, bucket_settings)
    return object_url(bucket_settings["endpoint"], bucket_settings["bucket"], base)
