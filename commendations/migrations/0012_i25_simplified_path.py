from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("commendations", "0013_i24_registrations")]

    operations = [
        migrations.AddField(
            model_name="ruleset",
            name="simplified_steps",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text='VD: ["designated_review", "decision"]: không họp Hội đồng, cán bộ được giao thẩm định. Để trống: theo quy trình thường.',
                verbose_name="các bước của thủ tục đơn giản",
            ),
        ),
        migrations.AddField(
            model_name="ruleset",
            name="simplified_days",
            field=models.PositiveIntegerField(
                blank=True,
                null=True,
                verbose_name="hạn khen thưởng theo thủ tục đơn giản (ngày, tính từ ngày lập thành tích)",
            ),
        ),
    ]
