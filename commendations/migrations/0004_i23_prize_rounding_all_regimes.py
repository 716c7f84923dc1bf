"""Prize money is rounded up to the next 10,000 đồng under every regime: Nghị định 91/2017
Art. 68 §2 already said "được làm tròn số lên hàng chục ngàn đồng" (and Nghị định 42/2010 before
it). The seed left the 91/2017 rows unrounded; this sets them, and makes 10,000 the default for
new rules. The reverse restores the seeded 0 on exactly those rows."""

from django.db import migrations, models

NOT_ROUNDED_BEFORE = [("MINISTRY", "2017-10-01"), ("PROVINCIAL_DIRECTOR", "2017-10-01")]


def round_91_2017(apps, schema_editor):
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for authority, start in NOT_ROUNDED_BEFORE:
        PrizeRule.objects.filter(
            authority=authority, award_type=None, valid_from=start, rounding_unit=0
        ).update(rounding_unit=10_000)


def unround_91_2017(apps, schema_editor):
    PrizeRule = apps.get_model("commendations", "PrizeRule")
    for authority, start in NOT_ROUNDED_BEFORE:
        PrizeRule.objects.filter(authority=authority, award_type=None, valid_from=start).update(
            rounding_unit=0
        )


class Migration(migrations.Migration):
    dependencies = [("commendations", "0003_seed_authorities_legal_bases_and_prizes")]

    operations = [
        migrations.AlterField(
            model_name="prizerule",
            name="rounding_unit",
            field=models.PositiveIntegerField(
                default=10000,
                help_text="VD: 10000; 0 là không làm tròn.",
                verbose_name="làm tròn lên đến (đồng)",
            ),
        ),
        migrations.RunPython(round_91_2017, unround_91_2017),
    ]
