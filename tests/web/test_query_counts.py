"""Every list page issues the same number of queries for 10 rows as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from commendations.decisions.models import Decision
from commendations.nominations.models import Nomination
from tests.factories import DecisionFactory

pytestmark = pytest.mark.django_db


def add_nominations(count, *, state, campaign, unit, award_type, officer):
    """With their audit row and a rule set, so that each row of a queue has a deadline."""
    from django.contrib.contenttypes.models import ContentType

    from commendations.eligibility.models import RuleSet
    from tests.rule_fixtures import make_rule_set
    from workflow.models import TransitionLog

    if not RuleSet.objects.filter(award_type=award_type).exists():
        make_rule_set(award_type, review_days=10, forward_days=5, decision_days=10)
    now = timezone.now()
    created = Nomination.objects.bulk_create(
        [
            Nomination(
                campaign=campaign,
                unit=unit,
                award_type=award_type,
                nominee_kind="individual" if i % 2 else "collective",
                nominee_name=f"Người được đề nghị {i:04d}",
                rank="Đại úy" if i % 2 else "",
                achievement_summary="Thành tích",
                state=state,
                created_by=officer,
                submitted_at=now,
            )
            for i in range(count)
        ]
    )
    TransitionLog.objects.bulk_create(
        [
            TransitionLog(
                content_type=ContentType.objects.get_for_model(Nomination),
                object_id=n.pk,
                transition="submit",
                source_state="draft",
                target_state=state,
                actor=officer,
            )
            for n in created
        ]
    )


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize(
    ("user_fixture", "url_name", "state", "award"),
    [
        ("officer", "nomination_list", "draft", "director_award"),
        ("member", "review_queue", "submitted", "director_award"),
        ("secretary", "forward_queue", "recommended", "director_award"),
        ("director", "director_queue", "awaiting_director", "director_award"),
        ("ministry", "ministry_queue", "awaiting_ministry", "ministry_award"),
    ],
)
def test_nomination_list_query_count_does_not_grow(
    request, client, campaign, district, commune, officer, user_fixture, url_name, state, award
):
    user = request.getfixturevalue(user_fixture)
    award_type = request.getfixturevalue(award)
    client.force_login(user)
    url = reverse(url_name)
    add_nominations(
        10, state=state, campaign=campaign, unit=district, award_type=award_type, officer=officer
    )
    client.get(url)  # warm caches (content types, permissions) so both runs compare alike
    with_10 = count_queries(client, url)
    add_nominations(
        190, state=state, campaign=campaign, unit=commune, award_type=award_type, officer=officer
    )
    assert Nomination.objects.filter(state=state).count() == 200
    with_200 = count_queries(client, url)
    assert with_10 == with_200


def test_decision_list_query_count_does_not_grow(client, clerk):
    client.force_login(clerk)
    for _ in range(10):
        DecisionFactory()
    url = reverse("decision_list")
    client.get(url)
    with_10 = count_queries(client, url)
    for _ in range(190):
        DecisionFactory()
    assert Decision.objects.count() == 200
    assert count_queries(client, url) == with_10


def test_home_query_count_does_not_grow_with_notifications(client, member, officer, campaign):
    from commendations.notifications.models import Notification

    client.force_login(member)
    Notification.objects.bulk_create(
        [Notification(recipient=member, kind="queue", message=f"m{i}") for i in range(10)]
    )
    client.get(reverse("home"))
    with_10 = count_queries(client, reverse("home"))
    Notification.objects.bulk_create(
        [Notification(recipient=member, kind="queue", message=f"n{i}") for i in range(190)]
    )
    assert count_queries(client, reverse("home")) == with_10
