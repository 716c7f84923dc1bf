"""The data a document prints by its date: legal bases and prize money for both regimes (seeded by
commendations/migrations/0003_seed_authorities_legal_bases_and_prizes.py), the signer block of
Nghị định 30/2020, unit names as each authority reads them."""

import datetime
from decimal import Decimal

import pytest

from commendations.campaigns.models import Authority, AuthorityProfile, NomineeKind
from commendations.decisions.documents import legal_bases
from commendations.decisions.models import PrizeRule
from commendations.decisions.prize import amount_in_words, money, prize_rate
from commendations.documents.layout import count_words, date_words
from commendations.documents.naming import qualified, unit_name_for_document
from commendations.documents.signer import Signer, sentence_case, signer_from_legacy

D = datetime.date
NEW_REGIME = ("06/2022/QH15", "98/2023/NĐ-CP", "152/2025/NĐ-CP", "04/2024/TT-BCA")


@pytest.mark.django_db
def test_a_2023_decision_cites_the_old_regime_only():
    text = " ".join(
        legal_bases(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6), award_type_id=None)
    )
    assert (
        "ngày 26 tháng 11 năm 2003" in text and "91/2017/NĐ-CP" in text and "12/2019/TT-BCA" in text
    )
    for later in NEW_REGIME:
        assert later not in text


@pytest.mark.django_db
def test_a_2026_decision_cites_the_2022_law_and_decree_152():
    lines = legal_bases(
        authority=Authority.PROVINCIAL_DIRECTOR, on=D(2026, 3, 1), award_type_id=None
    )
    text = " ".join(lines)
    assert (
        "ngày 15 tháng 6 năm 2022" in text and "152/2025/NĐ-CP" in text and "04/2024/TT-BCA" in text
    )
    assert "98/2023" not in text and "91/2017" not in text and "2003" not in text
    assert lines[0].startswith("Căn cứ Luật")  # the law first, then decree, then circular
    during_98 = " ".join(legal_bases(authority="", on=D(2024, 9, 1), award_type_id=None))
    assert "98/2023/NĐ-CP" in during_98 and "152/2025" not in during_98


@pytest.mark.django_db
def test_prize_money_follows_the_decision_date():
    # DOMAIN.md: 06/03/2023 Giấy khen → 0.3 × 1,490,000 = 447,000 → 450,000 (NĐ 91/2017 Art. 68
    # §2 rounds up to the next 10,000); a collective 2 × 447,000 = 894,000 → 900,000
    rate = prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6))
    assert (rate.individual, rate.collective) == (450_000, 900_000)
    # 01/07/2023 new base salary, still NĐ 91/2017: 0.3 × 1,800,000
    assert (
        prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 9, 1)).individual == 540_000
    )
    # NĐ 98/2023: 0.3 × 2,340,000 = 702,000 rounded up to the next 10,000
    rate_2024 = prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2024, 8, 1))
    assert (rate_2024.individual, rate_2024.collective) == (710_000, 1_420_000)
    # NĐ 152/2025: Minister's Bằng khen 1.5 × 2,340,000
    minister = prize_rate(authority=Authority.MINISTRY, on=D(2025, 8, 1))
    assert (minister.individual, minister.collective) == (3_510_000, 7_020_000)
    assert minister.amount(NomineeKind.COLLECTIVE) == 7_020_000


@pytest.mark.django_db
def test_an_award_type_rule_overrides_the_authoritys(director_award):
    PrizeRule.objects.create(
        authority=Authority.PROVINCIAL_DIRECTOR,
        award_type=director_award,
        valid_from=D(2023, 1, 1),
        coefficient=Decimal("0.5"),
        source="thử",
    )
    rate = prize_rate(
        authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6), award_type_id=director_award.pk
    )
    assert rate.individual == 745_000
    assert (
        prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2023, 3, 6)).individual == 450_000
    )


@pytest.mark.django_db
def test_no_amount_without_a_rule_in_force():
    assert prize_rate(authority=Authority.PROVINCIAL_DIRECTOR, on=D(2015, 1, 1)) is None


