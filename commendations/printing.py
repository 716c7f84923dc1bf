"""Turning rendered .docx files into what goes to the printer: a batch PDF conversion with
LibreOffice (one process per batch, each with its own profile), a page check, a pypdf merge, and
a merged .docx fallback when LibreOffice is not installed."""

import io
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docxcompose.composer import Composer
from pypdf import PdfReader, PdfWriter


class ConversionError(Exception):
    """LibreOffice failed, timed out, or produced fewer pages than expected."""


def soffice_binary() -> str | None:
    configured = getattr(settings, "SOFFICE_BINARY", "")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def _split(paths: Sequence[Path], parts: int) -> list[list[Path]]:
    parts = max(1, min(parts, len(paths)))
    size, extra = divmod(len(paths), parts)
    groups, start = [], 0
    for i in range(parts):
        end = start + size + (1 if i < extra else 0)
        groups.append(list(paths[start:end]))
        start = end
    return [g for g in groups if g]


def convert_to_pdf(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    soffice: str,
    processes: int = 1,
    timeout: float | None = None,
) -> list[Path]:
    """Convert every file with `processes` LibreOffice processes (never one per file), each
    converting a contiguous share of the batch with its own profile directory. Returns the PDFs
    in the order of `paths`."""
    if not paths:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    timeout = timeout or (
        settings.PRINT_PACK_SOFFICE_TIMEOUT_BASE
        + settings.PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE * len(paths) / max(1, processes)
    )
    running = []
    with tempfile.TemporaryDirectory(prefix="khenthuong-lo-") as profiles:
        for index, group in enumerate(_split(paths, processes)):
            profile = Path(profiles) / f"profile-{index}"
            command = [
                soffice,
                f"-env:UserInstallation={profile.as_uri()}",
                "--headless",
                "--norestore",
                "--nologo",
                "--nodefault",
                "--nolockcheck",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out_dir),
                *[str(p) for p in group],
            ]
            running.append(
                subprocess.Popen(  # noqa: S603 - fixed argv, no shell
                    command,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    start_new_session=True,
                    env={**os.environ, "HOME": profiles},
                )
            )
        errors = []
        for process in running:
            try:
                _out, err = process.communicate(timeout=timeout)
            except subprocess.TimeoutExpired:
                for other in running:
                    if other.poll() is None:
                        os.killpg(other.pid, signal.SIGKILL)
                        other.wait()
                raise ConversionError(
                    _("LibreOffice không chuyển xong trong %(seconds)s giây.")
                    % {"seconds": int(timeout)}
                ) from None
            if process.returncode != 0:
                errors.append(err.decode(errors="replace")[-500:])
        if errors:
            raise ConversionError(_("LibreOffice báo lỗi: %(error)s") % {"error": errors[0]})
    return [out_dir / f"{p.stem}.pdf" for p in paths]


def check_pages(pdfs: Sequence[Path], *, pages_each: int = 1) -> int:
    """Every expected PDF exists and has the expected number of pages; returns the total."""
    missing, wrong = [], []
    total = 0
    for pdf in pdfs:
        if not pdf.exists():
            missing.append(pdf.stem)
            continue
        count = len(PdfReader(str(pdf)).pages)
        total += count
        if count != pages_each:
            wrong.append(f"{pdf.stem} ({count})")
    if missing or wrong:
        raise ConversionError(
            _(
                "Thiếu trang khi chuyển sang PDF. Không có tệp: %(missing)s. "
                "Sai số trang: %(wrong)s."
            )
            % {"missing": ", ".join(missing) or "-", "wrong": ", ".join(wrong) or "-"}
        )
    return total


def merge_pdfs(pdfs: Sequence[Path]) -> bytes:
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def merge_docx(contents: Sequence[bytes]) -> bytes:
    """One .docx with every certificate, each starting on a new page (fallback without PDF)."""
    master = Document(io.BytesIO(contents[0]))
    composer = Composer(master)
    for content in contents[1:]:
        master.add_page_break()
        composer.append(Document(io.BytesIO(content)))
    out = io.BytesIO()
    composer.save(out)
    return out.getvalue()
