"""A position does not repeat its unit ("Trưởng Công an xã Nghĩa Hưng", not "Trưởng Công an xã,
Công an xã Nghĩa Hưng"), units print by their full names (no "CSGT-TT & Cơ động"), and every
cited legal text carries its number, date and issuer."""

import datetime
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from commendations.decisions.documents import decision_context
from commendations.decisions.services import decision_create
from commendations.demo.loader import demo_load
from commendations.documents.layout import date_words
from commendations.documents.naming import position_at_workplace
from commendations.eligibility.models import LegalBasis
from commendations.nominations.models import Nomination, NominationState


@pytest.mark.parametrize(
    ("position", "workplace", "expected"),
    [
        (
            "Trưởng Công an xã",
            "Công an xã Nghĩa Hưng, huyện Chư Păh",
            "Trưởng Công an xã Nghĩa Hưng, huyện Chư Păh",
        ),
        (
            "Phó Trưởng Công an xã",
            "Công an xã Ia Blang",
            "Phó Trưởng Công an xã Ia Blang",
        ),
        (
            "Đội trưởng Đội Tham mưu - Tổng hợp",
            "Công an thành phố Pleiku",
            "Đội trưởng Đội Tham mưu - Tổng hợp, Công an thành phố Pleiku",
        ),
        ("Trưởng thôn", "Thôn 2, xã Glar", "Trưởng thôn, Thôn 2, xã Glar"),
        ("", "Công an xã Ia Sao", "Công an xã Ia Sao"),
        ("Cán bộ", "", "Cán bộ"),
    ],
)
def test_a_position_does_not_repeat_the_unit(position, workplace, expected):
    assert position_at_workplace(position, workplace) == expected


@pytest.mark.django_db
def test_the_demo_annex_names_positions_and_units_in_full():
    demo_load()
    director = User.objects.get(username="director")
    waiting = Nomination.objects.filter(
        state=NominationState.AWAITING_DIRECTOR, decision__isnull=True
    ).values_list("pk", flat=True)
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="1/QĐ-THU",
        date=datetime.date(2023, 3, 6),
        signer_name="Nguyễn Ngọc Sơn",
        signer_title="GIÁM ĐỐC",
        nomination_ids=list(waiting),
    )
    context = decision_context(decision)
    text = "\n".join(f"{r['name']} | {r['description']}" for r in context["rows"])
    assert "Trưởng Công an xã Nghĩa Hưng" in text
    assert "Trưởng Công an xã, Công an xã" not in text
    assert "CSGT" not in text and "&" not in text
    assert "Đội Cảnh sát giao thông - trật tự và Cơ động" in text
    for line in context["legal_bases"]:
        assert re.search(r"ngày \d{2} tháng \d{1,2} năm \d{4}", line), line


@pytest.mark.django_db
def test_every_seeded_legal_basis_cites_its_date_and_issuer():
    for basis in LegalBasis.objects.all():
        assert basis.issued_on is not None, basis.short_name
        assert date_words(basis.issued_on) in basis.citation, basis.short_name
        if basis.kind != LegalBasis.Kind.LAW:
            assert basis.issuer and f"của {basis.issuer}" in basis.citation, basis.short_name


@pytest.mark.django_db
def test_a_citation_without_its_date_is_refused():
    basis = LegalBasis.objects.get(short_name="12/2019/TT-BCA")
    basis.citation = "Căn cứ Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an;"
    with pytest.raises(Exception, match="ngày"):
        basis.full_clean()


@pytest.mark.django_db
def test_the_administrator_sees_the_unverified_dates(admin_client):
    unverified = LegalBasis.objects.filter(date_verified=False)
    assert unverified.exists()
    page = admin_client.get(reverse("admin:commendations_legalbasis_changelist")).content.decode()
    for basis in unverified:
        assert basis.short_name in page
    assert "chưa đối chiếu" in page
