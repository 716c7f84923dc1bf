"""`GET /me/` tells a client who it is acting as; `GET /users/?role=` lists whom a secretary
may seat in a committee session."""

import pytest

pytestmark = pytest.mark.django_db


def test_me_gives_the_callers_id_name_units_roles_and_permissions(as_user, officer, district):
    me = as_user(officer).get("/api/v1/me/")
    assert me.status_code == 200, me.content
    body = me.json()
    assert body["id"] == officer.pk and body["username"] == officer.username
    assert body["unit"]["id"] == district.pk
    assert district.pk in [unit["id"] for unit in body["units"]]
    assert body["roles"] == ["unit_officer"]
    assert body["permissions"] == ["propose_nomination"]


def test_me_of_the_secretary_has_no_unit_and_the_committee_capabilities(as_user, secretary):
    body = as_user(secretary).get("/api/v1/me/").json()
    assert "forward_nomination" in body["permissions"]
    assert "propose_nomination" not in body["permissions"]
    assert body["roles"] == ["committee_secretary"]


def test_me_needs_credentials(client):
    assert client.get("/api/v1/me/").status_code == 401


def test_the_secretary_lists_the_committee_members(as_user, secretary, member, officer):
    response = as_user(secretary).get("/api/v1/users/", {"role": "committee_member"})
    assert response.status_code == 200, response.content
    ids = [row["id"] for row in response.json()["results"]]
    assert member.pk in ids and officer.pk not in ids and secretary.pk not in ids


def test_a_unit_officer_may_not_list_users(as_user, officer):
    assert as_user(officer).get("/api/v1/users/").status_code == 403


def test_an_unknown_role_is_a_400(as_user, secretary):
    response = as_user(secretary).get("/api/v1/users/", {"role": "nobody"})
    assert response.status_code == 400 and "role" in response.json()["fields"]
