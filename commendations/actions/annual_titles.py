"""The year-end rating list's transitions: the unit sends it up (`submit`), the council's
secretary records the provincial council's vote (`recommend`) or sends it back
(`return_to_unit`), the Director recognises the titles (`decide`). Each reads top to bottom: who
may (the predicate declared on the model's `@transition`), the locks (the units' rows for the
caps, then the lists in primary-key order), the exclusions recomputed, the caps checked with
their numbers, the state change with its audit rows. Recommending and deciding take many lists
at once with a fixed number of queries: one recognition decision records every row.
"""

import datetime
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from commendations.actions.decisions import decision_signing_start
from commendations.actions.registry import register
from commendations.annual_titles.models import RatingList, RatingListState, RatingRow
from commendations.annual_titles.selectors import (
    COUNTED_AT_RECOMMENDATION,
    COUNTED_AT_SUBMISSION,
)
from commendations.annual_titles.services import caps_check, exclusions_refresh, unit_locks_take
from commendations.campaigns.models import Authority, AuthorityProfile
from commendations.certificates.services import title_certificates_number_on_issue
from commendations.decisions.models import Decision, DecisionState
from commendations.eligibility.votes import vote_outcome
from commendations.units.models import AWARD_CODE_HONOUR_KINDS, HonourRecord, Initiative, Unit
from workflow.exceptions import ConcurrentChange
from workflow.retry import conflict_safe
from workflow.selectors import transition_ready
from workflow.services import transition_perform, transition_perform_bulk

DECISION_AUTHORITY = Authority.PROVINCIAL_DIRECTOR


def _lists_locked(
    lists: Iterable[RatingList], expected_state: str | None = None
) -> list[RatingList]:
    """The units' rows (the caps' locks), then the lists' rows, each in primary-key order, their
    current values loaded into the caller's instances. A list no longer in the state the user
    saw (`expected_state`, else the state the instance held) stops everything."""
    lists = sorted(lists, key=lambda rl: rl.pk)
    if not lists:
        raise ValidationError(_("Chưa chọn danh sách nào."))
    seen = {rl.pk: expected_state or rl.state for rl in lists}
    unit_locks_take(rl.unit_id for rl in lists)
    fresh = {
        rl.pk: rl
        for rl in RatingList.objects.select_for_update(of=("self",))
        .filter(pk__in=[rl.pk for rl in lists])
        .order_by("pk")
    }
    for rl in lists:
        row = fresh.get(rl.pk)
        if row is None or row.state != seen[rl.pk]:
            raise ConcurrentChange(
                _("Danh sách vừa được người khác thay đổi; hãy tải lại trang và thử lại.")
            )
        for field in rl._meta.concrete_fields:
            rl.__dict__[field.attname] = row.__dict__[field.attname]
        rl._update_initial_state()
    units = {u.pk: u for u in Unit.objects.filter(pk__in={rl.unit_id for rl in lists})}
    for rl in lists:
        rl.unit = units[rl.unit_id]
    return lists


def _rows(lists: Sequence[RatingList]) -> list[RatingRow]:
    return list(
        RatingRow.objects.filter(rating_list__in=[rl.pk for rl in lists])
        .select_related("award_type")
        .order_by("pk")
    )


def _refresh(lists: Sequence[RatingList], rows: list[RatingRow]) -> dict[int, int]:
    """Exclusions recomputed, per year; the number of rows still proposed, per list."""
    for year in {rl.year for rl in lists}:
        exclusions_refresh([r for r in rows if r.rating_list_id in _ids(lists, year)], year)
    proposed = {rl.pk: 0 for rl in lists}
    for row in rows:
        if not row.excluded_reason:
            proposed[row.rating_list_id] += 1
    return proposed


def _ids(lists: Sequence[RatingList], year: int) -> set[int]:
    return {rl.pk for rl in lists if rl.year == year}


@register(RatingList, "submit", subject="rating_list")
@conflict_safe
@transaction.atomic
def rating_list_submit(
    *, rating_list: RatingList, actor: Any, comment: str = "", expected_state: str | None = None
) -> RatingList:
    """The unit sends its list up: with its Tờ trình and its council's minutes, at least one
    officer proposed, every cap of the year held (counting the unit's lists already sent)."""
    transition_ready(
        rating_list, name="submit", actor=actor, comment=comment, expected_state=expected_state
    )
    [rating_list] = _lists_locked([rating_list], expected_state)
    errors = {}
    if not rating_list.submission_number:
        errors["submission_number"] = _("Cần số Tờ trình của đơn vị.")
    if not rating_list.council_minutes:
        errors["council_minutes"] = _("Cần biên bản họp Hội đồng thi đua, khen thưởng đơn vị.")
    if errors:
        raise ValidationError(errors)
    rows = _rows([rating_list])
    proposed = _refresh([rating_list], rows)[rating_list.pk]
    if proposed == 0:
        raise ValidationError(_("Danh sách chưa có cán bộ nào đủ điều kiện đề nghị."))
    uses = caps_check(lists=[rating_list], counted_states=COUNTED_AT_SUBMISSION)
    return transition_perform(
        instance=rating_list,
        name="submit",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
        rows=proposed,
        caps=[u.as_audit() for u in uses.get(rating_list.unit_id, [])],
    )


