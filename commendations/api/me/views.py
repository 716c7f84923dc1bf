"""REST API: who the caller is (`GET /me/`: id, name, units, roles, capabilities), and the
active users by role for whoever sets up a committee session (the secretary)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from commendations.access.permissions import Capability, can_forward_any, has_perm, user_unit
from commendations.access.roles import user_roles
from commendations.access.selectors import units_of, users_with_role
from commendations.api.base import ApiMixin
from commendations.api.me import serializers as me_serializers


def _unit(unit: Any) -> dict:
    return {"id": unit.pk, "code": unit.code, "name": unit.name}


class MeView(ApiMixin, APIView):
    summaries = {
        "get": "Người gọi: đơn vị, vai trò, quyền",
    }

    @extend_schema(responses={200: me_serializers.MeSerializer})
    def get(self, request: Request) -> Response:
        """The caller: what a client needs to offer the right screens and units."""
        user = request.user
        own = user_unit(user)
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "name": user.get_full_name() or user.get_username(),
            "unit": _unit(own) if own is not None else None,
            "units": [_unit(unit) for unit in units_of(user).order_by("path")],
            "roles": sorted(user_roles(user)),
            "permissions": [c.value for c in Capability if has_perm(user, c.value)],
        }
        return Response(me_serializers.MeSerializer(data).data)


@extend_schema(parameters=[me_serializers.UsersFilterSerializer])
class UserViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Active users by role: whom the secretary may seat in a committee session."""

    summaries = {
        "list": "Danh sách người dùng theo vai trò",
    }

    serializer_class = me_serializers.UserBriefSerializer
    action_permissions = {"list": can_forward_any}

    def get_queryset(self) -> QuerySet:
        filters = me_serializers.UsersFilterSerializer(data=self.request.query_params)
        filters.is_valid(raise_exception=True)
        return users_with_role(filters.validated_data.get("role"))
