"""Issue #13 item 7: the key that makes two nominations of a campaign the same, filled for the rows
already there. Rows that were already duplicated (imported twice at once before the constraint)
are kept, not deleted: every row after the first of a group gets a "\x1fdup<pk>" suffix, so the unique
constraint of 0010 holds and a clerk can still find and withdraw them. Reversible: the reverse
drops the column (the schema operation) and has no data to restore."""

import unicodedata

from django.db import migrations, models


def _key(kind: str, name: str, date_of_birth) -> str:
    # A copy of commendations.nominations.models.nominee_key as of this migration.
    folded = " ".join(unicodedata.normalize("NFC", name or "").casefold().split())
    born = date_of_birth.isoformat() if date_of_birth else "-"
    return f"{kind}|{born}|{folded}"[:300]


def fill_keys(apps, schema_editor) -> None:
    Nomination = apps.get_model("commendations", "Nomination")
    seen: set[tuple[int, int, str]] = set()
    rows = Nomination.objects.order_by("pk").values_list(
        "pk", "campaign_id", "award_type_id", "nominee_kind", "nominee_name", "date_of_birth",
        "state",
    )  # fmt: skip
    for pk, campaign_id, award_id, kind, name, born, state in rows.iterator(chunk_size=2000):
        key = _key(kind, name, born)
        if state != "withdrawn":
            if (campaign_id, award_id, key) in seen:
                key = f"{key[:280]}\x1fdup{pk}"
            else:
                seen.add((campaign_id, award_id, key))
        Nomination.objects.filter(pk=pk).update(nominee_key=key)


class Migration(migrations.Migration):
    dependencies = [("commendations", "0008_nomination_consolidated_through")]

    operations = [
        migrations.AddField(
            model_name="nomination",
            name="nominee_key",
            field=models.CharField(
                default="", editable=False, max_length=300, verbose_name="khoá trùng lặp"
            ),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
