"""Shared builders for the rules tests."""

import datetime
from decimal import Decimal

from commendations.campaigns.models import AwardType
from commendations.eligibility.models import QuotaKind, RuleSet


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
