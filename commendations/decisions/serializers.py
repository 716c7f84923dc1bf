"""API payloads of decisions."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.campaigns.models import Authority
from commendations.decisions.models import Decision
from commendations.decisions.services import decision_create


class DecisionSerializer(serializers.ModelSerializer):
    authority = serializers.ChoiceField(choices=Authority.choices)
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        write_only=True,
    )
    nomination_ids = serializers.SerializerMethodField()
    state = serializers.CharField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "authority",
            "number",
            "date",
            "signer_name",
            "signer_title",
            "place",
            "state",
            "issued_at",
            "nominations",
            "nomination_ids",
        ]
        read_only_fields = ["issued_at"]
        extra_kwargs = {"place": {"required": False}}

    def get_nomination_ids(self, decision: Decision) -> list[int]:
        return [n.pk for n in decision.nominations.all()]

    def create(self, validated_data: dict[str, Any]) -> Decision:
        ids = validated_data.pop("nominations")
        visible = set(
            self.context["visible_nominations"].filter(pk__in=ids).values_list("pk", flat=True)
        )
        if visible != set(ids):
            raise serializers.ValidationError({"nominations": [_("Có hồ sơ không tồn tại.")]})
        return decision_create(
            actor=self.context["request"].user, nomination_ids=ids, **validated_data
        )
