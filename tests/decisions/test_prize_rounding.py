"""Prize money is rounded UP to the next 10,000 đồng under every regime (Nghị định 91/2017
Art. 68 §2 already did; DOMAIN.md): the seed's 2023 Giấy khen decision reads 450.000 đồng per
individual, 900.000 đồng per collective, 7.650.000 đồng for 6 collectives and 5 individuals."""

import datetime
from decimal import Decimal

import pytest

from commendations.campaigns.models import NomineeKind
from commendations.decisions.documents import decision_context
from commendations.decisions.models import Authority, PrizeRule
from commendations.decisions.prize import prize_rate, round_up
from commendations.demo.samples import demo_documents

D = datetime.date


@pytest.mark.parametrize(
    ("raw", "rounded"),
    [
        (Decimal("447000"), 450_000),
        (Decimal("440000"), 440_000),  # already a multiple: unchanged
        (Decimal("440000.01"), 450_000),  # a fraction of a đồng above still rounds up
        (Decimal("440001"), 450_000),
        (Decimal("449999"), 450_000),
        (Decimal("450000"), 450_000),
        (Decimal("894000"), 900_000),
        (Decimal("0"), 0),
    ],
)
def test_round_up_to_the_next_ten_thousand(raw, rounded):
    assert round_up(raw, 10_000) == rounded


@pytest.mark.django_db
def test_every_seeded_prize_rule_rounds_to_ten_thousand():
    assert set(PrizeRule.objects.values_list("rounding_unit", flat=True)) == {10_000}


@pytest.mark.django_db
def test_nd_91_2017_rates_are_rounded_up():
    # 0.3 × 1,490,000 = 447,000 → 450,000; a collective 2 × 447,000 = 894,000 → 900,000
    rate = prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6))
    assert (rate.individual, rate.collective) == (450_000, 900_000)
    assert rate.amount(NomineeKind.COLLECTIVE) == 900_000
    # 0.3 × 1,800,000 = 540,000 is already a multiple
    rate = prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 9, 1))
    assert (rate.individual, rate.collective) == (540_000, 1_080_000)


@pytest.mark.django_db
def test_the_collective_is_twice_the_raw_amount_then_rounded(director_award):
    # 0.29 × 1,490,000 = 432,100 → 440,000; a collective 2 × 432,100 = 864,200 → 870,000
    PrizeRule.objects.create(
        authority=Authority.PROVINCIAL_DIRECTOR,
        award_type=director_award,
        valid_from=D(2023, 1, 1),
        coefficient=Decimal("0.29"),
        rounding_unit=10_000,
        source="thử",
    )
    rate = prize_rate(
        authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6), award_type_id=director_award.pk
    )
    assert (rate.individual, rate.collective) == (440_000, 870_000)


@pytest.mark.django_db
def test_the_seed_2023_giay_khen_decision_reads_rounded_amounts():
    decision = demo_documents().decision
    assert decision.date == D(2023, 3, 6)
    context = decision_context(decision)
    amounts = [row["amount"] for row in context["rows"]]
    assert sorted(amounts) == [450_000] * 5 + [900_000] * 6
    assert context["prize_total"] == 7_650_000
    assert context["prize_total_text"] == "7.650.000"
    article = next(a["text"] for a in context["articles"] if a["label"] == "Điều 2.")
    assert "450.000 đồng" in article and "900.000 đồng" in article
    assert "7.650.000 đồng" in article and "Bảy triệu sáu trăm năm mươi nghìn đồng" in article
