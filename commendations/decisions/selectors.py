"""Reads: the decisions a user may see."""

from typing import Any

from django.db.models import QuerySet

from commendations.access.permissions import has_perm, sees_all_nominations
from commendations.decisions.models import Decision, SubmissionLetter


def decisions_visible_to(user: Any) -> QuerySet[Decision]:
    if not getattr(user, "is_authenticated", False):
        return Decision.objects.none()
    if user.is_superuser or sees_all_nominations(user):
        return Decision.objects.all()
    return Decision.objects.none()


def submission_letters_visible_to(user: Any) -> QuerySet[SubmissionLetter]:
    """The Tờ trình records and their packages are for those who forward nominations."""
    if not has_perm(user, "forward_nomination"):
        return SubmissionLetter.objects.none()
    return SubmissionLetter.objects.select_related("created_by")
