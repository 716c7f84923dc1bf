"""Issue #13 item 7: one nomination per nominee, award type and campaign (withdrawn ones aside),
enforced by
the database so two concurrent imports cannot both insert. An empty key (a bulk_create that
skipped save(), as fixtures do) is left out of the constraint."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commendations", "0009_files_nominee_key")]

    operations = [
        migrations.AddConstraint(
            model_name="nomination",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    models.Q(("state", "withdrawn"), _negated=True),
                    models.Q(("nominee_key", ""), _negated=True),
                ),
                fields=("campaign", "award_type", "nominee_key"),
                name="nomination_unique_nominee_per_campaign",
                violation_error_message=(
                    "Người/tập thể này đã có hồ sơ đề nghị hình thức này trong đợt thi đua."
                ),
            ),
        ),
    ]
