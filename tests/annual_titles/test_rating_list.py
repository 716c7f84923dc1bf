"""The year-end rating list: drafted by a unit, sent up, voted by the council, decided in one
recognition decision; exclusions shown with their reason; caps as shares with their numbers."""

import datetime
import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
from commendations.actions.registry import action_run
from commendations.annual_titles.models import (
    Rating,
    RatingList,
    RatingListState,
    RatingRow,
    TitleCap,
)
from commendations.annual_titles.services import (
    rating_list_create,
    rating_row_add,
    rating_rows_import,
)
from commendations.campaigns.models import AwardType
from commendations.decisions.models import Decision, DecisionState
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourRecord,
    Initiative,
)
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add
from workflow.exceptions import TransitionPermissionDenied
from workflow.models import AuditEvent, TransitionLog

pytestmark = pytest.mark.django_db


def _decide(lists, director, number="5/QĐ-CAT-PV05"):
    return rating_lists_decide(
        lists=lists,
        actor=director,
        number=number,
        date=datetime.date(YEAR + 1, 1, 10),
        signer_name="Nguyễn Văn Giám",
        signer_title="Giám đốc",
    )


def test_the_cap_is_seeded_as_dated_unverified_data():
    cap = TitleCap.objects.get(award_type__code="CSTDCS")
    assert cap.base.code == "CSTT" and cap.percent == 15 and not cap.verified
    assert "91/2017" in cap.source and cap.limit(20) == 3 and cap.limit(19) == 2


def test_a_list_goes_from_the_unit_to_one_recognition_decision(
    officer, secretary, director, district
):
    people = officers(district, 20)
    rl = rating_list(district)
    rows_add(rl, people, "CSTT")
    rows_add(rl, people[:3], "CSTDCS", Rating.EXCELLENT)
    action_run(instance=rl, name="submit", actor=officer)
    assert rl.state == RatingListState.SUBMITTED
    log = TransitionLog.objects.for_object(rl).get(transition="submit")
    assert log.data["rows"] == 23
    assert log.data["caps"][0] == {
        "award_type": "CSTDCS",
        "used": 3,
        "limit": 3,
        "percent": "15.00",
        "base": 20,
        "source": log.data["caps"][0]["source"],
        "verified": False,
    }
    action_run(instance=rl, name="recommend", actor=secretary, votes_for=7, votes_against=1)
    rl.refresh_from_db()
    assert (rl.state, rl.votes_for, rl.votes_against) == (RatingListState.RECOMMENDED, 7, 1)
    action_run(
        instance=rl,
        name="decide",
        actor=director,
        number="9/QĐ-CAT-PV05",
        date="2026-01-10",
        signer_name="Nguyễn Văn Giám",
        signer_title="Giám đốc",
    )
    rl.refresh_from_db()
    assert rl.state == RatingListState.DECIDED
    decision = rl.decision
    assert decision.state == DecisionState.ISSUED and decision.number == "9/QĐ-CAT-PV05"
    honours = HonourRecord.objects.filter(reference="9/QĐ-CAT-PV05", year=YEAR)
    assert honours.filter(award_type__code="CSTT").count() == 20
    assert honours.filter(award_type__code="CSTDCS").count() == 3
    assert set(honours.values_list("kind", flat=True)) == {"cstt", "cstdcs"}
    assert [t.transition for t in TransitionLog.objects.for_object(rl)] == [
        "submit",
        "recommend",
        "decide",
    ]
    # issued, and (dated before today) recorded as its paper original, like any decision
    assert sorted(t.transition for t in TransitionLog.objects.for_object(decision)) == [
        "issue",
        "sign_on_paper",
    ]
    assert decision.signature_state == "paper"


