"""Rendering .docx templates with docxtpl: the template in force, a sandboxed Jinja environment
that compiles each part once, the variables a template may use, and validation of an upload."""

import io
import json
from pathlib import Path
from typing import Any

import jinja2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate, RichText
from jinja2.sandbox import ImmutableSandboxedEnvironment

from commendations.documents.models import DocumentKind, DocumentTemplate
from commendations.files import safe as safe_files

DOC_TEMPLATES_DIR = Path(settings.BASE_DIR) / "doc_templates"
SAMPLES_DIR = Path(__file__).resolve().parent / "samples"
_SAMPLE_FILES = {DocumentKind.BANG_KHEN: "certificate", DocumentKind.GIAY_KHEN: "certificate"}

SIGNER_VARIABLES = frozenset({"signer_title", "signer_name", "signer_heading", "signer_name_line"})
HEADER_VARIABLES = frozenset(
    {
        "governing_body",
        "issuing_body",
        "authority_header",
        "authority_title",
        "authority_in_sentence",
        "place",
        "date_line",
        "date_words",
        "is_draft",
        "number",
    }
)
CERTIFICATE_VARIABLES = SIGNER_VARIABLES | {
    "authority_title",
    "award_title",
    "is_individual",
    "salutation",
    "recipient_name",
    "recipient_line",
    "rank",
    "position",
    "recipient_unit",
    "position_line",
    "citation",
    "place",
    "date_line",
    "decision_number",
    "decision_date",
    "decision_line",
    "registry_number",
    "qr_image",
    "verification_code",
    "emblem_image",
    "replacement_note",
    "award_verb",
}
# The Giấy chứng nhận of an annual title (Chiến sĩ thi đua cơ sở): a certificate's variables, the
# title and its year, and the recipient's line fitted into its box (a RichText: `{{r … }}`).
TITLE_CERTIFICATE_VARIABLES = CERTIFICATE_VARIABLES | {
    "title_name",
    "title_year",
    "recipient_fitted",
}
FITTED_VARIABLES = frozenset({"recipient_fitted"})
ROW_VARIABLES = frozenset(
    {"rows", "groups", "count", "count_text", "award_name", "campaign_name", "legal_bases"}
)
KNOWN_VARIABLES: dict[str, frozenset[str]] = {
    DocumentKind.BANG_KHEN: CERTIFICATE_VARIABLES,
    DocumentKind.GIAY_KHEN: CERTIFICATE_VARIABLES,
    DocumentKind.GCN_CSTDCS: TITLE_CERTIFICATE_VARIABLES,
    DocumentKind.DECISION: ROW_VARIABLES
    | HEADER_VARIABLES
    | SIGNER_VARIABLES
    | {
        "date",
        "summary",
        "proposal_line",
        "articles",
        "recipient_lines",
        "archive_line",
        "award_short",
        "annex_title",
        "annex_reference",
        "citation",
        "citation_lower",
        "prize_total",
        "prize_total_text",
        "has_prize",
    },
    DocumentKind.RECOGNITION: HEADER_VARIABLES
    | SIGNER_VARIABLES
    | {
        "date",
        "year",
        "summary",
        "legal_bases",
        "proposal_line",
        "articles",
        "recipient_lines",
        "archive_line",
        "award_name",
        "annex_title",
        "annex_reference",
        "count",
        "count_text",
        "titles",
        "prize_total",
        "prize_total_text",
        "has_prize",
    },
    DocumentKind.SUBMISSION: ROW_VARIABLES
    | SIGNER_VARIABLES
    | {
        "governing_body",
        "issuing_body",
        "number",
        "date_line",
        "is_draft",
        "province",
        "province_upper",
        "recipient",
        "recipient_short",
        "sender",
        "meeting_line",
        "attached_files",
        "archive_line",
    },
    DocumentKind.MINUTES: SIGNER_VARIABLES
    | {
        "governing_body",
        "issuing_body",
        "number",
        "date_line",
        "is_draft",
        "award_name",
        "letter_reference",
        "sessions",
        "closing_line",
        "secretary_heading",
        "secretary_name",
        "chair_heading",
        "chair_name",
    },
}


class TemplateRenderError(Exception):
    """The template itself is broken (syntax, unknown filter, bad document): retrying the same
    version cannot help, so the certificate is marked failed with this message."""


# --- templates ----------------------------------------------------------------------------------

