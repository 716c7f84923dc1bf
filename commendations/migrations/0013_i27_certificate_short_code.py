"""The short code printed under a certificate's QR code (issue #27 §5): added empty, each
existing certificate given its own random code, then made unique and required."""

import secrets

from django.db import migrations, models

import commendations.certificates.models

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def codes_fill(apps, schema_editor):
    Certificate = apps.get_model("commendations", "Certificate")
    taken = set()
    changed = []
    for row in Certificate.objects.filter(short_code__isnull=True).only("pk").iterator():
        code = "".join(secrets.choice(ALPHABET) for _ in range(10))
        while code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(10))
        taken.add(code)
        row.short_code = code
        changed.append(row)
        if len(changed) >= 1000:
            Certificate.objects.bulk_update(changed, ["short_code"])
            changed = []
    if changed:
        Certificate.objects.bulk_update(changed, ["short_code"])


class Migration(migrations.Migration):
    dependencies = [
        ("commendations", "0012_i27_notification_codes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="certificate",
            name="pdf_sha256",
            field=models.CharField(
                blank=True, db_index=True, max_length=64, verbose_name="SHA-256 của tệp PDF"
            ),
        ),
        migrations.AddField(
            model_name="certificate",
            name="short_code",
            field=models.CharField(
                editable=False, max_length=16, null=True, verbose_name="mã tra cứu"
            ),
        ),
        migrations.RunPython(codes_fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="certificate",
            name="short_code",
            field=models.CharField(
                default=commendations.certificates.models.short_code_new,
                editable=False,
                max_length=16,
                unique=True,
                verbose_name="mã tra cứu",
            ),
        ),
    ]
