"""Template helpers: state badges and labels, transition names in the history."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from commendations.certificates.models import Certificate
from commendations.certificates.public_verification import verification_path
from commendations.decisions.models import DecisionState
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination, NominationState
from workflow.selectors import transition_label

register = template.Library()

S = NominationState
STATE_COLOURS = {
    S.DRAFT: "secondary",
    S.SUBMITTED: "info",
    S.AWAITING_CONSOLIDATION: "info",
    S.RETURNED: "warning",
    S.WITHDRAWN: "dark",
    S.REJECTED: "danger",
    S.RECOMMENDED: "primary",
    S.AWAITING_MINISTRY: "primary",
    S.AWAITING_DIRECTOR: "primary",
    S.APPROVED: "success",
    S.DECLINED: "danger",
    DecisionState.ISSUED: "success",
}


@register.filter
def state_label(value: str) -> str:
    try:
        return str(NominationState(value).label)
    except ValueError:
        try:
            return str(DecisionState(value).label)
        except ValueError:
            return value


@register.simple_tag
def state_badge(value: str) -> str:
    colour = STATE_COLOURS.get(value, "secondary")
    text_class = " text-dark" if colour in {"warning", "info"} else ""
    return format_html(
        '<span class="badge text-bg-{}{} state-badge">{}</span>',
        colour,
        text_class,
        state_label(value),
    )


# Audit rows written as transitions before named events had their own table (AuditEvent).
LEGACY_AUDIT_NAMES = {"revoke": _("Thu hồi, hủy bỏ khen thưởng")}


@register.filter
def transition_name(value: str) -> str:
    if value in AuditEventKind.values:
        return str(AuditEventKind(value).label)
    if value in LEGACY_AUDIT_NAMES:
        return str(LEGACY_AUDIT_NAMES[value])
    return transition_label(Nomination, value)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """`{{ counts|get_item:row.pk }}`: a value of a dict computed by the view."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def verification_link(certificate: Certificate) -> str:
    """The certificate's public verification page (what its QR code opens)."""
    return verification_path(certificate)
