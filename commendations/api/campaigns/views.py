"""REST API: campaigns and award types (read-only)."""

from rest_framework import viewsets

from commendations.api.base import ApiMixin
from commendations.api.campaigns import serializers as campaigns_serializers
from commendations.campaigns.models import AwardType, Campaign


class CampaignViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    summaries = {
        "list": "Danh sách đợt thi đua",
        "retrieve": "Xem một đợt thi đua",
    }
    descriptions = {
        "list": "Các đợt thi đua, năm gần nhất trước; mỗi đợt có thời hạn nhận hồ sơ "
        "(opens_on, closes_on) và các hình thức khen thưởng được đề nghị trong đợt.",
        "retrieve": "Một đợt thi đua với thời hạn nhận hồ sơ và các hình thức khen thưởng.",
    }

    queryset = Campaign.objects.prefetch_related("award_types").order_by("-year", "name")
    serializer_class = campaigns_serializers.CampaignSerializer


class AwardTypeViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    summaries = {
        "list": "Danh sách hình thức khen thưởng",
        "retrieve": "Xem một hình thức khen thưởng",
    }
    descriptions = {
        "list": "Danh mục danh hiệu thi đua, hình thức khen thưởng, huân chương, huy chương: "
        "loại (category), cấp quyết định và các tiêu chuẩn đang có hiệu lực kèm căn cứ pháp lý.",
        "retrieve": "Một hình thức khen thưởng với loại, cấp quyết định và các tiêu chuẩn.",
    }

    queryset = (
        AwardType.objects.select_related("decided_by")
        .prefetch_related("criteria")
        .order_by("sort_order", "code")
    )
    serializer_class = campaigns_serializers.AwardTypeSerializer
