"""The long-service batch: from the due list's long-service rows, one proposal of many people (a
Tờ trình with its annex to the Ministry), then the decision recorded when it comes back. Each is
one action with a fixed number of queries whatever the number of people (339 medals at one small
province's ceremony): the people's entitlements are computed once (`long_service_due`), the
nominations written with one INSERT, moved to the authority with one UPDATE and one INSERT of
audit rows (`transition_perform_bulk`), the honours written with one INSERT.

Nothing parallel to the campaign path: each person becomes a `Nomination` (in the year's
long-service campaign, linked to the person by `NomineeLink`), the Tờ trình is a
`SubmissionLetter` (`decisions.letters.submission_letter_create`), the decision a `Decision`
recorded by `actions.decisions.decision_record_issued` (its certificates numbered there, so they
go into a ceremony's print pack like any other), and what each person got a `HonourRecord` — so
the due list no longer proposes them.

The medals are decided by the President on the Ministry's proposal and the Kỷ niệm chương by the
Minister (the catalogue's `AwardType.decided_by`): one recorded decision holds the awards of one
deciding authority.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from commendations.access.permissions import (
    can_decide_any,
    can_decide_for_authority,
    can_forward_any,
)
from commendations.actions.decisions import decision_record_issued
from commendations.campaigns.models import (
    Affiliation,
    AwardAuthority,
    AwardType,
    Campaign,
    NomineeKind,
)
from commendations.decisions.letters import submission_letter_create
from commendations.decisions.models import Decision, SubmissionLetter
from commendations.documents.signer import Signer
from commendations.eligibility.models import NomineeLink
from commendations.long_service.selectors import LONG_SERVICE_HONOURS, long_service_due
from commendations.nominations.models import (
    LEGACY_DUPLICATE_MARK,
    Nomination,
    NominationState,
    nominee_key,
)
from commendations.nominations.search import search_normalise
from commendations.units.models import (
    AWARD_CODE_HONOUR_KINDS,
    HONOUR_KIND_AWARD_CODES,
    HonourRecord,
    Person,
)
from workflow.services import transition_perform_bulk

PATH = "long_service"
CITATION = _("Đã có thời gian phục vụ, cống hiến trong lực lượng Công an nhân dân")


def _in_documents_language(text: Any) -> str:
    """`text()` worded in the documents' language (LANGUAGE_CODE, Vietnamese): what a nomination
    stores and a Tờ trình prints does not depend on the proposer's interface language."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(text())


@dataclass(frozen=True)
class LongServiceProposal:
    letter: SubmissionLetter
    nominations: list[Nomination]


def long_service_campaign(year: int) -> Campaign:
    """The year's long-service "campaign": the frame every nomination belongs to (its citation,
    its year), not a call for proposals."""
    campaign, _created = Campaign.objects.get_or_create(
        name=_("Khen thưởng theo niên hạn năm %(year)s") % {"year": year},
        year=year,
        defaults={
            "opens_on": datetime.date(year, 1, 1),
            "closes_on": datetime.date(year, 12, 31),
            "citation": str(CITATION),
            "description": _("Lập tự động từ danh sách đến hạn khen thưởng theo niên hạn."),
        },
    )
    return campaign


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError({"people": problems})


@transaction.atomic
def long_service_nominations_create(
    *, actor: Any, year: int, person_ids: Collection[int]
) -> list[Nomination]:
    """One nomination per person and long-service award the person is due in `year` (computed
    again here, never taken from the client), proposed straight to the deciding authority (no
    council session: the office proposes from the service records). All or none."""
    if not can_forward_any(actor):
        raise PermissionDenied(_("Bạn không có quyền lập đề nghị khen thưởng theo niên hạn."))
    ids = {int(i) for i in person_ids}
    if not ids:
        raise ValidationError({"people": [_("Chưa chọn người nào.")]})
    due = long_service_due(year=year, people=Person.objects.filter(pk__in=ids))
    problems = [
        _("%(name)s: %(reason)s") % {"name": e.person.full_name, "reason": e.reason}
        for e in due
        if e.entitlement.blocked
    ]
    not_due = ids - {e.person.pk for e in due}
    due = [e for e in due if not e.entitlement.blocked]
    if not_due:
        names = Person.objects.filter(pk__in=not_due).values_list("full_name", flat=True)
        problems += [
            _("%(name)s chưa đến hạn khen thưởng theo niên hạn năm %(year)s.")
            % {"name": name, "year": year}
            for name in sorted(names)
        ]
    problems += [
        _("%(name)s chưa thuộc đơn vị nào.") % {"name": e.person.full_name}
        for e in due
        if e.person.unit_id is None
    ]
    _refuse(problems)
    codes = {HONOUR_KIND_AWARD_CODES[e.entitlement.award] for e in due}
    types = AwardType.objects.in_bulk(list(codes), field_name="code")
    _refuse(
        [
            _("Danh mục chưa có hình thức %(code)s.") % {"code": code}
            for code in sorted(codes - set(types))
        ]
    )
    campaign = long_service_campaign(year)
    campaign.award_types.add(*types.values())
    pending = (
        NomineeLink.objects.filter(
            person_id__in=ids,
            nomination__campaign=campaign,
            nomination__award_type__code__in=codes,
        )
        .exclude(nomination__state__in=[NominationState.WITHDRAWN, NominationState.DECLINED])
        .values_list("person__full_name", flat=True)
    )
    _refuse(
        [
            _("%(name)s đã có trong một đề nghị khen thưởng theo niên hạn năm %(year)s.")
            % {"name": name, "year": year}
            for name in sorted(pending)
        ]
    )
    nominations = [_nomination(entry, campaign, types, actor) for entry in due]
    Nomination.objects.bulk_create(nominations)
    NomineeLink.objects.bulk_create(
        NomineeLink(nomination=n, person=e.person) for n, e in zip(nominations, due, strict=True)
    )
    transition_perform_bulk(
        instances=nominations,
        name="propose_to_authority",
        actor=actor,
        comment=str(_("Khen thưởng theo niên hạn năm %(year)s") % {"year": year}),
        lock=False,
        internal_ok=True,
        path=PATH,
    )
    return nominations


