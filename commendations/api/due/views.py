"""REST API: who is due in a year (read-only), and its .xlsx export."""

from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.request import Request

from commendations.api.base import ApiMixin
from commendations.api.due import serializers as due_serializers
from commendations.due.excel import due_xlsx
from commendations.due.registry import DueEntry
from commendations.due.selectors import due_list_for
from commendations.files.downloads import XLSX, xlsx_response


def _entries(request: Request) -> tuple[int, list[DueEntry]]:
    params = due_serializers.DueRequestSerializer(data=request.query_params)
    params.is_valid(raise_exception=True)
    data = params.validated_data
    year = data.get("year") or timezone.localdate().year
    entries = due_list_for(
        request.user,
        year,
        award_type=data.get("award_type", ""),
        subject_kind=data.get("subject_kind", ""),
        unit_id=data.get("unit"),
    )
    return year, entries


class DueListView(ApiMixin, generics.ListAPIView):
    """Who becomes due in `year` (default: this year): a chain of titles completed with the
    year before, or any other registered source; the reason in words and the decisions it rests
    on. Scoped like every list: a unit officer sees their unit's subtree."""

    summaries = {
        "get": "Danh sách đến hạn khen thưởng trong năm",
    }

    serializer_class = due_serializers.DueEntrySerializer
    filter_backends: list = []  # entries computed from the history, not rows: no ordering/sync

    @extend_schema(parameters=[due_serializers.DueRequestSerializer])
    def get(self, request: Request, *args: object, **kwargs: object) -> HttpResponse:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> list[DueEntry]:  # type: ignore[override]
        return _entries(self.request)[1]


class DueExportView(ApiMixin, generics.GenericAPIView):
    summaries = {
        "get": "Xuất danh sách đến hạn khen thưởng (.xlsx)",
    }
    descriptions = {
        "get": "Danh sách đến hạn của một năm (như GET /api/v1/due/, cùng bộ lọc) thành tệp "
        "Excel: người hoặc đơn vị, danh hiệu/hình thức đến hạn, lý do bằng lời và các năm, "
        "quyết định làm căn cứ.",
    }

    serializer_class = due_serializers.DueEntrySerializer

    @extend_schema(
        parameters=[due_serializers.DueRequestSerializer],
        responses={(200, XLSX): OpenApiResponse(OpenApiTypes.BINARY, description=".xlsx")},
    )
    def get(self, request: Request) -> HttpResponse:
        year, entries = _entries(request)
        return xlsx_response(due_xlsx(entries, year), f"den-han-khen-thuong-{year}.xlsx")
