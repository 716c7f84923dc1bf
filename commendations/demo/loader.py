"""The demo data: the Gia Lai police and its 2022 conference (../shared/seed/), 10 Bằng khen and
18 Giấy khen nominations taken through the real workflow, plus an open campaign for this year.
Running it again changes nothing."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.utils import timezone

from commendations.access.roles import Role, roles_ensure
from commendations.actions.committee import nominations_recommend
from commendations.actions.nominations import nomination_forward, nomination_submit
from commendations.campaigns.models import Authority, AwardType, Campaign
from commendations.committee.models import CommitteeSession, recusal_required_reason
from commendations.committee.services import committee_session_create, vote_cast
from commendations.demo.annual_titles import annual_titles_demo_load
from commendations.demo.first_login import authority_signers_seed, first_login_extras
from commendations.demo.history import demo_person_for, rules_demo_load
from commendations.demo.long_service import long_service_demo_load
from commendations.demo.reorganisation import demo_reorganise
from commendations.demo.sudden_feat import sudden_feat_demo_load
from commendations.eligibility.conditions import Status
from commendations.eligibility.selectors import eligibility_report
from commendations.nominations.dossier import eligibility_confirm, nominee_link_set
from commendations.nominations.models import Nomination
from commendations.nominations.models import NominationState as S
from commendations.nominations.services import nomination_create
from commendations.units.models import Unit, UnitKind, UserProfile

PROVINCE = ("CAT-GL", "Công an tỉnh Gia Lai")
DEPARTMENTS = [
    ("PV01", "Phòng Tham mưu"),
    ("PV05", "Phòng Công tác đảng và công tác chính trị"),
    ("PA09", "Phòng An ninh kinh tế"),
    ("PC02", "Phòng Cảnh sát hình sự"),
    ("PC06", "Phòng Cảnh sát quản lý hành chính về trật tự xã hội"),
    ("PC08", "Phòng Cảnh sát giao thông"),
]
# district code, name, headcount, [(commune code, name)]
DISTRICTS = [
    (
        "CA-PLEIKU",
        "Công an thành phố Pleiku",
        320,
        [
            ("CA-DIENHONG", "Công an phường Diên Hồng"),
            ("CA-HOITHUONG", "Công an phường Hội Thương"),
            ("CA-IAKRING", "Công an phường Ia Kring"),
            ("CA-BIENHO", "Công an xã Biển Hồ"),
        ],
    ),
    (
        "CA-CHUPAH",
        "Công an huyện Chư Păh",
        140,
        [
            ("CA-NGHIAHUNG", "Công an xã Nghĩa Hưng"),
            ("CA-PHUHOA", "Công an thị trấn Phú Hòa"),
            ("CA-HOAPHU", "Công an xã Hòa Phú"),
        ],
    ),
    ("CA-DAKDOA", "Công an huyện Đak Đoa", 120, [("CA-GLAR", "Công an xã Glar")]),
    ("CA-CHUSE", "Công an huyện Chư Sê", 120, [("CA-IABLANG", "Công an xã Ia Blang")]),
    ("CA-DUCCO", "Công an huyện Đức Cơ", 100, [("CA-IADOK", "Công an xã Ia Dơk")]),
    ("CA-IAGRAI", "Công an huyện Ia Grai", 100, [("CA-IASAO", "Công an xã Ia Sao")]),
    ("CA-ANKHE", "Công an thị xã An Khê", 100, [("CA-TAYSON", "Công an phường Tây Sơn")]),
    ("CA-KRONGPA", "Công an huyện Krông Pa", 90, [("CA-PHUCAN", "Công an xã Phú Cần")]),
    ("CA-KBANG", "Công an huyện Kbang", 90, [("CA-SONLANG", "Công an xã Sơn Lang")]),
    ("CA-MANGYANG", "Công an huyện Mang Yang", 90, [("CA-DAKYA", "Công an xã Đak Yă")]),
]

BK, GK = "BK-BCA", "GK-GD"
CAMPAIGN_2022 = "Phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2022"

# (proposing unit, award, kind, name, nominee unit code, rank, position, workplace, final state)
NOMINATIONS = [
    ("CA-CHUPAH", BK, "collective", "", "CA-NGHIAHUNG", "", "", "", S.AWAITING_MINISTRY),
    ("CA-PLEIKU", BK, "collective", "", "CA-DIENHONG", "", "", "", S.AWAITING_MINISTRY),
    ("CA-DAKDOA", BK, "collective", "", "CA-DAKDOA", "", "", "", S.AWAITING_MINISTRY),
    ("CA-PLEIKU", BK, "collective", "", "CA-HOITHUONG", "", "", "", S.AWAITING_MINISTRY),
    ("CA-CHUSE", BK, "collective", "", "CA-IABLANG", "", "", "", S.AWAITING_MINISTRY),
    ("CA-CHUPAH", BK, "collective", "", "CA-PHUHOA", "", "", "", S.AWAITING_MINISTRY),
    ("PC06", BK, "collective", "", "PC06", "", "", "", S.AWAITING_MINISTRY),
    (
        "CA-PLEIKU",
        BK,
        "collective",
        "Đội Cảnh sát quản lý hành chính về trật tự xã hội, Công an thành phố Pleiku",
        None,
        "",
        "",
        "",
        S.RECOMMENDED,
    ),
    ("CA-DUCCO", BK, "collective", "", "CA-IADOK", "", "", "", S.RECOMMENDED),
    (
        "CA-PLEIKU",
        BK,
        "collective",
        "Ban bảo vệ dân phố tổ 5, phường Ia Kring, thành phố Pleiku",
        None,
        "",
        "",
        "",
        S.SUBMITTED,
    ),
    # Giấy khen: 10 collectives ...
    ("CA-DAKDOA", GK, "collective", "", "CA-GLAR", "", "", "", S.AWAITING_DIRECTOR),
    ("CA-ANKHE", GK, "collective", "", "CA-TAYSON", "", "", "", S.AWAITING_DIRECTOR),
    (
        "CA-CHUPAH",
        GK,
        "collective",
        "Tổ an ninh nhân dân thôn 3, xã Hòa Phú, huyện Chư Păh",
        None,
        "",
        "",
        "",
        S.AWAITING_DIRECTOR,
    ),
    ("CA-PLEIKU", GK, "collective", "", "CA-BIENHO", "", "", "", S.AWAITING_DIRECTOR),
    ("CA-IAGRAI", GK, "collective", "", "CA-IASAO", "", "", "", S.AWAITING_DIRECTOR),
    ("CA-KRONGPA", GK, "collective", "", "CA-PHUCAN", "", "", "", S.AWAITING_DIRECTOR),
    ("CA-KBANG", GK, "collective", "", "CA-SONLANG", "", "", "", S.AWAITING_DIRECTOR),
    (
        "CA-CHUPAH",
        GK,
        "collective",
        "Đội Cảnh sát giao thông - trật tự và Cơ động, Công an huyện Chư Păh",
        None,
        "",
        "",
        "",
        S.AWAITING_DIRECTOR,
    ),
    ("CA-MANGYANG", GK, "collective", "", "CA-DAKYA", "", "", "", S.RECOMMENDED),
    (
        "CA-PLEIKU",
        GK,
        "collective",
        "Tổ tự quản về an ninh, trật tự làng Plei Ốp, phường Hội Thương, thành phố Pleiku",
        None,
        "",
        "",
        "",
        S.SUBMITTED,
    ),
    # ... and 8 individuals
    (
        "CA-CHUPAH",
        GK,
        "individual",
        "Nguyễn Văn Hùng",
        None,
        "Đại úy",
        "Trưởng Công an xã",
        "Công an xã Nghĩa Hưng, huyện Chư Păh",
        S.AWAITING_DIRECTOR,
    ),
    (
        "CA-PLEIKU",
        GK,
        "individual",
        "Nguyễn Thị Ánh Tuyết",
        None,
        "Thiếu tá",
        "Đội trưởng Đội Tham mưu - Tổng hợp",
        "Công an thành phố Pleiku",
        S.AWAITING_DIRECTOR,
    ),
    (
        "CA-CHUSE",
        GK,
        "individual",
        "Rơ Mah Thuận",
        None,
        "Thượng úy",
        "Phó Trưởng Công an xã",
        "Công an xã Ia Blang, huyện Chư Sê",
        S.AWAITING_DIRECTOR,
    ),
    (
        "CA-PLEIKU",
        GK,
        "individual",
        "Phạm Minh Đức",
        None,
        "Thiếu tá",
        "Phó Đội trưởng Đội Cảnh sát hình sự",
        "Công an thành phố Pleiku",
        S.AWAITING_DIRECTOR,
    ),
    (
        "CA-CHUPAH",
        GK,
        "individual",
        "Lê Quang Đạt",
        None,
        "Đại úy",
        "Cán bộ Đội Cảnh sát giao thông - trật tự và Cơ động",
        "Công an huyện Chư Păh",
        S.AWAITING_DIRECTOR,
    ),
    (
        "CA-DUCCO",
        GK,
        "individual",
        "Siu Đăm",
        None,
        "Trung úy",
        "Cán bộ Công an xã",
        "Công an xã Ia Dơk, huyện Đức Cơ",
        S.RECOMMENDED,
    ),
    (
        "CA-PLEIKU",
        GK,
        "individual",
        "Ksor H'Nhung",
        None,
        "",
        "Tổ trưởng Tổ tự quản về an ninh, trật tự",
        "Làng Plei Ốp, phường Hội Thương, thành phố Pleiku",
        S.RECOMMENDED,
    ),
    (
        "CA-DAKDOA",
        GK,
        "individual",
        "Đinh Văn Byă",
        None,
        "",
        "Trưởng thôn",
        "Thôn 2, xã Glar, huyện Đak Đoa",
        S.SUBMITTED,
    ),
]
FORWARDED = {S.AWAITING_MINISTRY, S.AWAITING_DIRECTOR}
FEMALE_NAMES = {"Nguyễn Thị Ánh Tuyết", "Ksor H'Nhung"}

# username, role, unit code, title
USERS = [
    ("unit_officer", Role.UNIT_OFFICER, "CA-CHUPAH", "Cán bộ Đội Tham mưu, Công an huyện Chư Păh"),
    (
        "unit_officer_pleiku",
        Role.UNIT_OFFICER,
        "CA-PLEIKU",
        "Cán bộ Đội Tham mưu, Công an thành phố Pleiku",
    ),
    ("committee_member", Role.COMMITTEE_MEMBER, "PV01", "Phó Trưởng phòng Tham mưu"),
    (
        "committee_secretary",
        Role.COMMITTEE_SECRETARY,
        "PV05",
        "Trưởng phòng Công tác đảng và công tác chính trị, Thường trực Hội đồng",
    ),
    ("director", Role.PROVINCIAL_DIRECTOR, "CAT-GL", "Giám đốc Công an tỉnh"),
    ("ministry", Role.MINISTRY, "PV05", "Tiếp nhận Quyết định của Bộ Công an"),
    ("clerk", Role.CLERK, "PV05", "Văn thư Phòng PV05"),
]
# The council's other members (the rule sets ask for a quorum of 7): they have already voted in
# the demo meeting, so `committee_member`'s vote is the seventh. (username, unit code, name)
COUNCIL = [
    ("uy_vien_pv01", "PV01", "Trưởng phòng Tham mưu, Phó Chủ tịch Hội đồng", "Trần Văn", "Long"),
    ("uy_vien_pa09", "PA09", "Trưởng phòng An ninh kinh tế", "Nguyễn Đức", "Thắng"),
    ("uy_vien_pc02", "PC02", "Trưởng phòng Cảnh sát hình sự", "Lê Văn", "Tâm"),
    (
        "uy_vien_pc06",
        "PC06",
        "Trưởng phòng Cảnh sát quản lý hành chính về trật tự xã hội",
        "Hoàng Minh",
        "Tuấn",
    ),
    ("uy_vien_pc08", "PC08", "Trưởng phòng Cảnh sát giao thông", "Võ Thanh", "Bình"),
    (
        "uy_vien_pv05",
        "PV05",
        "Phó Trưởng phòng Công tác đảng và công tác chính trị",
        "Đặng Thị",
        "Hồng",
    ),
]
DEMO_MEETING = "Phiên họp Hội đồng TĐKT tháng 12/2022"


@dataclass
class DemoSummary:
    created_units: int = 0
    created_nominations: int = 0
    users: list[tuple[str, str]] = field(default_factory=list)


def _unit(
    code: str,
    name: str,
    kind: str,
    parent: Unit | None,
    headcount: int,
    order: int,
    summary: DemoSummary,
) -> Unit:
    unit, created = Unit.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "kind": kind,
            "parent": parent,
            "headcount": headcount,
            "sort_order": order,
        },
    )
    summary.created_units += created
    return unit


def _units(summary: DemoSummary) -> None:
    province = _unit(*PROVINCE, UnitKind.PROVINCE, None, 2500, 0, summary)
    for order, (code, name) in enumerate(DEPARTMENTS, 1):
        _unit(code, name, UnitKind.DEPARTMENT, province, 40, order, summary)
    for order, (code, name, headcount, communes) in enumerate(DISTRICTS, 100):
        district = _unit(code, name, UnitKind.DISTRICT, province, headcount, order, summary)
        for sub_order, (c_code, c_name) in enumerate(communes, 1):
            _unit(c_code, c_name, UnitKind.COMMUNE, district, 12, sub_order, summary)


def _award_types() -> dict[str, AwardType]:
    bk, _created = AwardType.objects.get_or_create(
        code=BK,
        defaults={
            "name": "Bằng khen của Bộ trưởng Bộ Công an",
            "short_name": "Bằng khen",
            "authority": Authority.MINISTRY,
            "sort_order": 1,
        },
    )
    gk, _created = AwardType.objects.get_or_create(
        code=GK,
        defaults={
            "name": "Giấy khen của Giám đốc Công an tỉnh",
            "short_name": "Giấy khen",
            "authority": Authority.PROVINCIAL_DIRECTOR,
            "sort_order": 2,
        },
    )
    return {BK: bk, GK: gk}


def _campaigns(award_types: dict[str, AwardType]) -> tuple[Campaign, Campaign]:
    past, _created = Campaign.objects.get_or_create(
        name=CAMPAIGN_2022,
        year=2022,
        defaults={
            "opens_on": datetime.date(2022, 11, 1),
            "closes_on": datetime.date(2022, 12, 15),
            "citation": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc năm 2022",
            "description": "Sơ kết, tổng kết và khen thưởng phong trào toàn dân bảo vệ an ninh "
            "Tổ quốc năm 2022; trao tại Hội nghị triển khai công tác năm 2023 (14/3/2023).",
        },
    )
    past.award_types.add(*award_types.values())
    year = timezone.localdate().year
    current, _created = Campaign.objects.get_or_create(
        name=f"Phong trào toàn dân bảo vệ an ninh Tổ quốc năm {year}",
        year=year,
        defaults={
            # District police consolidate their communes' nominations before the province.
            "consolidation_levels": [UnitKind.DISTRICT.value],
            "opens_on": datetime.date(year, 1, 1),
            "closes_on": datetime.date(year, 12, 31),
            "citation": "Đã có thành tích xuất sắc trong phong trào toàn dân bảo vệ an ninh "
            f"Tổ quốc năm {year}",
            "description": "Đợt đang mở nhận hồ sơ đề nghị khen thưởng.",
        },
    )
    current.award_types.add(*award_types.values())
    return past, current


def _users(summary: DemoSummary) -> dict[str, User]:
    password = settings.DEMO_PASSWORD
    users: dict[str, User] = {}
    for username, role, unit_code, title in USERS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.set_password(password)
            user.email = f"{username}@congan.gialai.local"
            user.save()
        user.groups.add(Group.objects.get(name=role))
        UserProfile.objects.update_or_create(
            user=user, defaults={"unit": Unit.objects.get(code=unit_code), "title": title}
        )
        users[username] = user
        summary.users.append((username, str(Role(role).label)))
    admin, created = User.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@congan.gialai.local"},
    )
    if created:
        admin.set_password(password)
        admin.save()
    UserProfile.objects.get_or_create(
        user=admin, defaults={"unit": Unit.objects.get(code="CAT-GL")}
    )
    users["admin"] = admin
    summary.users.append(("admin", str(Role.ADMIN.label)))
    for username, unit_code, title, first_name, last_name in COUNCIL:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(Group.objects.get(name=Role.COMMITTEE_MEMBER))
        UserProfile.objects.update_or_create(
            user=user, defaults={"unit": Unit.objects.get(code=unit_code), "title": title}
        )
        users[username] = user
    summary.users.append((f"uy_vien_* ({len(COUNCIL)})", str(Role.COMMITTEE_MEMBER.label)))
    return users


def _officer_for(unit_code: str, users: dict[str, User]) -> User:
    for username in ("unit_officer", "unit_officer_pleiku"):
        if users[username].profile.unit.code == unit_code:
            return users[username]
    return users["admin"]


def _nominations(
    campaign: Campaign,
    award_types: dict[str, AwardType],
    users: dict[str, User],
    summary: DemoSummary,
) -> None:
    if campaign.nominations.exists():
        return
    # The 2022 window is long closed: reopen it for the length of this transaction so the
    # nominations go through the real transitions (and leave a real audit trail).
    window = (campaign.opens_on, campaign.closes_on)
    today = timezone.localdate()
    Campaign.objects.filter(pk=campaign.pk).update(
        opens_on=min(window[0], today), closes_on=max(window[1], today)
    )
    campaign.refresh_from_db()
    created: list[tuple[Nomination, str]] = []
    for (
        unit_code,
        award,
        kind,
        name,
        nominee_code,
        rank,
        position,
        workplace,
        final_state,
    ) in NOMINATIONS:
        unit = Unit.objects.get(code=unit_code)
        nominee_unit = Unit.objects.get(code=nominee_code) if nominee_code else None
        officer = _officer_for(unit_code, users)
        nomination = nomination_create(
            actor=officer,
            campaign=campaign,
            unit=unit,
            award_type=award_types[award],
            nominee_kind=kind,
            nominee_name=name,
            nominee_unit=nominee_unit,
            rank=rank,
            position=position,
            workplace=workplace,
            gender=("female" if name in FEMALE_NAMES else "male") if kind == "individual" else "",
            achievement_summary=(
                "Tham mưu, triển khai hiệu quả phong trào toàn dân bảo vệ an ninh Tổ quốc "
                "năm 2022; xây dựng và duy trì mô hình tự quản về an ninh, trật tự ở cơ sở; "
                "cung cấp nhiều tin báo có giá trị giúp phát hiện, xử lý kịp thời các vụ việc."
            ),
        )
        summary.created_nominations += 1
        person = demo_person_for(name) if kind == "individual" else None
        if person is not None:
            nominee_link_set(nomination=nomination, person=person, actor=officer)
        nomination_submit(nomination=nomination, actor=officer)
        # The secretariat checks each dossier on arrival and vouches for what the records
        # cannot decide, so every demo nomination can go before the committee.
        _confirm_unknowns(nomination, users["committee_member"])
        created.append((nomination, final_state))
    _committee_decides(campaign, created, users)
    Campaign.objects.filter(pk=campaign.pk).update(opens_on=window[0], closes_on=window[1])


def _committee_decides(
    campaign: Campaign, created: list[tuple[Nomination, str]], users: dict[str, User]
) -> None:
    """The December meeting recommends the nominations that went further, the only way the
    workflow allows: every sitting member who may votes for them, the secretary records the
    result (the tally computed from the votes), then forwards them to the deciding authority."""
    session = _committee_meeting(campaign, users)
    secretary = users["committee_secretary"]
    chosen = [nomination for nomination, final_state in created if final_state != S.SUBMITTED]
    for nomination in chosen:
        for member in (users["committee_member"], secretary):
            vote_cast(session=session, nomination=nomination, member=member, choice="for")
    nominations_recommend(
        session=session, nominations=chosen, actor=secretary, comment=DEMO_MEETING
    )
    for nomination, final_state in created:
        if final_state in FORWARDED:
            nomination_forward(nomination=nomination, actor=secretary)


def _committee_meeting(campaign: Campaign, users: dict[str, User]) -> CommitteeSession:
    """The council's December meeting: every member sits; the six other members have voted for
    every nomination awaiting review, so for those still waiting a seventh vote reaches the
    quorum (a member of the nominee's own unit stands aside, as the rules require)."""
    existing = CommitteeSession.objects.filter(campaign=campaign, title=DEMO_MEETING).first()
    if existing is not None:
        return existing
    council = [users[u] for u, *_rest in COUNCIL]
    session = committee_session_create(
        campaign=campaign,
        held_on=datetime.date(2022, 12, 20),
        title=DEMO_MEETING,
        members=[users["committee_member"], users["committee_secretary"], *council],
        actor=users["committee_secretary"],
        place="Phòng họp số 1, Công an tỉnh Gia Lai",
        starts_at=datetime.time(8, 0),
        ends_at=datetime.time(11, 30),
        chair=users["uy_vien_pv01"],
        secretary=users["committee_secretary"],
    )
    for nomination in campaign.nominations.filter(state=S.SUBMITTED):
        for member in council:
            if recusal_required_reason(member, nomination) is None:
                vote_cast(session=session, nomination=nomination, member=member, choice="for")
    return session


def _confirm_unknowns(nomination, member: User) -> None:
    """What the records cannot decide, the committee member vouches for (and it is audited)."""
    for row in eligibility_report(nomination):
        if row["status"] == Status.UNKNOWN:
            eligibility_confirm(
                nomination=nomination,
                code=row["code"],
                actor=member,
                reason="Công an cấp huyện xác nhận tập thể không có vi phạm (văn bản kèm hồ sơ).",
            )


@transaction.atomic
def demo_load(*, first_login: bool = True, this_years_decision: bool = True) -> DemoSummary:
    roles_ensure()
    summary = DemoSummary()
    _units(summary)
    award_types = _award_types()
    past, _current = _campaigns(award_types)
    users = _users(summary)
    rules_demo_load(timezone.localdate().year)
    _nominations(past, award_types, users, summary)
    _committee_meeting(past, users)
    authority_signers_seed()
    if first_login:
        first_login_extras(campaign=past, users=users, this_years_decision=this_years_decision)
    demo_reorganise()  # the 2025 changes: the open campaign runs on the new tree
    annual_titles_demo_load(timezone.localdate().year)
    long_service_demo_load(timezone.localdate().year)
    sudden_feat_demo_load(users=users)
    return summary
