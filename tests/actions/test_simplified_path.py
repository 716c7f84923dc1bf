"""The simplified procedure (thủ tục đơn giản) as rule data: a sudden feat goes from the unit's
proposal to an issued Giấy khen through the actions, reviewed without a council session because
the rule set in force says so; its deadline is counted in days from the feat."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commendations.actions.decisions import decision_issue
from commendations.actions.registry import action_run
from commendations.certificates.models import Certificate
from commendations.decisions.services import decision_create
from commendations.eligibility.models import ProcedureStep
from commendations.nominations.deadlines import FeatDeadline, feat_deadline, feat_deadline_of
from commendations.nominations.models import NominationState
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set
from workflow.exceptions import TransitionNotAllowed
from workflow.models import TransitionLog

pytestmark = pytest.mark.django_db

D = datetime.date
NO_SESSION = [ProcedureStep.DESIGNATED_REVIEW, ProcedureStep.DECISION]


def _feat(campaign, district, director_award, **fields):
    return NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        simplified_procedure=True,
        feat_date=fields.pop("feat_date", datetime.date.today()),
        **fields,
    )


def test_a_sudden_feat_goes_from_proposal_to_an_issued_giay_khen_without_a_session(
    campaign, district, director_award, officer, secretary, director
):
    make_rule_set(director_award, simplified_steps=NO_SESSION, simplified_days=30)
    feat = _feat(campaign, district, director_award)
    action_run(instance=feat, name="submit", actor=officer)
    action_run(instance=feat, name="recommend_simplified", actor=secretary, comment="Đủ điều kiện")
    assert feat.state == NominationState.RECOMMENDED
    action_run(instance=feat, name="forward", actor=secretary)
    assert feat.state == NominationState.AWAITING_DIRECTOR
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="45/QĐ-CAT-PV05",
        date=datetime.date.today(),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[feat.pk],
    )
    decision_issue(decision=decision, actor=director)
    feat.refresh_from_db()
    assert feat.state == NominationState.APPROVED
    assert Certificate.objects.filter(nomination=feat).exists()
    path = list(
        TransitionLog.objects.for_object(feat)
        .order_by("at", "id")
        .values_list("transition", flat=True)
    )
    assert path == ["submit", "recommend_simplified", "forward", "approve"]
    row = TransitionLog.objects.for_object(feat).get(transition="recommend_simplified")
    assert row.comment == "Đủ điều kiện"


def test_without_the_rule_data_the_council_session_applies(
    campaign, district, director_award, officer, secretary
):
    make_rule_set(director_award)  # simplified_steps empty: the ordinary path
    feat = _feat(campaign, district, director_award)
    action_run(instance=feat, name="submit", actor=officer)
    with pytest.raises(ValidationError):
        action_run(instance=feat, name="recommend_simplified", actor=secretary, comment="x")
    feat.refresh_from_db()
    assert feat.state == NominationState.SUBMITTED


def test_an_ordinary_nomination_has_no_simplified_path(
    campaign, district, director_award, officer, secretary
):
    make_rule_set(director_award, simplified_steps=NO_SESSION)
    ordinary = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    action_run(instance=ordinary, name="submit", actor=officer)
    with pytest.raises(TransitionNotAllowed):
        action_run(instance=ordinary, name="recommend_simplified", actor=secretary, comment="x")


def test_a_secret_dossier_takes_the_same_path(
    campaign, district, director_award, officer, secretary
):
    make_rule_set(director_award, simplified_steps=NO_SESSION)
    secret = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, contains_state_secrets=True
    )
    action_run(instance=secret, name="submit", actor=officer)
    action_run(instance=secret, name="recommend_simplified", actor=secretary, comment="Đồng ý")
    assert secret.state == NominationState.RECOMMENDED


# --- the deadline, counted in days from the feat -------------------------------------------


def test_the_deadline_is_the_feat_date_plus_the_days_and_the_last_day_is_not_overdue():
    deadline = FeatDeadline(feat_date=D(2025, 1, 31), days=30)
    assert deadline.due_on == D(2025, 3, 2)  # across February (28 days)
    assert not deadline.is_overdue(D(2025, 3, 2))
    assert deadline.days_left(D(2025, 3, 2)) == 0
    assert deadline.is_overdue(D(2025, 3, 3))
    assert deadline.days_left(D(2025, 3, 3)) == -1
    assert FeatDeadline(feat_date=D(2025, 5, 1), days=0).due_on == D(2025, 5, 1)


def test_the_rule_in_force_on_the_feat_date_gives_the_days(campaign, district, director_award):
    old = make_rule_set(
        director_award, valid_from=D(2000, 1, 1), valid_to=D(2025, 7, 1), simplified_days=30
    )
    new = make_rule_set(director_award, valid_from=D(2025, 7, 1), simplified_days=15)
    rules = [new, old]
    last_old_day = _feat(campaign, district, director_award, feat_date=D(2025, 6, 30))
    first_new_day = _feat(campaign, district, director_award, feat_date=D(2025, 7, 1))
    assert feat_deadline(last_old_day, rules).due_on == D(2025, 7, 30)
    assert feat_deadline(first_new_day, rules).due_on == D(2025, 7, 16)
    assert feat_deadline_of(first_new_day) == feat_deadline(first_new_day, rules)


def test_no_deadline_without_a_feat_date_a_rule_or_once_decided(campaign, district, director_award):
    rules = [make_rule_set(director_award)]  # no simplified_days
    feat = _feat(campaign, district, director_award)
    assert feat_deadline(feat, rules) is None
    rules[0].simplified_days = 10
    assert feat_deadline(feat, rules) is not None
    feat.feat_date = None
    assert feat_deadline(feat, rules) is None
    ordinary = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    assert feat_deadline(ordinary, rules) is None


def test_a_designated_officer_reviews_a_secret_dossier_and_no_one_else_outside_the_office(
    campaign, district, director_award, officer, secretary, member, director
):
    from django.core.exceptions import PermissionDenied

    from commendations.access.roles import Role
    from commendations.nominations.services import secret_reviewers_designate
    from tests.factories import make_user

    make_rule_set(director_award, simplified_steps=NO_SESSION)
    secret = NominationFactory(
        campaign=campaign, unit=district, award_type=director_award, contains_state_secrets=True
    )
    action_run(instance=secret, name="submit", actor=officer)
    secret_reviewers_designate(nomination=secret, reviewers=[member], actor=director)
    other_member = make_user(Role.COMMITTEE_MEMBER, username="not_designated")
    with pytest.raises((PermissionDenied, TransitionNotAllowed)):
        action_run(instance=secret, name="recommend_simplified", actor=other_member, comment="x")
    action_run(instance=secret, name="recommend_simplified", actor=member, comment="Đồng ý")
    assert secret.state == NominationState.RECOMMENDED
