"""The long-service awards in the catalogue (category "medal"): Huy chương Chiến sĩ vẻ vang hạng
Ba/Nhì/Nhất and Huy chương Vì an ninh Tổ quốc (the President decides, on the Ministry's proposal)
and Kỷ niệm chương “Bảo vệ an ninh Tổ quốc” (the Minister, Thông tư 20/2025/TT-BCA); the history
records written with the medals' codes point at them. Reversible: the reverse deletes the award
types seeded here when nothing refers to them."""

from django.db import migrations

# code, name, short name, deciding authority (catalogue), legacy history code, sort order
MEDALS = [
    ("HC-CSVV3", "Huy chương Chiến sĩ vẻ vang hạng Ba", "HC CSVV hạng Ba", "CHU-TICH-NUOC",
     "hccsvv3", 210),
    ("HC-CSVV2", "Huy chương Chiến sĩ vẻ vang hạng Nhì", "HC CSVV hạng Nhì", "CHU-TICH-NUOC",
     "hccsvv2", 211),
    ("HC-CSVV1", "Huy chương Chiến sĩ vẻ vang hạng Nhất", "HC CSVV hạng Nhất", "CHU-TICH-NUOC",
     "hccsvv1", 212),
    ("HC-VANTQ", "Huy chương Vì an ninh Tổ quốc", "HC Vì ANTQ", "CHU-TICH-NUOC", "hcvantq", 213),
    ("KNC-BVANTQ", "Kỷ niệm chương “Bảo vệ an ninh Tổ quốc”", "KNC Bảo vệ ANTQ", "BO-TRUONG",
     "kncbvantq", 214),
]


def medals_seed(apps, schema_editor):
    AwardAuthority = apps.get_model("commendations", "AwardAuthority")
    AwardType = apps.get_model("commendations", "AwardType")
    HonourRecord = apps.get_model("commendations", "HonourRecord")
    for code, name, short, decider, legacy, order in MEDALS:
        award_type, _created = AwardType.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                # Proposed through (or decided by) the Ministry: its documents' layout.
                "authority": "MINISTRY",
                "category": "medal",
                "decided_by": AwardAuthority.objects.filter(code=decider).first(),
                "accepts_collective": False,
                "accepts_individual": True,
                "sort_order": order,
            },
        )
        HonourRecord.objects.filter(kind=legacy, award_type=None).update(award_type=award_type)


def medals_unseed(apps, schema_editor):
    AwardType = apps.get_model("commendations", "AwardType")
    HonourRecord = apps.get_model("commendations", "HonourRecord")
    codes = [code for code, *_rest in MEDALS]
    HonourRecord.objects.filter(award_type__code__in=codes).update(award_type=None)
    AwardType.objects.filter(code__in=codes, nominations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0007_i25_secret_reviewers")]

    operations = [migrations.RunPython(medals_seed, medals_unseed)]
