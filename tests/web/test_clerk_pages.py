"""The clerk's pages on the real certificate services: progress, bulk marks, retry, ceremonies,
print packs; and the documents the Director and the secretary download."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from commendations.actions import certificates as certificates_actions
from commendations.actions.decisions import decision_issue
from commendations.ceremonies import services as ceremonies_services
from commendations.ceremonies.models import Ceremony, PrintPack
from commendations.certificates.models import Certificate
from commendations.decisions.services import decision_create
from commendations.tasks import certificates as certificates_tasks
from workflow.actors import SYSTEM
from workflow.services import transition_perform

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(make_nomination, director, settings, tmp_path):
    """An issued Giấy khen decision of three nominations; certificates numbered, not rendered."""
    settings.MEDIA_ROOT = tmp_path / "media"
    nominations = [make_nomination("awaiting", nominee_name=f"Người {i}") for i in range(3)]
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="21/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in nominations],
    )
    return decision_issue(decision=decision, actor=director)


def render_all(decision) -> None:
    for certificate in Certificate.objects.filter(decision=decision, state="pending"):
        certificates_actions.certificate_render(certificate_id=certificate.pk)


def test_clerk_sees_progress_then_100_percent(login, clerk, issued):
    client = login(clerk)
    page = client.get(issued.get_absolute_url()).content.decode()
    assert "Đã tạo 0/3" in page
    assert 'hx-trigger="every 2s"' in page  # polls while rendering
    render_all(issued)
    partial = client.get(reverse("decision_progress", args=[issued.pk])).content.decode()
    assert "Đã tạo 3/3" in partial and 'data-percent="100"' in partial
    assert "hx-trigger" not in partial  # finished: the polling stops
    assert 'hx-swap-oob="true"' in partial and 'data-certificate-state="rendered"' in partial
    assert f'name="next" value="{issued.get_absolute_url()}"' in partial


def test_generate_button_is_idempotent(login, clerk, issued, django_capture_on_commit_callbacks):
    client = login(clerk)
    response = client.post(reverse("certificates_generate", args=[issued.pk]))
    assert response.status_code == 302
    assert Certificate.objects.filter(decision=issued).count() == 3


def test_director_cannot_use_clerk_pages(login, director, issued):
    client = login(director)
    assert client.get(reverse("ceremony_list")).status_code == 403
    assert client.get(reverse("decision_progress", args=[issued.pk])).status_code == 403
    assert client.post(reverse("certificates_generate", args=[issued.pk])).status_code == 403
    assert "certificate-progress" not in client.get(issued.get_absolute_url()).content.decode()


def test_bulk_mark_printed_then_presented(login, clerk, issued):
    render_all(issued)
    ids = list(Certificate.objects.filter(decision=issued).values_list("pk", flat=True))
    client = login(clerk)
    client.post(reverse("certificates_mark"), {"ids": ids, "transition": "mark_printed"})
    assert set(Certificate.objects.values_list("state", flat=True)) == {"printed"}
    client.post(reverse("certificates_mark"), {"ids": ids[:1], "transition": "mark_presented"})
    assert Certificate.objects.get(pk=ids[0]).state == "presented"


def test_mark_refused_is_a_message_not_500(login, clerk, issued):
    ids = list(Certificate.objects.filter(decision=issued).values_list("pk", flat=True))
    response = login(clerk).post(
        reverse("certificates_mark"),
        {"ids": ids, "transition": "mark_presented", "next": issued.get_absolute_url()},
        follow=True,
    )
    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    assert set(Certificate.objects.values_list("state", flat=True)) == {"pending"}


def test_retry_failed_certificate(login, clerk, issued, monkeypatch):
    pass

    certificate = Certificate.objects.filter(decision=issued).first()
    transition_perform(instance=certificate, name="fail", actor=SYSTEM, error="Mẫu hỏng")
    page = login(clerk).get(issued.get_absolute_url()).content.decode()
    assert "Mẫu hỏng" in page and f"retry-{certificate.pk}" in page
    sent = []
    monkeypatch.setattr(
        certificates_tasks.render_certificates, "apply_async", lambda **kw: sent.append(kw)
    )
    with CaptureQueriesContext(connection):
        login(clerk).post(reverse("certificate_retry", args=[certificate.pk]))
    certificate.refresh_from_db()
    assert certificate.state == "pending"


def test_ceremony_and_print_pack(
    login, clerk, issued, soffice_path, settings, eager, django_capture_on_commit_callbacks
):
    render_all(issued)
    client = login(clerk)
    response = client.post(
        reverse("ceremony_list"),
        {
            "name": "Hội nghị tổng kết",
            "date": "28/12/2026",
            "place": "Hội trường",
            "group_size": 5,
            "decisions": [issued.pk],
        },
    )
    ceremony = Ceremony.objects.get()
    assert response.status_code == 302
    client.post(reverse("print_pack_request", args=[ceremony.pk]))
    pack = PrintPack.objects.get()
    status = client.get(reverse("print_pack_status", args=[pack.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in status
    with django_capture_on_commit_callbacks(execute=True):
        ceremonies_services.print_pack_build(pack_id=pack.pk)  # its chunks and merge run inline
    status = client.get(reverse("print_pack_status", args=[pack.pk])).content.decode()
    assert reverse("print_pack_download", args=[pack.pk, "pdf"]) in status
    response = client.get(reverse("print_pack_download", args=[pack.pk, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_ceremony_form_keeps_input_on_error(login, clerk, issued):
    response = login(clerk).post(
        reverse("ceremony_list"), {"name": "Lễ trao", "date": "28/12/2026", "place": ""}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert 'value="Lễ trao"' in body
    assert not Ceremony.objects.exists()


def test_print_pack_refused_before_rendering_is_a_message(login, clerk, issued):
    ceremony = ceremonies_services.ceremony_create(
        actor=clerk, name="Lễ", date=datetime.date(2026, 12, 28), place="HT", decisions=[issued]
    )
    response = login(clerk).post(reverse("print_pack_request", args=[ceremony.pk]), follow=True)
    assert "chưa tạo xong" in response.content.decode()
    assert not PrintPack.objects.exists()


def test_director_previews_the_decision_document(login, director, make_nomination):
    nomination = make_nomination("awaiting")
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="22/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 20),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[nomination.pk],
    )
    response = login(director).get(reverse("decision_document", args=[decision.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content[:2] == b"PK"


def test_secretary_downloads_the_submission_letter(
    login, secretary, make_nomination, ministry_award
):
    import io

    from docx import Document

    nomination = make_nomination(
        "recommended", award_type=ministry_award, nominee_name="Ông Ksor Y"
    )
    response = login(secretary).post(reverse("submission_letter"), {"ids": [nomination.pk]})
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Ông Ksor Y" in text


def test_ceremony_and_certificate_lists_query_count_does_not_grow(
    login, clerk, issued, make_nomination, director
):
    client = login(clerk)
    for i in range(10):
        ceremonies_services.ceremony_create(
            actor=clerk,
            name=f"Lễ {i}",
            date=datetime.date(2026, 12, 28),
            place="HT",
            decisions=[issued],
        )
    url = reverse("ceremony_list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(190):
        ceremonies_services.ceremony_create(
            actor=clerk,
            name=f"Lễ b{i}",
            date=datetime.date(2026, 12, 28),
            place="HT",
            decisions=[issued],
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(few.captured_queries) == len(many.captured_queries)
    # The decision page's certificate list: 3 rows vs 23 rows.
    client.get(issued.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(issued.get_absolute_url())
    more = [make_nomination("awaiting") for _ in range(20)]
    second = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="23/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 21),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in more],
    )
    decision_issue(decision=second, actor=director)
    client.get(second.get_absolute_url())
    with CaptureQueriesContext(connection) as many:
        client.get(second.get_absolute_url())
    assert len(few.captured_queries) == len(many.captured_queries)


def test_when_every_certificate_is_done_the_next_step_is_the_ceremony(login, clerk, issued):
    """At 3/3 the primary button leads on to the ceremony, "generate" is quiet, the certificate
    list comes before the decision's text, and each .docx link is named by its number."""
    client = login(clerk)
    before = client.get(issued.get_absolute_url()).content.decode()
    assert 'class="btn btn-primary w-100 next-step" type="submit"' in before  # generate first
    render_all(issued)
    page = client.get(issued.get_absolute_url()).content.decode()
    primary = page.split("next-step", 1)[1].split("</a>", 1)[0]
    assert "Lễ trao tặng" in primary
    assert "generate-quiet" in page
    assert page.index("certificate-list-card") < page.index("decision-preview")
    number = Certificate.objects.filter(decision=issued).first().registry_number
    assert f'aria-label="Tải bản .docx số {number}"' in page


