"""What the demo adds so every role has something to do on first login: full names (pages greet
"Xin chào, Nguyễn Thị Hà", not "clerk"), one issued Director's decision of 2022 with its
certificates rendered and a ceremony, so the clerk opens to a decision to print and a ceremony
to prepare, and one current decision taken through the decree's order (Nghị định 30/2020, Điều
13): issued, signed by the Director with their own certificate, sealed by the văn thư, then its
certificate rendered. The 2022 decision, dated before it was entered, is recorded as a paper
original (never sealed with today's time). The signers of each authority by date
(AuthoritySigner) are seeded too. Idempotent: loading the demo again changes nothing."""

import datetime
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from commendations.actions.certificates import certificates_render
from commendations.actions.decisions import decision_issue, decision_seal, decision_sign
from commendations.campaigns.models import Authority
from commendations.ceremonies.models import Ceremony
from commendations.ceremonies.services import ceremony_create
from commendations.certificates.models import Certificate
from commendations.decisions.models import AuthoritySigner, Decision, SignatureState
from commendations.decisions.services import decision_create
from commendations.decisions.signed_pdf import decision_pdf_make
from commendations.demo.pki import pdf_sign_as_person
from commendations.nominations.models import Nomination, NominationState
from commendations.signatures.keys import seal_configured

FULL_NAMES = {
    "unit_officer": ("Nguyễn Văn", "Hải"),
    "unit_officer_pleiku": ("Trần Thị", "Mai"),
    "committee_member": ("Lê Quang", "Minh"),
    "committee_secretary": ("Phạm Thu", "Trang"),
    "director": ("Rah Lan", "Chung"),
    "ministry": ("Đỗ Văn", "Bình"),
    "clerk": ("Nguyễn Thị", "Hà"),
    "admin": ("Quản trị", "hệ thống"),
}
DECISION_NUMBER = "250/QĐ-CAT-PV05"
# this year's decision signed in the decree's order (numbered in the current year)
CURRENT_DECISION_NUMBER = "18/QĐ-CAT-PV05"
# (authority, from, to, mode, principal's title, title, rank, name): who signs for each authority
# by date — what a re-issued certificate prints (the signer on the re-issue date)
AUTHORITY_SIGNERS = [
    (
        Authority.PROVINCIAL_DIRECTOR,
        datetime.date(2022, 1, 1),
        datetime.date(2025, 3, 1),
        "KT.",
        "GIÁM ĐỐC",
        "PHÓ GIÁM ĐỐC",
        "Đại tá",
        "Nguyễn Ngọc Sơn",
    ),
    (
        Authority.PROVINCIAL_DIRECTOR,
        datetime.date(2025, 3, 1),
        None,
        "",
        "",
        "GIÁM ĐỐC",
        "Thiếu tướng",
        "Rah Lan Chung",
    ),
    (
        Authority.MINISTRY,
        datetime.date(2022, 1, 1),
        None,
        "KT.",
        "BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        "Thượng tướng",
        "Lương Tam Quang",
    ),
]
DEMO_PKI = Path(settings.BASE_DIR) / "var" / "demo-pki"

logger = logging.getLogger(__name__)
CEREMONY = "Lễ trao Giấy khen của Giám đốc Công an tỉnh năm 2022"


def _full_names(users: dict[str, User]) -> None:
    for username, (first, last) in FULL_NAMES.items():
        user = users.get(username)
        if user is not None and not user.first_name:
            # Django prints first_name then last_name: "Nguyễn Thị" + "Hà".
            user.first_name, user.last_name = first, last
            user.save(update_fields=["first_name", "last_name"])


