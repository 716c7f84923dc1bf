"""Rendering .docx templates with docxtpl: the template in force, a sandboxed Jinja environment
that compiles each part once, the variables a template may use, and validation of an upload."""

import datetime
import io
from pathlib import Path
from typing import Any

import jinja2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.documents.layout import date_words, place_date_line
from commendations.documents.models import DocumentKind, DocumentTemplate
from commendations.documents.signer import Signer
from commendations.files import safe as safe_files

DOC_TEMPLATES_DIR = Path(settings.BASE_DIR) / "doc_templates"

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
    "emblem_image",
    "replacement_note",
}
ROW_VARIABLES = frozenset(
    {"rows", "groups", "count", "count_text", "award_name", "campaign_name", "legal_bases"}
)
KNOWN_VARIABLES: dict[str, frozenset[str]] = {
    DocumentKind.BANG_KHEN: CERTIFICATE_VARIABLES,
    DocumentKind.GIAY_KHEN: CERTIFICATE_VARIABLES,
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
    },
}


class TemplateRenderError(Exception):
    """The template itself is broken (syntax, unknown filter, bad document): retrying the same
    version cannot help, so the certificate is marked failed with this message."""


# --- dates and titles ---------------------------------------------------------------------------


def date_line(place: str, date: datetime.date) -> str:
    """ "Gia Lai, ngày 01 tháng 3 năm 2023" (months 1 and 2 are written with two digits)."""
    return place_date_line(place, date)


def authority_header(authority: str) -> str:
    return AuthorityProfile.for_authority(authority).issuing_body


def authority_title(authority: str) -> str:
    return AuthorityProfile.for_authority(authority).title


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