def _nomination(entry: Any, campaign: Campaign, types: dict, actor: Any) -> Nomination:
    person = entry.person
    name = person.full_name
    # Two people of one name without a date of birth are still two nominations: the person's
    # id goes after the key's mark (kept by `nominee_key_refresh`, like a legacy duplicate's).
    key = nominee_key(NomineeKind.INDIVIDUAL, name, person.date_of_birth)
    return Nomination(
        campaign=campaign,
        unit=person.unit,
        award_type=types[HONOUR_KIND_AWARD_CODES[entry.entitlement.award]],
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name=name,
        date_of_birth=person.date_of_birth,
        gender=person.sex,
        affiliation=Affiliation.FORCE,
        workplace=person.unit.name,
        # stored and printed in the Tờ trình: in the documents' language, whoever proposes
        achievement_summary=_in_documents_language(lambda: entry.reason),
        created_by=actor,
        search_text=search_normalise(name)[:255],
        nominee_key=f"{key}{LEGACY_DUPLICATE_MARK}person{person.pk}",
    )


@transaction.atomic
def long_service_propose(
    *,
    actor: Any,
    year: int,
    person_ids: Collection[int],
    number: str,
    date: datetime.date,
    signer: Signer,
) -> LongServiceProposal:
    """The whole proposal in one action: the nominations, then the Tờ trình listing them (its
    annex), made and sealed like every Tờ trình to the Ministry. A refused letter (its number
    taken, LibreOffice failing) leaves no nomination behind."""
    nominations = long_service_nominations_create(actor=actor, year=year, person_ids=person_ids)
    letter = submission_letter_create(
        actor=actor,
        nomination_ids=[n.pk for n in nominations],
        number=number,
        date=date,
        signer=signer,
    )
    return LongServiceProposal(letter=letter, nominations=nominations)


def long_service_letters_visible_to(user: Any):
    """The Tờ trình of long-service proposals, for the office that makes them and the authority
    that records their decisions (a 404 for everyone else)."""
    if not (can_forward_any(user) or can_decide_any(user)):
        return SubmissionLetter.objects.none()
    codes = list(HONOUR_KIND_AWARD_CODES[kind] for kind in LONG_SERVICE_HONOURS)
    return SubmissionLetter.objects.filter(
        pk__in=SubmissionLetter.objects.filter(nominations__award_type__code__in=codes).values("pk")
    )


def long_service_awaiting(letter: SubmissionLetter):
    """The letter's nominations still waiting for the decision, with what the recording reads."""
    return (
        letter.nominations.filter(state=NominationState.AWAITING_MINISTRY)
        .select_related("award_type__decided_by", "nominee_link__person", "unit")
        .order_by("unit__path", "pk")
    )


@transaction.atomic
def long_service_decision_record(
    *,
    actor: Any,
    letter: SubmissionLetter,
    decided_by: AwardAuthority,
    number: str,
    date: datetime.date,
    signer: Signer,
    nomination_ids: Collection[int] | None = None,
) -> Decision:
    """Record the decision that came back (its number, date, signer and deciding authority) for
    the letter's nominations that authority decides — all of them, or those named in
    `nomination_ids` (who got it) — in one action: the decision issued (the nominations
    approved, the certificates numbered), and each person's honour written to the history."""
    waiting = list(long_service_awaiting(letter))
    if not waiting:
        raise ValidationError(_("Tờ trình này không còn hồ sơ chờ quyết định."))
    authority = waiting[0].award_type.authority
    if not can_decide_for_authority(actor, authority):
        raise PermissionDenied(_("Bạn không có quyền ghi nhận quyết định của cấp này."))
    mine = [n for n in waiting if n.award_type.decided_by_id == decided_by.pk]
    if nomination_ids is not None:
        wanted = {int(i) for i in nomination_ids}
        unknown = wanted - {n.pk for n in mine}
        if unknown:
            raise ValidationError(
                {
                    "nominations": _(
                        "Có hồ sơ không thuộc Tờ trình, đã được quyết định hoặc không do "
                        "%(authority)s quyết định."
                    )
                    % {"authority": decided_by.name}
                }
            )
        mine = [n for n in mine if n.pk in wanted]
    if not mine:
        raise ValidationError(
            {
                "decided_by": _("Tờ trình không có hồ sơ chờ %(authority)s quyết định.")
                % {"authority": decided_by.name}
            }
        )
    decision = decision_record_issued(
        actor=actor,
        authority=authority,
        number=number,
        date=date,
        signer_name=signer.name,
        signer_title=signer.title,
        signer_mode=signer.mode,
        signer_principal_title=signer.principal_title,
        signer_rank=signer.rank,
        nomination_ids=[n.pk for n in mine],
    )
    HonourRecord.objects.bulk_create(
        HonourRecord(
            person=n.nominee_link.person,
            year=date.year,
            award_type=n.award_type,
            kind=AWARD_CODE_HONOUR_KINDS.get(n.award_type.code, ""),
            reference=decision.number,
            decided_on=date,
            decided_by=decided_by.name,
        )
        for n in mine
    )
    return decision
