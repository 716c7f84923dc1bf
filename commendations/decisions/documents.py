"""The decision's Word documents: the Quyết định with its annex, and the Tờ trình."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.utils import timezone

from commendations.campaigns.models import Authority, NomineeKind
from commendations.decisions.models import Decision
from commendations.documents.models import DocumentKind
from commendations.documents.rendering import (
    authority_header,
    authority_title,
    date_line,
    render_docx,
    template_bytes,
    template_current,
)
from commendations.nominations.models import Nomination
from commendations.nominations.ordering import ceremony_key
from commendations.nominations.wording import description_line, lower_first


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
        "citation_lower": lower_first(citation),
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
