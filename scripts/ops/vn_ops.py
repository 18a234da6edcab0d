#!/usr/bin/env python3
# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Backup and restore drill of the suite's database, Odoo as a library (R-OP2).

    vn_ops.py [odoo options] backup [--db DB]
    vn_ops.py [odoo options] drill [--db SOURCE] [--keep] [--no-record] [SET]

``backup`` runs the nightly job once (vn.backup.service). ``drill`` restores a
backup set (default: the newest of SOURCE) into a new database
``vn_drill_<random>``, neutralised before Odoo loads it, checks it against the
set's manifest, prints PASS or FAIL with the recovery time and the backup's age,
records the result in SOURCE's backup log, drops the copy (``--keep`` keeps it)
and exits 1 on failure. Odoo options (``-c``, ``--addons-path``...) come first,
as for ``odoo``; scripts/ops/*.sh pass the project's.
"""

import argparse
import datetime
import os
import secrets
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "addons", "vn_document_base", "tools"))

import backup  # noqa: E402  (the suite's library, without Odoo)


def parse(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("backup", help="back up the database now")
    run.add_argument("--db")
    drill = sub.add_parser("drill", help="restore drill into a scratch database")
    drill.add_argument("--db", help="the source database (default: odoo.conf's)")
    drill.add_argument("set", nargs="?", help="a backup set folder (default: newest)")
    drill.add_argument("--keep", action="store_true", help="keep the scratch database")
    drill.add_argument(
        "--no-record", action="store_true", help="do not write the source's log"
    )
    split = argv.index("backup") if "backup" in argv else None
    if split is None:
        split = argv.index("drill") if "drill" in argv else len(argv)
    return argv[:split], parser.parse_args(argv[split:])


def odoo_env(dbname):
    """A registry cursor context and an environment factory for ``dbname``."""
    from odoo import SUPERUSER_ID, api
    from odoo.modules.registry import Registry

    registry = Registry(dbname)
    cr = registry.cursor()
    return cr, api.Environment(cr, SUPERUSER_ID, {})


def do_backup(args):
    from odoo.tools import config

    dbname = args.db or config["db_name"]
    cr, env = odoo_env(dbname)
    with cr:
        log = env["vn.backup.service"]._vn_backup()
        cr.commit()
        print(f"{log.result.upper()} {log.location} ({log.duration:.1f} s)")
        if log.error:
            print(log.error)
        return 0 if log.result == "success" else 1


# ----------------------------------------------------------------------
# The drill
# ----------------------------------------------------------------------
class Report:
    def __init__(self):
        self.checks = []

    def check(self, name, ok, detail=""):
        self.checks.append((name, bool(ok), detail))
        print(f"  [{'ok' if ok else 'FAIL'}] {name}{': ' + detail if detail else ''}")
        return ok

    @property
    def passed(self):
        return all(ok for _n, ok, _d in self.checks)

    def text(self):
        return "\n".join(
            f"[{'ok' if ok else 'FAIL'}] {n}{': ' + d if d else ''}"
            for n, ok, d in self.checks
        )


def source_folder(dbname):
    """The source's backup folder, as its settings say (read with plain SQL: the
    source is only read)."""
    import odoo.sql_db
    from odoo.tools import config

    with odoo.sql_db.db_connect(dbname).cursor() as cr:
        cr.execute(
            "SELECT value FROM ir_config_parameter WHERE key = %s",
            ["vn_document_base.backup_folder"],
        )
        row = cr.fetchone()
    folder = (row and row[0]) or os.path.join(config["data_dir"], "backups")
    return os.path.join(folder, dbname)


def database_exists(name):
    import odoo.sql_db

    with odoo.sql_db.db_connect("postgres").cursor() as cr:
        cr.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return bool(cr.fetchone())


def restore_database(target, dump):
    """Restore ``dump`` into the new, empty ``target`` (made with the extensions by
    scripts/setup/create_db.sh, so their entries are left out), stopping at the
    first error."""
    from odoo.tools.misc import exec_pg_environ, find_pg_tool

    pg_restore = find_pg_tool("pg_restore")
    env = exec_pg_environ()
    listing = backup.run([pg_restore, "--list", dump], env=env)
    entries = [
        line
        for line in listing.splitlines()
        if " EXTENSION " not in line and "COMMENT - EXTENSION" not in line
    ]
    with tempfile.NamedTemporaryFile("w", suffix=".list") as toc:
        toc.write("\n".join(entries) + "\n")
        toc.flush()
        backup.run(
            [
                pg_restore,
                "--exit-on-error",
                "--no-owner",
                f"--use-list={toc.name}",
                f"--dbname={target}",
                dump,
            ],
            env=env,
        )


def check_files(report, env, filestore, manifest):
    """Every original of the manifest present with its SHA-256, every stored
    attachment with its SHA-1 (Odoo's checksum): each file read once."""
    originals = {
        fname: (fid, sha, name)
        for fid, (fname, sha, name) in manifest["originals"].items()
    }
    env.cr.execute(
        "SELECT store_fname, checksum, name FROM ir_attachment"
        " WHERE store_fname IS NOT NULL ORDER BY id"
    )
    attachments = {
        fname: (checksum, name) for fname, checksum, name in env.cr.fetchall()
    }
    bad_originals, bad_attachments = [], []
    for fname in sorted(set(originals) | set(attachments)):
        path = os.path.join(filestore, fname)
        try:
            sha1, sha256 = backup.file_digests(path)
        except FileNotFoundError:
            sha1 = sha256 = None
        if fname in originals:
            fid, sha, name = originals[fname]
            if sha256 != sha:
                why = "missing" if sha256 is None else "SHA-256 differs"
                bad_originals.append(f"{name} ({fname}, file {fid}): {why}")
        if fname in attachments and sha1 != attachments[fname][0]:
            why = "missing" if sha1 is None else "SHA-1 differs from its checksum"
            bad_attachments.append(f"{attachments[fname][1]} ({fname}): {why}")
    report.check(
        f"{len(originals)} originals present with their SHA-256",
        not bad_originals,
        "; ".join(bad_originals),
    )
    report.check(
        f"{len(attachments)} stored attachments match their checksum",
        not bad_attachments,
        "; ".join(bad_attachments),
    )


def check_signed_pdf(report, env):
    """One signed PDF validated again with the suite's code (pyHanko): its
    signatures' validity and legal value as recorded when it was stored."""
    files = env["vn.document.file"].search(
        [("attachment_id", "!=", False), ("signature_ids.is_valid", "=", True)],
        limit=1,
    )
    if not files:
        report.check("a signed PDF validates again", True, "no signed PDF stored")
        return
    data = files.attachment_id.raw
    facts = env["vn.file.check"]._check_pdf(files.name, data)
    now = [sig["is_valid"] for sig in facts["signatures"]]
    then = [sig.is_valid for sig in files.signature_ids.sorted("sequence")]
    report.check(
        "a signed PDF validates again",
        now == then and facts["legal_value"] == files.legal_value,
        f"{files.name}: signatures {now} (stored {then}), legal value "
        f"{facts['legal_value']} (stored {files.legal_value})",
    )


def check_database(report, env, manifest, filestore):
    cr = env.cr
    params = env["ir.config_parameter"]
    cr.execute(
        """SELECT c.cron_name FROM ir_cron c
             JOIN ir_model_data d ON d.model = 'ir.cron' AND d.res_id = c.id
            WHERE d.module LIKE 'vn\\_%%' AND c.active"""
    )
    active = [row[0] for row in cr.fetchall()]
    lgsp = (
        env["vn.lgsp.profile"].search_count([])
        if "vn.lgsp.profile" in env.registry
        else 0
    )
    report.check(
        "neutralised (no job, mail or LGSP call can run)",
        params.get_param("database.is_neutralized") and not active and not lgsp,
        ", ".join(active) + (f"{lgsp} active LGSP connection(s)" if lgsp else ""),
    )
    cr.execute(
        "SELECT name, latest_version FROM ir_module_module WHERE state = 'installed'"
    )
    modules = dict(cr.fetchall())
    diff = sorted(
        f"{name}: {manifest['modules'].get(name)} -> {modules.get(name)}"
        for name in set(modules) | set(manifest["modules"])
        if modules.get(name) != manifest["modules"].get(name)
    )
    report.check(f"{len(modules)} modules at their versions", not diff, "; ".join(diff))
    counts = backup.row_counts(cr)
    diff = sorted(
        f"{table}: {n} -> {counts.get(table)}"
        for table, n in manifest["row_counts"].items()
        if counts.get(table) != n
    )
    report.check(f"row counts of {len(counts)} tables", not diff, "; ".join(diff))
    numbers = backup.register_last_numbers(cr)
    diff = sorted(
        f"book/year {key}: {n} -> {numbers.get(key)}"
        for key, n in manifest["register_last_numbers"].items()
        if numbers.get(key) != n
    )
    report.check(
        f"last numbers of {len(numbers)} register books and years",
        not diff and len(numbers) == len(manifest["register_last_numbers"]),
        "; ".join(diff),
    )
    check_files(report, env, filestore, manifest)
    check_signed_pdf(report, env)


def do_drill(args):
    import odoo.sql_db
    from odoo.modules.neutralize import neutralize_database
    from odoo.modules.registry import Registry
    from odoo.tools import config

    started, wall = time.monotonic(), datetime.datetime.now(datetime.UTC)
    source = args.db or config["db_name"]
    path = args.set
    if not path:
        sets = backup.good_sets(source_folder(source))
        if not sets:
            print(f"FAIL: no backup of {source} in {source_folder(source)}")
            return 1
        path = sets[-1][2]
    path = os.path.abspath(path)
    manifest = backup.read_manifest(path)
    target = f"vn_drill_{secrets.token_hex(4)}"
    if target in (source, manifest["db_name"]) or database_exists(target):
        print(f"FAIL: {target} exists or is the live database; not touched")
        return 1
    print(f"Restore drill of {path} into {target}")
    report = Report()
    bad = backup.verify_archives(path, manifest)
    report.check("archives match their SHA-256", not bad, ", ".join(bad))
    filestore = config.filestore(target)
    created = False
    rto = None
    try:
        createdb = subprocess.run(
            ["bash", os.path.join(ROOT, "scripts", "setup", "create_db.sh"), target],
            capture_output=True,
            text=True,
            check=False,
        )
        if createdb.returncode:
            raise backup.BackupError(f"create_db.sh: {createdb.stderr.strip()[-1000:]}")
        created = True
        restored = True
        try:
            restore_database(target, os.path.join(path, backup.DUMP_NAME))
        except backup.BackupError as exc:
            restored = report.check("database restored", False, str(exc))
        if restored:
            report.check("database restored (pg_restore --exit-on-error)", True)
            backup.extract_filestore(os.path.join(path, backup.TAR_NAME), filestore)
            # before Odoo loads it: nothing of the copy may run (crons, mail, LGSP)
            with odoo.sql_db.db_connect(target).cursor() as cr:
                neutralize_database(cr)
            registry = Registry(target)
            rto = time.monotonic() - started  # usable again: the recovery time
            report.check("registry loaded", True)
            from odoo import SUPERUSER_ID, api

            with registry.cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, {})
                check_database(report, env, manifest, filestore)
                cr.rollback()
    except Exception as exc:  # any other failure is a failed drill, named
        report.check("drill ran to the end", False, f"{type(exc).__name__}: {exc}")
    finally:
        if created and not args.keep:
            from odoo.modules.registry import Registry as Reg

            Reg.delete(target)
            odoo.sql_db.close_db(target)
            from odoo.tools.misc import exec_pg_environ, find_pg_tool

            subprocess.run(
                [find_pg_tool("dropdb"), "--if-exists", target],
                env=exec_pg_environ(),
                check=False,
            )
            subprocess.run(["rm", "-rf", filestore], check=False)
    total = time.monotonic() - started
    rto = total if rto is None else rto
    made = datetime.datetime.fromisoformat(manifest["created_at"]).replace(
        tzinfo=datetime.UTC
    )
    rpo = (wall - made).total_seconds() / 3600
    result = "PASS" if report.passed else "FAIL"
    print(
        f"{result}: recovery time {rto:.1f} s, backup age {rpo:.2f} h "
        f"(drill {total:.1f} s)"
    )
    if args.keep and created:
        print(f"kept: database {target}, filestore {filestore}")
    if not args.no_record:
        from odoo import SUPERUSER_ID, api

        with Registry(source).cursor() as cr:
            api.Environment(cr, SUPERUSER_ID, {})["vn.backup.service"]._vn_record_drill(
                {
                    "result": "success" if report.passed else "failure",
                    "started_at": wall.replace(tzinfo=None),
                    "duration": total,
                    "rto_seconds": rto,
                    "rpo_hours": rpo,
                    "kind": manifest.get("kind"),
                    "set_name": os.path.basename(path),
                    "location": path,
                    "originals": len(manifest["originals"]),
                    "dump_sha256": manifest["archives"][backup.DUMP_NAME]["sha256"],
                    "filestore_sha256": manifest["archives"][backup.TAR_NAME]["sha256"],
                    "checks": report.text(),
                    "error": None if report.passed else report.text(),
                }
            )
    return 0 if report.passed else 1


def main(argv=None):
    odoo_args, args = parse(sys.argv[1:] if argv is None else argv)
    import odoo  # noqa: F401
    from odoo.tools import config

    config.parse_config(odoo_args, setup_logging=True)
    return do_backup(args) if args.command == "backup" else do_drill(args)


if __name__ == "__main__":
    sys.exit(main())