@register(RatingList, "return_to_unit", subject="rating_list")
@conflict_safe
@transaction.atomic
def rating_list_return(
    *, rating_list: RatingList, actor: Any, comment: str = "", expected_state: str | None = None
) -> RatingList:
    return transition_perform(
        instance=rating_list,
        name="return_to_unit",
        actor=actor,
        comment=comment,
        expected_state=expected_state,
    )


def _vote_refusal(
    rows: list[RatingRow], *, votes_for: int, votes_against: int, votes_abstain: int
) -> str | None:
    """The vote must carry the share the strictest title on the lists asks (the catalogue's
    `vote_share_required`)."""
    shares = [r.award_type.vote_share_required for r in rows if not r.excluded_reason]
    share = max(shares) if shares else 0
    outcome = vote_outcome(
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        share=share,
        quorum=0,
    )
    if outcome["present"] == 0:
        return _("Chưa có kết quả biểu quyết.")
    if not outcome["share_met"]:
        return _(
            "Chưa đạt tỷ lệ: cần hơn %(share)s%% của %(present)s thành viên có mặt tán thành, "
            "mới có %(votes)s."
        ) % {"share": outcome["share_percent"], "present": outcome["present"], "votes": votes_for}
    return None


@conflict_safe
@transaction.atomic
def rating_lists_recommend(
    *,
    lists: Iterable[RatingList],
    actor: Any,
    votes_for: int,
    votes_against: int = 0,
    votes_abstain: int = 0,
    comment: str = "",
    expected_state: str | None = RatingListState.SUBMITTED,
) -> list[RatingList]:
    """The council voted on the lists (one tally for all): the caps checked again, counting
    what the council has already recommended this year. All or none."""
    lists = _lists_locked(lists, expected_state)
    for rl in lists:
        transition_ready(
            rl, name="recommend", actor=actor, comment=comment, expected_state=expected_state
        )
    rows = _rows(lists)
    proposed = _refresh(lists, rows)
    refusal = _vote_refusal(
        rows, votes_for=votes_for, votes_against=votes_against, votes_abstain=votes_abstain
    )
    if refusal:
        raise ValidationError(refusal, code="vote")
    empty = [rl for rl in lists if proposed[rl.pk] == 0]
    if empty:
        raise ValidationError(
            _("“%(list)s” không còn cán bộ nào đủ điều kiện.") % {"list": empty[0]}
        )
    uses = caps_check(lists=lists, counted_states=COUNTED_AT_RECOMMENDATION)
    transition_perform_bulk(
        instances=lists,
        name="recommend",
        actor=actor,
        comment=comment,
        lock=False,
        votes_for=votes_for,
        votes_against=votes_against,
        votes_abstain=votes_abstain,
        params_by_pk={
            rl.pk: {"caps": [u.as_audit() for u in uses.get(rl.unit_id, [])]} for rl in lists
        },
    )
    return lists


@register(RatingList, "recommend", subject="rating_list")
def rating_list_recommend(
    *,
    rating_list: RatingList,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    votes_for: int = 0,
    votes_against: int = 0,
    votes_abstain: int = 0,
) -> RatingList:
    rating_lists_recommend(
        lists=[rating_list],
        actor=actor,
        votes_for=int(votes_for),
        votes_against=int(votes_against),
        votes_abstain=int(votes_abstain),
        comment=comment,
        expected_state=expected_state,
    )
    return rating_list


def _decision_create(
    *,
    actor: Any,
    number: str,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    signer_rank: str,
    signer_mode: str,
    signer_principal_title: str,
) -> Decision:
    decision = Decision(
        authority=DECISION_AUTHORITY,
        number=number,
        date=date,
        signer_mode=(signer_mode or "").strip().upper(),
        signer_principal_title=(signer_principal_title or "").strip().upper(),
        signer_title=(signer_title or "").strip().upper(),
        signer_rank=(signer_rank or "").strip(),
        signer_name=(signer_name or "").strip(),
        created_by=actor,
        place=AuthorityProfile.for_authority(DECISION_AUTHORITY).place,
    )
    decision.full_clean(exclude=["year", "created_by", "state", "signature_state"])
    decision.year = date.year
    clash = Decision.objects.filter(
        authority=decision.authority, year=decision.year, number=decision.number
    )
    if clash.exists():
        raise ValidationError(
            {
                "number": _("Số quyết định %(number)s đã được dùng trong năm %(year)s.")
                % {"number": decision.number, "year": decision.year}
            }
        )
    try:
        with transaction.atomic():
            decision.save()
    except IntegrityError as exc:
        raise ValidationError({"number": _("Số quyết định này đã được dùng.")}) from exc
    return decision