def _issued_decision_with_ceremony(campaign: Any, users: dict[str, User]) -> None:
    if Decision.objects.filter(number=DECISION_NUMBER).exists():
        return
    waiting = list(
        Nomination.objects.filter(campaign=campaign, state=NominationState.AWAITING_DIRECTOR)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if len(waiting) < 2:
        return
    director, clerk = users["director"], users["clerk"]
    # Two awards are decided; the rest stay in the Director's queue.
    decision = decision_create(
        actor=director,
        authority="PROVINCIAL_DIRECTOR",
        number=DECISION_NUMBER,
        date=datetime.date(2022, 12, 28),
        signer_name=director.get_full_name(),
        signer_title="GIÁM ĐỐC",
        nomination_ids=waiting[:2],
    )
    decision = decision_issue(decision=decision, actor=director)
    certificates_render(
        certificate_ids=Certificate.objects.filter(decision=decision).values_list("pk", flat=True)
    )
    if not Ceremony.objects.filter(name=CEREMONY).exists():
        ceremony_create(
            actor=clerk,
            name=CEREMONY,
            date=datetime.date(2023, 1, 10),
            place="Hội trường Công an tỉnh Gia Lai",
            decisions=[decision],
        )


def authority_signers_seed() -> None:
    for authority, start, end, mode, principal, title, rank, name in AUTHORITY_SIGNERS:
        AuthoritySigner.objects.get_or_create(
            authority=authority,
            valid_from=start,
            defaults={
                "valid_to": end,
                "signer_mode": mode,
                "signer_principal_title": principal,
                "signer_title": title,
                "signer_rank": rank,
                "signer_name": name,
            },
        )


def _director_signs(decision: Decision, director: User) -> bool:
    """What the Director's token software does, with the demo's own certificate for them
    (`manage.py demo_pki`, var/demo-pki): sign the decision's PDF/A and upload it. False when
    the demo's certificate or the PDF is not there (tests, a demo without DEBUG)."""
    person, password = DEMO_PKI / "director.p12", DEMO_PKI / "director.password"
    if not (person.exists() and password.exists()):
        return False
    if decision_pdf_make(decision_id=decision.pk) == "failed":
        return False
    decision.refresh_from_db()
    if not decision.pdf_ready:
        return False
    with decision.pdf.open("rb") as handle:
        signed = pdf_sign_as_person(
            handle.read(),
            pkcs12_data=person.read_bytes(),
            password=password.read_text(encoding="utf-8").strip().encode(),
        )
    decision_sign(decision=decision, actor=director, pdf_bytes=signed)
    return True


def _current_decision_in_the_decrees_order(campaign: Any, users: dict[str, User]) -> None:
    """This year's decision: issued today; where the demo has its PKI and makes PDFs (`make
    run`), the Director signs it, then the văn thư seals it and its certificate is rendered.
    Elsewhere it waits for the signer, as a real one would."""
    today = timezone.localdate()
    if Decision.objects.filter(number=CURRENT_DECISION_NUMBER, year=today.year).exists():
        return
    waiting = list(
        Nomination.objects.filter(campaign=campaign, state=NominationState.AWAITING_DIRECTOR)
        .order_by("-pk")
        .values_list("pk", flat=True)[:1]
    )
    signer = AuthoritySigner.signer_on(Authority.PROVINCIAL_DIRECTOR, today)
    if not waiting or signer is None:
        return
    director, clerk = users["director"], users["clerk"]
    decision = decision_create(
        actor=director,
        authority=Authority.PROVINCIAL_DIRECTOR,
        number=CURRENT_DECISION_NUMBER,
        date=today,
        signer_mode=signer.mode,
        signer_principal_title=signer.principal_title,
        signer_title=signer.title,
        signer_rank=signer.rank,
        signer_name=signer.name,
        nomination_ids=waiting,
    )
    decision = decision_issue(decision=decision, actor=director)
    if not (decision.signed_electronically_here and seal_configured()):
        return  # no PDF made here or no seal (tests, a bare demo): it waits for the signer
    try:
        with transaction.atomic():
            signed = _director_signs(decision, director)
            if signed:
                decision_seal(
                    decision=Decision.objects.get(pk=decision.pk),
                    actor=clerk,
                    comment="Văn thư đóng dấu (dữ liệu mẫu)",
                )
    except Exception as exc:  # the demo's signing is a convenience; the decision stays to sign
        logger.warning("demo: the current decision was not signed and sealed: %s", exc)
        return
    decision = Decision.objects.get(pk=decision.pk)
    if decision.signature_state == SignatureState.SEALED:
        certificates_render(
            certificate_ids=Certificate.objects.filter(decision=decision).values_list(
                "pk", flat=True
            )
        )


def first_login_extras(
    *, campaign: Any, users: dict[str, User], this_years_decision: bool = True
) -> None:
    """Called once by demo_load, after the nominations and the committee's meeting. Without
    `this_years_decision` every Giấy khen left awaiting the Director stays so (the 2023
    conference's documents, commendations.demo.samples, decide them all)."""
    _full_names(users)
    _issued_decision_with_ceremony(campaign, users)
    if this_years_decision:
        _current_decision_in_the_decrees_order(campaign, users)
