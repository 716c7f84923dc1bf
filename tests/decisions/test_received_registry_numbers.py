"""The Ministry prints and numbers its Bằng khen: its registry numbers, entered when its decision
is recorded, are the certificates' (in list order); the province's counter is untouched."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commendations.actions.decisions import decision_record_issued
from commendations.campaigns.models import Authority
from commendations.certificates.documents import certificate_context
from commendations.certificates.models import Certificate, RegistryCounter
from tests.certificate_fixtures import awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _specs(award, suffix: str = ""):
    return [
        (award, "collective", f"Công an xã Một{suffix}", {}),
        (award, "individual", f"Nguyễn Văn A{suffix}", {"rank": "Đại úy"}),
    ]


def _record(ministry, nominations, first, prefix="BK-BCA-"):
    return decision_record_issued(
        actor=ministry,
        authority=Authority.MINISTRY,
        number="1234/QĐ-BCA-X03",
        date=datetime.date(2023, 2, 20),
        signer_title="KT. BỘ TRƯỞNG - THỨ TRƯỞNG",
        signer_name="Lương Tam Quang",
        nomination_ids=[n.pk for n in nominations],
        registry_first_number=first,
        registry_prefix=prefix,
    )


def test_the_ministrys_numbers_are_printed(
    campaign, district, officer, member, secretary, ministry, ministry_award
):
    nominations = awaiting(campaign, district, officer, member, secretary, _specs(ministry_award))
    decision = _record(ministry, nominations, 5001)
    certificates = list(Certificate.objects.filter(decision=decision).order_by("serial"))
    assert [c.registry_number for c in certificates] == ["BK-BCA-5001", "BK-BCA-5002"]
    assert certificates[0].nomination.nominee_kind == "collective"  # list order
    assert not RegistryCounter.objects.filter(authority=Authority.MINISTRY).exists()
    context = certificate_context(certificates[0])
    assert context["registry_number"] == "BK-BCA-5001"
    assert context["place"] == "Hà Nội" and context["authority_title"] == "BỘ TRƯỞNG BỘ CÔNG AN"
    assert context["signer_heading"] == ["KT. BỘ TRƯỞNG", "THỨ TRƯỞNG"]


def test_numbers_already_used_are_refused_and_nothing_is_kept(
    campaign, district, officer, member, secretary, ministry, ministry_award
):
    first = awaiting(campaign, district, officer, member, secretary, _specs(ministry_award))
    _record(ministry, first, 5001)
    second = awaiting(
        campaign, district, officer, member, secretary, _specs(ministry_award, " (đợt hai)")
    )
    with pytest.raises(ValidationError) as error:
        decision_record_issued(
            actor=ministry,
            authority=Authority.MINISTRY,
            number="1300/QĐ-BCA-X03",
            date=datetime.date(2023, 3, 1),
            signer_title="BỘ TRƯỞNG",
            signer_name="X",
            nomination_ids=[n.pk for n in second],
            registry_first_number=5002,
            registry_prefix="BK-BCA-",
        )
    assert "registry_first_number" in error.value.message_dict
    for nomination in second:
        nomination.refresh_from_db()
        assert nomination.decision_id is None


def test_the_province_numbers_its_own(
    campaign, district, officer, member, secretary, director, director_award
):
    nominations = awaiting(campaign, district, officer, member, secretary, _specs(director_award))
    decision = issue(draft(director, nominations), director)
    assert sorted(
        Certificate.objects.filter(decision=decision).values_list("registry_number", flat=True)
    ) == [
        "GK-2023-0001",
        "GK-2023-0002",
    ]
