"""Word → PDF with LibreOffice: issued decisions and certificates (PDF/A, then sealed), the layout
tests and scripts/render_document_samples.py. The print pack runs the same command in parallel
slots."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings


class PdfConversionError(Exception):
    pass


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


# PDF/A-2b (ISO 19005-2): fonts embedded, no external content — what an issued decision and a
# certificate are archived as, before the seal is added (an incremental update keeps it PDF/A).
PDFA_FILTER = 'pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"}}'
PDF_FILTER = "pdf:writer_pdf_Export"


def soffice_command(
    soffice: str, *, profile: Path, out_dir: Path, files: list[Path], pdfa: bool = False
) -> list[str]:
    """The headless LibreOffice command converting `files` to PDF (PDF/A-2b with `pdfa`) into
    `out_dir`, with its own user profile (two runs at once must not share one)."""
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        PDFA_FILTER if pdfa else PDF_FILTER,
        "--outdir",
        str(out_dir),
        *[str(path) for path in files],
    ]


def soffice_timeout(files: int) -> float:
    """Seconds one LibreOffice run may take for `files` documents (print packs, certificates)."""
    return (
        settings.PRINT_PACK_SOFFICE_TIMEOUT_BASE
        + settings.PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE * files
    )


def docx_to_pdf(
    documents: dict[str, bytes], *, timeout: float = 180, pdfa: bool = False
) -> dict[str, bytes]:
    """Convert {name: .docx bytes} in one LibreOffice run (own profile); {name: .pdf bytes}."""
    binary = soffice()
    if binary is None:
        raise PdfConversionError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="khenthuong-pdf-") as work:
        root = Path(work)
        sources = []
        for name, content in documents.items():
            path = root / f"{name}.docx"
            path.write_bytes(content)
            sources.append(path)
        command = soffice_command(
            binary, profile=root / "profile", out_dir=root / "out", files=sources, pdfa=pdfa
        )
        completed = subprocess.run(
            command,
            capture_output=True,
            timeout=timeout,
            env={**os.environ, "HOME": str(root)},
            check=False,
        )
        result = {}
        for name in documents:
            pdf = root / "out" / f"{name}.pdf"
            if not pdf.exists():
                raise PdfConversionError(
                    f"{name}: no PDF ({completed.stderr.decode(errors='replace')[-300:]})"
                )
            result[name] = pdf.read_bytes()
        return result
