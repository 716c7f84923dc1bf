"""Issue #24: the annual titles' certificates. A Certificate belongs to a nomination or to an
honour (the Giấy chứng nhận Chiến sĩ thi đua cơ sở), never both; an honour knows the recognition
decision that recorded it (linked here for the honours recorded before) and the Ministry's own
certificate received for a title the Ministry decides."""

import django.db.models.deletion
from django.db import migrations, models


def honours_link(apps, schema_editor):
    """Honours recorded by a year-end recognition decision before this migration: the decision's
    number and date on the honour of a person listed in one of its rating lists."""
    Decision = apps.get_model("commendations", "Decision")
    HonourRecord = apps.get_model("commendations", "HonourRecord")
    for decision in Decision.objects.filter(rating_lists__isnull=False).distinct():
        HonourRecord.objects.filter(
            decision__isnull=True,
            reference=decision.number,
            decided_on=decision.date,
            person__rating_rows__rating_list__decision=decision,
        ).update(decision=decision)


class Migration(migrations.Migration):

    dependencies = [
        ("commendations", "0018_i24d_collective_rating_rows"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='documenttemplate',
            name='doctemplate_kind_valid',
        ),
        migrations.AddField(
            model_name='certificate',
            name='honour',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='title_certificate', to='commendations.honourrecord', verbose_name='danh hiệu'),
        ),
        migrations.AddField(
            model_name='honourrecord',
            name='decision',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='honours', to='commendations.decision', verbose_name='quyết định công nhận'),
        ),
        migrations.RunPython(honours_link, migrations.RunPython.noop),
        migrations.AddField(
            model_name='honourrecord',
            name='ministry_certificate_number',
            field=models.CharField(blank=True, max_length=64, verbose_name='số Bằng/Giấy chứng nhận của Bộ'),
        ),
        migrations.AddField(
            model_name='honourrecord',
            name='ministry_certificate_received_on',
            field=models.DateField(blank=True, null=True, verbose_name='ngày nhận Bằng/Giấy chứng nhận của Bộ'),
        ),
        migrations.AlterField(
            model_name='documenttemplate',
            name='kind',
            field=models.CharField(choices=[('bang_khen', 'Bằng khen'), ('giay_khen', 'Giấy khen'), ('quyet_dinh', 'Quyết định khen thưởng'), ('to_trinh', 'Tờ trình'), ('bien_ban', 'Biên bản họp Hội đồng Thi đua - Khen thưởng'), ('cong_nhan', 'Quyết định công nhận danh hiệu thi đua'), ('gcn_cstdcs', 'Giấy chứng nhận Chiến sĩ thi đua cơ sở')], max_length=16, verbose_name='loại mẫu'),
        ),
        migrations.AddConstraint(
            model_name='certificate',
            constraint=models.CheckConstraint(condition=models.Q(('nomination__isnull', True), ('honour__isnull', True), _connector='OR'), name='certificate_one_award'),
        ),
        migrations.AddConstraint(
            model_name='certificate',
            constraint=models.CheckConstraint(condition=models.Q(('state', 'replaced'), ('nomination__isnull', False), ('honour__isnull', False), _connector='OR'), name='certificate_has_award'),
        ),
        migrations.AddConstraint(
            model_name='documenttemplate',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['bang_khen', 'giay_khen', 'quyet_dinh', 'to_trinh', 'bien_ban', 'cong_nhan', 'gcn_cstdcs'])), name='doctemplate_kind_valid'),
        ),
    ]
