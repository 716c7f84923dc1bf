"""Turning rendered .docx files into what goes to the printer.

The print pack groups the ordered certificates into chunks, composes each chunk into one .docx
(docxcompose, a section break carrying each certificate's own page setup between certificates),
converts the chunks with LibreOffice (at most `processes` soffice processes side by side, each
with its own profile directory, one process per chunk, never one per certificate, with a
timeout), checks that every chunk PDF has exactly one page per certificate, and merges the chunk
PDFs in order with pypdf. Without LibreOffice the same composition is the merged .docx fallback.
Converting one 100-page document is several times faster than converting 100 one-page files."""

import io
import math
import os
import queue
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from copy import deepcopy
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from docx import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import OxmlElement
from docxcompose.composer import Composer
from pypdf import PdfReader, PdfWriter

from commendations.documents.libreoffice import soffice_command, soffice_timeout


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
    process = subprocess.Popen(
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
                limit = timeout or soffice_timeout(len(files))
                command = soffice_command(soffice, profile=profile, out_dir=out_dir, files=files)
                _run_soffice(command, timeout=limit, env=env)

        groups = _split(paths, processes)
        with ThreadPoolExecutor(max_workers=len(groups)) as pool:
            futures = [pool.submit(slot, i, g) for i, g in enumerate(groups)]
            for future in futures:
                future.result()  # re-raises ConversionError from any slot
    return [out_dir / f"{p.stem}.pdf" for p in paths]


def check_pages(
    pdfs: Sequence[Path], *, pages_each: int = 1, expected: Sequence[int] | None = None
) -> int:
    """Every expected PDF exists and has the expected number of pages (`expected[i]` for the
    i-th PDF, else `pages_each`); returns the total. A chunk PDF that comes out short (a
    certificate lost or two run together) or long (one spilling onto a second page) is refused."""
    missing, wrong = [], []
    total = 0
    for index, pdf in enumerate(pdfs):
        want = expected[index] if expected is not None else pages_each
        if not pdf.exists():
            missing.append(pdf.stem)
            continue
        count = len(PdfReader(str(pdf)).pages)
        total += count
        if count != want:
            wrong.append(
                f"{pdf.stem} ({count}/{want})" if expected is not None else f"{pdf.stem} ({count})"
            )
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


def _body_section(document: Document, *, own_part: bool) -> Any:
    """A copy of the document's final section properties (page size, orientation, margins,
    page border) as a section that starts on a new page. Header/footer references point into
    the document's own part, so they are kept only for the master document."""
    sect_pr = deepcopy(document.element.body.find(qn("w:sectPr")))
    if not own_part:
        for tag in ("w:headerReference", "w:footerReference"):
            for reference in sect_pr.findall(qn(tag)):
                sect_pr.remove(reference)
    for old in sect_pr.findall(qn("w:type")):
        sect_pr.remove(old)
    start = OxmlElement("w:type")
    start.set(qn("w:val"), "nextPage")
    sect_pr.insert(0, start)
    return sect_pr


def _section_break(sect_pr: Any) -> Any:
    """An almost invisible paragraph (0.7 pt high) ending a section with `sect_pr`. It stands
    where LibreOffice would put the empty paragraph that follows a final table anyway, so each
    certificate keeps the layout of its own file."""
    paragraph = OxmlElement("w:p")
    properties = OxmlElement("w:pPr")
    spacing = OxmlElement("w:spacing")
    for key, value in (("w:before", "0"), ("w:after", "0"), ("w:line", "14")):
        spacing.set(qn(key), value)
    spacing.set(qn("w:lineRule"), "exact")
    properties.append(spacing)
    run_properties = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    run_properties.append(size)
    properties.append(run_properties)
    properties.append(sect_pr)
    paragraph.append(properties)
    return paragraph


def _part_xml(document: Document, reltype: str) -> bytes | None:
    try:
        return document.part.part_related_by(reltype).blob
    except KeyError:
        return None


class _SameTemplateComposer(Composer):
    """docxcompose matches styles element by element for every appended document, which is most
    of its time (it lists all the master's styles again for each paragraph). Certificates
    rendered from the same template version carry byte-identical styles and numbering: every
    style they use already exists in the master under the same id, so there is nothing to add or
    rename and that matching is skipped. Any other document goes the general way."""

    def __init__(self, master: Document) -> None:
        super().__init__(master)
        self._master_parts = self._style_parts(master)
        self._same_styles = False

    @staticmethod
    def _style_parts(document: Document) -> tuple[bytes | None, bytes | None]:
        return _part_xml(document, RT.STYLES), _part_xml(document, RT.NUMBERING)

    def insert(self, index: int, doc: Document, remove_property_fields: bool = True) -> None:
        self._same_styles = self._style_parts(doc) == self._master_parts
        super().insert(index, doc, remove_property_fields=remove_property_fields)
        if not self._same_styles:  # the master may have gained styles
            self._master_parts = self._style_parts(self.doc)

    def _create_style_id_mapping(self, doc: Document) -> None:
        if self._same_styles:
            self._style_id2name, self._style_name2id = {}, {}  # every id maps to itself
            return
        super()._create_style_id_mapping(doc)

    def add_styles(self, doc: Document, element: Any) -> None:
        if not self._same_styles:
            super().add_styles(doc, element)


def compose_docx(contents: Sequence[bytes]) -> bytes:
    """One .docx with every certificate in order, each in its own section starting on a new
    page with its own page setup (landscape A4, margins, page border): Bằng khen and Giấy khen
    templates may differ, and docxcompose alone would give every page the first one's setup."""
    master = Document(io.BytesIO(contents[0]))
    composer = _SameTemplateComposer(master)
    body = master.element.body
    previous = _body_section(master, own_part=True)
    for content in contents[1:]:
        document = Document(io.BytesIO(content))
        body.insert(composer.append_index(), _section_break(previous))
        composer.append(document)
        previous = _body_section(document, own_part=False)
    if len(contents) > 1:
        final = body.find(qn("w:sectPr"))
        body.replace(final, previous)
    out = io.BytesIO()
    composer.save(out)
    return out.getvalue()


def merge_docx(contents: Sequence[bytes]) -> bytes:
    """The fallback without LibreOffice: every certificate in one .docx, each on its own page."""
    return compose_docx(contents)


def chunk_ranges(count: int, *, chunk_size: int, processes: int) -> list[range]:
    """Consecutive ranges of at most `chunk_size` certificates, and at least `processes` chunks
    when there are enough certificates, so a small pack still uses every process."""
    if count == 0:
        return []
    size = max(1, min(chunk_size, math.ceil(count / max(1, processes))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]


def build_pack_pdf(
    contents: Sequence[bytes],
    work_dir: Path,
    *,
    soffice: str,
    processes: int = 1,
    chunk_size: int | None = None,
    timeout: float | None = None,
) -> tuple[bytes, int]:
    """The print pack PDF of `contents` (rendered certificates, in ceremony order) and its page
    count. Chunks are composed here one after another while up to `processes` LibreOffice
    processes convert the chunks already composed, one process per chunk, each process slot
    with its own profile directory."""
    if not contents:
        raise ConversionError(_("Không có giấy chứng nhận nào để in."))
    chunks = chunk_ranges(
        len(contents),
        chunk_size=chunk_size or settings.PRINT_PACK_CHUNK_SIZE,
        processes=processes,
    )
    docx_dir, pdf_dir = work_dir / "chunks", work_dir / "pdf"
    docx_dir.mkdir(parents=True, exist_ok=True)
    pdf_dir.mkdir(parents=True, exist_ok=True)
    slots = max(1, min(processes, len(chunks)))
    with tempfile.TemporaryDirectory(prefix="khenthuong-lo-") as profiles:
        env = {**os.environ, "HOME": profiles}
        free: queue.SimpleQueue[Path] = queue.SimpleQueue()
        for index in range(slots):
            free.put(Path(profiles) / f"profile-{index}")

        def convert(path: Path, certificates: int) -> None:
            profile = free.get()
            try:
                limit = timeout or (
                    settings.PRINT_PACK_SOFFICE_TIMEOUT_BASE
                    + settings.PRINT_PACK_SOFFICE_TIMEOUT_PER_FILE * certificates
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
                    str(pdf_dir),
                    str(path),
                ]
                _run_soffice(command, timeout=limit, env=env)
            finally:
                free.put(profile)

        with ThreadPoolExecutor(max_workers=slots) as pool:
            futures = []
            for number, chunk in enumerate(chunks, 1):
                if any(f.done() and f.exception() for f in futures):
                    break  # a conversion already failed: stop composing, report it below
                path = docx_dir / f"chunk-{number:04d}_{chunk.start + 1:05d}-{chunk.stop:05d}.docx"
                path.write_bytes(compose_docx([contents[i] for i in chunk]))
                futures.append(pool.submit(convert, path, len(chunk)))
            for future in futures:
                future.result()  # re-raises ConversionError from any conversion
    expected_names = [
        f"chunk-{number:04d}_{chunk.start + 1:05d}-{chunk.stop:05d}"
        for number, chunk in enumerate(chunks, 1)
    ]
    pdfs = [pdf_dir / f"{name}.pdf" for name in expected_names]
    total = check_pages(pdfs, expected=[len(chunk) for chunk in chunks])
    return merge_pdfs(pdfs), total


def profile_dir() -> Path:
    """This process's LibreOffice profile, kept between chunks (starting on a fresh profile costs
    seconds); two processes never share one."""
    path = Path(tempfile.gettempdir()) / f"khenthuong-lo-{os.getpid()}"
    path.mkdir(parents=True, exist_ok=True)
    return path


def build_chunk_pdf(
    contents: Sequence[bytes], work_dir: Path, *, soffice: str, timeout: float | None = None
) -> tuple[bytes, int]:
    """One chunk of a print pack: its certificates composed into one .docx, converted by one
    LibreOffice process, and checked to have one page per certificate. Returns the PDF and its
    page count."""
    if not contents:
        raise ConversionError(_("Không có giấy chứng nhận nào để in."))
    docx, pdf_dir = work_dir / "chunk.docx", work_dir / "pdf"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    docx.write_bytes(compose_docx(contents))
    limit = timeout or soffice_timeout(len(contents))
    command = soffice_command(soffice, profile=profile_dir(), out_dir=pdf_dir, files=[docx])
    _run_soffice(command, timeout=limit, env={**os.environ, "HOME": str(work_dir)})
    pdf = pdf_dir / "chunk.pdf"
    pages = check_pages([pdf], expected=[len(contents)])
    return pdf.read_bytes(), pages


def merge_pdf_contents(contents: Sequence[bytes]) -> tuple[bytes, int]:
    """The chunk PDFs joined in order; returns the PDF and its page count."""
    writer = PdfWriter()
    for content in contents:
        writer.append(PdfReader(io.BytesIO(content)))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), len(writer.pages)