_template_bytes_cache: dict[tuple[int, str], bytes] = {}


def template_current(kind: str) -> DocumentTemplate:
    """The newest version of a kind; version 1 is seeded from doc_templates/ on first use."""
    template = DocumentTemplate.objects.filter(kind=kind).order_by("-version").first()
    if template is not None:
        return template
    content = (DOC_TEMPLATES_DIR / f"{kind}.docx").read_bytes()
    try:
        with transaction.atomic():
            template = DocumentTemplate(
                kind=kind,
                version=1,
                sha256=DocumentTemplate.digest(content),
                note=_("Mẫu gốc trong doc_templates/"),
            )
            template.file.save(f"{kind}.docx", ContentFile(content), save=False)
            template.save()
    except IntegrityError:  # another worker seeded it first
        template = DocumentTemplate.objects.get(kind=kind, version=1)
    return template


def template_bytes(template: DocumentTemplate) -> bytes:
    """Versions never change once stored, so a worker reads each one once."""
    key = (template.pk, template.sha256)
    if key not in _template_bytes_cache:
        with template.file.open("rb") as handle:
            _template_bytes_cache[key] = handle.read()
    return _template_bytes_cache[key]


# Filters a template may use (Jinja's built-ins that only format a value); anything else, `safe`
# included (it would bypass escaping), is unknown to the environment and fails the template.
DOCUMENT_FILTERS = frozenset(
    {
        "capitalize",
        "center",
        "default",
        "d",
        "first",
        "float",
        "int",
        "join",
        "last",
        "length",
        "count",
        "lower",
        "replace",
        "round",
        "title",
        "trim",
        "truncate",
        "upper",
        "wordcount",
    }
)
RENDERED_PART_MAX_CHARS = 20 * 1024 * 1024  # one rendered part (body, header...) of a document


class TemplateOutputTooLarge(jinja2.TemplateError):
    pass


class _BoundedOutputTemplate(jinja2.Template):
    """Renders by streaming and stops once the output passes RENDERED_PART_MAX_CHARS (loops in the
    sandbox are bounded one by one, but nested loops multiply)."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        parts: list[str] = []
        size = 0
        for chunk in self.generate(*args, **kwargs):
            size += len(chunk)
            if size > RENDERED_PART_MAX_CHARS:
                raise TemplateOutputTooLarge(
                    _("Mẫu sinh ra văn bản quá lớn (hơn %(n)s MB).")
                    % {"n": RENDERED_PART_MAX_CHARS // (1024 * 1024)}
                )
            parts.append(chunk)
        return "".join(parts)


class _CompilingOnceEnvironment(ImmutableSandboxedEnvironment):
    """The Jinja environment of every .docx template: an immutable sandbox (no attribute starting
    with "_", no mutation of lists or dicts, bounded `range`), autoescape on, only the filters in
    DOCUMENT_FILTERS and the `range` global, and a bounded output per part.

    It also compiles each distinct template part once per process: docxtpl hands every part of
    the .docx (body, headers, footers) to `from_string` on every render; the source of a part
    depends only on the template version, never on the context, so the compiled template is
    reused. Bounded: the cache is dropped when it grows past COMPILED_PARTS_MAX (new template
    versions keep arriving over a long-lived worker)."""

    COMPILED_PARTS_MAX = 256
    template_class = _BoundedOutputTemplate

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self.filters = {name: self.filters[name] for name in DOCUMENT_FILTERS}
        self.tests = {
            name: self.tests[name]
            for name in (
                "defined",
                "undefined",
                "none",
                "number",
                "string",
                "odd",
                "even",
                "divisibleby",
                "eq",
                "ne",
                "lt",
                "le",
                "gt",
                "ge",
                "in",
            )
        }
        self.globals = {"range": self.globals["range"]}
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self._compiled.get(source)
        if template is None:
            template = super().from_string(source)  # a syntax error raises, nothing is cached
            if len(self._compiled) >= self.COMPILED_PARTS_MAX:
                self._compiled.clear()
            self._compiled[source] = template
        return template


class _PatchingOnceDocxTemplate(DocxTemplate):
    """docxtpl's patch_xml (a dozen regular expressions over the whole part) is a pure function
    of the part's XML, so it runs once per distinct part."""

    _patched: dict[str, str] = {}

    def patch_xml(self, src_xml: str) -> str:
        patched = self._patched.get(src_xml)
        if patched is None:
            patched = super().patch_xml(src_xml)
            if len(self._patched) >= _CompilingOnceEnvironment.COMPILED_PARTS_MAX:
                self._patched.clear()
            self._patched[src_xml] = patched
        return patched


