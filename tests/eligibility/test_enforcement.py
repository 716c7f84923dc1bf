import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile

from commendations.access.roles import Role
from commendations.actions.registry import action_run
from commendations.campaigns.models import NomineeKind
from commendations.eligibility.models import (
    AttachmentKind,
    EligibilityConfirmation,
    NomineeLink,
    QuotaKind,
)
from commendations.eligibility.selectors import quota_usage
from commendations.events import AuditEventKind
from commendations.nominations.dossier import eligibility_confirm
from commendations.nominations.models import Attachment
from commendations.units.models import DisciplinaryKind, DisciplinaryRecord, Person
from tests.factories import NominationFactory, make_user
from tests.helpers import VOTES, recommend_in_session
from tests.rule_fixtures import make_rule_set
from workflow.models import AuditEvent, TransitionLog

pytestmark = pytest.mark.django_db


def submit(nomination, officer):
    return action_run(instance=nomination, name="submit", actor=officer)


def recommend(nomination, member, votes=VOTES):
    """Through a session whose members cast `votes`; recorded by a secretary (the member's
    role votes, it does not record the recommendation)."""
    secretary = make_user(Role.COMMITTEE_SECRETARY)
    return recommend_in_session(nomination, secretary=secretary, votes=votes)


def messages(exc: pytest.ExceptionInfo) -> str:
    return " ".join(exc.value.messages)


@pytest.fixture
def unlinked_collective(campaign, district, director_award):
    return NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_name="Tổ ANND thôn 3"
    )


def test_submission_with_an_unmet_condition_is_blocked(
    campaign, district, commune, director_award, officer
):
    make_rule_set(director_award, conditions=["no_pending_discipline"])
    DisciplinaryRecord.objects.create(
        unit=commune, kind=DisciplinaryKind.COMPLAINT, started_on=campaign.opens_on
    )
    nomination = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_unit=commune
    )
    with pytest.raises(ValidationError) as exc:
        submit(nomination, officer)
    assert "khiếu nại" in messages(exc)
    nomination.refresh_from_db()
    assert nomination.state == "draft"
    assert not TransitionLog.objects.for_object(nomination).exists()


def test_unknown_passes_submission_but_needs_a_confirmation_to_be_recommended(
    unlinked_collective, director_award, officer, member
):
    make_rule_set(director_award, conditions=["no_pending_discipline"])
    submit(unlinked_collective, officer)
    with pytest.raises(ValidationError) as exc:
        recommend(unlinked_collective, member)
    assert "cần thành viên Hội đồng xác nhận" in messages(exc)
    unlinked_collective.refresh_from_db()
    assert unlinked_collective.state == "submitted"

    eligibility_confirm(
        nomination=unlinked_collective,
        code="no_pending_discipline",
        actor=member,
        reason="Công an huyện xác nhận bằng văn bản số 12",
    )
    recommend(unlinked_collective, member)
    unlinked_collective.refresh_from_db()
    assert unlinked_collective.state == "recommended"


def test_a_confirmation_is_audited_in_the_nomination_history(
    unlinked_collective, director_award, officer, member
):
    make_rule_set(director_award, conditions=["no_pending_discipline"])
    submit(unlinked_collective, officer)
    eligibility_confirm(
        nomination=unlinked_collective,
        code="no_pending_discipline",
        actor=member,
        reason="Văn bản số 12",
    )
    log = AuditEvent.objects.for_object(unlinked_collective).last()
    assert log.kind == AuditEventKind.ELIGIBILITY_CONFIRMED
    assert log.actor == member and log.comment == "Văn bản số 12"
    assert log.data["condition"] == "no_pending_discipline"
    unlinked_collective.refresh_from_db()
    assert unlinked_collective.state == "submitted"  # a confirmation changes no state


def test_only_a_reviewer_confirms_and_only_an_unknown(
    campaign, district, commune, unlinked_collective, director_award, officer, member
):
    make_rule_set(director_award, conditions=["no_pending_discipline"])
    submit(unlinked_collective, officer)
    with pytest.raises(PermissionDenied):
        eligibility_confirm(
            nomination=unlinked_collective, code="no_pending_discipline", actor=officer, reason="x"
        )
    with pytest.raises(ValidationError):
        eligibility_confirm(
            nomination=unlinked_collective, code="no_pending_discipline", actor=member, reason=" "
        )
    known = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, nominee_unit=commune
    )
    submit(known, officer)
    with pytest.raises(ValidationError) as exc:
        eligibility_confirm(
            nomination=known, code="no_pending_discipline", actor=member, reason="x"
        )
    assert "không cần xác nhận" in messages(exc)
    assert not EligibilityConfirmation.objects.exists()


