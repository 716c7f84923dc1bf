"""API payloads of decisions."""

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.actions.letters import submission_letter_submit
from commendations.api.serializers import MAX_ID
from commendations.campaigns.models import Authority
from commendations.decisions.models import Decision, SignatureState, SignerMode, SubmissionLetter
from commendations.decisions.package import package_plan
from commendations.decisions.services import decision_create
from commendations.documents.signer import Signer


class DecisionSerializer(serializers.ModelSerializer):
    authority = serializers.ChoiceField(choices=Authority.choices)
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        write_only=True,
    )
    signer_mode = serializers.ChoiceField(
        choices=SignerMode.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text='Hình thức ký: "" (ký trực tiếp), "KT.", "TM.", "Q.", "TL.", '
        '"TUQ.". Bỏ trống cả signer_mode và signer_principal_title thì signer_title kiểu cũ '
        '"KT. GIÁM ĐỐC - PHÓ GIÁM ĐỐC" vẫn được tách đúng.',
    )
    signer_principal_title = serializers.CharField(
        max_length=120,
        required=False,
        allow_blank=True,
        default="",
        help_text="Chức vụ người đứng đầu sau KT./TM./TL., VD: GIÁM ĐỐC.",
    )
    signer_title = serializers.CharField(
        max_length=255, help_text="Chức vụ của người ký, VD: PHÓ GIÁM ĐỐC (hoặc GIÁM ĐỐC)."
    )
    signer_rank = serializers.CharField(
        max_length=64,
        required=False,
        allow_blank=True,
        default="",
        help_text="Cấp bậc in trước họ tên, VD: Đại tá.",
    )
    registry_first_number = serializers.IntegerField(
        min_value=1,
        max_value=MAX_ID,
        required=False,
        allow_null=True,
        default=None,
        help_text="Bằng khen do Bộ in và đánh số: số vào sổ của Bộ trên Bằng khen đầu tiên (các "
        "Bằng khen sau nối tiếp theo thứ tự danh sách). Chỉ cho cấp không in tại tỉnh.",
    )
    registry_prefix = serializers.CharField(
        max_length=32, required=False, allow_blank=True, default="", help_text="VD: BK-BCA-"
    )
    signer_heading = serializers.SerializerMethodField(
        help_text='Các dòng in phía trên chữ ký, VD: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"].'
    )
    nomination_ids = serializers.SerializerMethodField()
    state = serializers.CharField(read_only=True)
    pdf_ready = serializers.BooleanField(read_only=True, help_text="Bản PDF/A đã sẵn sàng.")
    pdf_status = serializers.CharField(
        read_only=True, help_text='"" (không tạo), "pending", "ready", "failed".'
    )
    sealed = serializers.BooleanField(
        source="is_sealed", read_only=True, help_text="Bản PDF mang con dấu số của cơ quan."
    )
    signature_state = serializers.CharField(
        read_only=True,
        help_text='"unsigned" → "signed" (ký số) hoặc "paper" (ký tay trên bản giấy) → "sealed" '
        '(văn thư đóng dấu). Quyết định ghi nhận sau ngày ký: "paper", không đóng dấu.',
    )
    signed_by = serializers.CharField(read_only=True)
    signed_serial = serializers.CharField(read_only=True)
    signed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    sealed_at = serializers.DateTimeField(read_only=True, allow_null=True)
    awaits_seal = serializers.BooleanField(
        read_only=True, help_text="Bằng khen/Giấy khen chờ văn thư đóng dấu quyết định."
    )

    class Meta:
        model = Decision
        fields = [
            "id",
            "authority",
            "number",
            "date",
            "signer_mode",
            "signer_principal_title",
            "signer_title",
            "signer_rank",
            "signer_name",
            "place",
            "state",
            "issued_at",
            "signer_heading",
            "registry_first_number",
            "registry_prefix",
            "nominations",
            "nomination_ids",
            "pdf_ready",
            "pdf_status",
            "sealed",
            "signature_state",
            "signed_by",
            "signed_serial",
            "signed_at",
            "sealed_at",
            "awaits_seal",
        ]
        read_only_fields = ["issued_at"]
        extra_kwargs = {"place": {"required": False}}

    def get_signer_heading(self, decision: Decision) -> list[str]:
        return decision.signer.heading

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


class SignedPdfUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Bản PDF của quyết định đã được người ký ký số.")
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PaperOriginalUploadSerializer(serializers.Serializer):
    scan = serializers.FileField(
        required=False,
        allow_null=True,
        help_text="Bản quét bản gốc đã ký tay (PDF; văn thư đóng dấu số lên bản này).",
    )
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class DecisionTransitionRequestSerializer(serializers.Serializer):
    comment = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")
    expected_state = serializers.ChoiceField(
        choices=SignatureState.choices,
        required=False,
        help_text="The signature_state the client saw; 409 concurrent_change if it has moved.",
    )


class DecisionSignatureSerializer(serializers.ModelSerializer):
    sealed = serializers.BooleanField(source="is_sealed", read_only=True)
    pdf_ready = serializers.BooleanField(read_only=True)
    awaits_seal = serializers.BooleanField(read_only=True)

    class Meta:
        model = Decision
        fields = [
            "id",
            "pdf_ready",
            "sealed",
            "signature_state",
            "signed_by",
            "signed_organisation",
            "signed_serial",
            "signed_at",
            "signed_pdf_sha256",
            "sealed_at",
            "sealed_pdf_sha256",
            "awaits_seal",
        ]
        read_only_fields = fields


class SubmissionLetterSerializer(serializers.ModelSerializer):
    """A Tờ trình as recorded; create ("Lập Tờ trình và trình"): the ids of the recommended
    nominations of one authority (Bằng khen: to the Minister; Giấy khen: to the Director), the
    letter's number, date and signer. The PDF/A is made and sealed in the request and the
    nominations are forwarded with it; an incomplete dossier is refused before anything is made."""

    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=5000,
        write_only=True,
        help_text="Ids of the nominations listed (read back as the same key).",
    )
    signer_mode = serializers.ChoiceField(
        choices=SignerMode.choices, required=False, allow_blank=True, default=""
    )
    signer_principal_title = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    signer_title = serializers.CharField(max_length=255, required=False, default="GIÁM ĐỐC")
    signer_rank = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    excluded = serializers.SerializerMethodField()
    missing = serializers.SerializerMethodField()

    class Meta:
        model = SubmissionLetter
        fields = [
            "id",
            "number",
            "date",
            "signer_mode",
            "signer_principal_title",
            "signer_title",
            "signer_rank",
            "signer_name",
            "nominations",
            "sealed",
            "pdf_sha256",
            "minutes_sha256",
            "documents_made_at",
            "created_at",
            "excluded",
            "missing",
        ]
        read_only_fields = [
            "sealed",
            "pdf_sha256",
            "minutes_sha256",
            "documents_made_at",
            "created_at",
        ]

    def to_representation(self, instance: SubmissionLetter) -> dict[str, Any]:
        data = super().to_representation(instance)
        data["nominations"] = sorted(instance.nominations.values_list("pk", flat=True))
        return data

    def _plan(self, letter: SubmissionLetter) -> Any:
        cache = self.context.setdefault("plans", {})
        if letter.pk not in cache:
            cache[letter.pk] = package_plan(letter)
        return cache[letter.pk]

    def get_excluded(self, letter: SubmissionLetter) -> list[dict[str, Any]]:
        """Nominations left out of the electronic package, with the reason."""
        return self._plan(letter).excluded

    def get_missing(self, letter: SubmissionLetter) -> list[dict[str, Any]]:
        return self._plan(letter).missing

    def create(self, validated_data: dict[str, Any]) -> SubmissionLetter:
        data = validated_data
        letter, _forwarded = submission_letter_submit(
            actor=self.context["request"].user,
            nomination_ids=data["nominations"],
            number=data["number"],
            date=data["date"],
            signer=Signer(
                mode=data["signer_mode"],
                principal_title=data["signer_principal_title"],
                title=data["signer_title"] or "GIÁM ĐỐC",
                rank=data["signer_rank"],
                name=data["signer_name"],
            ),
        )
        return letter