@conflict_safe
@transaction.atomic
def rating_lists_decide(
    *,
    lists: Iterable[RatingList],
    actor: Any,
    number: str,
    date: datetime.date,
    signer_name: str,
    signer_title: str,
    signer_rank: str = "",
    signer_mode: str = "",
    signer_principal_title: str = "",
    comment: str = "",
    expected_state: str | None = RatingListState.RECOMMENDED,
) -> Decision:
    """One Quyết định công nhận danh hiệu for the lists: the decision issued, one history record
    (`HonourRecord`, the officer's or the collective's) per row still proposed, the initiatives
    the rows took marked used, every list decided, the titles' certificates numbered (Giấy chứng
    nhận Chiến sĩ thi đua cơ sở) — a fixed number of queries whatever the number of lists and
    rows."""
    lists = _lists_locked(lists, expected_state)
    for rl in lists:
        transition_ready(
            rl, name="decide", actor=actor, comment=comment, expected_state=expected_state
        )
    rows = _rows(lists)
    _refresh(lists, rows)
    decision = _decision_create(
        actor=actor,
        number=number,
        date=date,
        signer_name=signer_name,
        signer_title=signer_title,
        signer_rank=signer_rank,
        signer_mode=signer_mode,
        signer_principal_title=signer_principal_title,
    )
    transition_perform(
        instance=decision,
        name="issue",
        actor=actor,
        comment=comment,
        expected_state=DecisionState.DRAFT,
        internal_ok=True,
    )
    years = {rl.pk: rl.year for rl in lists}
    granted = [r for r in rows if not r.excluded_reason]
    honours = HonourRecord.objects.bulk_create(
        [
            HonourRecord(
                person_id=row.person_id,
                unit_id=row.unit_id,
                year=years[row.rating_list_id],
                award_type_id=row.award_type_id,
                kind=AWARD_CODE_HONOUR_KINDS.get(row.award_type.code, ""),
                reference=decision.number,
                decided_on=decision.date,
                decision=decision,
            )
            for row in granted
        ],
        batch_size=None,
    )
    _initiatives_use(granted, honours)
    counts = {rl.pk: 0 for rl in lists}
    for row in granted:
        counts[row.rating_list_id] += 1
    transition_perform_bulk(
        instances=lists,
        name="decide",
        actor=actor,
        comment=comment or str(decision),
        lock=False,
        decision=decision,
        params_by_pk={rl.pk: {"honours": counts[rl.pk]} for rl in lists},
    )
    # signed and sealed like any decision, once its lists point at it (its document: the
    # Quyết định công nhận, decisions.documents.decision_document)
    decision_signing_start(decision=decision, actor=actor, comment=comment)
    # Last, once the decision's signing is settled: the Giấy chứng nhận of the titles the
    # province prints, numbered now and rendered by the rule of every certificate (at once, or
    # after the văn thư's seal when the decision is signed here in the decree's order).
    title_certificates_number_on_issue(decision=decision, actor=actor)
    return decision


def _initiatives_use(rows: list[RatingRow], honours: list[HonourRecord]) -> None:
    """The initiatives the rows took now serve their titles (Luật 06/2022, Điều 5: once only),
    refused if one served another meanwhile (locked)."""
    taken = {
        row.initiative_id: honour
        for row, honour in zip(rows, honours, strict=True)
        if row.initiative_id is not None
    }
    if not taken:
        return
    initiatives = list(
        Initiative.objects.select_for_update().filter(pk__in=sorted(taken)).order_by("pk")
    )
    used = [i for i in initiatives if i.used_for_id is not None]
    if used:
        raise ValidationError(
            _("Sáng kiến “%(title)s” đã được dùng để xét danh hiệu, khen thưởng khác.")
            % {"title": used[0].title}
        )
    for initiative in initiatives:
        initiative.used_for = taken[initiative.pk]
    Initiative.objects.bulk_update(initiatives, ["used_for"])


@register(RatingList, "decide", subject="rating_list")
def rating_list_decide(
    *,
    rating_list: RatingList,
    actor: Any,
    comment: str = "",
    expected_state: str | None = None,
    number: str = "",
    date: str | datetime.date | None = None,
    signer_name: str = "",
    signer_title: str = "",
    signer_rank: str = "",
) -> RatingList:
    if isinstance(date, str) and date:
        try:
            date = datetime.date.fromisoformat(date)
        except ValueError as exc:
            raise ValidationError({"date": _("Ngày không hợp lệ (YYYY-MM-DD).")}) from exc
    if not date or not number or not signer_name:
        raise ValidationError(_("Cần số, ngày quyết định và người ký."))
    rating_lists_decide(
        lists=[rating_list],
        actor=actor,
        number=number,
        date=date,
        signer_name=signer_name,
        signer_title=signer_title,
        signer_rank=signer_rank,
        comment=comment,
        expected_state=expected_state,
    )
    return rating_list
