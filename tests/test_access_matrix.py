"""Access-control matrix, built from the URL resolver so that a new view cannot slip in unchecked:
every named URL of the site and the API must be listed in EXPECT below (an unknown name fails),
every non-public one must refuse an anonymous visitor (GET and POST), and for every role (and a
user with no role, and a superuser) and for objects of the user's own unit and of another unit,
each URL is reached by exactly the roles EXPECT names, for GET and for POST.

"Reached" is anything but 401/403/404/405 or a redirect to the login page: an empty POST that is
answered by a validation error (400) or by a "not now" message (302, 409) has passed the access
check, so it must come only to roles that may use the view. Transitions (nomination, decision
issue) are reached by everyone who may see the object: which transition a role may fire depends
on the state and is checked by `transition_perform` (tests/workflow, tests/commendations)."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from commendations.actions.decisions import decision_issue
from commendations.annual_titles.models import RatingList
from commendations.campaigns.models import AwardType
from commendations.ceremonies.models import Ceremony, PrintPack
from commendations.certificates.models import Certificate, ReplacementRequest
from commendations.committee.services import committee_session_create
from commendations.decisions.models import Decision, DecisionPdfStatus, SubmissionLetter
from commendations.decisions.services import decision_create
from commendations.nominations.models import Attachment, Nomination, NominationImport
from commendations.nominations.services import secret_reviewers_designate
from commendations.tokens.services import api_token_issue
from commendations.units.models import Person
from tests.factories import NominationFactory, make_user
from tests.helpers import advance

pytestmark = pytest.mark.django_db

OFFICER, MEMBER, SECRETARY = "unit_officer", "committee_member", "committee_secretary"
DIRECTOR, MINISTRY, CLERK = "provincial_director", "ministry", "clerk"
NO_ROLE, SUPERUSER = "no_role", "superuser"
ROLES = (OFFICER, MEMBER, SECRETARY, DIRECTOR, MINISTRY, CLERK, NO_ROLE, SUPERUSER)
PROVINCE_WIDE = frozenset({MEMBER, SECRETARY, DIRECTOR, MINISTRY, CLERK})

# Who: a set of roles, or one of these.
PUBLIC = "public"  # anyone, logged in or not: only the anonymous test applies
SEEN = "seen"  # everyone who may see the object (unit scope and role scope, see _sees)
ALL = frozenset(ROLES)  # any logged-in user; the view scopes what it shows
NOBODY = frozenset()
PROPOSE = frozenset({OFFICER, SUPERUSER})
REVIEW = frozenset({MEMBER, SECRETARY, SUPERUSER})
FORWARD = frozenset({SECRETARY, SUPERUSER})
DECIDE = frozenset({DIRECTOR, MINISTRY, SUPERUSER})
CERTS = frozenset({CLERK, SUPERUSER})
KEEP = frozenset({OFFICER, SECRETARY, SUPERUSER})  # people and their history

# What the URL's pk names.
NOM, ATT, DEC, CERT = "nomination", "attachment", "decision", "certificate"
CER, PACK, SESSION = "ceremony", "pack", "session"
CAMPAIGN, AWARD, UNIT = "campaign", "award_type", "unit"
TOKEN = "api_token"  # the officer's: one's own tokens only
IMPORT = "import"  # an Excel import: its author's alone
PERSON, REPL = "person", "replacement"
LETTER = "submission_letter"  # a Tờ trình to the Ministry and its dossier package
RATING = "rating_list"  # a unit's year-end list for the annual titles (a draft, no rows)
LS_LETTER = "long_service_letter"  # a Tờ trình of a long-service proposal

# name: (object, who reaches it by GET, who reaches it by POST)
EXPECT: dict[str, tuple[str | None, object, object]] = {
    # site
    "healthz": (None, PUBLIC, PUBLIC),
    "login": (None, PUBLIC, PUBLIC),
    "set_language": (None, PUBLIC, PUBLIC),
    "certificate_verify": (None, PUBLIC, PUBLIC),  # the QR code on a printed certificate
    "certificate_verify_lookup": (None, PUBLIC, PUBLIC),  # the code printed under the QR
    "home": (None, ALL, ALL),
    "logout": (None, NOBODY, ALL),
    "notifications_read": (None, NOBODY, ALL),
    "nomination_list": (None, PROPOSE, PROPOSE),
    "nomination_create": (None, PROPOSE, PROPOSE),
    "nomination_detail": (NOM, SEEN, SEEN),
    "nomination_edit": (NOM, PROPOSE, PROPOSE),
    "nomination_form_fields": (None, PROPOSE, NOBODY),  # htmx GET: the form's dependent fields
    "nomination_transition": (NOM, SEEN, SEEN),  # GET leads to the nomination's page
    "attachment_upload": (NOM, NOBODY, PROPOSE),
    "eligibility_confirm": (NOM, NOBODY, REVIEW),
    "attachment_download": (ATT, SEEN, SEEN),
    "review_queue": (None, REVIEW, REVIEW),
    "committee_session_list": (None, REVIEW, REVIEW),
    "committee_session_create": (None, FORWARD, FORWARD),
    "committee_session_detail": (SESSION, REVIEW, REVIEW),  # a member: the sessions they sit in
    "committee_session_vote": (SESSION, NOBODY, REVIEW),
    "committee_session_recuse": (SESSION, NOBODY, REVIEW),
    "committee_session_recommend": (SESSION, NOBODY, FORWARD),
    "consolidation_list": (None, PROPOSE, PROPOSE),
    "consolidation_forward": (None, NOBODY, PROPOSE),
    "consolidation_return": (NOM, NOBODY, PROPOSE),
    "forward_queue": (None, FORWARD, FORWARD),
    "forward_bulk": (None, NOBODY, FORWARD),
    "submission_letter": (None, NOBODY, FORWARD),
    "submission_letter_create": (None, NOBODY, FORWARD),
    "submission_letter_detail": (LETTER, FORWARD, NOBODY),
    "submission_letter_pdf": (LETTER, FORWARD, NOBODY),
    "submission_letter_package": (LETTER, FORWARD, NOBODY),
    "director_queue": (None, {DIRECTOR, SUPERUSER}, {DIRECTOR, SUPERUSER}),
    "ministry_queue": (None, {MINISTRY, SUPERUSER}, {MINISTRY, SUPERUSER}),
    "decision_list": (None, ALL, ALL),
    "decision_detail": (DEC, SEEN, SEEN),
    "decision_issue": (DEC, NOBODY, SEEN),
    "decision_delete": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),  # the draft's authority
    # the authority that issued it (the world's decision is the Director's)
    "decision_revoke": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),
    "decision_document": (DEC, SEEN, SEEN),
    "decision_scan": (DEC, SEEN, SEEN),
    "decision_pdf": (DEC, SEEN, SEEN),
    # the signer's signed PDF: the authority that issued the decision
    "decision_signed_pdf": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),
    "decision_sign_on_paper": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),  # as decision_signed_pdf
    "decision_seal": (DEC, NOBODY, CERTS),  # the văn thư's seal
    "decision_progress": (DEC, CERTS, CERTS),
    "certificates_generate": (DEC, NOBODY, CERTS),
    "certificates_mark": (None, NOBODY, CERTS),
    "certificate_retry": (CERT, NOBODY, CERTS),
    "certificate_download": (CERT, CERTS, CERTS),
    "certificate_pdf_download": (CERT, CERTS, CERTS),  # as certificate_download
    "ceremony_list": (None, CERTS, CERTS),
    "ceremony_detail": (CER, CERTS, CERTS),
    "ceremony_edit": (CER, CERTS, CERTS),
    "print_pack_request": (CER, NOBODY, CERTS),
    "ceremony_presenter_set": (CER, NOBODY, CERTS),
    "print_pack_status": (PACK, CERTS, CERTS),
    "print_pack_download": (PACK, CERTS, CERTS),
    "ceremony_document": (CER, CERTS, CERTS),
    "calibration_page": (None, CERTS, CERTS),
    "excel_import": (None, PROPOSE, PROPOSE),
    "excel_import_template": (CAMPAIGN, PROPOSE, NOBODY),
    "excel_import_status": (IMPORT, PROPOSE, NOBODY),
    "excel_import_submit": (IMPORT, NOBODY, PROPOSE),
    "excel_nominations": (None, ALL, NOBODY),
    "excel_decision_annex": (DEC, SEEN, NOBODY),
    "stats_dashboard": (None, ALL, NOBODY),
    "due_list": (None, ALL, NOBODY),
    "due_list_export": (None, ALL, NOBODY),
    "long_service_proposal_create": (None, FORWARD, FORWARD),  # the office proposes
    "long_service_decision_record": (LS_LETTER, DECIDE, DECIDE),  # the authority's decision
    "stats_summary": (None, ALL, NOBODY),
    "stats_export": (None, ALL, NOBODY),
    "stats_titles": (None, ALL, NOBODY),  # the view scopes what it counts
    "stats_titles_export": (None, ALL, NOBODY),
    "api_tokens": (None, ALL, NOBODY),  # one's own API tokens
    "profile": (None, ALL, NOBODY),  # one's own account (the name in the top bar)
    "api_token_revoke": (TOKEN, NOBODY, {OFFICER}),  # the world's token is the officer's
    "person_history": (PERSON, SEEN, NOBODY),  # personal data: as the person's nominations
    # the Ministry's certificate of a title it decided, received: the office and the clerk
    "honour_ministry_certificate": (PERSON, NOBODY, {SECRETARY, CLERK, SUPERUSER}),
    "unit_history": (UNIT, ALL, NOBODY),  # collective honours, like the unit tree
    "replacement_list": (None, ALL, NOBODY),  # the view scopes what it shows
    "replacement_create": (CERT, CERTS, CERTS),
    "replacement_approve": (REPL, NOBODY, {DIRECTOR, SUPERUSER}),  # the deciding authority
    "replacement_refuse": (REPL, NOBODY, {DIRECTOR, SUPERUSER}),
    "rating_list_index": (None, ALL, PROPOSE),  # the view scopes what it shows
    "registration_index": (None, ALL, PROPOSE),  # the view scopes what it shows
    "registration_import": (None, NOBODY, PROPOSE),
    "registration_template": (None, PROPOSE, NOBODY),  # lists the officers of one's units
    "registration_export": (None, ALL, NOBODY),  # the view scopes what it counts
    "rating_list_detail": (RATING, SEEN, NOBODY),
    "rating_list_annex": (RATING, SEEN, NOBODY),
    "rating_row_add": (RATING, NOBODY, PROPOSE),
    "rating_row_delete": (RATING, NOBODY, PROPOSE),
    "rating_rows_import": (RATING, NOBODY, PROPOSE),
    "rating_list_transition": (RATING, NOBODY, SEEN),  # refusals come back as messages
    # API
    "api-token": (None, PUBLIC, PUBLIC),  # exchanges a username and password for a token
    "api-schema": (None, ALL, NOBODY),  # the OpenAPI description: signed-in users (not DEBUG)
    "api-swagger": (None, ALL, NOBODY),
    "api-redoc": (None, ALL, NOBODY),
    "api-statistics": (None, ALL, NOBODY),
    "api-due": (None, ALL, NOBODY),
    "api-person-list": (None, ALL, KEEP),
    "api-person-detail": (PERSON, SEEN, NOBODY),
    "api-person-service-records": (PERSON, SEEN, KEEP),
    "api-person-honours": (PERSON, SEEN, KEEP),
    "api-person-honour-ministry-certificate": (PERSON, NOBODY, {SECRETARY, CLERK, SUPERUSER}),
    "api-person-initiatives": (PERSON, SEEN, KEEP),
    "api-unit-honours": (UNIT, ALL, FORWARD),
    "api-due-export": (None, ALL, NOBODY),
    "api-long-service-proposal-list": (None, NOBODY, FORWARD),  # POST: the proposal
    "api-long-service-proposal-decision": (LS_LETTER, NOBODY, DECIDE),
    "api-statistics-export": (None, ALL, NOBODY),
    "api-title-statistics": (None, ALL, NOBODY),  # scoped like the rating lists
    "api-title-statistics-export": (None, ALL, NOBODY),
    "api-unit-list": (None, ALL, NOBODY),
    "api-unit-detail": (UNIT, ALL, NOBODY),
    "api-unit-lineage": (UNIT, ALL, NOBODY),
    "api-replacement-list": (None, ALL, CERTS),  # GET: the requests one may see
    "api-replacement-detail": (REPL, {CLERK, DIRECTOR, SUPERUSER}, NOBODY),
    "api-replacement-approve": (REPL, NOBODY, {DIRECTOR, SUPERUSER}),
    "api-replacement-refuse": (REPL, NOBODY, {DIRECTOR, SUPERUSER}),
    "api-campaign-list": (None, ALL, NOBODY),
    "api-campaign-detail": (CAMPAIGN, ALL, NOBODY),
    "api-award-type-list": (None, ALL, NOBODY),
    "api-award-type-detail": (AWARD, ALL, NOBODY),
    "api-nomination-list": (None, ALL, PROPOSE),
    "api-nomination-export": (None, ALL, NOBODY),
    "api-nomination-import": (None, NOBODY, PROPOSE),
    "api-import-detail": (IMPORT, PROPOSE, NOBODY),
    "api-import-submit-ready": (IMPORT, NOBODY, PROPOSE),
    "api-nomination-import-template": (None, PROPOSE, NOBODY),
    "api-nomination-detail": (NOM, SEEN, NOBODY),
    "api-nomination-attachments": (NOM, NOBODY, PROPOSE),
    "api-nomination-nominee-link": (NOM, NOBODY, PROPOSE),
    "api-nomination-eligibility-confirm": (NOM, NOBODY, REVIEW),  # as eligibility_confirm
    "api-nomination-eligibility": (NOM, SEEN, NOBODY),
    "api-nomination-history": (NOM, SEEN, NOBODY),
    "api-nomination-transition": (NOM, NOBODY, SEEN),
    "api-nomination-transitions": (NOM, SEEN, NOBODY),
    "api-nomination-submission-letter": (None, NOBODY, FORWARD),  # as submission_letter
    "api-submission-letter-list": (None, FORWARD, FORWARD),
    "api-submission-letter-detail": (LETTER, FORWARD, NOBODY),
    "api-submission-letter-pdf": (LETTER, FORWARD, NOBODY),
    "api-submission-letter-package": (LETTER, FORWARD, NOBODY),
    "api-decision-list": (None, ALL, DECIDE),
    "api-decision-detail": (DEC, SEEN, NOBODY),
    "api-decision-annex": (DEC, SEEN, NOBODY),
    "api-decision-certificates": (DEC, SEEN, NOBODY),
    "api-decision-certificates-generate": (DEC, NOBODY, CERTS),
    "api-decision-document": (DEC, SEEN, NOBODY),
    "api-decision-issue": (DEC, NOBODY, SEEN),
    "api-decision-progress": (DEC, SEEN, NOBODY),
    "api-decision-revoke": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),  # as decision_revoke
    "api-decision-pdf": (DEC, SEEN, NOBODY),
    "api-decision-signed-pdf": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),  # as decision_signed_pdf
    "api-decision-transition": (DEC, NOBODY, SEEN),  # the action's predicate decides
    "api-decision-paper-original": (DEC, NOBODY, {DIRECTOR, SUPERUSER}),  # as the page's form
    "api-ceremony-list": (None, ALL, CERTS),  # GET: an empty list unless manage_certificates
    "api-ceremony-detail": (CER, CERTS, NOBODY),
    "api-ceremony-print-pack": (CER, NOBODY, CERTS),
    "api-ceremony-presenters": (CER, NOBODY, CERTS),
    "api-print-pack-detail": (PACK, CERTS, NOBODY),
    "api-print-pack-download": (PACK, CERTS, NOBODY),
    "api-certificate-list": (None, ALL, NOBODY),
    "api-certificate-detail": (CERT, SEEN, NOBODY),
    "api-certificate-download": (CERT, CERTS, NOBODY),  # as certificate_download
    "api-certificate-pdf": (CERT, CERTS, NOBODY),  # as certificate_pdf_download
    "api-certificate-verify": (None, PUBLIC, PUBLIC),  # as certificate_verify (the QR code)
    "api-certificate-mark": (None, NOBODY, CERTS),  # as certificates_mark
    "api-certificate-retry": (CERT, NOBODY, CERTS),  # as certificate_retry
    "api-notification-list": (None, ALL, NOBODY),  # one's own
    "api-me": (None, ALL, NOBODY),  # oneself
    "api-user-list": (None, FORWARD, NOBODY),  # whom the secretary may seat
    "api-token-list": (None, ALL, NOBODY),  # one's own tokens
    "api-token-revoke": (TOKEN, NOBODY, {OFFICER}),  # as api_token_revoke
    "api-notification-read": (None, NOBODY, ALL),  # as notifications_read
    "api-committee-session-list": (None, REVIEW, FORWARD),  # GET: a member's own sessions
    "api-committee-session-detail": (SESSION, REVIEW, NOBODY),
    "api-committee-session-votes": (SESSION, NOBODY, REVIEW),
    "api-committee-session-recusals": (SESSION, NOBODY, REVIEW),
    "api-committee-session-recommend": (SESSION, NOBODY, FORWARD),
    "api-rating-list-list": (None, ALL, PROPOSE),  # GET: the lists one may see
    "api-rating-list-detail": (RATING, SEEN, NOBODY),
    "api-rating-list-rows": (RATING, SEEN, PROPOSE),
    "api-rating-list-rows-import": (RATING, NOBODY, PROPOSE),
    "api-rating-list-row-delete": (RATING, NOBODY, NOBODY),  # DELETE only
    "api-rating-list-transitions": (RATING, SEEN, NOBODY),
    "api-rating-list-annex": (RATING, SEEN, NOBODY),
    # `submit` of a draft: the unit's officer (the others are refused by its predicate)
    "api-rating-list-transition": (RATING, NOBODY, PROPOSE),
    "api-rating-list-recommend": (None, NOBODY, FORWARD),
    "api-rating-list-decide": (None, NOBODY, {DIRECTOR, SUPERUSER}),
    "api-registration-list": (None, ALL, PROPOSE),  # GET: the registrations one may see
    "api-registration-import": (None, NOBODY, PROPOSE),
    "api-registration-summary": (None, ALL, NOBODY),  # counts what one may see
    "api-registration-template": (None, PROPOSE, NOBODY),
}
DENIED = {401, 403, 404, 405}
KWARG_VALUES = {"name": "submit", "kind": "pdf", "code": "x", "token": "x"}
KWARG_VALUES_BY_NAME = {
    "ceremony_document": {"kind": "run-sheet"},
    "calibration_page": {"kind": "bang_khen"},
}


def _patterns(patterns=None, namespace: str | None = None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":  # Django's admin checks is_staff itself
                continue
            yield from _patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def _url_names() -> dict[str, list[str]]:
    """name -> its keyword arguments (the format-suffix variants left out)."""
    names: dict[str, list[str]] = {}
    for pattern in _patterns():
        kwargs = [k for k in pattern.pattern.regex.groupindex if k != "format"]
        names.setdefault(pattern.name, kwargs)
    return names


def _url(name: str, kwargs: list[str], pk: int | None) -> str:
    known = {**KWARG_VALUES, **KWARG_VALUES_BY_NAME.get(name, {})}
    values = {k: known.get(k, pk) for k in kwargs}
    return reverse(name, kwargs=values)


def test_every_url_is_in_the_access_table():
    names = set(_url_names())
    assert names - set(EXPECT) == set(), "new URL without an access rule: add it to EXPECT"
    assert set(EXPECT) - names == set(), "EXPECT lists URLs that no longer exist"


def _reached(response) -> bool:
    if response.status_code == 302:
        return "/login/?next=" not in response["Location"]  # logout's own /login/ is reached
    return response.status_code not in DENIED


def test_anonymous_visitors_are_refused_everywhere_but_public_pages(client, campaign, district):
    nomination = NominationFactory(campaign=campaign, unit=district)
    for name, kwargs in _url_names().items():
        if EXPECT[name][1] == PUBLIC:
            continue
        url = _url(name, kwargs, nomination.pk)
        for method in (client.get, client.post):
            response = method(url)
            to_login = response.status_code == 302 and "/login/" in response["Location"]
            assert to_login or not _reached(response), (method.__name__, url, response.status_code)


def test_another_units_officer_is_refused_every_nomination_url(
    client, campaign, district, officer, other_officer
):
    """Drafts too: a draft is private to its unit."""
    nomination = NominationFactory(campaign=campaign, unit=district, created_by=officer)
    scoped = {n: k for n, k in _url_names().items() if EXPECT[n][0] == NOM}
    assert len(scoped) >= 10
    client.force_login(other_officer)
    for name, kwargs in scoped.items():
        url = _url(name, kwargs, nomination.pk)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in {403, 404, 405}, (method.__name__, url, response)
    nomination.refresh_from_db()
    assert nomination.state == "draft"


def _sees(kind: str | None, role: str, scope: str) -> bool:
    """May `role` see an object of `kind` belonging to its own unit ("own") or another ("other")?
    Nominations that left their unit (and their attachments and certificates) are seen by the
    unit's officers and every province-wide role; decisions by the province-wide roles."""
    if kind is None or role == SUPERUSER:
        return True
    if kind in (NOM, ATT, CERT, PERSON, RATING):
        return role in PROVINCE_WIDE or (role == OFFICER and scope == "own")
    if kind == DEC:
        return role in PROVINCE_WIDE
    if kind == IMPORT:
        return role == OFFICER and scope == "own"
    return True  # campaigns, award types, units are reference data; ceremonies, sessions are
    # role-gated


