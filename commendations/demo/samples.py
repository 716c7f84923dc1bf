"""The demo's documents as a clerk would print them: the 2022 campaign's Giấy khen decision of
06/03/2023 signed "KT. Giám đốc – Phó Giám đốc, Đại tá Nguyễn Ngọc Sơn" (draft and issued), the
Tờ trình to the Minister, the Ministry's Bằng khen decision recorded here, the certificates, the
ceremony's run-sheet and MC script, and a Giấy khen printed onto a pre-printed blank.
Used by scripts/render_document_samples.py (PNG pages in docs/documents/) and the layout tests."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.utils import timezone

from commendations.actions.annual_titles import rating_lists_decide, rating_lists_recommend
from commendations.actions.certificates import (
    certificates_render,
    replacement_approve,
    replacement_request_submit,
)
from commendations.actions.decisions import decision_issue, decision_record_issued
from commendations.actions.registry import action_run
from commendations.annual_titles.models import Rating
from commendations.annual_titles.services import rating_list_create, rating_row_add
from commendations.campaigns.models import Authority, AwardType, NomineeKind
from commendations.ceremonies.documents import mc_script_docx, run_sheet_docx
from commendations.ceremonies.overlay import overlay_pdf
from commendations.ceremonies.services import ceremony_create, ceremony_presenter_set
from commendations.certificates.documents import certificate_context
from commendations.certificates.models import (
    CERTIFICATE_KIND_BY_AUTHORITY,
    Certificate,
    ReplacementKind,
)
from commendations.decisions.documents import decision_document, submission_context
from commendations.decisions.minutes import council_minutes
from commendations.decisions.models import Decision
from commendations.decisions.services import decision_create
from commendations.demo.loader import demo_load
from commendations.documents.models import DocumentKind
from commendations.documents.rendering import render_docx, template_bytes, template_current
from commendations.documents.signer import Signer
from commendations.nominations.models import Nomination, NominationState
from commendations.units.models import Person, ServiceRecord, Unit

DECISION_DATE = datetime.date(2023, 3, 6)
MINISTRY_DATE = datetime.date(2023, 2, 20)
KT_SIGNER = {
    "signer_mode": "KT.",
    "signer_principal_title": "GIÁM ĐỐC",
    "signer_title": "PHÓ GIÁM ĐỐC",
    "signer_rank": "Đại tá",
    "signer_name": "Nguyễn Ngọc Sơn",
}


@dataclass
class DemoDocuments:
    decision: Decision | None = None
    ministry_decision: Decision | None = None
    documents: dict[str, bytes] = field(default_factory=dict)
    pdfs: dict[str, bytes] = field(default_factory=dict)


LETTER_SIGNER = Signer(title="GIÁM ĐỐC", rank="Thiếu tướng", name="Rah Lan Chung")


def _certificate_docx(certificate: Certificate) -> bytes:
    kind = CERTIFICATE_KIND_BY_AUTHORITY[certificate.authority]
    return render_docx(template_bytes(template_current(kind)), certificate_context(certificate))


def demo_documents(*, on: datetime.date = DECISION_DATE) -> DemoDocuments:
    """Load the demo (idempotent), draft and issue its Giấy khen decision, record the Ministry's
    Bằng khen decision, and render every document of them as .docx bytes."""
    demo_load(this_years_decision=False)  # the demo as it stood at the 2023 conference
    director = User.objects.get(username="director")
    ministry = User.objects.get(username="ministry")
    result = DemoDocuments()
    bang_khen = list(
        Nomination.objects.filter(state=NominationState.AWAITING_MINISTRY, decision__isnull=True)
        .select_related("award_type", "campaign", "nominee_unit")
        .order_by("pk")
    )
    if bang_khen:
        result.documents["to-trinh"] = render_docx(
            template_bytes(template_current(DocumentKind.SUBMISSION)),
            submission_context(
                bang_khen,
                number="15/TTr-CAT-PV05",
                date=datetime.date(2023, 1, 10),
                signer=LETTER_SIGNER,
            ),
        )
        minutes = council_minutes(
            bang_khen,
            signer=LETTER_SIGNER,
            letter_number="15/TTr-CAT-PV05",
            letter_date=datetime.date(2023, 1, 10),
        )
        if minutes is not None:
            result.documents["bien-ban"] = minutes
    giay_khen = Nomination.objects.filter(
        state=NominationState.AWAITING_DIRECTOR, decision__isnull=True
    ).values_list("pk", flat=True)
    decision = decision_create(
        actor=director,
        authority=Authority.PROVINCIAL_DIRECTOR,
        number="123/QĐ-CAT-PV05",
        date=on,
        nomination_ids=list(giay_khen),
        **KT_SIGNER,
    )
    result.documents["quyet-dinh-du-thao"] = decision_document(decision)
    decision = decision_issue(decision=decision, actor=director)
    result.decision = decision
    result.documents["quyet-dinh"] = decision_document(decision)
    certificates = list(
        Certificate.objects.filter(decision=decision)
        .select_related("nomination", "decision")
        .order_by("serial")
    )
    for kind, name in ((NomineeKind.INDIVIDUAL, "ca-nhan"), (NomineeKind.COLLECTIVE, "tap-the")):
        chosen = [c for c in certificates if c.nomination.nominee_kind == kind]
        if chosen:
            longest = max(chosen, key=lambda c: len(c.nomination.nominee_name))
            result.documents[f"giay-khen-{name}"] = _certificate_docx(longest)
    if bang_khen:
        ministry_decision = decision_record_issued(
            actor=ministry,
            authority=Authority.MINISTRY,
            number="1234/QĐ-BCA-X03",
            date=MINISTRY_DATE,
            signer_mode="KT.",
            signer_principal_title="BỘ TRƯỞNG",
            signer_title="THỨ TRƯỞNG",
            signer_rank="Thượng tướng",
            signer_name="Lương Tam Quang",
            nomination_ids=[n.pk for n in bang_khen],
            # the Ministry prints and numbers its Bằng khen: its numbers are entered here
            registry_first_number=6785,
            registry_prefix="BK-",
        )
        result.ministry_decision = ministry_decision
        first = (
            Certificate.objects.filter(decision=ministry_decision)
            .select_related("nomination", "decision")
            .order_by("serial")
            .first()
        )
        if first is not None:
            result.documents["bang-khen"] = _certificate_docx(first)
    _ceremony_documents(result, certificates)
    _reissue_document(result, certificates)
    _recognition_document(result)
    return result


RECOGNITION_NUMBER = "25/QĐ-CAT-PX01"
# Officers of Công an xã Chư Păh beside the demo's six, so its list may hold a Chiến sĩ thi đua
# cơ sở within the 15 % cap: (code, name, rank, position).
CHU_PAH_OFFICERS = [
    ("CP-07", "Nguyễn Thị Thu Hà", "Thượng úy", "Cán bộ"),
    ("CP-08", "Trần Quốc Tuấn", "Đại úy", "Phó Trưởng Công an xã"),
    ("CP-09", "Siu H'Nhung", "Trung úy", "Cán bộ"),
    ("CP-10", "Lê Văn Thắng", "Thiếu tá", "Trưởng Công an xã"),
    ("CP-11", "Đinh Văn Hùng", "Thượng úy", "Cán bộ"),
    ("CP-12", "Phạm Thị Lan Anh", "Trung úy", "Cán bộ"),
    ("CP-13", "Rah Lan Thơm", "Thiếu úy", "Cán bộ"),
    ("CP-14", "Võ Minh Trí", "Đại úy", "Cán bộ"),
]
DEMO_RANKS = [("Đại úy", "Cán bộ"), ("Thượng úy", "Cán bộ"), ("Trung úy", "Cán bộ")]


def _recognition_document(result: DemoDocuments) -> None:
    """This year's titles of two communes, each list drafted by its unit officer, recommended
    by the council and recognised in one Quyết định công nhận danh hiệu thi đua signed today
    (KT. Giám đốc): Chiến sĩ tiên tiến for both communes' officers, Chiến sĩ thi đua cơ sở for
    one of Chư Păh's."""
    today = timezone.localdate()
    lists = []
    for username, code in (
        ("unit_officer", "CA-XA-CHUPAH"),
        ("unit_officer_pleiku", "CA-DIENHONG"),
    ):
        unit = Unit.objects.filter(code=code).first()
        officer = User.objects.filter(username=username).first()
        if unit is None or officer is None:
            return
        people = list(Person.objects.filter(code__startswith=f"AT-{code}-").order_by("code"))
        if code == "CA-XA-CHUPAH":
            for extra, name, rank, position in CHU_PAH_OFFICERS:
                person, _created = Person.objects.get_or_create(
                    code=f"AT-{code}-{extra}", defaults={"full_name": name, "unit": unit}
                )
                ServiceRecord.objects.get_or_create(
                    person=person,
                    valid_from=datetime.date(2020, 1, 1),
                    defaults={"unit": unit, "rank": rank, "position": position},
                )
                people.append(person)
        for n, person in enumerate(people[:6]):
            if person.service_records.exists():  # the demo's long-service careers
                continue
            rank, position = DEMO_RANKS[n % len(DEMO_RANKS)]
            ServiceRecord.objects.get_or_create(
                person=person,
                valid_from=datetime.date(2020, 1, 1),
                defaults={"unit": unit, "rank": rank, "position": position},
            )
        rating_list = rating_list_create(
            actor=officer,
            unit=unit,
            year=today.year,
            submission_number=f"18/TTr-{code}",
            submission_date=today,
            council_minutes=f"Biên bản họp Hội đồng TĐKT đơn vị ngày {today:%d/%m/%Y}",
        )
        for person in people:
            rating_row_add(
                actor=officer,
                rating_list=rating_list,
                person=person,
                award_type=AwardType.objects.get(code="CSTT"),
                rating=Rating.GOOD,
            )
        if code == "CA-XA-CHUPAH":
            rating_row_add(
                actor=officer,
                rating_list=rating_list,
                person=people[-1],
                award_type=AwardType.objects.get(code="CSTDCS"),
                rating=Rating.EXCELLENT,
            )
        action_run(instance=rating_list, name="submit", actor=officer)
        lists.append(rating_list)
    secretary = User.objects.get(username="committee_secretary")
    lists = rating_lists_recommend(lists=lists, actor=secretary, votes_for=7)
    decision = rating_lists_decide(
        lists=lists,
        actor=User.objects.get(username="director"),
        number=RECOGNITION_NUMBER,
        date=today,
        **KT_SIGNER,
    )
    result.documents["quyet-dinh-cong-nhan"] = decision_document(decision)


