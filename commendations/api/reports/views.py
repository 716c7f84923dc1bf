"""REST API: a campaign's statistics, the annual titles' statistics, and their .xlsx exports."""

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
from commendations.reports.title_statistics import title_statistics


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


def _title_statistics(request: Request):
    params = reports_serializers.TitleStatisticsRequestSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    return title_statistics(user=request.user, year_from=data["year"], year_to=data.get("year_to"))


class TitleStatisticsView(ApiMixin, APIView):
    """The annual titles by year, unit and title (the same selector as the web page)."""

    summaries = {
        "get": "Thống kê danh hiệu thi đua theo năm, đơn vị",
    }
    descriptions = {
        "get": "Theo các danh sách đề nghị cuối năm đã trình mà người gọi được xem (Văn phòng: mọi "
        "đơn vị; cán bộ đơn vị: đơn vị mình và đơn vị trực thuộc): mỗi năm, đơn vị, danh hiệu — "
        "số đề nghị, không xét, được công nhận; với danh hiệu có tỷ lệ tối đa, số đã dùng trên "
        "số tối đa (cùng cách tính khi trình); và tổng theo danh hiệu.",
    }

    @extend_schema(
        parameters=[reports_serializers.TitleStatisticsRequestSerializer],
        responses={200: reports_serializers.TitleStatisticsSerializer},
    )
    def get(self, request: Request) -> Response:
        stats = _title_statistics(request)
        return Response(reports_serializers.TitleStatisticsSerializer(stats).data)


class TitleStatisticsExportView(ApiMixin, APIView):
    summaries = {
        "get": "Xuất thống kê danh hiệu thi đua (.xlsx)",
    }
    descriptions = {
        "get": "Thống kê danh hiệu thi đua như trang Thống kê danh hiệu, thành tệp Excel: một "
        "trang theo năm, đơn vị, danh hiệu; một trang tổng theo danh hiệu.",
    }

    @extend_schema(
        parameters=[reports_serializers.TitleStatisticsRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    def get(self, request: Request) -> HttpResponse:
        stats = _title_statistics(request)
        return xlsx_response(
            excel_export.title_statistics_xlsx(stats),
            f"thong-ke-danh-hieu-{stats.year_from}-{stats.year_to}.xlsx",
        )
