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
from concurrent.futures import ThreadPoolExecutor
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


def _run_soffice(command: list[str], *, timeout: float, env: dict[str, str]) -> None:
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
        env=env,
    )
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ConversionError(
            _("LibreOffice không chuyển xong trong %(seconds)s giây.") % {"seconds": int(timeout)}
        ) from None
    if process.returncode != 0:
        raise ConversionError(
            _("LibreOffice báo lỗi: %(error)s") % {"error": err.decode(errors="replace")[-500:]}
        )


def convert_to_pdf(
    paths: Sequence[Path],
    out_dir: Path,
    *,
    soffice: str,
    processes: int = 1,
    timeout: float | None = None,
    files_per_process: int | None = None,
) -> list[Path]:
    """Convert every file with `processes` LibreOffice processes running side by side (never one
    per file), each with its own profile directory and a contiguous share of the batch. A share
    larger than `files_per_process` is converted by consecutive processes reusing the same
    profile (LibreOffice silently stops after a few hundred files in one run). Returns the PDFs
    in the order of `paths`; `check_pages` then proves every one exists."""
    if not paths:
        return []
    out_dir.mkdir(parents=True, exist_ok=True)
    per_run = files_per_process or settings.PRINT_PACK_SOFFICE_FILES_PER_PROCESS
    with tempfile.TemporaryDirectory(prefix="khenthuong-lo-") as profiles:
        env = {**os.environ, "HOME": profiles}

        def slot(index: int, group: list[Path]) -> None:
            profile = Path(profiles) / f"profile-{index}"
            for start in range(0, len(group), per_run):
                files = group[start : start + per_run]
                limit = timeout or (
                    settings.PRINT_PACK_SOFFICE_TIMEOUT_BASE
                    + settings.PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE * len(files)
                )
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
                    *[str(p) for p in files],
                ]
                _run_soffice(command, timeout=limit, env=env)

        groups = _split(paths, processes)
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            futures = [pool.submit(slot, i, g) for i, g in enumerate(groups)]
            for future in futures:
                future.result()  # re-raises ConversionError from any slot
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
