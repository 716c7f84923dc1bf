"""A sudden feat's deadline, counted in days from the feat (rule data), on its page and in the
council's queue, where sudden feats come first."""

import datetime

import pytest
from django.urls import reverse

from commendations.actions.registry import action_run
from tests.factories import NominationFactory
from tests.rule_fixtures import make_rule_set

pytestmark = pytest.mark.django_db


def test_the_page_and_the_queue_show_the_deadline_from_the_feat(
    client, campaign, district, director_award, officer, member
):
    make_rule_set(
        director_award, simplified_steps=["designated_review", "decision"], simplified_days=30
    )
    feat_date = datetime.date.today() - datetime.timedelta(days=3)
    ordinary = NominationFactory(campaign=campaign, unit=district, award_type=director_award)
    feat = NominationFactory(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        simplified_procedure=True,
        feat_date=feat_date,
    )
    for nomination in (ordinary, feat):
        action_run(instance=nomination, name="submit", actor=officer)
    due = (feat_date + datetime.timedelta(days=30)).strftime("%d/%m/%Y")
    client.force_login(member)
    page = client.get(reverse("nomination_detail", args=[feat.pk])).content.decode()
    assert "data-feat-deadline" in page and due in page
    queue = client.get(reverse("review_queue")).content.decode()
    assert f'data-feat-deadline="{feat.pk}"' in queue
    assert queue.index(f'data-feat-deadline="{feat.pk}"') < queue.index(
        reverse("nomination_detail", args=[ordinary.pk])
    )
