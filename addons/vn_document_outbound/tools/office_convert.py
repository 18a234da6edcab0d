# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Convert word-processing drafts (.docx, .odt, .doc) to PDF with LibreOffice.

Every call runs ``soffice --headless --convert-to pdf`` in its own temporary
directory with a throw-away user profile, so concurrent calls do not share
(or lock) a profile.  The whole process group is killed on timeout.

Pure Python, no Odoo imports.  Errors are :class:`ConversionError` with a
machine-readable ``code``: unsupported, failed, timeout, not_installed.
"""

import contextlib
import os
import pathlib
import shutil
import signal
import subprocess
import tempfile
import time

SUPPORTED_EXTENSIONS = (".docx", ".odt", ".doc")
SOFFICE_CANDIDATES = ("/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice")
MAX_INPUT_BYTES = 50 * 1024 * 1024
# LibreOffice imports anything (as plain text at worst): check the content first
MAGIC = {
    ".docx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".doc": (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"{\\rtf",
    ),  # OLE2 Word 97-2003, or RTF
}


class ConversionError(Exception):
    """Conversion failure; ``code`` is machine-readable, the message is for logs."""

    def __init__(self, code, message=None):
        self.code = code
        super().__init__(message or code)


def find_soffice():
    """Path of the soffice executable or None."""
    found = shutil.which("soffice")
    if found:
        return found
    return next((path for path in SOFFICE_CANDIDATES if os.access(path, os.X_OK)), None)


def wait_for_soffice(timeout=300, interval=5):
    """Poll for soffice up to ``timeout`` seconds (e.g. while apt installs it)."""
    deadline = time.monotonic() + timeout
    while True:
        path = find_soffice()
        if path or time.monotonic() >= deadline:
            return path
        time.sleep(interval)


def _kill_group(proc):
    """Kill the process group started for ``proc`` (soffice forks soffice.bin)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _command(soffice, profile_dir, out_dir, source):
    return [
        soffice,
        f"-env:UserInstallation={pathlib.Path(profile_dir).as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--nofirststartwizard",
        "--convert-to",
        "pdf",
        "--outdir",
        out_dir,
        source,
    ]


def _run(cmd, workdir, timeout):
    """Run ``cmd`` in its own session; return (returncode, stderr text)."""
    env = dict(os.environ, HOME=workdir, TMPDIR=workdir)
    proc = subprocess.Popen(
        cmd,
        cwd=workdir,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as exc:
        _kill_group(proc)
        proc.communicate()
        raise ConversionError(
            "timeout", f"LibreOffice did not finish in {timeout}s"
        ) from exc
    finally:
        _kill_group(proc)  # leftovers (soffice.bin) of a finished run
    return proc.returncode, err.decode("utf-8", "replace")


def convert_to_pdf(data, filename, timeout=120):
    """PDF bytes of the .docx/.odt/.doc document ``data`` (named ``filename``)."""
    extension = os.path.splitext(filename or "")[1].lower()
    if extension not in SUPPORTED_EXTENSIONS:
        raise ConversionError("unsupported", f"cannot convert {extension!r} files")
    if not data or len(data) > MAX_INPUT_BYTES:
        raise ConversionError("failed", "empty or too large input")
    if not data.startswith(MAGIC[extension]):
        raise ConversionError("failed", f"the content is not a {extension} document")
    soffice = find_soffice()
    if not soffice:
        raise ConversionError("not_installed", "LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="vn_edoc_convert_") as workdir:
        # never pass the user's file name to the command line
        source = os.path.join(workdir, "document" + extension)
        out_dir = os.path.join(workdir, "out")
        os.mkdir(out_dir)
        with open(source, "wb") as fh:
            fh.write(data)
        cmd = _command(soffice, os.path.join(workdir, "profile"), out_dir, source)
        returncode, stderr = _run(cmd, workdir, timeout)
        target = os.path.join(out_dir, "document.pdf")
        if not os.path.exists(target):
            raise ConversionError("failed", f"rc={returncode}: {stderr.strip()[-500:]}")
        with open(target, "rb") as fh:
            pdf = fh.read()
    if not pdf.startswith(b"%PDF"):
        raise ConversionError("failed", "LibreOffice produced no PDF")
    return pdf
