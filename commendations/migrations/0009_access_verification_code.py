"""Certificates get a random verification code: the verification link names it instead of the
primary key. Existing certificates get one each; their printed links (the signed primary key)
keep verifying where that is safe (commendations/certificates/verification.py). Reversible: going
back drops the column."""

import secrets

from django.db import migrations, models

import commendations.certificates.models


def codes_fill(apps, schema_editor):
    Certificate = apps.get_model("commendations", "Certificate")
    rows = list(Certificate.objects.filter(verification_code__isnull=True).only("pk"))
    for row in rows:
        row.verification_code = secrets.token_urlsafe(16)
    Certificate.objects.bulk_update(rows, ["verification_code"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("commendations", "0008_nomination_consolidated_through"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="verification_code",
            field=models.CharField(max_length=32, null=True, editable=False),
        ),
        migrations.RunPython(codes_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="verification_code",
            field=models.CharField(
                default=commendations.certificates.models.verification_code_new,
                editable=False,
                max_length=32,
                unique=True,
                verbose_name="mã xác minh",
            ),
        ),
    ]
