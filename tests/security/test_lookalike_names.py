"""Issue #28, attack 3: the same nominee proposed again with a zero-width space, a Cyrillic "а",
a soft hyphen or a trailing right-to-left override was accepted as new (201), bypassing "one
nomination per nominee and campaign"; the two names read identically to reviewers. Refused now,
with a message saying which character, by the model's field validator: the web form, the API and
the Excel import all run it. The uniqueness key ignores such characters as well."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from commendations.nominations.models import Nomination, nominee_key
from commendations.nominations.names import name_key, validate_nominee_name

pytestmark = pytest.mark.django_db

NAME = "Rah Lan Thị Hùng"
LOOKALIKES = {
    "zero-width space": "Rah Lan\u200b Thị Hùng",
    "cyrillic a": "R\u0430h Lan Thị Hùng",
    "soft hyphen": "Rah L\u00adan Thị Hùng",
    "trailing RLO": "Rah Lan Thị Hùng\u202e",
    "bom": "\ufeffRah Lan Thị Hùng",
    "greek omicron": "Rah Lan Thị Hùng".replace("H", "Η"),
}
REFUSED_ONLY = {
    "hangul filler": "Rah Lan\u3164Thị Hùng",
    "stacked marks": "Rah Lan Thị Hu\u0301\u0301\u0301ng",
}
GENUINE = [
    "Nguyễn Văn Hùng",
    "Rah Lan Chung",
    "Ksor H'Blang",
    "Ksor Hʼ Blang",
    "Rơ Mah Thị Ệ",
    "Công an xã Ia Sao (huyện Ia Grai) – Tổ 3",
    "Đội CSGT số 1",
]


def payload(campaign, district, award, name: str) -> dict:
    return {
        "campaign": campaign.pk,
        "unit": district.pk,
        "award_type": award.pk,
        "nominee_kind": "individual",
        "nominee_name": name,
        "date_of_birth": "1985-04-02",
        "rank": "Đại úy",
        "position": "Trưởng Công an xã",
        "achievement_summary": "Phát hiện, triệt phá 2 ổ nhóm tội phạm.",
    }


@pytest.mark.parametrize("case", sorted({**LOOKALIKES, **REFUSED_ONLY}))
def test_the_same_nominee_again_through_the_api_is_refused_with_a_clear_message(
    as_user, officer, campaign, district, director_award, case
):
    api = as_user(officer)
    url = "/api/v1/nominations/"
    first = api.post(url, payload(campaign, district, director_award, NAME), format="json")
    assert first.status_code == 201, first.json()
    again = api.post(
        url,
        payload(campaign, district, director_award, {**LOOKALIKES, **REFUSED_ONLY}[case]),
        format="json",
    )
    assert again.status_code == 400, again.json()
    assert "U+" in str(again.json())  # says which character


@pytest.mark.parametrize("case", sorted(LOOKALIKES))
def test_the_key_reads_lookalikes_as_the_same_name(case):
    born = datetime.date(1985, 4, 2)
    assert nominee_key("individual", LOOKALIKES[case], born) == nominee_key(
        "individual", NAME, born
    )


@pytest.mark.parametrize("name", GENUINE)
def test_vietnamese_and_central_highlands_names_are_accepted(name):
    validate_nominee_name(name)


def test_apostrophes_and_compatibility_forms_fold_into_one_key():
    assert name_key("Ksor H'Blang") == name_key("Ksor H\u2019Blang") == name_key("KSOR Hʼblang")
    assert name_key("Nguyễn  Văn\u00a0Hùng") == name_key("nguyễn văn hùng")


def test_the_model_refuses_them_too_for_the_web_form_and_the_excel_import(
    campaign, district, director_award
):
    """The web form (a ModelForm) and the import (clean_fields per row) run the field's
    validators; full_clean is what both call."""
    nomination = Nomination(
        campaign=campaign,
        unit=district,
        award_type=director_award,
        nominee_name=LOOKALIKES["trailing RLO"],
    )
    with pytest.raises(ValidationError) as refused:
        nomination.clean_fields(exclude=["campaign", "unit", "award_type", "created_by", "state"])
    assert "U+202E" in " ".join(refused.value.message_dict["nominee_name"])