def test_quota_is_shown_and_enforced_at_submission(campaign, district, director_award, officer):
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=2)
    first, second, third = (
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(3)
    )
    assert quota_usage(district, campaign, director_award) == {
        "used": 0,
        "limit": 2,
        "available": 2,
    }
    submit(first, officer)
    submit(second, officer)
    assert quota_usage(district, campaign, director_award) == {
        "used": 2,
        "limit": 2,
        "available": 0,
    }
    with pytest.raises(ValidationError) as exc:
        submit(third, officer)
    assert "hết chỉ tiêu" in messages(exc) and "2/2" in messages(exc)
    action_run(instance=second, name="withdraw", actor=officer)
    submit(third, officer)


def test_quota_as_percent_of_headcount_rounds_up(campaign, district, director_award):
    district.headcount = 45
    district.save()
    make_rule_set(director_award, quota_kind=QuotaKind.PERCENT, quota_value=5)
    assert quota_usage(district, campaign, director_award)["limit"] == 3


def test_quota_is_enforced_at_recommendation(campaign, district, director_award, officer, member):
    first, second = (
        NominationFactory(campaign=campaign, unit=district, award_type=director_award)
        for _ in range(2)
    )
    submit(first, officer)
    submit(second, officer)
    # The quota is lowered after both were submitted (e.g. a new circular): the committee
    # cannot recommend more than it allows.
    make_rule_set(director_award, quota_kind=QuotaKind.ABSOLUTE, quota_value=1)
    recommend(first, member)
    with pytest.raises(ValidationError) as exc:
        recommend(second, member)
    assert "hết chỉ tiêu" in messages(exc)


def test_required_documents_block_submission_until_attached(
    campaign, district, director_award, officer
):
    make_rule_set(
        director_award,
        required_documents=[AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT],
    )
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    with pytest.raises(ValidationError) as exc:
        submit(nomination, officer)
    assert "Tờ trình" in messages(exc) and "Báo cáo thành tích" in messages(exc)
    for kind in (AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT):
        Attachment.objects.create(
            nomination=nomination,
            kind=kind,
            file=ContentFile(b"%PDF-1.4", name="a.pdf"),
            original_name="a.pdf",
            size=8,
            content_type="application/pdf",
        )
    submit(nomination, officer)


def test_quorum_and_vote_share_come_from_the_rule_set(
    campaign, district, director_award, officer, member
):
    make_rule_set(director_award, quorum=9, vote_share_required="0.75")
    nomination = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    submit(nomination, officer)
    with pytest.raises(ValidationError) as exc:
        recommend(nomination, member, (7, 0, 1))
    assert "ít nhất 9" in messages(exc)
    with pytest.raises(ValidationError) as exc:
        recommend(nomination, member, (6, 3, 0))
    assert "75%" in messages(exc)
    recommend(nomination, member, (8, 1, 0))


def test_an_individual_linked_to_a_clean_history_goes_through(
    campaign, district, ministry_award, officer, member, secretary
):
    from commendations.units.models import HonourKind, HonourRecord

    make_rule_set(
        ministry_award,
        conditions=["individual_ministry_record", "no_pending_discipline", "not_already_commended"],
    )
    person = Person.objects.create(code="P-9", full_name="Trần Văn Nam")
    for year in (campaign.year - 1, campaign.year):
        HonourRecord.objects.create(person=person, year=year, kind=HonourKind.GRASSROOTS_EMULATION)
    nomination = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=ministry_award,
        nominee_kind=NomineeKind.INDIVIDUAL,
        nominee_name=person.full_name,
    )
    NomineeLink.objects.create(nomination=nomination, person=person)
    submit(nomination, officer)
    recommend(nomination, member)
    action_run(instance=nomination, name="forward", actor=secretary)
    assert nomination.state == "awaiting_ministry"
