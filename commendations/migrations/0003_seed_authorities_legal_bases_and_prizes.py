"""The rows every installation starts with: the header lines of the two authorities that issue
decisions (the Minister's documents carry the Ministry's signature, so the Ministry is not sealed
here), and the dated rows the documents print: legal bases, base salaries and prize coefficients.
Dated rows follow commendations/validity.py: valid_to is the first day a row is no longer in
force, empty while it still is. Reversible: the reverse deletes exactly the rows seeded here."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import migrations

D = datetime.date

# short name, kind, citation, valid from, valid to (first day no longer in force), sort order, note
LEGAL_BASES = [
    (
        "Luật TĐKT 2003 (sửa đổi 2005, 2013)",
        "law",
        "Căn cứ Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003; Luật sửa đổi, bổ sung một "
        "số điều của Luật Thi đua, khen thưởng ngày 14 tháng 6 năm 2005 và ngày 16 tháng 11 năm "
        "2013;",
        D(2014, 6, 1),
        D(2024, 1, 1),
        10,
        "Thay thế bởi Luật Thi đua, khen thưởng 2022 từ 01/01/2024.",
    ),
    (
        "91/2017/NĐ-CP",
        "decree",
        "Căn cứ Nghị định số 91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        D(2017, 10, 1),
        D(2024, 1, 1),
        20,
        "Thay thế bởi Nghị định 98/2023/NĐ-CP từ 01/01/2024.",
    ),
    (
        "12/2019/TT-BCA",
        "circular",
        "Căn cứ Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an quy định về công tác thi "
        "đua, khen thưởng trong Công an nhân dân;",
        D(2019, 1, 1),
        D(2024, 1, 1),
        30,
        "Ngày hiệu lực chưa đối chiếu bản gốc: quản trị kiểm tra và sửa.",
    ),
    (
        "06/2022/QH15",
        "law",
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;",
        D(2024, 1, 1),
        None,
        10,
        "Luật số 06/2022/QH15, có hiệu lực từ 01/01/2024.",
    ),
    (
        "98/2023/NĐ-CP",
        "decree",
        "Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
        "tiết thi hành một số điều của Luật Thi đua, khen thưởng;",
        D(2024, 1, 1),
        D(2025, 7, 1),
        20,
        "Thay thế bởi Nghị định 152/2025/NĐ-CP từ 01/07/2025.",
    ),
    (
        "152/2025/NĐ-CP",
        "decree",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
        "Thi đua, khen thưởng;",
        D(2025, 7, 1),
        None,
        20,
        "",
    ),
    (
        "04/2024/TT-BCA",
        "circular",
        "Căn cứ Thông tư số 04/2024/TT-BCA của Bộ trưởng Bộ Công an quy định về công tác thi "
        "đua, khen thưởng trong Công an nhân dân và phong trào toàn dân bảo vệ an ninh Tổ quốc;",
        D(2024, 1, 1),
        None,
        30,
        "Ngày hiệu lực chưa đối chiếu bản gốc: quản trị kiểm tra và sửa.",
    ),
]

# valid from, valid to (first day no longer in force), amount, source
BASE_SALARIES = [
    (D(2019, 7, 1), D(2023, 7, 1), 1_490_000, "Nghị định 38/2019/NĐ-CP"),
    (D(2023, 7, 1), D(2024, 7, 1), 1_800_000, "Nghị định 24/2023/NĐ-CP"),
    (D(2024, 7, 1), None, 2_340_000, "Nghị định 73/2024/NĐ-CP"),
]

# authority, valid from, valid to (first day no longer in force), coefficient, rounding unit,
# source
PRIZE_RULES = [
    ("MINISTRY", D(2017, 10, 1), D(2024, 1, 1), "1.0", 0, "Nghị định 91/2017/NĐ-CP"),
    ("MINISTRY", D(2024, 1, 1), D(2025, 7, 1), "1.0", 10_000, "Nghị định 98/2023/NĐ-CP"),
    (
        "MINISTRY",
        D(2025, 7, 1),
        None,
        "1.5",
        10_000,
        "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 (theo báo chí)",
    ),
    ("PROVINCIAL_DIRECTOR", D(2017, 10, 1), D(2024, 1, 1), "0.3", 0, "Nghị định 91/2017/NĐ-CP"),
    (
        "PROVINCIAL_DIRECTOR",
        D(2024, 1, 1),
        D(2025, 7, 1),
        "0.3",
        10_000,
        "Nghị định 98/2023/NĐ-CP",
    ),
    (
        "PROVINCIAL_DIRECTOR",
        D(2025, 7, 1),
        None,
        "0.3",
        10_000,
        "Nghị định 152/2025/NĐ-CP (hệ số chưa đối chiếu)",
    ),
]


def _authorities(province: str) -> dict[str, dict]:
    police = f"Công an tỉnh {province}"
    return {
        "MINISTRY": {
            "governing_body": "",
            "issuing_body": "BỘ CÔNG AN",
            "title": "BỘ TRƯỞNG BỘ CÔNG AN",
            "principal_title": "BỘ TRƯỞNG",
            "place": "Hà Nội",
            "document_code": "QĐ-BCA-X03",
            "proposal_line": f"Xét đề nghị của Giám đốc {police} và Cục trưởng Cục Công tác "
            "đảng và công tác chính trị",
            "prize_fund": "Quỹ thi đua, khen thưởng của Bộ Công an",
            "recipients": f"- Như Điều 3;\n- {police};",
            "archive": "VT, X03.",
            "unit_qualifier": police,
            "certificates_printed_here": False,
            "sealed_here": False,
            "title_in_sentence": "Bộ trưởng Bộ Công an",
        },
        "PROVINCIAL_DIRECTOR": {
            "governing_body": "BỘ CÔNG AN",
            "issuing_body": police.upper(),
            "title": f"GIÁM ĐỐC {police.upper()}",
            "principal_title": "GIÁM ĐỐC",
            "place": province,
            "document_code": "QĐ-CAT-PV05",
            "proposal_line": "Xét đề nghị của Trưởng phòng Công tác đảng và công tác chính trị",
            "prize_fund": f"Quỹ thi đua, khen thưởng của {police}",
            "recipients": "- Như Điều 3;\n- Đồng chí Giám đốc (để báo cáo);\n"
            "- Các đồng chí Phó Giám đốc;",
            "archive": "VT, PV05.",
            "unit_qualifier": "",
            "certificates_printed_here": True,
            "sealed_here": True,
            "title_in_sentence": f"Giám đốc {police}",
        },
    }


def dated_rows_seed(apps, schema_editor):
    """Rows already there are left as they are (matched by their natural keys)."""
    LegalBasis = apps.get_model("commendations", "LegalBasis")
    BaseSalary = apps.get_model("commendations", "BaseSalary")
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for short, kind, citation, start, end, order, note in LEGAL_BASES:
        LegalBasis.objects.get_or_create(
            short_name=short,
            valid_from=start,
            defaults={
                "kind": kind,
                "citation": citation,
                "valid_to": end,
                "sort_order": order,
                "note": note,
            },
        )
    for start, end, amount, source in BASE_SALARIES:
        BaseSalary.objects.get_or_create(
            valid_from=start, defaults={"valid_to": end, "amount": amount, "source": source}
        )
    for authority, start, end, coefficient, rounding, source in PRIZE_RULES:
        PrizeRule.objects.get_or_create(
            authority=authority,
            award_type=None,
            valid_from=start,
            defaults={
                "valid_to": end,
                "coefficient": Decimal(coefficient),
                "rounding_unit": rounding,
                "source": source,
            },
        )


def authorities_seed(apps, schema_editor):
    AuthorityProfile = apps.get_model("commendations", "AuthorityProfile")
    for authority, values in _authorities(settings.PROVINCE_NAME).items():
        AuthorityProfile.objects.get_or_create(authority=authority, defaults=values)


def authorities_unseed(apps, schema_editor):
    apps.get_model("commendations", "AuthorityProfile").objects.filter(
        authority__in=["MINISTRY", "PROVINCIAL_DIRECTOR"]
    ).delete()


def dated_rows_unseed(apps, schema_editor):
    LegalBasis = apps.get_model("commendations", "LegalBasis")
    BaseSalary = apps.get_model("commendations", "BaseSalary")
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for short, _kind, _citation, start, *_rest in LEGAL_BASES:
        LegalBasis.objects.filter(short_name=short, valid_from=start).delete()
    for start, *_rest in BASE_SALARIES:
        BaseSalary.objects.filter(valid_from=start).delete()
    for authority, start, *_rest in PRIZE_RULES:
        PrizeRule.objects.filter(authority=authority, award_type=None, valid_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0002_postgres_constraints_and_search_index")]

    operations = [
        migrations.RunPython(authorities_seed, authorities_unseed),
        migrations.RunPython(dated_rows_seed, dated_rows_unseed),
    ]