def _expected(kind: str | None, who: object, role: str, scope: str) -> bool:
    if who == SEEN:
        return _sees(kind, role, scope)
    return role in who and _sees(kind, role, scope)


@pytest.fixture
def world(
    settings,
    tmp_path,
    campaign,
    province,
    district,
    other_district,
    director_award,
    officer,
    other_officer,
    member,
    secretary,
    director,
    ministry,
    clerk,
):
    """One set of objects for the whole matrix: per unit a nomination past its unit with an
    attachment and an approved nomination with its certificate (one issued decision for both),
    a ceremony of that decision and a finished print pack; every downloadable file present."""
    settings.MEDIA_ROOT = tmp_path

    def nomination(unit, author):
        row = NominationFactory(
            campaign=campaign, unit=unit, award_type=director_award, created_by=author
        )
        return advance(row, "awaiting", officer=author, member=member, secretary=secretary)

    objects: dict[str, dict[str, object]] = {"own": {}, "other": {}}
    decided = {}
    for scope, unit, author in (
        ("own", district, officer),
        ("other", other_district, other_officer),
    ):
        objects[scope][NOM] = nom = nomination(unit, author)
        objects[scope][ATT] = Attachment.objects.create(
            nomination=nom,
            file=ContentFile(b"%PDF-1.4\n", name="bao-cao.pdf"),
            original_name="bao-cao.pdf",
            size=9,
            content_type="application/pdf",
            uploaded_by=author,
        )
        objects[scope][UNIT] = unit
        objects[scope][IMPORT] = NominationImport.objects.create(
            campaign=campaign,
            created_by=author,
            file=ContentFile(b"PK", name="ds.xlsx"),
            status=NominationImport.Status.DONE,
        )
        decided[scope] = nomination(unit, author)
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number="77/QĐ-CAT-PV05",
        date=datetime.date(2026, 12, 1),
        signer_name="Rah Lan Chung",
        signer_title="GIÁM ĐỐC",
        nomination_ids=[n.pk for n in decided.values()],
    )
    decision = decision_issue(decision=decision, actor=director)
    decision.scan.save("scan.pdf", ContentFile(b"%PDF-1.4\n"))
    decision.pdf.save("qd.pdf", ContentFile(b"%PDF-1.4\n"))  # its PDF/A, made
    Decision.objects.filter(pk=decision.pk).update(pdf_status=DecisionPdfStatus.READY)
    ceremony = Ceremony.objects.create(
        name="Lễ tổng kết", date=datetime.date(2026, 12, 2), place="Hội trường", created_by=clerk
    )
    ceremony.decisions.set([decision])
    pack = PrintPack.objects.create(
        ceremony=ceremony, created_by=clerk, certificate_count=2, status=PrintPack.Status.DONE
    )
    pack.pdf.save("pack.pdf", ContentFile(b"%PDF-1.4\n"))
    session = committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2026, 12, 1),
        title="Phiên họp Hội đồng",
        members=[member, secretary],
        actor=secretary,
    )
    letter = SubmissionLetter(
        number="1/TTr-CAT-PV05",
        date=datetime.date(2026, 12, 3),
        signer_title="GIÁM ĐỐC",
        signer_name="Rah Lan Chung",
        pdf_sha256="0" * 64,
        documents_made_at=timezone.now(),
        created_by=secretary,
    )
    letter.docx.save("to-trinh.docx", ContentFile(b"PK"), save=False)
    letter.pdf.save("to-trinh.pdf", ContentFile(b"%PDF-1.4\n"))
    long_service_letter = SubmissionLetter(
        number="2/TTr-CAT-PV05",
        date=datetime.date(2026, 12, 3),
        signer_title="GIÁM ĐỐC",
        signer_name="Rah Lan Chung",
        pdf_sha256="0" * 64,
        documents_made_at=timezone.now(),
        created_by=secretary,
    )
    long_service_letter.docx.save("to-trinh-nh.docx", ContentFile(b"PK"), save=False)
    long_service_letter.pdf.save("to-trinh-nh.pdf", ContentFile(b"%PDF-1.4\n"))
    long_service_letter.nominations.set(
        [
            NominationFactory(
                campaign=campaign,
                unit=district,
                award_type=AwardType.objects.get(code="HC-CSVV2"),
                nominee_kind="individual",
                nominee_name="Trần Văn Niên",
                gender="male",
                created_by=secretary,
            )
        ]
    )
    token, _key = api_token_issue(user=officer)
    for scope in ("own", "other"):
        certificate = Certificate.objects.get(nomination=decided[scope])
        certificate.file.save("cert.docx", ContentFile(b"PK"))
        certificate.pdf.save("cert.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
        Certificate.objects.filter(pk=certificate.pk).update(
            pdf=certificate.pdf.name,
            pdf_sha256="0" * 64,
            pdf_rendered_at=certificate.rendered_at,
        )
        # Refused already, so that no request of the matrix replaces the certificate.
        replacement = ReplacementRequest.objects.create(
            certificate=certificate,
            applicant="Người đề nghị",
            kind="cap_lai",
            reason="Mất",
            requested_by=clerk,
        )
        ReplacementRequest.objects.filter(pk=replacement.pk).update(state="refused")
        objects[scope].update(
            {
                CERT: certificate,
                REPL: replacement,
                PERSON: Person.objects.create(
                    code=f"P-{scope}", full_name="Nguyễn Văn A", unit=objects[scope][UNIT]
                ),
                DEC: decision,
                CER: ceremony,
                PACK: pack,
                SESSION: session,
                CAMPAIGN: campaign,
                AWARD: director_award,
                TOKEN: token,
                LETTER: letter,
                RATING: RatingList.objects.create(unit=objects[scope][UNIT], year=2026),
                LS_LETTER: long_service_letter,
            }
        )
    users = {
        OFFICER: officer,
        MEMBER: member,
        SECRETARY: secretary,
        DIRECTOR: director,
        MINISTRY: ministry,
        CLERK: clerk,
        NO_ROLE: make_user(None, unit=district),
        SUPERUSER: make_user(None, unit=None, is_superuser=True),
    }
    return objects, users


def test_every_role_reaches_exactly_what_it_may(client, world):
    """The whole table in one pass over one set of objects; every mismatch is listed at once."""
    objects, users = world
    mismatches = []
    for role in ROLES:
        client.force_login(users[role])
        for name, kwargs in sorted(_url_names().items()):
            kind, get_who, post_who = EXPECT[name]
            if get_who == PUBLIC:
                continue
            for scope in ("own", "other") if kind else ("own",):
                pk = objects[scope][kind].pk if kind else None
                url = _url(name, kwargs, pk)
                for method, who in (("get", get_who), ("post", post_who)):
                    response = getattr(client, method)(url)
                    if name == "logout":
                        client.force_login(users[role])
                    expected = _expected(kind, who, role, scope)
                    if _reached(response) != expected:
                        mismatches.append(
                            f"{role} {method.upper()} {url} ({scope}): {response.status_code}, "
                            f"expected {'reached' if expected else 'refused'}"
                        )
    assert mismatches == [], "\n".join(mismatches)


# --- a dossier with state secrets: only those directly involved reach it ---------------------

DESIGNATED = "designated_member"  # a council member the Director designated to review it
# Besides the superuser: the unit's officer who made it, the designated reviewer, and the
# authority that decides its award type (the Director for a Giấy khen). Everyone else: a 404,
# as for another unit's nomination.
SECRET_INVOLVED = frozenset({OFFICER, DESIGNATED, DIRECTOR, SUPERUSER})


def test_a_secret_dossier_is_reached_only_by_those_directly_involved(client, world):
    objects, users = world
    nomination = objects["own"][NOM]
    Nomination.objects.filter(pk=nomination.pk).update(contains_state_secrets=True)
    nomination.refresh_from_db()
    users = {**users, DESIGNATED: make_user("committee_member", unit=None)}
    secret_reviewers_designate(
        nomination=nomination, reviewers=[users[DESIGNATED]], actor=users[DIRECTOR]
    )
    role_of = {DESIGNATED: MEMBER}  # what the designated reviewer's role allows
    scoped = {n: k for n, k in _url_names().items() if EXPECT[n][0] in (NOM, ATT)}
    mismatches = []
    for role, user in users.items():
        client.force_login(user)
        for name, kwargs in sorted(scoped.items()):
            kind, get_who, post_who = EXPECT[name]
            url = _url(name, kwargs, objects["own"][kind].pk)
            for method, who in (("get", get_who), ("post", post_who)):
                response = getattr(client, method)(url)
                may = _expected(kind, who, role_of.get(role, role), "own")
                expected = may and role in SECRET_INVOLVED
                if _reached(response) != expected:
                    mismatches.append(
                        f"{role} {method.upper()} {url}: {response.status_code}, "
                        f"expected {'reached' if expected else 'refused'}"
                    )
    assert mismatches == [], "\n".join(mismatches)