def test_one_over_the_cap_is_refused_with_the_numbers(officer, district):
    people = officers(district, 20)
    rl = rating_list(district)
    rows_add(rl, people, "CSTT")
    rows_add(rl, people[:4], "CSTDCS", Rating.EXCELLENT)
    with pytest.raises(ValidationError) as exc:
        action_run(instance=rl, name="submit", actor=officer)
    assert "Chiến sĩ thi đua cơ sở: 4 trên tối đa 3 (15 % của 20)" in " ".join(exc.value.messages)
    rl.refresh_from_db()
    assert rl.state == RatingListState.DRAFT


def test_the_cap_counts_the_units_lists_already_sent_up(officer, district):
    people = officers(district, 20)
    first = rating_list(district)
    rows_add(first, people, "CSTT")
    rows_add(first, people[:2], "CSTDCS", Rating.EXCELLENT)
    action_run(instance=first, name="submit", actor=officer)
    second = rating_list(district, submission_number="13/TTr-PV05")
    rows_add(second, people[2:4], "CSTDCS", Rating.EXCELLENT)
    with pytest.raises(ValidationError, match="4 trên tối đa 3"):
        action_run(instance=second, name="submit", actor=officer)


def test_exclusions_are_shown_with_the_reason_and_recognise_nothing(
    officer, secretary, director, district
):
    people = officers(district, 4)
    DisciplinaryRecord.objects.create(
        person=people[1], kind=DisciplinaryKind.DISCIPLINE, started_on=datetime.date(YEAR, 5, 2)
    )
    rl = rating_list(district)
    good = rows_add(rl, people[:1], "CSTT")[0]
    not_done = rows_add(rl, people[3:4], "CSTT", Rating.NOT_DONE)[0]
    disciplined = rating_row_add(
        actor=officer,
        rating_list=rl,
        person=people[1],
        award_type=AwardType.objects.get(code="CSTT"),
        rating=Rating.GOOD,
    )
    assert good.excluded_reason == ""
    assert not_done.excluded_reason == "Không xét: xếp loại “Không hoàn thành nhiệm vụ”."
    assert disciplined.excluded_reason.startswith(
        "Không xét trong năm: Đang xem xét hoặc thi hành kỷ luật"
    )
    # A discipline recorded after the row was added still excludes at the next step.
    late = rows_add(rl, people[2:3], "CSTT")[0]
    DisciplinaryRecord.objects.create(
        person=people[2], kind=DisciplinaryKind.INVESTIGATION, started_on=datetime.date(YEAR, 11, 1)
    )
    action_run(instance=rl, name="submit", actor=officer)
    late.refresh_from_db()
    assert "Đang bị điều tra" in late.excluded_reason
    rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)
    _decide([rl], director)
    assert list(HonourRecord.objects.filter(year=YEAR).values_list("person", flat=True)) == [
        people[0].pk
    ]


def test_the_council_checks_the_cap_again(officer, secretary, district):
    """A discipline recorded after the proposal shrinks the base: 3 of 20 held at submission,
    3 of 19 (at most 2) no longer does when the council recommends."""
    people = officers(district, 20)
    rl = rating_list(district)
    rows_add(rl, people, "CSTT")
    rows_add(rl, people[:3], "CSTDCS", Rating.EXCELLENT)
    action_run(instance=rl, name="submit", actor=officer)
    DisciplinaryRecord.objects.create(
        person=people[10], kind=DisciplinaryKind.COMPLAINT, started_on=datetime.date(YEAR, 12, 1)
    )
    with pytest.raises(ValidationError, match=r"3 trên tối đa 2 \(15 % của 19\)"):
        rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)


def test_the_vote_must_carry(officer, secretary, district):
    rl = rating_list(district)
    rows_add(rl, officers(district, 2), "CSTT")
    action_run(instance=rl, name="submit", actor=officer)
    with pytest.raises(ValidationError, match="Chưa đạt tỷ lệ"):
        rating_lists_recommend(lists=[rl], actor=secretary, votes_for=2, votes_against=3)