def test_amounts_in_figures_and_words():
    assert money(9_387_000) == "9.387.000"
    assert amount_in_words(447_000) == "Bốn trăm bốn mươi bảy nghìn đồng"
    assert amount_in_words(9_387_000) == "Chín triệu ba trăm tám mươi bảy nghìn đồng"
    assert amount_in_words(1_420_000) == "Một triệu bốn trăm hai mươi nghìn đồng"
    assert amount_in_words(105_000) == "Một trăm linh năm nghìn đồng"
    assert amount_in_words(2_021_000) == "Hai triệu không trăm hai mươi mốt nghìn đồng"


def test_signer_block_lines_per_mode():
    kt = Signer(
        mode="KT.",
        principal_title="Giám đốc",
        title="Phó Giám đốc",
        rank="Đại tá",
        name="Nguyễn Ngọc Sơn",
    )
    assert kt.heading == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert kt.name_line == "Đại tá Nguyễn Ngọc Sơn"
    assert kt.one_line == "KT. Giám đốc – Phó Giám đốc, Đại tá Nguyễn Ngọc Sơn"
    assert Signer(title="Giám đốc", name="A").heading == ["GIÁM ĐỐC"]
    assert Signer(mode="TM.", principal_title="Hội đồng", title="Chủ tịch").heading == [
        "TM. HỘI ĐỒNG",
        "CHỦ TỊCH",
    ]
    assert Signer(mode="Q.", title="Giám đốc").heading == ["Q. GIÁM ĐỐC"]
    assert Signer(mode="TL.", principal_title="Giám đốc", title="Trưởng phòng PV05").heading == [
        "TL. GIÁM ĐỐC",
        "TRƯỞNG PHÒNG PV05",
    ]
    assert sentence_case("BỘ TRƯỞNG") == "Bộ trưởng"


def test_the_old_one_line_title_is_split():
    signer = signer_from_legacy("KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC", "Nguyễn Ngọc Sơn")
    assert (signer.mode, signer.principal_title, signer.title) == (
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
    )
    assert signer_from_legacy("Giám đốc", "X").heading == ["GIÁM ĐỐC"]


def test_dates_and_counts_as_written():
    assert date_words(D(2023, 3, 6)) == "ngày 06 tháng 3 năm 2023"
    assert date_words(D(2023, 2, 15)) == "ngày 15 tháng 02 năm 2023"
    assert date_words(D(2023, 12, 1)) == "ngày 01 tháng 12 năm 2023"
    kinds = [NomineeKind.COLLECTIVE] * 11 + [NomineeKind.INDIVIDUAL] * 9
    assert count_words(kinds) == "11 tập thể và 9 cá nhân"
    assert count_words([NomineeKind.INDIVIDUAL] * 2) == "2 cá nhân"


@pytest.mark.django_db
def test_unit_names_are_qualified_as_the_authority_reads_them(commune):
    ministry = AuthorityProfile.for_authority(Authority.MINISTRY)
    director = AuthorityProfile.for_authority(Authority.PROVINCIAL_DIRECTOR)
    on = D(2023, 3, 6)
    assert unit_name_for_document(commune, on=on, authority=ministry) == (
        "Công an xã Một, Công an tỉnh Gia Lai"
    )
    assert unit_name_for_document(commune, on=on, authority=director) == "Công an xã Một"
    # never twice, and not the province itself
    assert qualified("Phòng PV05, Công an tỉnh Gia Lai", authority=ministry).count("Gia Lai") == 1
    assert qualified("Công an tỉnh Gia Lai", authority=ministry) == "Công an tỉnh Gia Lai"


@pytest.mark.django_db
def test_authorities_are_seeded_as_data():
    director = AuthorityProfile.objects.get(authority=Authority.PROVINCIAL_DIRECTOR)
    assert (director.governing_body, director.issuing_body) == (
        "BỘ CÔNG AN",
        "CÔNG AN TỈNH GIA LAI",
    )
    assert director.title == "GIÁM ĐỐC CÔNG AN TỈNH GIA LAI" and director.place == "Gia Lai"
    assert (
        director.recipient_lines[0] == "- Như Điều 3;"
        and director.archive_line == "- Lưu: VT, PV05."
    )
    ministry = AuthorityProfile.objects.get(authority=Authority.MINISTRY)
    assert ministry.place == "Hà Nội" and ministry.title == "BỘ TRƯỞNG BỘ CÔNG AN"
    assert not ministry.certificates_printed_here
