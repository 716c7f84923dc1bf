"""Word documents rendered with docxtpl: certificates, the decision, the Tờ trình.

Every render uses `autoescape=True`, so "Đội CSGT-TT & Cơ động" or a name with `<`, `>` or quotes
comes out exactly as typed. Templates are versioned rows (`DocumentTemplate`); version 1 of each
kind is seeded from the committed files in doc_templates/ on first use.
"""

import datetime
import io
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jinja2
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from docxtpl import DocxTemplate

from .models import (
    Authority,
    Certificate,
    Decision,
    DocumentKind,
    DocumentTemplate,
    Nomination,
    NomineeKind,
)
from .models.certificates import CERTIFICATE_KIND_BY_AUTHORITY
from .verification import qr_inline_image

DOC_TEMPLATES_DIR = Path(settings.BASE_DIR) / "doc_templates"

CERTIFICATE_VARIABLES = frozenset(
    {
        "authority_title",
        "award_title",
        "is_individual",
        "salutation",
        "recipient_name",
        "rank",
        "position",
        "recipient_unit",
        "citation",
        "place",
        "date_line",
        "signer_title",
        "signer_name",
        "decision_number",
        "decision_date",
        "registry_number",
        "qr_image",
    }
)
ROW_VARIABLES = frozenset({"rows", "count", "award_name", "campaign_name"})
KNOWN_VARIABLES: dict[str, frozenset[str]] = {
    DocumentKind.BANG_KHEN: CERTIFICATE_VARIABLES,
    DocumentKind.GIAY_KHEN: CERTIFICATE_VARIABLES,
    DocumentKind.DECISION: ROW_VARIABLES
    | {
        "authority_header",
        "authority_title",
        "number",
        "date",
        "place",
        "date_line",
        "signer_title",
        "signer_name",
        "citation",
        "citation_lower",
    },
    DocumentKind.SUBMISSION: ROW_VARIABLES
    | {
        "number",
        "province",
        "province_upper",
        "date_line",
        "recipient",
        "recipient_short",
        "signer_title",
        "signer_name",
    },
}


class TemplateRenderError(Exception):
    """The template itself is broken (syntax, unknown filter, bad document): retrying the same
    version cannot help, so the certificate is marked failed with this message."""


# --- Vietnamese alphabetical order --------------------------------------------------------------

VIETNAMESE_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_INDEX = {letter: i for i, letter in enumerate(VIETNAMESE_ALPHABET)}
# Tones in dictionary order: none, huyền, hỏi, ngã, sắc, nặng.
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
_LETTER_MARKS = {"\u0306", "\u0302", "\u031b"}  # breve, circumflex, horn: part of the letter


def _letters_and_tones(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    letters: list[int] = []
    tones: list[int] = []
    for char in unicodedata.normalize("NFC", text.lower()):
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(c for c in decomposed if c not in _TONES)
        tone = next((_TONES[c] for c in decomposed if c in _TONES), 0)
        base = unicodedata.normalize("NFC", base)
        if base in _LETTER_INDEX:
            letters.append(_LETTER_INDEX[base] + 100)
        elif base.isdigit():
            letters.append(ord(base) - ord("0") + 10)
        elif base.isspace():
            letters.append(1)
        else:
            stripped = "".join(
                c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c)
            )
            if stripped in _LETTER_INDEX:
                letters.append(_LETTER_INDEX[stripped] + 100)
            else:
                continue  # punctuation does not take part in the order
        tones.append(tone)
    return tuple(letters), tuple(tones)


def vietnamese_key(text: str) -> tuple:
    """Dictionary order: letters first (a ă â b c d đ e ê …), then tones, case-insensitively."""
    letters, tones = _letters_and_tones(text.strip())
    return (letters, tones, text)


def person_name_key(full_name: str) -> tuple:
    """Vietnamese names sort by the given name (the last word) first, then the rest in order."""
    words = full_name.split()
    if not words:
        return vietnamese_key("")
    reordered = [words[-1], *words[:-1]]
    return tuple(vietnamese_key(w)[:2] for w in reordered) + (full_name,)


def ceremony_key(nomination: Nomination) -> tuple:
    """Bằng khen before Giấy khen, collectives before individuals, then by name."""
    authority_order = 0 if nomination.award_type.authority == Authority.MINISTRY else 1
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL
    name_key = (
        person_name_key(nomination.nominee_name)
        if individual
        else (vietnamese_key(nomination.nominee_name)[:2], nomination.nominee_name)
    )
    return (authority_order, 1 if individual else 0, name_key, nomination.pk)


