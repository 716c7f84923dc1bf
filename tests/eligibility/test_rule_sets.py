import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.management import call_command

from commendations.campaigns.models import Campaign
from commendations.demo.sudden_feat import SUDDEN_FEATS
from commendations.eligibility.models import RuleSet
from commendations.eligibility.selectors import eligibility_report, quota_usage, rule_set_for
from commendations.events import AuditEventKind
from commendations.nominations.models import Nomination
from tests.rule_fixtures import make_rule_set
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_the_rule_set_in_force_when_the_campaign_opened_applies(campaign, ministry_award):
    old = make_rule_set(
        ministry_award,
        name="cũ",
        valid_from=datetime.date(2018, 1, 1),
        valid_to=campaign.opens_on,  # the first day no longer in force: the new one's first
    )
    new = make_rule_set(ministry_award, name="mới", valid_from=campaign.opens_on)
    assert rule_set_for(ministry_award, campaign) == new
    campaign.opens_on -= datetime.timedelta(days=1)  # the old one's last day
    assert rule_set_for(ministry_award, campaign) == old
    campaign.opens_on = datetime.date(2022, 11, 1)
    assert rule_set_for(ministry_award, campaign) == old
    campaign.opens_on = datetime.date(2017, 1, 1)
    assert rule_set_for(ministry_award, campaign) is None


def test_overlapping_periods_unknown_conditions_and_documents_are_refused(ministry_award):
    make_rule_set(ministry_award, valid_from=datetime.date(2024, 1, 1))
    candidate = RuleSet(
        award_type=ministry_award,
        name="trùng",
        valid_from=datetime.date(2023, 1, 1),
        valid_to=datetime.date(2024, 6, 30),
        legal_reference="Thông tư 04/2024/TT-BCA",
        conditions=["no_such_check"],
        required_documents=["no_such_kind"],
    )
    with pytest.raises(ValidationError) as exc:
        candidate.full_clean()
    assert set(exc.value.message_dict) == {"valid_from", "conditions", "required_documents"}


def test_demo_has_versioned_rule_sets_eligibility_and_quotas():
    call_command("load_demo")
    assert RuleSet.objects.count() == 4
    past = Campaign.objects.get(year=2022)
    assert "2003" in rule_set_for(past.award_types.get(code="BK-BCA"), past).legal_reference
    current = Campaign.objects.exclude(pk=past.pk).exclude(name__startswith=SUDDEN_FEATS).get()
    assert "06/2022/QH15" in rule_set_for(current.award_types.get(code="BK-BCA"), current).name
    pending = Nomination.objects.get(nominee_name__startswith="Ban bảo vệ dân phố tổ 5")
    row = next(r for r in eligibility_report(pending) if r["code"] == "no_pending_discipline")
    member = User.objects.get(username="committee_member")
    assert row["status"] == "unknown" and row["confirmed_by"] == member.get_full_name()
    usage = quota_usage(pending.unit, pending.campaign, pending.award_type)
    assert usage["limit"] == 7 and usage["used"] >= 1  # 2% of 320, rounded up
    confirmed = AuditEvent.objects.filter(kind=AuditEventKind.ELIGIBILITY_CONFIRMED)
    assert confirmed.exists() and all(log.actor for log in confirmed)