_jinja_environment = _CompilingOnceEnvironment()


def organisation_name() -> str:
    """The PDFs' Author: the organisation that makes them, never the library."""
    return f"Công an tỉnh {settings.PROVINCE_NAME}"


def document_title(context: dict[str, Any]) -> str:
    """The PDFs' Title, from what the document is: "Quyết định số 123/QĐ-CAT-PV05 về việc tặng
    Giấy khen", "Tờ trình …", "Biên bản họp …", "Giấy khen — Công an xã Ia Sao"."""
    award = context.get("award_name", "")
    number = str(context.get("number", "")).strip()
    if "sessions" in context:
        return f"Biên bản họp Hội đồng Thi đua - Khen thưởng xét đề nghị tặng {award}"
    if "articles" in context:
        summary = str(context.get("summary", ""))
        summary = summary[:1].lower() + summary[1:]
        return f"Quyết định số {number} {summary}".strip()
    if "recipient" in context and "attached_files" in context:
        return f"Tờ trình số {number} về việc đề nghị tặng {award}".replace("số  ", "số ")
    if "award_title" in context:
        name = context.get("recipient_name", "")
        return f"{str(context['award_title']).capitalize()} — {name}".strip(" —")
    return ""


def document_properties_set(core_properties: Any, *, title: str) -> None:
    """Title and Author of a .docx: LibreOffice carries both into the PDF's Info and XMP."""
    core_properties.title = title
    core_properties.author = organisation_name()
    core_properties.last_modified_by = organisation_name()
    core_properties.comments = ""


def render_docx(content: bytes, context: dict[str, Any]) -> bytes:
    try:
        document = _PatchingOnceDocxTemplate(io.BytesIO(content))
        # Images (the verification QR code) come as factories that need the template.
        context = {k: v(document) if callable(v) else v for k, v in context.items()}
        document.render(context, jinja_env=_jinja_environment, autoescape=True)
        document_properties_set(document.docx.core_properties, title=document_title(context))
        out = io.BytesIO()
        document.save(out)
    except (jinja2.TemplateError, KeyError, ValueError, TypeError, AttributeError) as exc:
        raise TemplateRenderError(f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:  # a corrupt .docx: zipfile / lxml errors
        if isinstance(exc, OSError | MemoryError):
            raise
        raise TemplateRenderError(f"{type(exc).__name__}: {exc}") from exc
    return out.getvalue()


def template_variables(content: bytes) -> set[str]:
    return set(DocxTemplate(io.BytesIO(content)).get_undeclared_template_variables())


def sample_context(kind: str) -> dict[str, Any]:
    """The realistic values an uploaded template is rendered with before it is accepted
    (samples/<kind>.json; both certificates share one). A fresh copy on every call."""
    name = _SAMPLE_FILES.get(kind, kind)
    context = json.loads((SAMPLES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    for key in FITTED_VARIABLES & context.keys():  # a fitted run is a RichText, not a string
        context[key] = RichText(context[key], bold=True, size=52)
    return context


def template_validate(kind: str, content: bytes) -> None:
    """Refuse an upload that does not open, uses unknown variables or cannot render a sample."""
    try:
        safe_files.docx_check(content)  # bounded: zip members, ratio, no DTD (docs/files.md)
        variables = template_variables(content)
    except Exception as exc:
        raise ValidationError(
            _("Không mở được tệp mẫu (cần tệp .docx hợp lệ): %(error)s") % {"error": exc}
        ) from exc
    unknown = sorted(variables - KNOWN_VARIABLES[kind])
    if unknown:
        raise ValidationError(
            _("Mẫu dùng biến không có trong dữ liệu: %(names)s. Các biến dùng được: %(known)s.")
            % {"names": ", ".join(unknown), "known": ", ".join(sorted(KNOWN_VARIABLES[kind]))}
        )
    try:
        render_docx(content, sample_context(kind))
    except TemplateRenderError as exc:
        raise ValidationError(
            _("Mẫu không in thử được với dữ liệu mẫu: %(error)s") % {"error": exc}
        ) from exc