def render_docx(content: bytes, context: dict[str, Any]) -> bytes:
    try:
        document = _PatchingOnceDocxTemplate(io.BytesIO(content))
        # Images (the verification QR code) come as factories that need the template.
        context = {k: v(document) if callable(v) else v for k, v in context.items()}
        document.render(context, jinja_env=_jinja_environment, autoescape=True)
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
    """Realistic values used to test an uploaded template before it is accepted."""
    rows = [
        {
            "index": 1,
            "name": "Đội CSGT-TT & Cơ động, Công an huyện Chư Păh",
            "description": "",
            "kind_label": _("Tập thể"),
            "amount": 894000,
            "amount_text": "894.000",
            "vote": "12/13 phiếu tán thành",
        },
        {
            "index": 1,
            "name": "Nguyễn Thị Ánh Tuyết",
            "description": "Thượng úy, Cán bộ, Công an xã Ia Sao, huyện Ia Grai",
            "kind_label": _("Cá nhân"),
            "amount": 447000,
            "amount_text": "447.000",
            "vote": "13/13 phiếu tán thành",
        },
    ]
    groups = [
        {"numeral": "I", "label": "Tập thể", "rows": rows[:1], "subtotal_text": "894.000"},
        {"numeral": "II", "label": "Cá nhân", "rows": rows[1:], "subtotal_text": "447.000"},
    ]
    today = datetime.date(2023, 3, 6)
    profile = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    signer = Signer(
        mode="KT.",
        principal_title="GIÁM ĐỐC",
        title="PHÓ GIÁM ĐỐC",
        rank="Đại tá",
        name="Nguyễn Ngọc Sơn",
    ).context()
    header = {
        "governing_body": profile.governing_body,
        "issuing_body": profile.issuing_body,
        "authority_header": profile.issuing_body,
        "authority_title": profile.title,
        "authority_in_sentence": profile.title_in_sentence,
        "place": profile.place,
        "date_line": place_date_line(profile.place, today),
        "date_words": date_words(today),
        "is_draft": True,
        "number": "123/QĐ-CAT-PV05",
    }
    common = {
        "campaign_name": "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022",
        "award_name": "Giấy khen của Giám đốc Công an tỉnh",
        "count": len(rows),
        "count_text": "1 tập thể và 1 cá nhân",
        "rows": rows,
        "groups": groups,
        "legal_bases": ["Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003;"],
        **signer,
    }
    if kind in (DocumentKind.BANG_KHEN, DocumentKind.GIAY_KHEN):
        return {
            **signer,
            "authority_title": profile.title,
            "award_title": "GIẤY KHEN",
            "is_individual": True,
            "salutation": "Đồng chí",
            "recipient_name": "Nguyễn Thị Ánh Tuyết",
            "recipient_line": "Đồng chí Thượng úy Nguyễn Thị Ánh Tuyết",
            "rank": "Thượng úy",
            "position": "Cán bộ",
            "recipient_unit": "Công an xã Ia Sao, huyện Ia Grai",
            "position_line": "Cán bộ, Công an xã Ia Sao, huyện Ia Grai",
            "citation": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc",
            "place": profile.place,
            "date_line": header["date_line"],
            "decision_number": "123/QĐ-CAT-PV05",
            "decision_date": today.strftime("%d/%m/%Y"),
            "decision_line": f"Quyết định số 123/QĐ-CAT-PV05 {date_words(today)}",
            "registry_number": "GK-2023-0001",
            "qr_image": "",
            "emblem_image": "",
            "replacement_note": "",
        }
    if kind == DocumentKind.DECISION:
        return {
            **common,
            **header,
            "date": today.strftime("%d/%m/%Y"),
            "summary": "Về việc tặng Giấy khen",
            "proposal_line": f"{profile.proposal_line},",
            "articles": [{"label": "Điều 1.", "text": "Tặng Giấy khen …"}],
            "recipient_lines": profile.recipient_lines,
            "archive_line": profile.archive_line,
            "award_short": "Giấy khen",
            "annex_title": "Tập thể, cá nhân được tặng Giấy khen",
            "annex_reference": "(Kèm theo Quyết định số 123/QĐ-CAT-PV05 ngày 06 tháng 3 năm 2023)",
            "citation": "Đã có thành tích xuất sắc",
            "citation_lower": "đã có thành tích xuất sắc",
            "prize_total": 1341000,
            "prize_total_text": "1.341.000",
            "has_prize": True,
        }
    if kind == DocumentKind.MINUTES:
        return {
            **signer,
            "governing_body": profile.issuing_body,
            "issuing_body": "HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG",
            "number": "      /BB-HĐTĐKT",
            "date_line": header["date_line"],
            "is_draft": False,
            "award_name": "Bằng khen của Bộ trưởng Bộ Công an",
            "letter_reference": "(Kèm theo Tờ trình số 15/TTr-CAT-PV05 ngày 10 tháng 3 năm 2023)",
            "sessions": [
                {
                    "heading": "Phiên họp Hội đồng tháng 02/2023, ngày 20/02/2023",
                    "members_line": "Thành viên dự họp: 13 đồng chí: Nguyễn Văn A, Trần Thị B.",
                    "rows": [
                        {
                            "index": 1,
                            "name": rows[0]["name"],
                            "votes_for": 12,
                            "votes_against": 1,
                            "votes_abstain": 0,
                            "recused": 0,
                        }
                    ],
                }
            ],
            "closing_line": "Biên bản lập từ phiếu biểu quyết của từng thành viên.",
        }
    return {
        **common,
        "governing_body": "BỘ CÔNG AN",
        "issuing_body": profile.issuing_body,
        "number": "      /TTr-CAT-PV05",
        "date_line": header["date_line"],
        "is_draft": False,
        "province": profile.place,
        "province_upper": profile.place.upper(),
        "recipient": "Bộ trưởng Bộ Công an",
        "recipient_short": "Bộ trưởng",
        "sender": profile.title_in_sentence,
        "meeting_line": "Ngày 20/02/2023, Hội đồng Thi đua - Khen thưởng đã họp.",
        "attached_files": ["Biên bản họp Hội đồng Thi đua - Khen thưởng"],
        "archive_line": profile.archive_line,
    }


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
