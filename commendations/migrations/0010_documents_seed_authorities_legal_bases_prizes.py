"""Seeds the two authorities' header lines. The dated rows the documents print (legal bases, base
salaries, prize coefficients) were seeded here too, with valid_to as the last day in force; they
are now seeded by 0020_validity_half_open with valid_to as the first day no longer in force, and
a database that got them from here has them converted there. Reversible: the reverse deletes
exactly the rows seeded here."""

from django.conf import settings
from django.db import migrations


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
            "title_in_sentence": f"Giám đốc {police}",
        },
    }


def seed(apps, schema_editor):
    AuthorityProfile = apps.get_model("commendations", "AuthorityProfile")
    for authority, values in _authorities(settings.PROVINCE_NAME).items():
        AuthorityProfile.objects.get_or_create(authority=authority, defaults=values)


def unseed(apps, schema_editor):
    apps.get_model("commendations", "AuthorityProfile").objects.filter(
        authority__in=["MINISTRY", "PROVINCIAL_DIRECTOR"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0009_documents_authorities_signer_prizes")]

    operations = [migrations.RunPython(seed, unseed)]
