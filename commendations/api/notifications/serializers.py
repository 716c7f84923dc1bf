"""API payloads of notifications: one's own messages, and which of them to mark read."""

from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.notifications.models import Notification


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    message = serializers.CharField(
        source="text",
        read_only=True,
        help_text="The sentence in the request's language (Accept-Language), from the "
        "notification's code and parameters.",
    )
    code = serializers.CharField(read_only=True)
    params = serializers.DictField(read_only=True)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "code",
            "params",
            "message",
            "url",
            "created_at",
            "read_at",
        ]
        read_only_fields = fields


class NotificationsReadSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=1000,
        help_text="The notifications to mark read; left out: all of the caller's unread ones. "
        "Ids of other users' notifications are ignored.",
    )


class NotificationsReadResultSerializer(serializers.Serializer):
    marked = serializers.IntegerField(help_text="How many unread notifications were marked.")
