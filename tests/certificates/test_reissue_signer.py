"""A re-issued certificate (cấp lại / cấp đổi) is signed today by today's signer: it carries the
signer of the authority in force on the re-issue date and the re-issue date, keeps the original
decision's number and date and the original registry number, and writes its note's date in words
like every other date (issue #23)."""

import datetime
import io

import pytest
from docx import Document

from commendations.campaigns.models import Authority
from commendations.certificates.documents import certificate_context, certificate_render
from commendations.certificates.models import Certificate
from commendations.decisions.models import AuthoritySigner
from commendations.documents.rendering import template_current
from tests.certificate_fixtures import DECISION_DATE, awaiting, draft, issue, media  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

REISSUED_ON = datetime.date(2026, 12, 5)


@pytest.fixture
def reissued(campaign, district, officer, member, secretary, director, director_award):
    specs = [(director_award, "individual", "Huỳnh Thị Ngọc Ánh", {"rank": "Trung tá"})]
    nominations = awaiting(campaign, district, officer, member, secretary, specs)
    decision = issue(draft(director, nominations), director)
    old = Certificate.objects.get(decision=decision)
    Certificate.objects.filter(pk=old.pk).update(nomination=None, state="replaced")
    return Certificate.objects.create(
        nomination=nominations[0],
        decision=decision,
        authority=old.authority,
        year=old.year,
        serial=old.serial,
        registry_number=old.registry_number,
        replaces=old,
        reissue_number=1,
        reissued_on=REISSUED_ON,
    )


@pytest.fixture
def signers():
    authority = Authority.PROVINCIAL_DIRECTOR
    AuthoritySigner.objects.create(
        authority=authority,
        valid_from=datetime.date(2020, 1, 1),
        valid_to=datetime.date(2025, 1, 1),
        signer_title="GIÁM ĐỐC",
        signer_rank="Đại tá",
        signer_name="Nguyễn Ngọc Sơn",
    )
    AuthoritySigner.objects.create(
        authority=authority,
        valid_from=datetime.date(2025, 1, 1),
        signer_mode="KT.",
        signer_principal_title="GIÁM ĐỐC",
        signer_title="PHÓ GIÁM ĐỐC",
        signer_rank="Thiếu tướng",
        signer_name="Trần Văn Mới",
    )


def test_the_signer_in_force_is_looked_up_by_date(signers):
    assert (
        AuthoritySigner.signer_on(Authority.PROVINCIAL_DIRECTOR, DECISION_DATE).name
        == "Nguyễn Ngọc Sơn"
    )
    assert (
        AuthoritySigner.signer_on(Authority.PROVINCIAL_DIRECTOR, REISSUED_ON).name == "Trần Văn Mới"
    )
    assert AuthoritySigner.signer_on(Authority.MINISTRY, REISSUED_ON) is None


def test_a_reissue_carries_todays_signer_and_date_and_keeps_the_original_reference(
    reissued, signers
):
    context = certificate_context(reissued)
    assert context["signer_heading"] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]
    assert context["signer_name_line"] == "Thiếu tướng Trần Văn Mới"
    assert context["date_line"].replace("\u00a0", " ").endswith("ngày 05 tháng 12 năm 2026")
    assert context["decision_line"].replace("\u00a0", " ") == (
        "Quyết định số 12/QĐ-CAT-PV05 ngày 01 tháng 3 năm 2023"
    )
    assert context["registry_number"] == reissued.replaces.registry_number
    assert reissued.replacement_note == "Cấp lại lần 1, ngày 05 tháng 12 năm 2026"
    assert context["replacement_note"] == reissued.replacement_note


def test_the_reissued_document_reads_so(reissued, signers):
    template = template_current(reissued.kind)
    text = "\n".join(
        p.text.replace("\u00a0", " ")
        for p in _paragraphs(Document(io.BytesIO(certificate_render(reissued, template))))
    )
    assert "Trần Văn Mới" in text and "Nguyễn Ngọc Sơn" not in text
    assert "ngày 05 tháng 12 năm 2026" in text
    assert "ngày 01 tháng 3 năm 2023" in text  # the decision's reference
    assert "Cấp lại lần 1, ngày 05 tháng 12 năm 2026" in text
    assert reissued.registry_number in text


def test_the_original_keeps_its_own_signer_and_date(reissued, signers):
    context = certificate_context(reissued.replaces)
    assert context["signer_name_line"] == "Nguyễn Ngọc Sơn"  # as the decision was signed
    assert context["date_line"].replace("\u00a0", " ").endswith("ngày 01 tháng 3 năm 2023")
    assert context["replacement_note"] == ""


def _paragraphs(document):
    yield from document.paragraphs
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                yield from cell.paragraphs
    for section in document.sections:
        yield from section.footer.paragraphs
