"""The committee's sessions: per-member votes and recusals, so the tally is computed, not typed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypedDict

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from commendations.access.permissions import user_unit
from commendations.eligibility.models import NomineeLink

if TYPE_CHECKING:
    from commendations.nominations.models import Nomination


class CommitteeSession(models.Model):
    """One sitting of the Hội đồng Thi đua - Khen thưởng: who sat, when, where, who chaired it
    and who kept the minutes (a biên bản names them and is signed by both)."""

    campaign = models.ForeignKey(
        "commendations.Campaign",
        verbose_name=_("đợt thi đua"),
        on_delete=models.PROTECT,
        related_name="committee_sessions",
    )
    held_on = models.DateField(_("ngày họp"))
    title = models.CharField(_("phiên họp"), max_length=255)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("thành viên dự họp"), related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    starts_at = models.TimeField(_("giờ bắt đầu"), null=True, blank=True)
    ends_at = models.TimeField(_("giờ kết thúc"), null=True, blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chủ trì"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    secretary = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thư ký (ghi biên bản)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.held_on:%d/%m/%Y})"

    def tally_for(self, nomination: Nomination) -> SessionTally:
        """The tally `recommend` records: the votes of the members who may vote."""
        return session_tally(self, nomination)


class VoteChoice(models.TextChoices):
    FOR = "for", _("Tán thành")
    AGAINST = "against", _("Không tán thành")
    ABSTAIN = "abstain", _("Không biểu quyết")


class Vote(models.Model):
    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="votes")
    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="votes"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(_("biểu quyết"), max_length=8, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "member"], name="vote_one_per_member"
            ),
            models.CheckConstraint(
                condition=models.Q(choice__in=VoteChoice.values), name="vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_choice_display()}"


class Recusal(models.Model):
    """A member stands aside from one nomination: own unit, or a declared conflict of interest."""

    session = models.ForeignKey(CommitteeSession, on_delete=models.CASCADE, related_name="recusals")
    nomination = models.ForeignKey(
        "commendations.Nomination", on_delete=models.CASCADE, related_name="recusals"
    )
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("lý do không tham gia xét"))
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("không tham gia xét (xung đột lợi ích)")
        verbose_name_plural = _("không tham gia xét (xung đột lợi ích)")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "nomination", "member"], name="recusal_one_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.reason}"


class RecusedMember(TypedDict):
    member_id: int
    member: str
    reason: str


class SessionTally(TypedDict):
    votes_for: int
    votes_against: int
    votes_abstain: int
    recused: list[RecusedMember]


def member_name(user: Any) -> str:
    return user.get_full_name() or user.username


def _nominee_units_bulk(nominations: Iterable[Nomination]) -> dict[int, set[int]]:
    """For each nomination, the units the nominee belongs to: the proposing unit, the
    collective's unit, and the linked person's unit (one query for all the links)."""
    nominations = list(nominations)
    units = {
        n.pk: {n.unit_id} | ({n.nominee_unit_id} if n.nominee_unit_id else set())
        for n in nominations
    }
    links = NomineeLink.objects.filter(nomination__in=[n.pk for n in nominations]).values_list(
        "nomination_id", "person__unit_id"
    )
    for nomination_id, person_unit_id in links:
        if person_unit_id:
            units[nomination_id].add(person_unit_id)
    return units


def nominee_units(nomination: Nomination) -> set[int]:
    """The units the nominee belongs to: the proposing unit, the collective's unit, and the
    linked person's unit."""
    return _nominee_units_bulk([nomination])[nomination.pk]


def _own_unit_reason(unit: Any, nominee_unit_ids: set[int]) -> str | None:
    if unit is not None and unit.pk in nominee_unit_ids:
        return _("Thành viên thuộc đơn vị của người/tập thể được đề nghị (%(unit)s).") % {
            "unit": unit.name
        }
    return None


def recusal_required_reason(member: Any, nomination: Nomination) -> str | None:
    """A member from the nominee's own unit must stand aside."""
    return _own_unit_reason(user_unit(member), nominee_units(nomination))


class MemberVote(TypedDict):
    member_id: int
    member: str
    choice: str  # a VoteChoice value, or "" when the member has not voted or is recused
    choice_label: str
    recused: bool
    recusal_reason: str
    automatic: bool  # recused because the member belongs to the nominee's unit


def session_votes(
    session: CommitteeSession, nominations: Iterable[Nomination]
) -> dict[int, tuple[list[MemberVote], SessionTally]]:
    """For each nomination: every sitting member's vote or recusal, and the tally the
    `recommend` transition will compute (a fixed number of queries for any number of
    nominations). Declared recusals and members of the nominee's own unit are left out of the
    tally, and so of the quorum."""
    nominations = list(nominations)
    ids = [n.pk for n in nominations]
    members = sorted(session.members.select_related("profile__unit"), key=member_name)
    declared: dict[tuple[int, int], str] = {
        (r.nomination_id, r.member_id): r.reason
        for r in Recusal.objects.filter(session=session, nomination__in=ids)
    }
    choices: dict[tuple[int, int], str] = {
        (v.nomination_id, v.member_id): v.choice
        for v in Vote.objects.filter(session=session, nomination__in=ids)
    }
    units = _nominee_units_bulk(nominations)
    result = {}
    for nomination in nominations:
        rows: list[MemberVote] = []
        for member in members:
            key = (nomination.pk, member.pk)
            automatic = None
            if key not in declared:
                automatic = _own_unit_reason(user_unit(member), units[nomination.pk])
            reason = declared.get(key) or automatic or ""
            choice = "" if reason else choices.get(key, "")
            rows.append(
                MemberVote(
                    member_id=member.pk,
                    member=member_name(member),
                    choice=choice,
                    choice_label=str(VoteChoice(choice).label) if choice else "",
                    recused=bool(reason),
                    recusal_reason=reason,
                    automatic=bool(automatic),
                )
            )
        recused = [
            RecusedMember(member_id=r["member_id"], member=r["member"], reason=r["recusal_reason"])
            for r in rows
            if r["recused"]
        ]
        counts = {choice: 0 for choice in VoteChoice.values}
        for row in rows:
            if row["choice"]:
                counts[row["choice"]] += 1
        result[nomination.pk] = (
            rows,
            SessionTally(
                votes_for=counts[VoteChoice.FOR],
                votes_against=counts[VoteChoice.AGAINST],
                votes_abstain=counts[VoteChoice.ABSTAIN],
                recused=sorted(recused, key=lambda r: r["member"]),
            ),
        )
    return result


def session_tally(session: CommitteeSession, nomination: Nomination) -> SessionTally:
    """Count the votes of members who may vote: declared recusals and members of the nominee's
    own unit are left out of the tally (and so of the quorum)."""
    return session_votes(session, [nomination])[nomination.pk][1]
