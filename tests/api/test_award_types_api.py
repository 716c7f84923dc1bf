import pytest

pytestmark = pytest.mark.django_db


def test_award_types_show_category_authority_and_criteria(as_user, officer):
    response = as_user(officer).get("/api/v1/award-types/")
    assert response.status_code == 200
    body = response.json()
    rows = body["results"] if isinstance(body, dict) else body
    by_code = {row["code"]: row for row in rows}
    cand = by_code["CSTD-CAND"]
    assert cand["category"] == "emulation_title"
    assert cand["decided_by"]["level"] == "minister"
    assert {c["mandatory"] for c in cand["criteria"]} == {True}
    assert all(c["legal_reference"].startswith("Điều 22") for c in cand["criteria"])
    assert by_code["GK-GD"]["category"] == "commendation"
