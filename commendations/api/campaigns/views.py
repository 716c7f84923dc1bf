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

    queryset = Campaign.objects.prefetch_related("award_types").order_by("-year", "name")
    serializer_class = campaigns_serializers.CampaignSerializer


class AwardTypeViewSet(ApiMixin, viewsets.ReadOnlyModelViewSet):
    summaries = {
        "list": "Danh sách hình thức khen thưởng",
        "retrieve": "Xem một hình thức khen thưởng",
    }

    queryset = (
        AwardType.objects.select_related("decided_by")
        .prefetch_related("criteria")
        .order_by("sort_order", "code")
    )
    serializer_class = campaigns_serializers.AwardTypeSerializer
