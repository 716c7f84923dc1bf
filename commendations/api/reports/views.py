"""REST API: a campaign's statistics and their .xlsx export."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commendations.api.base import ApiMixin
from commendations.api.reports import serializers as reports_serializers
from commendations.campaigns.models import Campaign
from commendations.files.downloads import XLSX, xlsx_response
from commendations.reports import excel_export
from commendations.reports.statistics import campaign_statistics


class StatisticsView(ApiMixin, APIView):
    """The dashboard's numbers (the same selector as the web page)."""

    summaries = {
        "get": "Số liệu thống kê khen thưởng",
    }

    @extend_schema(
        parameters=[reports_serializers.StatisticsRequestSerializer],
        responses={200: reports_serializers.StatisticsSerializer},
    )
    def get(self, request: Request) -> Response:
        params = reports_serializers.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return Response(reports_serializers.StatisticsSerializer(stats).data)


class StatisticsExportView(ApiMixin, APIView):
    summaries = {
        "get": "Xuất số liệu thống kê (.xlsx)",
    }
    descriptions = {
        "get": "Số liệu thống kê của một đợt thi đua như trang Thống kê, thành tệp Excel: theo "
        "đơn vị, hình thức, trạng thái, tiền thưởng; người ngoài lực lượng tính riêng; hồ sơ "
        "mật chỉ được đếm, không mô tả. Chỉ gồm các hồ sơ người gọi được xem.",
    }

    @extend_schema(
        parameters=[reports_serializers.StatisticsRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    def get(self, request: Request) -> HttpResponse:
        params = reports_serializers.StatisticsRequestSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        campaign = get_object_or_404(Campaign, pk=params.validated_data["campaign"])
        stats = campaign_statistics(campaign=campaign, user=request.user)
        return xlsx_response(excel_export.statistics_xlsx(stats), f"thong-ke-{campaign.pk}.xlsx")