def test_a_list_needs_its_submission_and_minutes(officer, district):
    rl = rating_list(district, submission_number="", council_minutes="")
    rows_add(rl, officers(district, 1), "CSTT")
    with pytest.raises(ValidationError) as exc:
        action_run(instance=rl, name="submit", actor=officer)
    assert set(exc.value.message_dict) == {"submission_number", "council_minutes"}


def test_who_may_do_what(officer, other_officer, secretary, director, district):
    rl = rating_list(district)
    rows_add(rl, officers(district, 1), "CSTT")
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=rl, name="submit", actor=other_officer)
    with pytest.raises(PermissionDenied):
        rating_list_create(actor=other_officer, unit=district, year=YEAR)
    action_run(instance=rl, name="submit", actor=officer)
    with pytest.raises(TransitionPermissionDenied):
        action_run(instance=rl, name="recommend", actor=officer, votes_for=5)
    with pytest.raises(TransitionPermissionDenied):
        rating_lists_recommend(lists=[rl], actor=director, votes_for=5)
    action_run(instance=rl, name="return_to_unit", actor=secretary, comment="Thiếu biên bản")
    rl.refresh_from_db()
    assert rl.state == RatingListState.DRAFT


def test_rows_are_refused_once_the_list_is_sent(officer, district):
    people = officers(district, 2)
    rl = rating_list(district)
    rows_add(rl, people[:1], "CSTT")
    action_run(instance=rl, name="submit", actor=officer)
    with pytest.raises(ValidationError, match="đã trình"):
        rating_row_add(
            actor=officer,
            rating_list=rl,
            person=people[1],
            award_type=AwardType.objects.get(code="CSTT"),
            rating=Rating.GOOD,
        )


def test_a_row_is_for_an_officer_of_the_unit_and_a_title_of_the_list(
    officer, district, other_district
):
    rl = rating_list(district)
    stranger = officers(other_district, 1)[0]
    with pytest.raises(ValidationError) as exc:
        rating_row_add(
            actor=officer,
            rating_list=rl,
            person=stranger,
            award_type=AwardType.objects.get(code="BK-BCA"),
            rating=Rating.GOOD,
        )
    assert set(exc.value.message_dict) == {"person", "award_type"}


def _workbook(lines) -> io.BytesIO:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Mã cán bộ", "Họ và tên", "Danh hiệu", "Xếp loại"])
    for line in lines:
        sheet.append(line)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    return data


def test_the_list_is_imported_from_excel(officer, district):
    people = officers(district, 3)
    DisciplinaryRecord.objects.create(
        person=people[2], kind=DisciplinaryKind.DISCIPLINE, started_on=datetime.date(YEAR, 3, 1)
    )
    rl = rating_list(district)
    rows = rating_rows_import(
        actor=officer,
        rating_list=rl,
        source=_workbook(
            [
                [people[0].code, people[0].full_name, "CSTT", "Hoàn thành tốt nhiệm vụ"],
                [people[0].code, people[0].full_name, "Chiến sĩ thi đua cơ sở", "excellent"],
                [people[1].code, people[1].full_name, "CSTT", "Không hoàn thành nhiệm vụ"],
                [people[2].code, people[2].full_name, "CSTT", "Hoàn thành nhiệm vụ"],
            ]
        ),
    )
    assert len(rows) == 4
    excluded = dict(
        RatingRow.objects.filter(rating_list=rl)
        .values_list("person", "excluded_reason")
        .exclude(excluded_reason="")
    )
    assert set(excluded) == {people[1].pk, people[2].pk}
    assert AuditEvent.objects.for_object(rl).filter(kind="rating_list_changed").exists()


