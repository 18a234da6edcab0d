# Copyright 2026 VN eDoc team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Vietnamese OCR of scans (ND30.md §8): OCRmyPDF with Tesseract's Vietnamese model.

OCRmyPDF runs as a child process with a time limit, so a hostile or very long scan
never holds an Odoo worker, its memory or its signal handlers. The result is a new
two-layer PDF (the page images unchanged, an invisible text layer); the input is never
changed, so an original and its signatures stay as they are.
"""

import os
import subprocess
import sys
import tempfile

import img2pdf

# OCRmyPDF's exit codes (ocrmypdf.ExitCode) that say something about the input
EXIT_REASONS = {
    2: "input_file",  # not a PDF, or a PDF it cannot read
    6: "already_done_ocr",  # pages with text and neither --skip-text nor --force
    8: "encrypted_pdf",
    9: "invalid_config",
    10: "pdfa_conversion_failed",
}


class OcrError(Exception):
    """OCR did not produce a copy: ``code`` is one of EXIT_REASONS' values,
    "timeout" or "failed"; ``detail`` is the tool's last words, for the log."""

    def __init__(self, code, detail=""):
        super().__init__(f"{code}: {detail}" if detail else code)
        self.code = code
        self.detail = detail


def ocr_pdf(data, *, language="vie", timeout=600, pdfa=True, jobs=1):
    """The two-layer copy of the scanned PDF ``data`` (bytes), in PDF/A-2b when
    ``pdfa``. Raises ``OcrError``; "already_done_ocr" when a page already carries
    text: its text is read from its layer instead. (OCRmyPDF 16 refuses to skip such
    pages with Debian 12's Ghostscript 10.0.0, whose regressions corrupt existing
    text, and forcing OCR would replace the text the sender typed.)"""
    return _run_ocrmypdf(data, language, timeout, pdfa, jobs)


def _run_ocrmypdf(data, language, timeout, pdfa, jobs):
    with tempfile.TemporaryDirectory(prefix="vn_ocr_") as folder:
        source = os.path.join(folder, "in.pdf")
        target = os.path.join(folder, "out.pdf")
        with open(source, "wb") as handle:
            handle.write(data)
        command = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--quiet",
            "--language",
            language,
            "--output-type",
            "pdfa-2" if pdfa else "pdf",
            "--optimize",
            "0",  # the page images stay exactly as scanned
            "--jobs",
            str(jobs),
            source,
            target,
        ]
        # one Tesseract thread per job: the workers' cores are counted by --jobs
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            run = subprocess.run(
                command,
                capture_output=True,
                timeout=timeout,
                env=env,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise OcrError("timeout", f"after {timeout} s") from error
        if run.returncode != 0 or not os.path.exists(target):
            detail = run.stderr.decode("utf-8", "replace").strip()[-500:]
            raise OcrError(EXIT_REASONS.get(run.returncode, "failed"), detail)
        with open(target, "rb") as handle:
            return handle.read()


def image_to_pdf(data, default_dpi=200):
    """A PDF with the image ``data`` (JPEG, PNG, TIFF, ...) as its pages, without
    re-encoding the pixels. An image that states no resolution is placed at
    ``default_dpi``."""

    def layout(imgwidthpx, imgheightpx, ndpi):
        dpi_x, dpi_y = ndpi if ndpi and ndpi[0] and ndpi[1] else (0, 0)
        if dpi_x <= 1 or dpi_y <= 1:
            dpi_x = dpi_y = default_dpi
        return img2pdf.default_layout_fun(imgwidthpx, imgheightpx, (dpi_x, dpi_y))

    try:
        return img2pdf.convert(
            data, layout_fun=layout, rotation=img2pdf.Rotation.ifvalid
        )
    except Exception as error:  # img2pdf raises many kinds for a bad image
        raise OcrError("input_file", str(error)[:500]) from error


def ocr_image(data, **options):
    """The two-layer PDF of an image (see ``image_to_pdf`` and ``ocr_pdf``)."""
    return ocr_pdf(image_to_pdf(data), **options)
