"""API payloads of nominations, attachments, the nominee link and the Excel import."""

from typing import Any

from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.campaigns.models import Campaign, NomineeKind
from commendations.decisions.models import SignerMode
from commendations.documents.signer import Signer
from commendations.eligibility.models import AttachmentKind, NomineeLink
from commendations.nominations.attachments import attachment_add
from commendations.nominations.models import (
    Attachment,
    Nomination,
    NominationImport,
    NominationState,
)
from commendations.nominations.services import nomination_create, nomination_update
from commendations.units.models import Person, Unit
from commendations.units.selectors import unit_not_in_force_message


class NominationSerializer(serializers.ModelSerializer):
    """Read shape, and the create/update payload (writes call the nomination services)."""

    state = serializers.CharField(read_only=True)
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices)
    nominee_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    nominee_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = Nomination
        fields = [
            "id",
            "campaign",
            "unit",
            "award_type",
            "nominee_kind",
            "nominee_unit",
            "nominee_name",
            "rank",
            "position",
            "workplace",
            "date_of_birth",
            "gender",
            "affiliation",
            "address",
            "nationality",
            "achievement_summary",
            "citation",
            "contains_state_secrets",
            "state_secrets_note",
            "nominee_alias",
            "posthumous",
            "posthumous_receiver",
            "simplified_procedure",
            "feat_date",
            "state",
            "state_label",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decision",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decision",
            "submitted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ]

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        if self.instance is not None and not isinstance(self.instance, list):
            # campaign and unit are fixed once the nomination exists
            for name in ("campaign", "unit"):
                fields[name].read_only = True
        return fields

    def validate_unit(self, unit: Unit) -> Unit:
        """A unit that no longer exists: 400 naming the unit in force that took over its work
        (a client may hold an id from before the 2025 reorganisation), not a bare refusal."""
        message = unit_not_in_force_message(unit)
        if message:
            raise serializers.ValidationError(message)
        return unit

    def create(self, validated_data: dict[str, Any]) -> Nomination:
        return nomination_create(actor=self.context["request"].user, **validated_data)

    def update(self, instance: Nomination, validated_data: dict[str, Any]) -> Nomination:
        return nomination_update(
            nomination=instance, actor=self.context["request"].user, **validated_data
        )


class NominationFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    unit = serializers.IntegerField(
        required=False, min_value=1, max_value=MAX_ID, help_text="The unit and every unit below it."
    )
    award_type = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    state = serializers.ChoiceField(choices=NominationState.choices, required=False)
    nominee_kind = serializers.ChoiceField(choices=NomineeKind.choices, required=False)
    search = serializers.CharField(
        required=False, max_length=100, help_text="In the nominee's or the unit's name."
    )


class AttachmentSerializer(serializers.ModelSerializer):
    file = serializers.FileField(write_only=True)
    kind = serializers.ChoiceField(
        choices=AttachmentKind.choices, default=AttachmentKind.ACHIEVEMENT_REPORT
    )

    class Meta:
        model = Attachment
        fields = ["id", "kind", "file", "original_name", "size", "content_type", "uploaded_at"]
        read_only_fields = ["original_name", "size", "content_type", "uploaded_at"]

    def create(self, validated_data: dict[str, Any]) -> Attachment:
        return attachment_add(
            nomination=self.context["nomination"],
            upload=validated_data["file"],
            kind=validated_data["kind"],
            actor=self.context["request"].user,
        )


class ImportRequestSerializer(serializers.Serializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    file = serializers.FileField()


class ImportAcceptedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    url = serializers.CharField(help_text="GET it to follow the import: /api/v1/imports/{id}/")


class ImportRowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(allow_null=True)
    column = serializers.CharField(allow_blank=True)
    message = serializers.CharField()


class NominationImportSerializer(serializers.ModelSerializer):
    """An Excel import run by a worker: pending -> running -> done (ids of the drafts created) or
    failed (every row error). `ready_to_submit`: ids of the drafts that may be submitted now."""

    campaign = serializers.PrimaryKeyRelatedField(read_only=True)
    percent = serializers.IntegerField(read_only=True)
    errors = ImportRowErrorSerializer(many=True, read_only=True)
    ids = serializers.ListField(
        source="created_ids", child=serializers.IntegerField(), read_only=True
    )
    created = serializers.SerializerMethodField()

    class Meta:
        model = NominationImport
        fields = [
            "id",
            "campaign",
            "original_name",
            "status",
            "rows_total",
            "rows_done",
            "percent",
            "summary",
            "errors",
            "created",
            "ids",
            "created_at",
            "finished_at",
        ]
        read_only_fields = fields

    def get_created(self, job: NominationImport) -> int:
        return len(job.created_ids)


class ImportSubmitResultSerializer(serializers.Serializer):
    submitted = serializers.IntegerField()


class TemplateRequestSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(min_value=1, max_value=MAX_ID)


class NomineeLinkSerializer(serializers.ModelSerializer):
    """Which person of the history an individual nomination is about (so the conditions that
    read the person's titles and discipline can be decided)."""

    person = serializers.PrimaryKeyRelatedField(queryset=Person.objects.all())

    class Meta:
        model = NomineeLink
        fields = ["nomination", "person"]
        read_only_fields = ["nomination"]


class SubmissionLetterRequestSerializer(serializers.Serializer):
    """The nominations the Tờ trình lists, chosen from `context["candidates"]` (the forward
    queue's: recommended or awaiting the Ministry, visible to the caller)."""

    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=5000,
    )
    number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default="", help_text="VD: 15/TTr-CAT-PV05"
    )
    date = serializers.DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Ngày của Tờ trình; bỏ trống: để chỗ văn thư điền.",
    )
    signer_mode = serializers.ChoiceField(
        choices=SignerMode.choices, required=False, allow_blank=True, default=""
    )
    signer_principal_title = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    signer_title = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default="GIÁM ĐỐC"
    )
    signer_rank = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    signer_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )

    def letter_kwargs(self) -> dict[str, Any]:
        data = self.validated_data
        return {
            "number": data["number"],
            "date": data["date"],
            "signer": Signer(
                mode=data["signer_mode"],
                principal_title=data["signer_principal_title"],
                title=data["signer_title"] or "GIÁM ĐỐC",
                rank=data["signer_rank"],
                name=data["signer_name"],
            ),
        }

    def validate_nominations(self, ids: list[int]) -> list[Nomination]:
        chosen = list(self.context["candidates"].filter(pk__in=ids))
        unknown = sorted(set(ids) - {n.pk for n in chosen})
        if unknown:
            message = serializers.PrimaryKeyRelatedField.default_error_messages["does_not_exist"]
            raise serializers.ValidationError(
                message.format(pk_value=unknown[0]), code="does_not_exist"
            )
        return chosen
