"""API payloads of the statistics."""

from rest_framework import serializers

from commendations.api.campaigns.serializers import CampaignSerializer
from commendations.api.serializers import MAX_ID


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
