"""The crawl (issue #27 §1): on a demo that holds one object in every state, every page of the
site — every URL pattern of the web urlconf, with the ids of real objects filled in — opens
for every role (and for an anonymous visitor) without a server error."""

import datetime
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, reverse
from django.utils import timezone

from commendations import urls as web_urls
from commendations.actions.certificates import (
    replacement_approve,
    replacement_refuse,
    revocation_create,
)
from commendations.annual_titles.models import RatingList
from commendations.campaigns.models import Campaign
from commendations.ceremonies.models import Ceremony, PrintPack
from commendations.certificates.models import Certificate, ReplacementRequest
from commendations.certificates.public_verification import verification_path
from commendations.certificates.replacement import replacement_request_create
from commendations.committee.models import CommitteeSession
from commendations.decisions.models import Decision, SubmissionLetter
from commendations.decisions.services import decision_create
from commendations.demo.first_login import DECISION_NUMBER
from commendations.eligibility.models import ConditionCode
from commendations.nominations.models import Attachment, Nomination, NominationImport
from commendations.tokens.models import ApiToken
from commendations.tokens.services import api_token_issue
from commendations.units.models import Person, Unit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("crawl_media")]

ROLES = [
    None,  # anonymous
    "unit_officer",
    "unit_officer_pleiku",
    "committee_member",
    "committee_secretary",
    "director",
    "ministry",
    "clerk",
    "admin",
]


@pytest.fixture
def crawl_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def one_per_state(queryset, field: str = "state") -> list[Any]:
    """The first object of each state (a demo holds many of some)."""
    seen: dict[Any, Any] = {}
    for obj in queryset.order_by("pk"):
        seen.setdefault(getattr(obj, field), obj)
    return list(seen.values())


def demo_in_every_state() -> None:
    """The demo, plus what it lacks: a replaced certificate with its re-issue, a refused and a
    pending replacement request, a revoked award, a revoked decision."""
    call_command("load_demo", verbosity=0)
    director, clerk = User.objects.get(username="director"), User.objects.get(username="clerk")
    issued = Decision.objects.get(number=DECISION_NUMBER)  # the 2022 one, with its ceremony
    certificates = list(Certificate.objects.filter(decision=issued).order_by("serial"))
    assert len(certificates) >= 2, "the demo's issued decision has two certificates"
    Certificate.objects.filter(pk__in=[c.pk for c in certificates]).update(state="rendered")
    first, second = (Certificate.objects.get(pk=c.pk) for c in certificates[:2])
    approved = replacement_request_create(
        certificate=first, applicant="A", kind="cap_lai", reason="Mất", evidence=None, actor=clerk
    )
    new = replacement_approve(replacement_request=approved, actor=director, comment="Đồng ý")
    Certificate.objects.filter(pk=new.pk).update(state="rendered")  # its rendering is a task
    refused = replacement_request_create(
        certificate=new, applicant="B", kind="cap_doi", reason="Rách", evidence=None, actor=clerk
    )
    replacement_refuse(replacement_request=refused, actor=director, comment="Không đủ căn cứ")
    replacement_request_create(
        certificate=new, applicant="C", kind="cap_doi", reason="Ố", evidence=None, actor=clerk
    )
    revocation_create(decision=issued, certificate=second, reason="Giả mạo", actor=director)
    # A draft decision, a Tờ trình, a print pack (done, its files gone), an import, an API key.
    waiting = Nomination.objects.filter(state="awaiting_director").order_by("pk")[:1]
    if waiting:
        decision_create(
            actor=director, authority="PROVINCIAL_DIRECTOR", number="999/QĐ-CAT-PV05",
            date=datetime.date(2022, 12, 30), signer_name="Rah Lan Chung", signer_title="GIÁM ĐỐC",
            nomination_ids=[n.pk for n in waiting],
        )  # fmt: skip
    letter = SubmissionLetter.objects.create(
        number="15/TTr-CAT-PV05", date=datetime.date(2022, 12, 20), year=2022,
        signer_title="GIÁM ĐỐC", signer_name="Rah Lan Chung", pdf_sha256="0" * 64,
        documents_made_at=timezone.now(),
    )  # fmt: skip
    letter.docx.save("to-trinh.docx", ContentFile(b"PK"), save=False)
    letter.pdf.save("to-trinh.pdf", ContentFile(b"%PDF-1.4"), save=True)
    letter.nominations.set(Nomination.objects.filter(state="awaiting_ministry")[:2])
    PrintPack.objects.create(ceremony=Ceremony.objects.first(), status=PrintPack.Status.DONE)
    officer = User.objects.get(username="unit_officer")
    NominationImport.objects.create(
        campaign=Campaign.objects.first(), created_by=officer, file="imports/x.xlsx",
        status=NominationImport.Status.FAILED, errors=[{"row": 2, "message": "Thiếu tên"}],
    )  # fmt: skip
    api_token_issue(user=officer, name="máy chủ đơn vị")