def test_a_bad_workbook_names_every_bad_line_and_writes_nothing(officer, district, other_district):
    people = officers(district, 1)
    stranger = officers(other_district, 1)[0]
    rl = rating_list(district)
    with pytest.raises(ValidationError) as exc:
        rating_rows_import(
            actor=officer,
            rating_list=rl,
            source=_workbook(
                [
                    [people[0].code, "", "CSTT", "Giỏi"],
                    ["KHONG-CO", "", "CSTT", "Hoàn thành nhiệm vụ"],
                    [stranger.code, "", "BK-BCA", "Hoàn thành nhiệm vụ"],
                ]
            ),
        )
    messages = exc.value.messages
    assert [m.split(":")[0] for m in messages] == ["Dòng 2", "Dòng 3", "Dòng 4"]
    assert "không thuộc đơn vị" in messages[2] and "không xét theo danh sách" in messages[2]
    assert not RatingRow.objects.filter(rating_list=rl).exists()


def test_an_initiative_taken_by_a_row_serves_its_title_once(officer, secretary, director, district):
    people = officers(district, 20)
    initiative = Initiative.objects.create(person=people[0], title="Phần mềm quản lý", year=YEAR)
    rl = rating_list(district)
    rows_add(rl, people, "CSTT")
    row = rating_row_add(
        actor=officer,
        rating_list=rl,
        person=people[0],
        award_type=AwardType.objects.get(code="CSTDCS"),
        rating=Rating.EXCELLENT,
        initiative=initiative,
    )
    action_run(instance=rl, name="submit", actor=officer)
    rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)
    _decide([rl], director)
    initiative.refresh_from_db()
    assert initiative.used_for == HonourRecord.objects.get(
        person=people[0], award_type=row.award_type
    )
    other = rating_list(district, year=YEAR + 1)
    with pytest.raises(ValidationError, match="đã được dùng"):
        rating_row_add(
            actor=officer,
            rating_list=other,
            person=people[0],
            award_type=AwardType.objects.get(code="CSTDCS"),
            rating=Rating.EXCELLENT,
            initiative=initiative,
        )


