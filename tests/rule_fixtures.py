"""Shared builders for the rules tests."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.files.base import ContentFile

from commendations.campaigns.models import AwardType, Campaign, NomineeKind
from commendations.eligibility.models import (
    AttachmentKind,
    EligibilityConfirmation,
    NominationEvidence,
    NomineeLink,
    QuotaKind,
    RuleSet,
)
from commendations.nominations.models import Attachment, Nomination
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Initiative,
    Person,
    Unit,
    UnitKind,
)
from commendations.units.services import unit_merge
from tests.factories import NominationFactory, UnitFactory


def make_rule_set(award_type: AwardType, **overrides) -> RuleSet:
    values = {
        "name": f"Quy tắc {award_type.code}",
        "valid_from": datetime.date(2000, 1, 1),
        "legal_reference": "Luật 06/2022/QH15, Điều 74",
        "vote_share_required": Decimal("0.5"),
        "quorum": 0,
        "quota_kind": QuotaKind.NONE,
        "conditions": [],
        "required_documents": [],
    }
    values.update(overrides)
    return RuleSet.objects.create(award_type=award_type, **values)


ALL_CONDITIONS = [
    "individual_ministry_record",
    "no_pending_discipline",
    "not_already_commended",
]
VARIED_KINDS = 5


def varied_nominations(
    campaign: Campaign,
    unit: Unit,
    award: AwardType,
    count: int,
    *,
    holder_award: AwardType,
    confirmer: User,
) -> list[Nomination]:
    """`count` draft nominations of `unit` for `award`, cycling through five nominees that take
    every branch of the conditions (so any five in a row take them all):
    0. a linked person with two Chiến sĩ thi đua cơ sở years (all met);
    1. a linked person with two HTXSNV years, an initiative already used for a title, one used by
       another live nomination, two pending matters and another live nomination of theirs;
    2. a person not linked to the history, whose name (other case) another live nomination of
       the unit holds; its unknown discipline condition confirmed by `confirmer`;
    3. a unit of the registry whose predecessor is under investigation, already nominated;
    4. a collective not in the registry, with a cover letter only."""
    year = campaign.year
    predecessor = UnitFactory(code=f"OLD-{unit.code}", kind=UnitKind.COMMUNE, parent=unit)
    heir = UnitFactory(code=f"NEW-{unit.code}", kind=UnitKind.COMMUNE, parent=unit)
    DisciplinaryRecord.objects.create(
        unit=predecessor,
        kind=DisciplinaryKind.INVESTIGATION,
        started_on=datetime.date(2020, 5, 1),
        note="Thanh tra 7",
    )
    unit_merge(sources=[predecessor], into=heir, on=datetime.date(2021, 1, 1))
    NominationFactory(
        campaign=campaign,
        unit=unit,
        award_type=holder_award,
        nominee_unit=heir,
        nominee_name=heir.name,
        state="submitted",
    )
    nominations = []
    for i in range(count):
        kind = i % VARIED_KINDS
        common = {"campaign": campaign, "unit": unit, "award_type": award}
        if kind in (0, 1, 2):
            person = Person.objects.create(code=f"{unit.code}-P{i}", full_name=f"Nguyen Van {i}")
            nomination = NominationFactory(
                **common,
                nominee_kind=NomineeKind.INDIVIDUAL,
                nominee_name=person.full_name + (" " if kind == 2 else ""),
            )
            if kind != 2:
                NomineeLink.objects.create(nomination=nomination, person=person)
        elif kind == 3:
            nomination = NominationFactory(**common, nominee_unit=heir, nominee_name=f"Xã {i}")
        else:
            nomination = NominationFactory(**common, nominee_name=f"Tổ ANND thôn {i}")
        nominations.append(nomination)
        if kind == 0:
            for y in (year - 1, year):
                HonourRecord.objects.create(
                    person=person, year=y, kind=HonourKind.GRASSROOTS_EMULATION
                )
            DisciplinaryRecord.objects.create(
                person=person,
                kind=DisciplinaryKind.DISCIPLINE,
                started_on=datetime.date(2019, 1, 1),
                ended_on=datetime.date(2020, 1, 1),
            )
        elif kind == 1:
            excellent = [
                HonourRecord.objects.create(person=person, year=y, kind=HonourKind.EXCELLENT_DUTY)
                for y in (year - 1, year)
            ]
            fresh = Initiative.objects.create(person=person, title=f"Mới {i}", year=year)
            used = Initiative.objects.create(
                person=person, title=f"Cũ {i}", year=year - 2, used_for=excellent[0]
            )
            shared = Initiative.objects.create(person=person, title=f"Chung {i}", year=year - 1)
            for initiative in (shared, fresh, used):
                NominationEvidence.objects.create(nomination=nomination, initiative=initiative)
            other = NominationFactory(
                campaign=campaign, unit=unit, award_type=holder_award, state="recommended"
            )
            NominationEvidence.objects.create(nomination=other, initiative=shared)
            NomineeLink.objects.create(nomination=other, person=person)
            for kind_, note in (
                (DisciplinaryKind.COMPLAINT, "Đơn 1"),
                (DisciplinaryKind.DISCIPLINE, ""),
            ):
                DisciplinaryRecord.objects.create(
                    person=person, kind=kind_, started_on=datetime.date(2024, 3, 1), note=note
                )
        elif kind == 2:
            NominationFactory(
                campaign=campaign,
                unit=unit,
                award_type=holder_award,
                nominee_name=f"NGUYEN van {i}",
                state="submitted",
            )
            EligibilityConfirmation.objects.create(
                nomination=nomination,
                code="no_pending_discipline",
                confirmed_by=confirmer,
                reason="Văn bản số 12",
            )
        elif kind == 4:
            Attachment.objects.create(
                nomination=nomination,
                kind=AttachmentKind.COVER_LETTER,
                file=ContentFile(b"%PDF-1.4", name="a.pdf"),
                original_name="a.pdf",
                size=8,
                content_type="application/pdf",
            )
    return nominations
