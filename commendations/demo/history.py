"""Demo rule sets and nominee history, loaded by the demo loader (idempotent)."""

import datetime
from decimal import Decimal

from commendations.campaigns.models import AwardType
from commendations.eligibility.models import AttachmentKind, PublicHoliday, QuotaKind, RuleSet
from commendations.units.models import (
    DisciplinaryKind,
    DisciplinaryRecord,
    HonourKind,
    HonourRecord,
    Initiative,
    Person,
    Unit,
)

OLD_LAW = (
    "Luật Thi đua, khen thưởng 2003 (sửa đổi, bổ sung năm 2005, 2013); Nghị định 91/2017/NĐ-CP"
)
NEW_LAW = (
    "Luật Thi đua, khen thưởng 2022 (Luật 06/2022/QH15), Điều 5, Điều 74, Điều 84; "
    "Nghị định 98/2023/NĐ-CP (thay thế bởi Nghị định 152/2025/NĐ-CP); Thông tư 04/2024/TT-BCA"
)
NEW_LAW_GK = NEW_LAW.replace("Điều 74", "Điều 75")
COMMON = ["no_pending_discipline", "not_already_commended"]

# award code, valid from, valid to (the first day no longer in force), name, legal reference,
# quota %, review/forward/decision days, required documents, conditions
RULE_SETS = [
    (
        "BK-BCA",
        datetime.date(2018, 1, 1),
        datetime.date(2024, 1, 1),
        "Bằng khen của Bộ trưởng — quy định trước 2024",
        OLD_LAW,
        Decimal("2"),
        (10, 5, 20),
        [],
        ["individual_ministry_record", *COMMON],
    ),
    (
        "BK-BCA",
        datetime.date(2024, 1, 1),
        None,
        "Bằng khen của Bộ trưởng — Luật 06/2022/QH15",
        NEW_LAW,
        Decimal("2"),
        (10, 5, 20),
        [AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT],
        ["individual_ministry_record", *COMMON],
    ),
    (
        "GK-GD",
        datetime.date(2018, 1, 1),
        datetime.date(2024, 1, 1),
        "Giấy khen của Giám đốc — quy định trước 2024",
        OLD_LAW,
        Decimal("5"),
        (10, 5, 10),
        [],
        COMMON,
    ),
    (
        "GK-GD",
        datetime.date(2024, 1, 1),
        None,
        "Giấy khen của Giám đốc — Luật 06/2022/QH15",
        NEW_LAW_GK,
        Decimal("5"),
        (10, 5, 10),
        [AttachmentKind.COVER_LETTER, AttachmentKind.ACHIEVEMENT_REPORT],
        COMMON,
    ),
]