# --- dates and titles ---------------------------------------------------------------------------


def date_line(place: str, date: datetime.date) -> str:
    """ "Gia Lai, ngày 01 tháng 3 năm 2023" (months 1 and 2 are written with two digits)."""
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return _("%(place)s, ngày %(day)s tháng %(month)s năm %(year)s") % {
        "place": place,
        "day": f"{date.day:02d}",
        "month": month,
        "year": date.year,
    }


def authority_header(authority: str) -> str:
    if authority == Authority.MINISTRY:
        return "BỘ CÔNG AN"
    return f"CÔNG AN TỈNH {settings.PROVINCE_NAME.upper()}"


def authority_title(authority: str) -> str:
    if authority == Authority.MINISTRY:
        return "BỘ TRƯỞNG BỘ CÔNG AN"
    return f"GIÁM ĐỐC CÔNG AN TỈNH {settings.PROVINCE_NAME.upper()}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def salutation(nomination: Nomination) -> str:
    if nomination.nominee_kind != NomineeKind.INDIVIDUAL:
        return ""
    if nomination.rank:
        return "Đồng chí"
    return {"male": "Ông", "female": "Bà"}.get(nomination.gender, "")


def description_line(nomination: Nomination) -> str:
    """Rank, position and unit on one line for the decision's annex."""
    parts = [nomination.rank, nomination.position, nomination.workplace]
    return ", ".join(p for p in parts if p)


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


class _CompilingOnceEnvironment(jinja2.Environment):
    """A Jinja environment that compiles each distinct template part once per process.

    docxtpl hands every part of the .docx (body, headers, footers) to `from_string` on every
    render; the source of a part depends only on the template version, never on the context,
    so the compiled template is reused. Bounded: the cache is dropped when it grows past
    COMPILED_PARTS_MAX (new template versions keep arriving over a long-lived worker)."""

    COMPILED_PARTS_MAX = 256

    def __init__(self) -> None:
        super().__init__(autoescape=True)
        self._compiled: dict[str, jinja2.Template] = {}

    def from_string(self, source, globals=None, template_class=None):  # noqa: A002, ANN001, ANN201
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
        },
        {
            "index": 2,
            "name": "Nguyễn Thị Ánh Tuyết",
            "description": "Thượng úy, Cán bộ, Công an xã Ia Sao, huyện Ia Grai",
            "kind_label": _("Cá nhân"),
        },
    ]
    today = datetime.date(2023, 3, 1)
    common = {
        "number": "123/QĐ-CAT-PV05",
        "date": today.strftime("%d/%m/%Y"),
        "place": settings.CERTIFICATE_PLACE,
        "date_line": date_line(settings.CERTIFICATE_PLACE, today),
        "signer_title": "GIÁM ĐỐC",
        "signer_name": "Nguyễn Ngọc Sơn",
        "campaign_name": "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022",
        "award_name": "Giấy khen của Giám đốc Công an tỉnh",
        "count": len(rows),
        "rows": rows,
    }
    if kind in (DocumentKind.BANG_KHEN, DocumentKind.GIAY_KHEN):
        return {
            "authority_title": authority_title(Authority.PROVINCIAL_DIRECTOR),
            "award_title": "GIẤY KHEN",
            "is_individual": True,
            "salutation": "Bà",
            "recipient_name": "Nguyễn Thị Ánh Tuyết",
            "rank": "Thượng úy",
            "position": "Cán bộ",
            "recipient_unit": "Công an xã Ia Sao, huyện Ia Grai",
            "citation": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc",
            "place": settings.CERTIFICATE_PLACE,
            "date_line": common["date_line"],
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Ngọc Sơn",
            "decision_number": "123/QĐ-CAT-PV05",
            "decision_date": common["date"],
            "registry_number": "GK-2023-0001",
            "qr_image": "",
        }
    if kind == DocumentKind.DECISION:
        return {
            **common,
            "authority_header": authority_header(Authority.PROVINCIAL_DIRECTOR),
            "authority_title": authority_title(Authority.PROVINCIAL_DIRECTOR),
            "citation": "Đã có thành tích xuất sắc",
            "citation_lower": "đã có thành tích xuất sắc",
        }
    return {
        **common,
        "province": settings.PROVINCE_NAME,
        "province_upper": settings.PROVINCE_NAME.upper(),
        "recipient": "Bộ trưởng Bộ Công an",
        "recipient_short": "Bộ trưởng",
    }


