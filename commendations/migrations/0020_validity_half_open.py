"""One meaning of valid_to in every dated table (commendations/validity.py): the first day a row
is no longer in force, empty while it still is.

Rule sets, legal bases and prize rules stored the last day in force: their rows move to the day
after. Base salaries had no end: each gets the next one's first day. Units, their versions and
service records already meant the first day after. Then the dated rows of the documents (once
seeded by 0010 with the last day) are seeded in the new convention where missing, the period
checks become valid_to > valid_from, and on PostgreSQL an exclusion constraint per table refuses
two versions of the same thing in force on one day (no-op on SQLite)."""

import datetime
from decimal import Decimal

from django.db import migrations, models

from commendations.validity import ExcludeOverlap

D = datetime.date
DAY = datetime.timedelta(days=1)
INCLUSIVE = ("RuleSet", "LegalBasis", "PrizeRule")

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


def _checks_now(schema_editor):
    """PostgreSQL refuses to ALTER a table with deferred foreign-key checks still pending from
    rows written in the same transaction: run them now, before the constraints below."""
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def to_half_open(apps, schema_editor):
    for name in INCLUSIVE:
        model = apps.get_model("commendations", name)
        for row in model.objects.filter(valid_to__isnull=False).only("pk", "valid_to"):
            model.objects.filter(pk=row.pk).update(valid_to=row.valid_to + DAY)
    BaseSalary = apps.get_model("commendations", "BaseSalary")
    rows = list(BaseSalary.objects.order_by("valid_from"))
    for row, following in zip(rows, rows[1:], strict=False):
        BaseSalary.objects.filter(pk=row.pk).update(valid_to=following.valid_from)
    _checks_now(schema_editor)


def to_last_day(apps, schema_editor):
    for name in INCLUSIVE:
        model = apps.get_model("commendations", name)
        for row in model.objects.filter(valid_to__isnull=False).only("pk", "valid_to"):
            model.objects.filter(pk=row.pk).update(valid_to=row.valid_to - DAY)
    _checks_now(schema_editor)


def seed(apps, schema_editor):
    """The rows 0010 used to seed, in the new convention; rows already there are left as they
    are (matched by their natural keys)."""
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
    _checks_now(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("commendations", "0019_documents_minutes_kind")]

    operations = [
        migrations.RemoveConstraint(
            model_name="legalbasis",
            name="legalbasis_dates_ordered",
        ),
        migrations.RemoveConstraint(
            model_name="prizerule",
            name="prizerule_dates_ordered",
        ),
        migrations.RemoveConstraint(
            model_name="ruleset",
            name="ruleset_period_ordered",
        ),
        migrations.AddField(
            model_name="basesalary",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên mức mới áp dụng; để trống nếu vẫn áp dụng.",
                null=True,
                verbose_name="hết áp dụng từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="legalbasis",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên không còn hiệu lực; để trống nếu vẫn còn hiệu lực.",
                null=True,
                verbose_name="hết hiệu lực từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="prizerule",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên không còn áp dụng; để trống nếu vẫn áp dụng.",
                null=True,
                verbose_name="hết áp dụng từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="ruleset",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên không còn áp dụng; để trống nếu vẫn áp dụng.",
                null=True,
                verbose_name="hết áp dụng từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="servicerecord",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên không còn công tác như trên; để trống nếu vẫn như vậy.",
                null=True,
                verbose_name="đến trước ngày",
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="valid_from",
            field=models.DateField(
                default=datetime.date(1945, 8, 19), verbose_name="hoạt động từ ngày"
            ),
        ),
        migrations.AlterField(
            model_name="unit",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên đơn vị không còn hoạt động; để trống nếu vẫn hoạt động.",
                null=True,
                verbose_name="chấm dứt hoạt động từ ngày",
            ),
        ),
        migrations.AlterField(
            model_name="unitversion",
            name="valid_from",
            field=models.DateField(verbose_name="có hiệu lực từ ngày"),
        ),
        migrations.AlterField(
            model_name="unitversion",
            name="valid_to",
            field=models.DateField(
                blank=True,
                help_text="Ngày đầu tiên không còn hiệu lực; để trống nếu vẫn còn hiệu lực.",
                null=True,
                verbose_name="hết hiệu lực từ ngày",
            ),
        ),
        migrations.RunPython(to_half_open, to_last_day),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="basesalary",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gt", models.F("valid_from")),
                    _connector="OR",
                ),
                name="basesalary_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="legalbasis",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gt", models.F("valid_from")),
                    _connector="OR",
                ),
                name="legalbasis_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="prizerule",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gt", models.F("valid_from")),
                    _connector="OR",
                ),
                name="prizerule_dates_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="ruleset",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gt", models.F("valid_from")),
                    _connector="OR",
                ),
                name="ruleset_period_ordered",
            ),
        ),
        migrations.AddConstraint(
            model_name="unit",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("valid_to__isnull", True),
                    ("valid_to__gt", models.F("valid_from")),
                    _connector="OR",
                ),
                name="unit_ends_after_start",
            ),
        ),
        ExcludeOverlap("unitversion", key=("unit",), name="unitversion_no_overlap"),
        ExcludeOverlap("servicerecord", key=("person",), name="servicerecord_no_overlap"),
        ExcludeOverlap("ruleset", key=("award_type",), name="ruleset_no_overlap"),
        ExcludeOverlap("legalbasis", key=("short_name", "authority"), name="legalbasis_no_overlap"),
        ExcludeOverlap("prizerule", key=("authority", "award_type"), name="prizerule_no_overlap"),
        ExcludeOverlap("basesalary", key=(), name="basesalary_no_overlap"),
    ]