def _ids(objects: Iterable[Any]) -> list[dict[str, Any]]:
    return [{"pk": o.pk} for o in objects]


def _nominations() -> list[Any]:
    return one_per_state(Nomination.objects.all())


# url name -> the keyword arguments to open it with (the real objects of every state).
KWARGS: dict[str, Callable[[], list[dict[str, Any]]]] = {
    "nomination_detail": lambda: _ids(_nominations()),
    "nomination_edit": lambda: _ids(_nominations()),
    "nomination_transition": lambda: [
        {"pk": n.pk, "name": name} for n in _nominations()[:3] for name in ("submit", "withdraw")
    ],
    "attachment_upload": lambda: _ids(_nominations()[:2]),
    "attachment_download": lambda: _ids(Attachment.objects.order_by("pk")[:2]),
    "committee_session_detail": lambda: _ids(CommitteeSession.objects.all()),
    "committee_session_vote": lambda: _ids(CommitteeSession.objects.all()[:1]),
    "committee_session_recuse": lambda: _ids(CommitteeSession.objects.all()[:1]),
    "committee_session_recommend": lambda: _ids(CommitteeSession.objects.all()[:1]),
    "consolidation_return": lambda: _ids(_nominations()[:1]),
    "decision_detail": lambda: _ids(Decision.objects.all()),
    "decision_issue": lambda: _ids(Decision.objects.all()[:1]),
    "decision_delete": lambda: _ids(Decision.objects.all()[:1]),
    "decision_revoke": lambda: _ids(Decision.objects.all()[:1]),
    "decision_document": lambda: _ids(one_per_state(Decision.objects.all())),
    "decision_scan": lambda: _ids(Decision.objects.all()),
    "decision_pdf": lambda: _ids(one_per_state(Decision.objects.all())),
    "decision_signed_pdf": lambda: _ids(one_per_state(Decision.objects.all())),
    "decision_sign_on_paper": lambda: _ids(one_per_state(Decision.objects.all())),
    "decision_seal": lambda: _ids(one_per_state(Decision.objects.all())),
    "decision_progress": lambda: _ids(Decision.objects.all()),
    "certificates_generate": lambda: _ids(Decision.objects.all()[:1]),
    "submission_letter_detail": lambda: _ids(SubmissionLetter.objects.all()),
    "submission_letter_pdf": lambda: _ids(SubmissionLetter.objects.all()),
    "submission_letter_package": lambda: _ids(SubmissionLetter.objects.all()),
    "long_service_decision_record": lambda: _ids(SubmissionLetter.objects.all()),
    "certificate_retry": lambda: _ids(Certificate.objects.all()[:1]),
    "certificate_download": lambda: _ids(one_per_state(Certificate.objects.all())),
    "certificate_pdf_download": lambda: _ids(one_per_state(Certificate.objects.all())),
    "ceremony_detail": lambda: _ids(Ceremony.objects.all()),
    "ceremony_edit": lambda: _ids(Ceremony.objects.all()),
    "ceremony_presenter_set": lambda: _ids(Ceremony.objects.all()[:1]),
    "print_pack_request": lambda: _ids(Ceremony.objects.all()[:1]),
    "print_pack_status": lambda: _ids(PrintPack.objects.all()),
    "print_pack_download": lambda: [
        {"pk": p.pk, "kind": k} for p in PrintPack.objects.all() for k in ("pdf", "zip", "docx")
    ],
    "eligibility_confirm": lambda: [
        {"pk": n.pk, "code": ConditionCode.values[0]} for n in _nominations()[:1]
    ],
    # The documents are built on request (LibreOffice for the overlay): the run-sheet, and an
    # unknown kind, are enough to know the page answers.
    "ceremony_document": lambda: [
        {"pk": c.pk, "kind": k} for c in Ceremony.objects.all()[:1] for k in ("run-sheet", "x")
    ],
    "calibration_page": lambda: [{"kind": "x"}],
    "certificate_verify": lambda: (
        [
            {"token": verification_path(c).rstrip("/").rsplit("/", 1)[-1]}
            for c in Certificate.objects.order_by("pk")
        ]
        + [{"token": "not-a-token"}, {"token": "A" * 40}]
    ),
    "excel_import_status": lambda: _ids(NominationImport.objects.all()),
    "excel_import_submit": lambda: _ids(NominationImport.objects.all()[:1]),
    "excel_import_template": lambda: [{"campaign_pk": c.pk} for c in Campaign.objects.all()],
    "excel_decision_annex": lambda: _ids(Decision.objects.all()),
    "api_token_revoke": lambda: _ids(ApiToken.objects.all()[:1]),
    "person_history": lambda: _ids(Person.objects.order_by("pk")[:3]),
    "honour_ministry_certificate": lambda: _ids(Person.objects.order_by("pk")[:3]),
    "unit_history": lambda: _ids(Unit.objects.order_by("pk")[:: max(1, Unit.objects.count() // 8)]),
    "replacement_create": lambda: _ids(one_per_state(Certificate.objects.all())),
    "replacement_approve": lambda: _ids(ReplacementRequest.objects.all()[:1]),
    "replacement_refuse": lambda: _ids(ReplacementRequest.objects.all()[:1]),
    "rating_list_detail": lambda: _ids(one_per_state(RatingList.objects.all())),
    "rating_list_annex": lambda: _ids(one_per_state(RatingList.objects.all())),
    "rating_row_add": lambda: _ids(RatingList.objects.order_by("pk")[:1]),
    "rating_row_delete": lambda: _ids(RatingList.objects.order_by("pk")[:1]),
    "rating_rows_import": lambda: _ids(RatingList.objects.order_by("pk")[:1]),
    "rating_list_transition": lambda: [
        {"pk": rl.pk, "name": name}
        for rl in RatingList.objects.order_by("pk")[:1]
        for name in ("submit", "recommend")
    ],
}
# Pages left out on purpose (with why).
SKIPPED = {"logout"}  # the crawl's own session would end


def crawl_urls() -> list[str]:
    urls = []
    for pattern in web_urls.urlpatterns:
        assert isinstance(pattern, URLPattern)
        name = pattern.name
        if name in SKIPPED:
            continue
        if pattern.pattern.converters:
            assert name in KWARGS, f"the crawl does not know how to open {name}: add it to KWARGS"
            urls += [reverse(name, kwargs=kwargs) for kwargs in KWARGS[name]()]
        else:
            urls.append(reverse(name))
    return urls


def test_every_page_opens_for_every_role_without_a_server_error():
    demo_in_every_state()
    urls = crawl_urls()
    assert len(urls) > 110
    failures = []
    for username in ROLES:
        client = Client(raise_request_exception=False)
        if username:
            client.force_login(User.objects.get(username=username))
        for url in urls:
            response = client.get(url)
            if response.status_code >= 500:
                failures.append((username, url, response.status_code))
    assert failures == []
