"""API payloads of the statistics."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.api.campaigns.serializers import CampaignSerializer
from commendations.api.serializers import MAX_ID
from commendations.reports.title_statistics import MAX_YEARS


class StatisticsRequestSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class StateCountSerializer(serializers.Serializer):
    state = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class AffiliationCountSerializer(serializers.Serializer):
    affiliation = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class KindCountSerializer(serializers.Serializer):
    kind = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class FunnelSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class CountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    collective = serializers.IntegerField()
    individual = serializers.IntegerField()


class AwardTypeCountSerializer(CountsSerializer):
    code = serializers.CharField(source="award_type__code")
    short_name = serializers.CharField(source="award_type__short_name")
    name = serializers.CharField(source="award_type__name")


class YearCountSerializer(CountsSerializer):
    year = serializers.IntegerField()


class UnitCountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    kind = serializers.CharField()
    path = serializers.CharField()
    depth = serializers.IntegerField()
    own = serializers.IntegerField(help_text="Nominations proposed by this unit itself.")
    total = serializers.IntegerField(help_text="This unit and every unit below it.")
    approved = serializers.IntegerField()
    predecessors = serializers.CharField(
        help_text="Names of the unit's predecessors whose nominations are counted with it."
    )


class StepDaysSerializer(serializers.Serializer):
    transition = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    days = serializers.FloatField(help_text="Average days spent before this step.")


class CertificateCountsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    generated = serializers.IntegerField()
    printed = serializers.IntegerField()
    presented = serializers.IntegerField()
    failed = serializers.IntegerField()


class StatisticsSerializer(serializers.Serializer):
    campaign = CampaignSerializer()
    total = serializers.IntegerField()
    approved = serializers.IntegerField()
    finished = serializers.IntegerField()
    approval_rate = serializers.FloatField(
        allow_null=True, help_text="approved / (approved + declined + rejected)"
    )
    by_state = StateCountSerializer(many=True)
    funnel = FunnelSerializer(many=True)
    by_award_type = AwardTypeCountSerializer(many=True)
    by_kind = KindCountSerializer(many=True)
    by_unit = UnitCountSerializer(many=True)
    step_days = StepDaysSerializer(many=True)
    by_year = YearCountSerializer(many=True)
    certificates = CertificateCountsSerializer()
    prize_total = serializers.IntegerField(
        help_text="Tổng tiền thưởng (đồng) của các khen thưởng đã có quyết định trong đợt"
    )
    secret = serializers.IntegerField(
        help_text="Số hồ sơ chứa bí mật nhà nước trong tổng số (chỉ đếm, không mô tả)"
    )
    outside_force = serializers.IntegerField(
        help_text="Số hồ sơ của tập thể, cá nhân ngoài lực lượng Công an trong tổng số"
    )
    by_affiliation = AffiliationCountSerializer(many=True)


class TitleStatisticsRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    year_to = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="The last year of a range (at most 10 years); empty: `year` alone.",
    )

    def validate(self, attrs: dict) -> dict:
        year_to = attrs.get("year_to")
        if year_to is not None and not 0 <= year_to - attrs["year"] < MAX_YEARS:
            raise serializers.ValidationError(
                {"year_to": _("Chọn từ năm đến năm, tối đa %(n)s năm.") % {"n": MAX_YEARS}}
            )
        return attrs


class TitleCapUseSerializer(serializers.Serializer):
    """A capped title's use by a unit in a year: `used` of at most `limit` (`percent` % of
    `base`, the count of the cap's base title), the same numbers the actions check."""

    used = serializers.IntegerField()
    limit = serializers.IntegerField()
    percent = serializers.DecimalField(source="cap.percent", max_digits=5, decimal_places=2)
    base = serializers.IntegerField(source="base_count")
    base_award_type = serializers.CharField(source="cap.base.code")
    exceeded = serializers.BooleanField()
    source = serializers.CharField(source="cap.source")
    verified = serializers.BooleanField(source="cap.verified")
    message = serializers.CharField()


class TitleCellSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    unit = serializers.IntegerField(source="unit.pk")
    unit_code = serializers.CharField(source="unit.code")
    unit_name = serializers.CharField(source="unit.name")
    award_type = serializers.CharField(source="award_type.code")
    award_type_name = serializers.CharField(source="award_type.name")
    proposed = serializers.IntegerField(help_text="Rows on the lists sent up (excluded included).")
    excluded = serializers.IntegerField()
    recognised = serializers.IntegerField(help_text="Rows still proposed on the decided lists.")
    cap = TitleCapUseSerializer(allow_null=True)


class TitleTotalSerializer(serializers.Serializer):
    award_type = serializers.CharField(source="award_type.code")
    award_type_name = serializers.CharField(source="award_type.name")
    proposed = serializers.IntegerField()
    excluded = serializers.IntegerField()
    recognised = serializers.IntegerField()
    capped = serializers.BooleanField()
    used = serializers.IntegerField(help_text="Capped titles: places used, over units and years.")
    limit = serializers.IntegerField(help_text="Capped titles: the most allowed, summed.")


class TitleStatisticsSerializer(serializers.Serializer):
    year_from = serializers.IntegerField()
    year_to = serializers.IntegerField()
    cells = TitleCellSerializer(many=True)
    totals = TitleTotalSerializer(many=True)
