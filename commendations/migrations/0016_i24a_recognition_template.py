"""The recognition decision (Quyết định công nhận danh hiệu thi đua) has its own template kind
(`cong_nhan`, seeded from doc_templates/cong_nhan.docx on first use), and the individual titles
the province recognises have their own prize coefficients, dated:

| title | NĐ 91/2017 (Điều 70) | NĐ 98/2023 (Điều 54) | NĐ 152/2025 |
|---|---|---|---|
| Chiến sĩ thi đua cơ sở | 1,0 | 1,0 | 1,0 |
| Chiến sĩ tiên tiến | 0,3 | 0,3 | 0,3 |

Read from secondary sources only (thuvienphapluat.vn and toquoc.vn for 91/2017; lsvn.vn and a
commune's government portal for 98/2023; dantri.com.vn, 03/12/2025, for 152/2025), never from
the decrees' own text: every row is seeded `verified=False` (the flag added by
0015_prize_rule_verified; the administrator sees it, the draft decision's page asks to check).
The two 152/2025 rows already seeded whose source says they come from the press or were not
checked are flagged the same way. Reversible: the reverse deletes the rows seeded here."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import migrations, models

D = datetime.date

# award type code, valid from, valid to (first day no longer in force), coefficient, source
TITLE_PRIZES = [
    ("CSTDCS", D(2017, 10, 1), D(2024, 1, 1), "1.0", "Nghị định 91/2017/NĐ-CP, Điều 70"),
    ("CSTDCS", D(2024, 1, 1), D(2025, 7, 1), "1.0", "Nghị định 98/2023/NĐ-CP, Điều 54"),
    ("CSTDCS", D(2025, 7, 1), None, "1.0", "Nghị định 152/2025/NĐ-CP"),
    ("CSTT", D(2017, 10, 1), D(2024, 1, 1), "0.3", "Nghị định 91/2017/NĐ-CP, Điều 70"),
    ("CSTT", D(2024, 1, 1), D(2025, 7, 1), "0.3", "Nghị định 98/2023/NĐ-CP, Điều 54"),
    ("CSTT", D(2025, 7, 1), None, "0.3", "Nghị định 152/2025/NĐ-CP"),
]
# authority, valid from: seeded by 0003 from the press or marked "chưa đối chiếu" in its source
UNCHECKED = [("MINISTRY", D(2025, 7, 1)), ("PROVINCIAL_DIRECTOR", D(2025, 7, 1))]


def title_prizes_seed(apps, schema_editor):
    AwardType = apps.get_model("commendations", "AwardType")
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for code, start, end, coefficient, source in TITLE_PRIZES:
        award_type = AwardType.objects.filter(code=code).first()
        if award_type is None:  # a catalogue without the title: nothing to price
            continue
        PrizeRule.objects.get_or_create(
            authority="PROVINCIAL_DIRECTOR",
            award_type=award_type,
            valid_from=start,
            defaults={
                "valid_to": end,
                "coefficient": Decimal(coefficient),
                "collective_multiplier": Decimal("2"),
                "rounding_unit": 10_000,
                "source": source,
                "verified": False,
            },
        )
    for authority, start in UNCHECKED:
        PrizeRule.objects.filter(authority=authority, award_type=None, valid_from=start).update(
            verified=False
        )


def title_prizes_unseed(apps, schema_editor):
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for code, start, *_rest in TITLE_PRIZES:
        PrizeRule.objects.filter(
            authority="PROVINCIAL_DIRECTOR", award_type__code=code, valid_from=start
        ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commendations", "0015_prize_rule_verified"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="documenttemplate",
            name="doctemplate_kind_valid",
        ),
        migrations.AlterField(
            model_name="documenttemplate",
            name="kind",
            field=models.CharField(
                choices=[
                    ("bang_khen", "Bằng khen"),
                    ("giay_khen", "Giấy khen"),
                    ("quyet_dinh", "Quyết định khen thưởng"),
                    ("to_trinh", "Tờ trình"),
                    ("bien_ban", "Biên bản họp Hội đồng Thi đua - Khen thưởng"),
                    ("cong_nhan", "Quyết định công nhận danh hiệu thi đua"),
                ],
                max_length=16,
                verbose_name="loại mẫu",
            ),
        ),
        migrations.AddConstraint(
            model_name="documenttemplate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "bang_khen",
                            "giay_khen",
                            "quyet_dinh",
                            "to_trinh",
                            "bien_ban",
                            "cong_nhan",
                        ],
                    )
                ),
                name="doctemplate_kind_valid",
            ),
        ),
        migrations.RunPython(title_prizes_seed, title_prizes_unseed),
    ]
