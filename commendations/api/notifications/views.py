"""REST API: the caller's own notifications, and marking them read (the home page's button).
Every user has notifications, so any authenticated caller may use both; nobody reaches another
user's: the selector and the service both filter on the recipient."""

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from commendations.api.base import ApiMixin
from commendations.api.notifications import serializers as notifications_serializers
from commendations.notifications.models import Notification
from commendations.notifications.selectors import notifications_for
from commendations.notifications.services import notifications_mark_read


class NotificationViewSet(ApiMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """The caller's notifications, newest first (`ordering=created_at` for the oldest first)."""

    summaries = {
        "list": "Danh sách thông báo của mình",
        "read": "Đánh dấu thông báo đã đọc",
    }

    serializer_class = notifications_serializers.NotificationSerializer
    queryset = Notification.objects.none()  # the schema's model; get_queryset gives the caller's

    def get_queryset(self) -> QuerySet[Notification]:
        return notifications_for(self.request.user)

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