def _reissue_document(result: DemoDocuments, certificates: list[Certificate]) -> None:
    """A Giấy khen of the 2023 decision lost and re-issued today (cấp lại): the original
    decision's reference and registry number, signed by the Director's signer in force today
    (AuthoritySigner), with the re-issue's date in words."""
    individuals = [c for c in certificates if c.nomination.nominee_kind == NomineeKind.INDIVIDUAL]
    if not individuals:
        return
    lost = individuals[0]
    certificates_render(certificate_ids=[lost.pk])
    lost.refresh_from_db()
    request = replacement_request_submit(
        certificate=lost,
        applicant=lost.nomination.nominee_name,
        kind=ReplacementKind.REISSUE,
        reason="Bị mất khi chuyển công tác",
        evidence=None,
        actor=User.objects.get(username="clerk"),
    )
    new = replacement_approve(
        replacement_request=request, actor=User.objects.get(username="director")
    )
    result.documents["giay-khen-cap-lai"] = _certificate_docx(
        Certificate.objects.select_related("nomination", "decision").get(pk=new.pk)
    )


def _ceremony_documents(result: DemoDocuments, certificates: list[Certificate]) -> None:
    """The conference of 14/03/2023: the awards presented by the Deputy Director (not the
    Minister who signed the Bằng khen), the run-sheet, the MC script, the print on blanks."""
    clerk = User.objects.get(username="clerk")
    decisions = [d for d in (result.ministry_decision, result.decision) if d is not None]
    ceremony = ceremony_create(
        actor=clerk,
        name="Hội nghị tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022",
        date=datetime.date(2023, 3, 14),
        place="Hội trường Công an tỉnh Gia Lai",
        decisions=decisions,
    )
    for decision in decisions:
        ceremony_presenter_set(
            actor=clerk,
            ceremony=ceremony,
            decision=decision,
            rank="Đại tá",
            title="Phó Giám đốc Công an tỉnh",
            name="Nguyễn Ngọc Sơn",
        )
    result.documents["kich-ban"] = mc_script_docx(ceremony)
    result.documents["trinh-tu-trao"] = run_sheet_docx(ceremony)
    if certificates:
        longest = max(certificates, key=lambda c: len(c.nomination.nominee_name))
        result.pdfs["in-len-phoi-giay-khen"] = overlay_pdf([longest])
