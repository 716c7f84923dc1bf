"""What the demo adds so every role has something to do on first login: full names (pages greet
"Xin chào, Nguyễn Thị Hà", not "clerk"), and one issued Director's decision with its
certificates rendered and a ceremony, so the clerk opens to a decision to print and a ceremony
to prepare. Idempotent: loading the demo again changes nothing."""

import datetime
from typing import Any

from django.contrib.auth.models import User

from commendations.actions.certificates import certificates_render
from commendations.actions.decisions import decision_issue
from commendations.ceremonies.models import Ceremony
from commendations.ceremonies.services import ceremony_create
from commendations.certificates.models import Certificate
from commendations.decisions.models import Decision
from commendations.decisions.services import decision_create
from commendations.nominations.models import Nomination, NominationState

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


def first_login_extras(*, campaign: Any, users: dict[str, User]) -> None:
    """Called once by demo_load, after the nominations and the committee's meeting."""
    _full_names(users)
    _issued_decision_with_ceremony(campaign, users)