# code, name, unit code, [(year, honour)], [(initiative title, year)], discipline
PEOPLE = [
    (
        "GL-0001",
        "Nguyễn Văn Hùng",
        "CA-NGHIAHUNG",
        [(2020, HonourKind.GRASSROOTS_EMULATION), (2021, HonourKind.GRASSROOTS_EMULATION)],
        [("Mô hình “Camera an ninh” tại thôn, làng", 2021)],
        None,
    ),
    (
        "GL-0002",
        "Nguyễn Thị Ánh Tuyết",
        "CA-PLEIKU",
        [(2020, HonourKind.EXCELLENT_DUTY), (2021, HonourKind.EXCELLENT_DUTY)],
        [],
        None,
    ),
    ("GL-0003", "Rơ Mah Thuận", "CA-IABLANG", [(2021, HonourKind.ADVANCED_SOLDIER)], [], None),
    (
        "GL-0004",
        "Phạm Minh Đức",
        "CA-PLEIKU",
        [(2021, HonourKind.EXCELLENT_DUTY)],
        [],
        # a discipline that ended before the campaign: it no longer blocks
        (DisciplinaryKind.DISCIPLINE, datetime.date(2019, 3, 1), datetime.date(2020, 3, 1)),
    ),
    ("GL-0005", "Lê Quang Đạt", "CA-CHUPAH", [(2021, HonourKind.EXCELLENT_DUTY)], [], None),
    ("GL-0006", "Siu Đăm", "CA-IADOK", [(2021, HonourKind.ADVANCED_SOLDIER)], [], None),
    ("CD-0001", "Ksor H'Nhung", "CA-HOITHUONG", [], [], None),
    ("CD-0002", "Đinh Văn Byă", "CA-GLAR", [], [], None),
    # For this year's campaign: candidates a unit officer may propose for a Bằng khen.
    (
        "GL-0101",
        "Trần Văn Nam",
        "CA-CHUPAH",
        [(2024, HonourKind.GRASSROOTS_EMULATION), (2025, HonourKind.GRASSROOTS_EMULATION)],
        [],
        None,
    ),
    (
        "GL-0102",
        "Hoàng Thị Lan",
        "CA-PLEIKU",
        [(2024, HonourKind.EXCELLENT_DUTY), (2025, HonourKind.EXCELLENT_DUTY)],
        [
            ("Phần mềm quản lý lưu trú trên địa bàn phường", 2024),
            ("Sổ tay tuyên truyền song ngữ", 2025),
        ],
        None,
    ),
    (
        "GL-0103",
        "Vũ Đình Khoa",
        "CA-CHUPAH",
        [(2024, HonourKind.EXCELLENT_DUTY), (2025, HonourKind.EXCELLENT_DUTY)],
        [],
        (DisciplinaryKind.COMPLAINT, datetime.date(2025, 10, 1), None),
    ),
]
HOLIDAYS = [
    ((1, 1), "Tết Dương lịch"),
    ((4, 30), "Ngày Giải phóng miền Nam"),
    ((5, 1), "Ngày Quốc tế Lao động"),
    ((9, 2), "Quốc khánh"),
]


def rules_demo_load(year: int) -> None:
    for code, start, end, name, law, percent, days, documents, conditions in RULE_SETS:
        RuleSet.objects.get_or_create(
            award_type=AwardType.objects.get(code=code),
            valid_from=start,
            defaults={
                "valid_to": end,
                "name": name,
                "legal_reference": law,
                "vote_share_required": Decimal("0.5"),
                "quorum": 7,
                "quota_kind": QuotaKind.PERCENT,
                "quota_value": percent,
                "review_days": days[0],
                "forward_days": days[1],
                "decision_days": days[2],
                "required_documents": [str(d) for d in documents],
                "conditions": conditions,
                # The simplified procedure under the 2022 law: no council session, the
                # designated officers review; the deadline from the feat is the demo's figure
                # (unverified), not the law's.
                **(
                    {"simplified_steps": ["designated_review", "decision"], "simplified_days": 10}
                    if end is None
                    else {}
                ),
            },
        )
    for y in (year - 1, year, year + 1):
        for (month, day), name in HOLIDAYS:
            PublicHoliday.objects.get_or_create(
                date=datetime.date(y, month, day), defaults={"name": name}
            )
    units = dict(Unit.objects.values_list("code", "pk"))
    for code, name, unit_code, honours, initiatives, discipline in PEOPLE:
        person, _created = Person.objects.get_or_create(
            code=code, defaults={"full_name": name, "unit_id": units[unit_code]}
        )
        for honour_year, kind in honours:
            HonourRecord.objects.get_or_create(person=person, year=honour_year, kind=kind)
        for title, initiative_year in initiatives:
            Initiative.objects.get_or_create(
                person=person,
                title=title,
                year=initiative_year,
                defaults={"recognised_by": "Hội đồng sáng kiến cấp cơ sở"},
            )
        if discipline:
            kind, started, ended = discipline
            DisciplinaryRecord.objects.get_or_create(
                person=person, kind=kind, started_on=started, defaults={"ended_on": ended}
            )


def demo_person_for(name: str) -> Person | None:
    return Person.objects.filter(full_name=name).first()