def test_a_later_decision_is_added_to_the_ceremony(login, clerk, director, issued, make_nomination):
    ceremony = ceremonies_services.ceremony_create(
        actor=clerk,
        name="Lễ trao tặng",
        date=datetime.date(2027, 1, 5),
        place="Hội trường",
        decisions=[issued],
    )
    later = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="24/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 28),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[make_nomination("awaiting").pk],
    )
    decision_issue(decision=later, actor=director)
    client = login(clerk)
    detail = client.get(reverse("ceremony_detail", args=[ceremony.pk])).content.decode()
    assert reverse("ceremony_edit", args=[ceremony.pk]) in detail
    form = client.get(reverse("ceremony_edit", args=[ceremony.pk])).content.decode()
    assert 'value="Lễ trao tặng"' in form and "checked" in form
    response = client.post(
        reverse("ceremony_edit", args=[ceremony.pk]),
        {
            "name": "Lễ trao tặng",
            "date": "05/01/2027",
            "place": "Hội trường",
            "group_size": 5,
            "decisions": [issued.pk, later.pk],
        },
    )
    assert response.status_code == 302
    assert set(ceremony.decisions.values_list("pk", flat=True)) == {issued.pk, later.pk}
    # The API does the same with a PATCH.
    api = APIClient()
    api.force_authenticate(clerk)
    patched = api.patch(
        f"/api/v1/ceremonies/{ceremony.pk}/", {"decisions": [later.pk]}, format="json"
    )
    assert patched.status_code == 200, patched.content
    assert list(ceremony.decisions.values_list("pk", flat=True)) == [later.pk]
    assert Ceremony.objects.get(pk=ceremony.pk).place == "Hội trường"
