"""Reads: a decision's certificates and the revocations that touch a decision or a nomination."""

from typing import Any

from django.db.models import F, Q, QuerySet

from commendations.access.permissions import can_decide_for_authority, can_manage_certificates
from commendations.campaigns.models import Authority
from commendations.certificates.models import (
    Certificate,
    CertificateState,
    ReplacementRequest,
    Revocation,
)
from commendations.decisions.models import Decision
from commendations.decisions.selectors import decisions_visible_to
from commendations.nominations.models import Nomination


def certificates_visible_to(user: Any) -> QuerySet:
    """The certificates of the decisions the user may see: what the clerk's actions (retry,
    printed/presented marks, download) choose from, on the web and in the API."""
    return Certificate.objects.filter(decision__in=decisions_visible_to(user))


def certificate_files_visible_to(user: Any) -> QuerySet:
    """The certificates whose file the user may download, on the web page and in the API alike:
    the clerk's (manage_certificates), of the decisions they see. The committee, the Director
    and the Ministry see the certificates' states, not their files."""
    if not can_manage_certificates(None, user):
        return Certificate.objects.none()
    return certificates_visible_to(user)


def certificates_of_decision(decision: Decision) -> QuerySet:
    """A decision's certificates in force with their nominee (one query); a replaced one is
    represented by its replacement."""
    return (
        Certificate.objects.filter(decision=decision)
        .exclude(state=CertificateState.REPLACED)
        .select_related(
            "nomination",
            "nomination__unit",
            "nomination__award_type",
            "honour__person__unit",
            "honour__award_type",
        )
        .order_by("serial")
    )


def decision_revocations(decision: Decision) -> tuple[Any, dict[int, Any]]:
    """(the revocation of the whole decision or None, {nomination id: revocation of its award})."""
    whole = None
    by_nomination = {}
    for revocation in Revocation.objects.filter(decision=decision).select_related(
        "certificate", "revoked_by"
    ):
        if revocation.certificate_id is None:
            whole = revocation
        else:
            by_nomination[revocation.certificate.nomination_id] = revocation  # None: a title's
    return whole, by_nomination


def nomination_revocation(nomination: Nomination) -> Any:
    """The revocation that annuls this nomination's award (its own, or its whole decision's)."""
    if not nomination.decision_id:
        return None
    return (
        Revocation.objects.filter(
            Q(decision_id=nomination.decision_id, certificate__isnull=True)
            | Q(certificate__nomination=nomination)
        )
        .select_related("revoked_by", "certificate")
        .order_by(F("certificate_id").asc(nulls_first=True))
        .first()
    )


def replacement_requests_visible_to(user: Any) -> QuerySet:
    """The clerk sees every request; a deciding authority those on its own decisions."""
    requests = ReplacementRequest.objects.select_related(
        "certificate", "certificate__decision", "new_certificate", "requested_by"
    )
    if can_manage_certificates(None, user) or getattr(user, "is_superuser", False):
        return requests
    authorities = [a for a in Authority.values if can_decide_for_authority(user, a)]
    return requests.filter(certificate__authority__in=authorities)
