"""Registration at the start of the year (đăng ký thi đua), and the setting that makes it a
precondition of a title."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from commendations.annual_titles.models import Rating, RegistrationRule
from commendations.annual_titles.selectors import registrations_visible_to
from commendations.annual_titles.services import registration_add
from commendations.campaigns.models import AwardType
from tests.annual_titles.helpers import YEAR, officers, rating_list, rows_add
from workflow.models import AuditEvent

pytestmark = pytest.mark.django_db


def _title(code: str) -> AwardType:
    return AwardType.objects.get(code=code)


def test_a_unit_registers_its_officers_and_itself_and_the_office_sees_all(
    officer, other_officer, member, district, commune, other_district
):
    person = officers(commune, 1)[0]
    mine = registration_add(
        actor=officer, unit=district, year=YEAR, award_type=_title("CSTDCS"), person=person
    )
    registration_add(actor=officer, unit=district, year=YEAR, award_type=_title("DVQT"))
    assert AuditEvent.objects.for_object(mine).get().kind == "registration_recorded"
    with pytest.raises(ValidationError, match="Đã đăng ký"):
        registration_add(actor=officer, unit=district, year=YEAR, award_type=_title("DVQT"))
    with pytest.raises(PermissionDenied):
        registration_add(actor=other_officer, unit=district, year=YEAR, award_type=_title("DVQT"))
    with pytest.raises(ValidationError) as exc:
        registration_add(
            actor=officer, unit=district, year=YEAR, award_type=_title("BK-BCA"), person=person
        )
    assert "award_type" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        registration_add(actor=officer, unit=district, year=YEAR, award_type=_title("CSTT"))
    assert "tập thể" in exc.value.message_dict["award_type"][0]
    assert registrations_visible_to(member).count() == 2
    assert registrations_visible_to(officer).count() == 2
    assert registrations_visible_to(other_officer).count() == 0


def test_when_the_setting_requires_it_an_unregistered_officer_is_excluded(officer, district):
    RegistrationRule.objects.create(
        award_type=_title("CSTDCS"), required=True, valid_from=datetime.date(2020, 1, 1)
    )
    people = officers(district, 2)
    registration_add(
        actor=officer, unit=district, year=YEAR, award_type=_title("CSTDCS"), person=people[0]
    )
    rl = rating_list(district)
    registered, unregistered = rows_add(rl, people, "CSTDCS", Rating.EXCELLENT)
    [cstt] = rows_add(rl, people[1:], "CSTT")
    assert registered.excluded_reason == ""
    assert unregistered.excluded_reason == (
        f"Không xét: chưa đăng ký thi đua danh hiệu này đầu năm {YEAR}."
    )
    assert cstt.excluded_reason == ""  # no rule for Chiến sĩ tiên tiến
