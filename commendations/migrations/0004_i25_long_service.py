"""Long-service awards: the person's sex, where each service record was served (the police or the
grassroots security force, a leading post, an especially difficult area), the medals as honours a
person holds, and the thresholds as dated data with their source and a verified flag (all False:
the figures come from secondary pages, DOMAIN.md "The office's year"). Reversible: the reverse
deletes exactly the rows seeded here."""

import datetime

import django.core.validators
from django.db import migrations, models

from commendations.validity import ExcludeOverlap

D = datetime.date
CLASSES = ["hccsvv3", "hccsvv2", "hccsvv1"]
MEDALS = [*CLASSES, "hcvantq"]
PRESIDENT = "Chủ tịch nước (Bộ Công an đề nghị)"
MINISTER = "Bộ trưởng Bộ Công an"
LAW = "Luật Thi đua, khen thưởng 06/2022/QH15 (Huy chương Chiến sĩ vẻ vang, Vì an ninh Tổ quốc)"
CIRCULAR = "Thông tư 20/2025/TT-BCA (Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”)"
# award, basis, sex, years, doubles, family, excluded_by, authority, source, valid_from
THRESHOLDS = [
    ("hccsvv3", "police", "", 10, False, "csvv", CLASSES, PRESIDENT, LAW, D(2024, 1, 1)),
    ("hccsvv2", "police", "", 15, False, "csvv", CLASSES[1:], PRESIDENT, LAW, D(2024, 1, 1)),
    ("hccsvv1", "police", "", 20, False, "csvv", CLASSES[2:], PRESIDENT, LAW, D(2024, 1, 1)),
    ("hcvantq", "police", "", 25, False, "", ["hcvantq"], PRESIDENT, LAW, D(2024, 1, 1)),
    (
        "kncbvantq",
        "grassroots",
        "male",
        15,
        True,
        "",
        [*MEDALS, "kncbvantq"],
        MINISTER,
        CIRCULAR,
        D(2025, 4, 28),
    ),
    (
        "kncbvantq",
        "grassroots",
        "female",
        10,
        True,
        "",
        [*MEDALS, "kncbvantq"],
        MINISTER,
        CIRCULAR,
        D(2025, 4, 28),
    ),
    (
        "kncbvantq",
        "leading_post",
        "",
        10,
        True,
        "",
        [*MEDALS, "kncbvantq"],
        MINISTER,
        CIRCULAR,
        D(2025, 4, 28),
    ),
]


def thresholds_seed(apps, schema_editor):
    threshold = apps.get_model("commendations", "LongServiceThreshold")
    for award, basis, sex, years, doubles, family, excluded, authority, source, start in THRESHOLDS:
        threshold.objects.get_or_create(
            award=award,
            basis=basis,
            sex=sex,
            valid_from=start,
            defaults={
                "years": years,
                "difficult_area_counts_double": doubles,
                "family": family,
                "excluded_by": excluded,
                "deciding_authority": authority,
                "source": source,
                "verified": False,
            },
        )


