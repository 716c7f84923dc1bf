"""Filters every listing gets from DEFAULT_FILTER_BACKENDS, without code in its view:
`ordering` (by the fields the view allows, `-` for descending) and `updated_since` (the rows
changed at or after an ISO 8601 moment, for an incremental sync) where the rows have an
`updated_at`."""

from typing import Any

from django.db.models import Model, QuerySet
from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_naive, make_aware
from django.utils.translation import gettext as _
from drf_spectacular.plumbing import get_view_model
from rest_framework.exceptions import ValidationError
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.request import Request

# What a listing may be ordered by when its view names nothing else: those of its model's own
# columns that it has (never a computed attribute, which would be a 500).
DEFAULT_ORDERING_FIELDS = ("id", "created_at", "updated_at", "code", "name", "date", "held_on")
UPDATED_FIELD = "updated_at"


def _model_of(view: Any, queryset: QuerySet | None = None) -> type[Model] | None:
    if queryset is not None:
        return queryset.model
    try:
        return get_view_model(view)
    except Exception:  # a view with no model: no filter declared
        return None


def _columns(model: type[Model] | None) -> set[str]:
    return {f.name for f in model._meta.concrete_fields} if model is not None else set()


class ApiOrderingFilter(OrderingFilter):
    """`?ordering=-updated_at,id`: unknown names are ignored (DRF's behaviour)."""

    def get_valid_fields(self, queryset: QuerySet, view: Any, context: dict | None = None) -> list:
        allowed = getattr(view, "ordering_fields", None)
        if allowed is None:
            columns = _columns(_model_of(view, queryset))
            allowed = [name for name in DEFAULT_ORDERING_FIELDS if name in columns]
        return [(name, name) for name in allowed]

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        allowed = getattr(view, "ordering_fields", None)
        if allowed is None:
            columns = _columns(_model_of(view))
            allowed = [name for name in DEFAULT_ORDERING_FIELDS if name in columns]
        if not allowed:
            return []
        [parameter] = super().get_schema_operation_parameters(view)
        parameter["description"] = (
            f"Order by {', '.join(allowed)} (comma-separated; '-' for descending)."
        )
        parameter["schema"] = {
            "type": "string",
            "pattern": r"^-?[a-z_]+(,-?[a-z_]+)*$",
            "maxLength": 200,
        }
        return [parameter]


class UpdatedSinceFilter(BaseFilterBackend):
    param = "updated_since"

    def filter_queryset(self, request: Request, queryset: QuerySet, view: Any) -> QuerySet:
        raw = request.query_params.get(self.param)
        if raw is None or UPDATED_FIELD not in _columns(queryset.model):
            return queryset
        try:
            moment = parse_datetime(raw)
        except ValueError:
            moment = None
        if moment is None:
            raise ValidationError(
                {self.param: [_("Thời điểm ISO 8601, ví dụ 2026-12-05T08:00:00+07:00.")]}
            )
        if is_naive(moment):
            moment = make_aware(moment)
        return queryset.filter(**{f"{UPDATED_FIELD}__gte": moment})

    def get_schema_operation_parameters(self, view: Any) -> list[dict]:
        if UPDATED_FIELD not in _columns(_model_of(view)):
            return []
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Only the rows changed at or after this moment (ISO 8601), "
                "for an incremental sync; order by updated_at to resume.",
                "schema": {"type": "string", "format": "date-time"},
            }
        ]