def _lists_ready(units, per_list: int, secretary, officer) -> list:
    lists = []
    for unit in units:
        rl = rating_list(unit)
        people = officers(unit, per_list)
        rows_add(rl, people, "CSTT")
        rows_add(rl, people[: per_list * 15 // 100], "CSTDCS", Rating.EXCELLENT)
        action_run(instance=rl, name="submit", actor=officer)
        lists.append(rl)
    return lists


def test_the_council_and_the_decision_take_the_same_queries_for_more_lists_and_rows(
    officer, secretary, director, district
):
    from tests.factories import UnitFactory

    warm = [UnitFactory(parent=district)]  # the first round fills the caches (content types)
    small = [UnitFactory(parent=district) for _ in range(2)]
    # Within SQLite's 999 parameters per statement (PostgreSQL takes any number in one INSERT).
    large = [UnitFactory(parent=district) for _ in range(4)]
    counts = []
    rounds = ((warm, 7, "1/QĐ-CAT-PV05"), (small, 7, "2/QĐ-CAT-PV05"), (large, 20, "3/QĐ-CAT-PV05"))
    for units, size, number in rounds:
        lists = _lists_ready(units, size, secretary, officer)
        with CaptureQueriesContext(connection) as recommend:
            rating_lists_recommend(lists=lists, actor=secretary, votes_for=5)
        with CaptureQueriesContext(connection) as decide:
            decision = _decide(lists, director, number=number)
        counts.append((len(recommend), len(decide)))
        assert HonourRecord.objects.filter(reference=number).count() == len(units) * (
            size + size * 15 // 100
        )
        assert Decision.objects.filter(pk=decision.pk, state="issued").exists()
    assert counts[1] == counts[2], counts


def test_an_officer_on_two_lists_decided_together_is_recognised_once(
    officer, secretary, director, district, commune, commune_officer
):
    """Transferred mid-year, proposed by both units: the first list's row holds, the second's is
    excluded with the reason, and the decision records the title once."""
    person = officers(commune, 1)[0]
    first, second = rating_list(district), rating_list(commune)
    rows_add(first, [person], "CSTT")
    rows_add(second, [person], "CSTT")
    RatingRow.objects.filter(rating_list=second).update(excluded_reason="")
    for rl in (first, second):
        RatingList.objects.filter(pk=rl.pk).update(state=RatingListState.RECOMMENDED)
        rl.refresh_from_db()
    _decide([first, second], director)
    assert HonourRecord.objects.filter(person=person, year=YEAR).count() == 1
    reason = RatingRow.objects.get(rating_list=second).excluded_reason
    assert reason.startswith("Đã có trong danh sách đề nghị khác")


def test_the_api_passes_each_transition_only_its_own_fields(client, officer, district):
    from rest_framework.test import APIClient

    rl = rating_list(district)
    rows_add(rl, officers(district, 1), "CSTT")
    api = APIClient()
    api.force_authenticate(officer)
    response = api.post(
        f"/api/v1/rating-lists/{rl.pk}/transitions/submit/", {"votes_for": 3}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["state"] == "submitted"


def test_an_initiative_used_meanwhile_stops_the_decision(officer, secretary, director, district):
    people = officers(district, 20)
    initiative = Initiative.objects.create(person=people[0], title="Quy trình mới", year=YEAR)
    rl = rating_list(district)
    rows_add(rl, people, "CSTT")
    rating_row_add(
        actor=officer, rating_list=rl, person=people[0],
        award_type=AwardType.objects.get(code="CSTDCS"), rating=Rating.EXCELLENT,
        initiative=initiative,
    )  # fmt: skip
    action_run(instance=rl, name="submit", actor=officer)
    rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)
    elsewhere = HonourRecord.objects.create(
        person=people[0], year=YEAR - 1, award_type=AwardType.objects.get(code="CSTDCS")
    )
    Initiative.objects.filter(pk=initiative.pk).update(used_for=elsewhere)
    with pytest.raises(ValidationError, match="đã được dùng để xét"):
        _decide([rl], director)
    rl.refresh_from_db()
    assert rl.state == RatingListState.RECOMMENDED
    assert not HonourRecord.objects.filter(year=YEAR).exists()


def test_the_recognition_decision_opens_in_the_decisions_pages(
    client, officer, secretary, director, district
):
    rl = rating_list(district)
    rows_add(rl, officers(district, 3), "CSTT")
    action_run(instance=rl, name="submit", actor=officer)
    rating_lists_recommend(lists=[rl], actor=secretary, votes_for=5)
    decision = _decide([rl], director)
    client.force_login(director)
    assert client.get("/decisions/").status_code == 200
    page = client.get(f"/decisions/{decision.pk}/")
    assert page.status_code == 200 and decision.number in page.content.decode()


def test_the_annex_groups_the_decision_by_title_then_unit(
    client, officer, secretary, director, district, commune
):
    import openpyxl

    from commendations.annual_titles.excel import annex_groups

    lists = []
    for unit, n in ((district, 3), (commune, 2)):
        rl = rating_list(unit)
        people = officers(unit, n)
        rows_add(rl, people, "CSTT")
        action_run(instance=rl, name="submit", actor=officer)
        lists.append(rl)
    rating_lists_recommend(lists=lists, actor=secretary, votes_for=5)
    _decide(lists, director)
    lists[1].refresh_from_db()
    groups = annex_groups(lists[1])
    assert [(g.award_type, g.unit, len(g.people)) for g in groups] == [
        ("Chiến sĩ tiên tiến", district.name, 3),
        ("Chiến sĩ tiên tiến", commune.name, 2),
    ]
    client.force_login(director)
    response = client.get(f"/rating-lists/{lists[1].pk}/annex.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [row for row in sheet.iter_rows(values_only=True)]
    assert values[0][0].startswith("Danh sách kèm theo Quyết định số 5/QĐ-CAT-PV05")
    assert values[2][0] == "Danh hiệu: Chiến sĩ tiên tiến"
    assert [v[3] for v in values[3:]] == [district.name] * 3 + [commune.name] * 2
    api = client.get(f"/api/v1/rating-lists/{lists[0].pk}/annex/")
    assert api.status_code == 200 and api.json()["count"] == len(api.json()["results"]) == 2
