"""Permission predicates: who may do what to which object. Transitions, selectors, views and the
API all ask these, so a rule is written once."""

from typing import Any

from django.utils import timezone

from commendations.access.roles import Role, user_roles
from commendations.campaigns.models import Authority

APP = "commendations"


def has_perm(user: Any, codename: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(f"{APP}.{codename}"))


def user_unit(user: Any):
    profile = getattr(user, "profile", None) if getattr(user, "is_authenticated", False) else None
    return getattr(profile, "unit", None)


def user_may_act_for_unit(user: Any, unit: Any) -> bool:
    """A unit officer acts for their own unit and the units below it in the tree in force
    today (a dissolved unit is nobody's to act for: its work goes to its heir); a superuser for
    all."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    own = user_unit(user)
    return (
        own is not None
        and unit is not None
        and unit.is_in_force(timezone.localdate())
        and unit.is_within(own)
    )


def can_propose(nomination: Any, user: Any) -> bool:
    return has_perm(user, "propose_nomination") and user_may_act_for_unit(user, nomination.unit)


def can_review(nomination: Any, user: Any) -> bool:
    return has_perm(user, "review_nomination")


def can_forward(nomination: Any, user: Any) -> bool:
    return has_perm(user, "forward_nomination")


def can_recommend(nomination: Any, user: Any) -> bool:
    """Recording the committee's recommendation is the secretary's (Thường trực Hội đồng) act:
    members vote in the session, the secretary records what the votes decided."""
    return has_perm(user, "forward_nomination")


def can_decide_for_authority(user: Any, authority: str) -> bool:
    codename = {
        Authority.MINISTRY: "decide_ministry",
        Authority.PROVINCIAL_DIRECTOR: "decide_director",
    }.get(authority)
    return codename is not None and has_perm(user, codename)


def can_decide(nomination: Any, user: Any) -> bool:
    return can_decide_for_authority(user, nomination.award_type.authority)


def can_issue_decision(decision: Any, user: Any) -> bool:
    return can_decide_for_authority(user, decision.authority)


def can_manage_certificates(obj: Any, user: Any) -> bool:
    return has_perm(user, "manage_certificates")


def sees_all_nominations(user: Any) -> bool:
    return has_perm(user, "view_all_nominations")


def is_unit_officer(user: Any) -> bool:
    return Role.UNIT_OFFICER in user_roles(user)
