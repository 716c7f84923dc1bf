"""REST API: the caller's own notifications, and marking them read (the home page's button).
Every user has notifications, so any authenticated caller may use both; nobody reaches another
user's: the selector and the service both filter on the recipient."""

from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.api.base import ApiMixin
from commendations.api.notifications import serializers as notifications_serializers
from commendations.notifications.selectors import notifications_of
from commendations.notifications.services import notifications_mark_read


class NotificationViewSet(ApiMixin, viewsets.ViewSet):
    @extend_schema(responses={200: notifications_serializers.NotificationSerializer(many=True)})
    def list(self, request: Request) -> Response:
        """The caller's latest notifications, newest first (as on the home page)."""
        return Response(
            notifications_serializers.NotificationSerializer(
                notifications_of(request.user), many=True
            ).data
        )

    @extend_schema(
        request=notifications_serializers.NotificationsReadSerializer,
        responses={200: notifications_serializers.NotificationsReadResultSerializer},
    )
    @action(detail=False, methods=["post"])
    def read(self, request: Request) -> Response:
        """Mark the caller's notifications read: the listed `ids`, or all of them."""
        payload = notifications_serializers.NotificationsReadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        marked = notifications_mark_read(user=request.user, ids=payload.validated_data.get("ids"))
        return Response({"marked": marked})