def thresholds_unseed(apps, schema_editor):
    threshold = apps.get_model("commendations", "LongServiceThreshold")
    for award, basis, sex, *_rest, start in THRESHOLDS:
        threshold.objects.filter(award=award, basis=basis, sex=sex, valid_from=start).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("commendations", "0004_i23_prize_rounding_all_regimes"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="sex",
            field=models.CharField(
                blank=True,
                choices=[("male", "Nam"), ("female", "Nữ")],
                max_length=8,
                verbose_name="giới tính",
            ),
        ),
        migrations.AddField(
            model_name="servicerecord",
            name="difficult_area",
            field=models.BooleanField(
                default=False,
                help_text="Thời gian công tác ở địa bàn đặc biệt khó khăn (có quy định tính gấp đôi).",
                verbose_name="địa bàn đặc biệt khó khăn",
            ),
        ),
        migrations.AddField(
            model_name="servicerecord",
            name="force",
            field=models.CharField(
                choices=[
                    ("police", "Công an nhân dân"),
                    ("grassroots", "Lực lượng tham gia bảo vệ an ninh, trật tự ở cơ sở"),
                ],
                default="police",
                max_length=16,
                verbose_name="lực lượng",
            ),
        ),
        migrations.AddField(
            model_name="servicerecord",
            name="leading_post",
            field=models.BooleanField(
                default=False,
                help_text="Thời gian giữ chức vụ lãnh đạo (tính năm giữ chức cho Kỷ niệm chương).",
                verbose_name="giữ chức vụ lãnh đạo",
            ),
        ),
        migrations.AlterField(
            model_name="honourrecord",
            name="kind",
            field=models.CharField(
                choices=[
                    ("htxsnv", "Hoàn thành xuất sắc nhiệm vụ"),
                    ("cstt", "Chiến sĩ tiên tiến"),
                    ("cstdcs", "Chiến sĩ thi đua cơ sở"),
                    ("dvqt", "Đơn vị quyết thắng"),
                    ("gk_gd", "Giấy khen của Giám đốc Công an tỉnh"),
                    ("bk_bca", "Bằng khen của Bộ trưởng Bộ Công an"),
                    ("hccsvv3", "Huy chương Chiến sĩ vẻ vang hạng Ba"),
                    ("hccsvv2", "Huy chương Chiến sĩ vẻ vang hạng Nhì"),
                    ("hccsvv1", "Huy chương Chiến sĩ vẻ vang hạng Nhất"),
                    ("hcvantq", "Huy chương Vì an ninh Tổ quốc"),
                    ("kncbvantq", "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”"),
                ],
                max_length=16,
                verbose_name="danh hiệu / hình thức",
            ),
        ),
        migrations.CreateModel(
            name="LongServiceThreshold",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("valid_from", models.DateField(verbose_name="có hiệu lực từ ngày")),
                (
                    "valid_to",
                    models.DateField(
                        blank=True,
                        help_text="Ngày đầu tiên không còn hiệu lực; để trống nếu vẫn còn hiệu lực.",
                        null=True,
                        verbose_name="hết hiệu lực từ ngày",
                    ),
                ),
                (
                    "award",
                    models.CharField(
                        choices=[
                            ("htxsnv", "Hoàn thành xuất sắc nhiệm vụ"),
                            ("cstt", "Chiến sĩ tiên tiến"),
                            ("cstdcs", "Chiến sĩ thi đua cơ sở"),
                            ("dvqt", "Đơn vị quyết thắng"),
                            ("gk_gd", "Giấy khen của Giám đốc Công an tỉnh"),
                            ("bk_bca", "Bằng khen của Bộ trưởng Bộ Công an"),
                            ("hccsvv3", "Huy chương Chiến sĩ vẻ vang hạng Ba"),
                            ("hccsvv2", "Huy chương Chiến sĩ vẻ vang hạng Nhì"),
                            ("hccsvv1", "Huy chương Chiến sĩ vẻ vang hạng Nhất"),
                            ("hcvantq", "Huy chương Vì an ninh Tổ quốc"),
                            ("kncbvantq", "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”"),
                        ],
                        max_length=16,
                        verbose_name="hình thức",
                    ),
                ),
                (
                    "basis",
                    models.CharField(
                        choices=[
                            ("police", "Thời gian công tác trong Công an nhân dân"),
                            (
                                "grassroots",
                                "Thời gian tham gia lực lượng bảo vệ an ninh, trật tự ở cơ sở",
                            ),
                            ("leading_post", "Thời gian giữ chức vụ lãnh đạo"),
                        ],
                        max_length=16,
                        verbose_name="thời gian tính",
                    ),
                ),
                (
                    "sex",
                    models.CharField(
                        blank=True,
                        choices=[("male", "Nam"), ("female", "Nữ")],
                        help_text="Để trống: áp dụng cho cả nam và nữ.",
                        max_length=8,
                        verbose_name="giới tính",
                    ),
                ),
                (
                    "years",
                    models.PositiveSmallIntegerField(
                        validators=[django.core.validators.MinValueValidator(1)],
                        verbose_name="số năm",
                    ),
                ),
                (
                    "difficult_area_counts_double",
                    models.BooleanField(
                        default=False,
                        verbose_name="thời gian ở địa bàn đặc biệt khó khăn tính gấp đôi",
                    ),
                ),
                ("family", models.CharField(blank=True, max_length=16, verbose_name="nhóm hạng")),
                (
                    "excluded_by",
                    models.JSONField(blank=True, default=list, verbose_name="không xét nếu đã có"),
                ),
                (
                    "deciding_authority",
                    models.CharField(max_length=128, verbose_name="cấp quyết định"),
                ),
                ("source", models.CharField(max_length=160, verbose_name="văn bản quy định")),
                (
                    "verified",
                    models.BooleanField(
                        default=False,
                        help_text="Bỏ chọn nếu con số lấy từ nguồn thứ cấp, chưa đối chiếu nguyên văn.",
                        verbose_name="đã đối chiếu văn bản",
                    ),
                ),
            ],
            options={
                "verbose_name": "niên hạn khen thưởng",
                "verbose_name_plural": "niên hạn khen thưởng",
                "ordering": ["award", "basis", "sex", "-valid_from"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            ("valid_to__isnull", True),
                            ("valid_to__gt", models.F("valid_from")),
                            _connector="OR",
                        ),
                        name="longservicethreshold_dates_ordered",
                    )
                ],
            },
        ),
        ExcludeOverlap(
            "longservicethreshold",
            key=("award", "basis", "sex"),
            name="longservicethreshold_no_overlap",
        ),
        migrations.RunPython(thresholds_seed, thresholds_unseed),
    ]
