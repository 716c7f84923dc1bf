"""API payloads of ceremonies and print packs."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.ceremonies import selectors as ceremonies_selectors
from commendations.ceremonies.models import Ceremony, CeremonyPresenter, PrintPack
from commendations.ceremonies.services import ceremony_create, ceremony_update


class CeremonySerializer(serializers.ModelSerializer):
    decisions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=500,
        write_only=True,
    )
    decision_ids = serializers.SerializerMethodField()

    class Meta:
        model = Ceremony
        fields = ["id", "name", "date", "place", "group_size", "decisions", "decision_ids"]

    def get_decision_ids(self, ceremony: Ceremony) -> list[int]:
        return [d.pk for d in ceremony.decisions.all()]

    def create(self, validated_data: dict[str, Any]) -> Ceremony:
        ids = set(validated_data.pop("decisions"))
        decisions = list(self.context["visible_decisions"].filter(pk__in=ids))
        if len(decisions) != len(ids):
            raise serializers.ValidationError({"decisions": [_("Có quyết định không tồn tại.")]})
        return ceremony_create(
            actor=self.context["request"].user, decisions=decisions, **validated_data
        )

    def update(self, instance: Ceremony, validated_data: dict[str, Any]) -> Ceremony:
        """PATCH: what is sent replaces, what is not stays (e.g. add a later decision)."""
        decisions = list(instance.decisions.all())
        if "decisions" in validated_data:
            ids = set(validated_data.pop("decisions"))
            decisions = list(self.context["visible_decisions"].filter(pk__in=ids))
            if len(decisions) != len(ids):
                raise serializers.ValidationError(
                    {"decisions": [_("Có quyết định không tồn tại.")]}
                )
        values = {
            "name": instance.name,
            "date": instance.date,
            "place": instance.place,
            "group_size": instance.group_size,
            **validated_data,
        }
        return ceremony_update(
            ceremony=instance,
            actor=self.context["request"].user,
            decisions=decisions,
            **values,
        )


class PrintPackSerializer(serializers.ModelSerializer):
    state = serializers.ChoiceField(source="status", choices=PrintPack.Status.choices)
    pdf_url = serializers.SerializerMethodField()
    zip_url = serializers.SerializerMethodField()
    docx_url = serializers.SerializerMethodField()
    chunks = serializers.SerializerMethodField(
        help_text="Chunks of the PDF converted so far: {total, done}."
    )

    class Meta:
        model = PrintPack
        fields = [
            "id",
            "ceremony",
            "state",
            "pdf_url",
            "zip_url",
            "docx_url",
            "error",
            "note",
            "certificate_count",
            "page_count",
            "chunks",
            "created_at",
            "finished_at",
        ]

    def _url(self, pack: PrintPack, kind: str) -> str | None:
        if pack.status != PrintPack.Status.DONE or not getattr(pack, kind):
            return None
        url = reverse("api-print-pack-download", args=[pack.pk, kind])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request else url

    def get_chunks(self, pack: PrintPack) -> dict[str, int]:
        return ceremonies_selectors.print_pack_progress(pack)

    def get_pdf_url(self, pack: PrintPack) -> str | None:
        return self._url(pack, "pdf")

    def get_zip_url(self, pack: PrintPack) -> str | None:
        return self._url(pack, "zip")

    def get_docx_url(self, pack: PrintPack) -> str | None:
        """The merged .docx, when the server has no LibreOffice to make the PDF."""
        return self._url(pack, "docx")


class PresenterSerializer(serializers.ModelSerializer):
    """Who hands over one decision's awards at the ceremony (rank, title, name)."""

    decision = serializers.IntegerField(min_value=1, max_value=MAX_ID, source="decision_id")
    line = serializers.CharField(read_only=True)

    class Meta:
        model = CeremonyPresenter
        fields = ["decision", "rank", "title", "name", "line"]
