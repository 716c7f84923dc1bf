"""Every cited text carries its number, date and issuer (Nghị định 30/2020: "Nghị định số
91/2017/NĐ-CP ngày 31 tháng 7 năm 2017 của Chính phủ"). Adds the date of issue, the issuer and
whether the date was checked against the original; fills them for the seeded rows and writes the
date into the citations that lacked it. The dates of 12/2019/TT-BCA, 152/2025/NĐ-CP and
04/2024/TT-BCA have not been checked against the originals: they are marked unverified, and the
administrator sees them listed as such. The reverse restores the seeded citations."""

import datetime

from django.db import migrations, models


D = datetime.date

# short name, valid from, issued on, issuer, verified, citation (None: unchanged), old citation
DATED = [
    ("Luật TĐKT 2003 (sửa đổi 2005, 2013)", D(2014, 6, 1), D(2003, 11, 26), "", True, None, None),
    ("91/2017/NĐ-CP", D(2017, 10, 1), D(2017, 7, 31), "Chính phủ", True, None, None),
    (
        "12/2019/TT-BCA",
        D(2019, 1, 1),
        D(2019, 5, 17),
        "Bộ trưởng Bộ Công an",
        False,
        "Căn cứ Thông tư số 12/2019/TT-BCA ngày 17 tháng 5 năm 2019 của Bộ trưởng Bộ Công an "
        "quy định về công tác thi đua, khen thưởng trong Công an nhân dân;",
        "Căn cứ Thông tư số 12/2019/TT-BCA của Bộ trưởng Bộ Công an quy định về công tác thi "
        "đua, khen thưởng trong Công an nhân dân;",
    ),
    ("06/2022/QH15", D(2024, 1, 1), D(2022, 6, 15), "", True, None, None),
    ("98/2023/NĐ-CP", D(2024, 1, 1), D(2023, 12, 31), "Chính phủ", True, None, None),
    (
        "152/2025/NĐ-CP",
        D(2025, 7, 1),
        D(2025, 6, 14),
        "Chính phủ",
        False,
        "Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định "
        "chi tiết một số điều của Luật Thi đua, khen thưởng;",
        "Căn cứ Nghị định số 152/2025/NĐ-CP của Chính phủ quy định chi tiết một số điều của Luật "
        "Thi đua, khen thưởng;",
    ),
    (
        "04/2024/TT-BCA",
        D(2024, 1, 1),
        D(2024, 1, 15),
        "Bộ trưởng Bộ Công an",
        False,
        "Căn cứ Thông tư số 04/2024/TT-BCA ngày 15 tháng 01 năm 2024 của Bộ trưởng Bộ Công an "
        "quy định về công tác thi đua, khen thưởng trong Công an nhân dân và phong trào toàn "
        "dân bảo vệ an ninh Tổ quốc;",
        "Căn cứ Thông tư số 04/2024/TT-BCA của Bộ trưởng Bộ Công an quy định về công tác thi "
        "đua, khen thưởng trong Công an nhân dân và phong trào toàn dân bảo vệ an ninh Tổ quốc;",
    ),
]


def dates_fill(apps, schema_editor):
    LegalBasis = apps.get_model("commendations", "LegalBasis")
    for short, start, issued, issuer, verified, citation, old in DATED:
        for row in LegalBasis.objects.filter(short_name=short, valid_from=start):
            row.issued_on, row.issuer, row.date_verified = issued, issuer, verified
            if citation and row.citation == old:
                row.citation = citation
            row.save(update_fields=["issued_on", "issuer", "date_verified", "citation"])


def dates_clear(apps, schema_editor):
    LegalBasis = apps.get_model("commendations", "LegalBasis")
    for short, start, _issued, _issuer, _verified, citation, old in DATED:
        if citation:
            LegalBasis.objects.filter(short_name=short, valid_from=start, citation=citation).update(
                citation=old
            )


class Migration(migrations.Migration):
    dependencies = [
        ("commendations", "0006_honourrecord_kind_catalogue_and_medals"),
    ]

    operations = [
        migrations.AddField(
            model_name="legalbasis",
            name="date_verified",
            field=models.BooleanField(
                default=True,
                help_text="Bỏ chọn khi ngày ban hành hoặc ngày hiệu lực chưa đối chiếu với văn bản gốc.",
                verbose_name="ngày đã đối chiếu bản gốc",
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="issued_on",
            field=models.DateField(
                blank=True,
                help_text="Dòng căn cứ phải ghi ngày này (“ngày 31 tháng 7 năm 2017”).",
                null=True,
                verbose_name="ngày ban hành",
            ),
        ),
        migrations.AddField(
            model_name="legalbasis",
            name="issuer",
            field=models.CharField(
                blank=True,
                help_text="VD: Chính phủ; Bộ trưởng Bộ Công an. Để trống với luật.",
                max_length=120,
                verbose_name="cơ quan ban hành",
            ),
        ),
        migrations.RunPython(dates_fill, dates_clear),
    ]
