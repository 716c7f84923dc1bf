"""Permission predicates: who may do what to which object. Transitions, selectors, views and the
API all ask these, so a rule is written once.

Two kinds: a capability of the user (`can_propose_any(user)`: may they propose at all — the gate
of a screen before it loads anything), and an object's predicate (`can_propose(nomination, user)`,
declared on the model's `@transition`). The object's predicates are built on the capabilities,
and the codenames behind the capabilities are spelled only in `Capability`."""

from enum import StrEnum
from typing import Any

from django.utils import timezone

from commendations.access.roles import Role, user_roles
from commendations.campaigns.models import Authority

APP = "commendations"


class Capability(StrEnum):
    """The Django permissions the roles grant (declared on `Nomination.Meta.permissions`, given
    to the roles by `access.roles`), by codename."""

    PROPOSE = "propose_nomination"
    REVIEW = "review_nomination"
    FORWARD = "forward_nomination"
    DECIDE_DIRECTOR = "decide_director"
    DECIDE_MINISTRY = "decide_ministry"
    MANAGE_CERTIFICATES = "manage_certificates"
    VIEW_ALL = "view_all_nominations"


def has_perm(user: Any, codename: str) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(f"{APP}.{codename}"))


# --- what a user may do at all (the gates of the screens) ------------------------------------


def can_propose_any(user: Any) -> bool:
    """A unit officer: drafts, submits and withdraws their unit's nominations."""
    return has_perm(user, Capability.PROPOSE)


def can_review_any(user: Any) -> bool:
    """A council member: reviews nominations, votes in sessions, confirms conditions."""
    return has_perm(user, Capability.REVIEW)


def can_forward_any(user: Any) -> bool:
    """The council's secretary: sessions, recommendations, forwarding, submission letters."""
    return has_perm(user, Capability.FORWARD)


def can_decide_as_director(user: Any) -> bool:
    return has_perm(user, Capability.DECIDE_DIRECTOR)


def can_decide_as_ministry(user: Any) -> bool:
    return has_perm(user, Capability.DECIDE_MINISTRY)


def can_decide_any(user: Any) -> bool:
    """A deciding authority, whichever."""
    return can_decide_as_director(user) or can_decide_as_ministry(user)


def can_manage_certificates_any(user: Any) -> bool:
    """The clerk: certificates, ceremonies, print packs."""
    return has_perm(user, Capability.MANAGE_CERTIFICATES)


# --- who may do what to which object (declared on the transitions) ---------------------------


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
    return can_propose_any(user) and user_may_act_for_unit(user, nomination.unit)


def can_review(nomination: Any, user: Any) -> bool:
    return can_review_any(user)


def can_forward(nomination: Any, user: Any) -> bool:
    return can_forward_any(user)


def can_recommend(nomination: Any, user: Any) -> bool:
    """Recording the committee's recommendation is the secretary's (Thường trực Hội đồng) act:
    members vote in the session, the secretary records what the votes decided."""
    return can_forward_any(user)


def can_recommend_simplified(nomination: Any, user: Any) -> bool:
    """The simplified procedure's review without a council session: the council's secretary,
    or, for a dossier with state secrets, one of the officers the deciding authority designated
    to review it."""
    if can_forward_any(user):
        return True
    if nomination is None or not getattr(nomination, "contains_state_secrets", False):
        return False
    if not getattr(user, "is_authenticated", False) or nomination.pk is None:
        return False
    return nomination.designated_reviewers.filter(pk=user.pk).exists()


def can_decide_for_authority(user: Any, authority: str) -> bool:
    predicate = {
        Authority.MINISTRY: can_decide_as_ministry,
        Authority.PROVINCIAL_DIRECTOR: can_decide_as_director,
    }.get(authority)
    return predicate is not None and predicate(user)


def can_decide(nomination: Any, user: Any) -> bool:
    return can_decide_for_authority(user, nomination.award_type.authority)


def can_designate_secret_reviewers(nomination: Any, user: Any) -> bool:
    """A secret dossier is reviewed by officers the deciding authority designates (no council
    session)."""
    return can_decide(nomination, user)


def can_issue_decision(decision: Any, user: Any) -> bool:
    return can_decide_for_authority(user, decision.authority)


def can_seal_decision(decision: Any, user: Any) -> bool:
    """The organisation's seal is the văn thư's act (Nghị định 30/2020, Điều 13), after the
    signer signed: the clerk who keeps the seal, not the signer."""
    return can_manage_certificates_any(user)


def can_manage_certificates(obj: Any, user: Any) -> bool:
    return can_manage_certificates_any(user)


def sees_all_nominations(user: Any) -> bool:
    return has_perm(user, Capability.VIEW_ALL)


def is_unit_officer(user: Any) -> bool:
    return Role.UNIT_OFFICER in user_roles(user)


def can_keep_history(user: Any, unit: Any) -> bool:
    """Who records people, their service and their past titles, awards and initiatives: the
    TĐKT office (the council's secretary) for everyone, a unit officer for the people of their
    unit and the units below it (and their own units' honours)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or can_forward_any(user):
        return True
    return can_propose_any(user) and unit is not None and user_may_act_for_unit(user, unit)


def can_record_ministry_certificate(user: Any) -> bool:
    """Who records, on a person's honour, that the Ministry's own certificate of a title it
    decided has been received (its number, the day): the TĐKT office (the council's secretary)
    and the clerk who receives and hands over the award items."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or can_forward_any(user) or can_manage_certificates_any(user)


def can_keep_history_any(user: Any) -> bool:
    """May record people and history at all (the gate before a request body is read)."""
    return bool(
        getattr(user, "is_authenticated", False)
        and (user.is_superuser or can_forward_any(user) or can_propose_any(user))
    )


# --- the year-end rating list (annual emulation titles) --------------------------------------


def can_propose_rating_list(rating_list: Any, user: Any) -> bool:
    """A unit officer drafts and submits their unit's list (and its subtree's)."""
    return can_propose_any(user) and user_may_act_for_unit(user, rating_list.unit)


def can_recommend_rating_list(rating_list: Any, user: Any) -> bool:
    """The council's secretary records the provincial council's vote on a list, or returns it."""
    return can_forward_any(user)


def can_decide_rating_list(rating_list: Any, user: Any) -> bool:
    """The provincial Director recognises the titles of the lists (Chiến sĩ tiên tiến, Chiến sĩ
    thi đua cơ sở are the Director's to decide)."""
    return can_decide_as_director(user)


def can_see_rating_list(rating_list: Any, user: Any) -> bool:
    """Province-wide roles see every list; a unit officer their units' lists."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser or sees_all_nominations(user):
        return True
    return can_propose_rating_list(rating_list, user)


def can_register_for_unit(unit: Any, user: Any) -> bool:
    """Đăng ký thi đua: a unit officer registers their unit's officers and the unit itself (and
    those of the units below it)."""
    return can_propose_any(user) and user_may_act_for_unit(user, unit)