def template_validate(kind: str, content: bytes) -> None:
    """Refuse an upload that does not open, uses unknown variables or cannot render a sample."""
    try:
        variables = template_variables(content)
    except Exception as exc:  # noqa: BLE001 - any failure to open is the same answer
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


# --- contexts and documents ---------------------------------------------------------------------


def certificate_context(certificate: Certificate) -> dict[str, Any]:
    nomination = certificate.nomination
    decision = certificate.decision
    individual = nomination.nominee_kind == NomineeKind.INDIVIDUAL
    return {
        "authority_title": authority_title(decision.authority),
        "award_title": "BẰNG KHEN" if decision.authority == Authority.MINISTRY else "GIẤY KHEN",
        "is_individual": individual,
        "salutation": salutation(nomination),
        "recipient_name": nomination.nominee_name,
        "rank": nomination.rank if individual else "",
        "position": nomination.position if individual else "",
        "recipient_unit": nomination.workplace if individual else "",
        "citation": nomination.printed_citation,
        "place": decision.place,
        "date_line": date_line(decision.place, decision.date),
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "decision_number": decision.number,
        "decision_date": decision.date.strftime("%d/%m/%Y"),
        "registry_number": certificate.registry_number,
        "qr_image": qr_inline_image(certificate),
    }


def certificate_render(certificate: Certificate, template: DocumentTemplate) -> bytes:
    return render_docx(template_bytes(template), certificate_context(certificate))


def certificate_template_kind(certificate: Certificate) -> str:
    return CERTIFICATE_KIND_BY_AUTHORITY[certificate.authority]


def _rows(nominations: Iterable[Nomination]) -> list[dict[str, Any]]:
    ordered = sorted(nominations, key=ceremony_key)
    return [
        {
            "index": index,
            "name": n.nominee_name,
            "description": description_line(n) if n.nominee_kind == NomineeKind.INDIVIDUAL else "",
            "kind_label": str(NomineeKind(n.nominee_kind).label),
        }
        for index, n in enumerate(ordered, 1)
    ]


def decision_document(decision: Decision) -> bytes:
    """Quyết định khen thưởng with its annex table, as .docx bytes."""
    nominations = list(decision.nominations.select_related("award_type", "campaign").order_by("pk"))
    first = nominations[0] if nominations else None
    citation = first.campaign.citation if first else ""
    context = {
        "authority_header": authority_header(decision.authority),
        "authority_title": authority_title(decision.authority),
        "number": decision.number,
        "date": decision.date.strftime("%d/%m/%Y"),
        "place": decision.place,
        "date_line": date_line(decision.place, decision.date),
        "signer_title": decision.signer_title,
        "signer_name": decision.signer_name,
        "campaign_name": first.campaign.name if first else "",
        "award_name": first.award_type.name if first else "",
        "citation": citation,
        "citation_lower": _lower_first(citation),
        "count": len(nominations),
        "rows": _rows(nominations),
    }
    return render_docx(template_bytes(template_current(DocumentKind.DECISION)), context)


def submission_letter(
    nominations: Iterable[Nomination],
    *,
    number: str = "",
    signer_name: str = "",
    signer_title: str = "",
    date: datetime.date | None = None,
) -> bytes:
    """The council's Tờ trình to the Ministry listing the Bằng khen nominations, as .docx bytes.

    The number is left blank by default: the văn thư writes it in when registering the letter."""
    nominations = [n for n in nominations if n.award_type.authority == Authority.MINISTRY] or list(
        nominations
    )
    first = nominations[0] if nominations else None
    date = date or timezone.localdate()
    context = {
        "number": number or "      /TTr-HĐTĐKT",
        "province": settings.PROVINCE_NAME,
        "province_upper": settings.PROVINCE_NAME.upper(),
        "date_line": date_line(settings.CERTIFICATE_PLACE, date),
        "recipient": "Bộ trưởng Bộ Công an",
        "recipient_short": "Bộ trưởng",
        "campaign_name": first.campaign.name if first else "",
        "award_name": first.award_type.name if first else "",
        "count": len(nominations),
        "rows": _rows(nominations),
        "signer_title": signer_title or "GIÁM ĐỐC",
        "signer_name": signer_name,
    }
    return render_docx(template_bytes(template_current(DocumentKind.SUBMISSION)), context)
