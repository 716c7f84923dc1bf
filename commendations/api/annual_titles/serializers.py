"""API payloads of the year-end rating lists."""

from django.utils.translation import gettext as _
from rest_framework import serializers

from commendations.annual_titles.models import (
    Rating,
    RatingList,
    RatingListState,
    RatingRow,
    Registration,
)
from commendations.campaigns.models import AwardType
from commendations.units.models import Initiative, Person, Unit


class RatingListSerializer(serializers.ModelSerializer):
    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    state = serializers.CharField(read_only=True)
    decision = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    decision_number = serializers.CharField(
        source="decision.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = RatingList
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "submission_number",
            "submission_date",
            "council_minutes",
            "note",
            "state",
            "votes_for",
            "votes_against",
            "votes_abstain",
            "decision",
            "decision_number",
        ]
        read_only_fields = ["votes_for", "votes_against", "votes_abstain"]


class RatingRowSerializer(serializers.ModelSerializer):
    """One row: `person` (an officer, for an individual title) or `unit` (a collective — the
    list's unit or a unit within it — for a collective title), exactly one of them."""

    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, required=False
    )
    person_name = serializers.CharField(
        source="person.full_name", read_only=True, allow_null=True, default=None
    )
    unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), allow_null=True, required=False
    )
    unit_name = serializers.CharField(
        source="unit.name", read_only=True, allow_null=True, default=None
    )
    subject_name = serializers.CharField(
        read_only=True, help_text="The officer's full name, or the collective's name."
    )
    award_type = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)
    rating = serializers.ChoiceField(choices=Rating.choices)
    initiative = serializers.PrimaryKeyRelatedField(
        queryset=Initiative.objects.all(), allow_null=True, required=False
    )
    excluded_reason = serializers.CharField(read_only=True)

    class Meta:
        model = RatingRow
        fields = [
            "id",
            "person",
            "person_name",
            "unit",
            "unit_name",
            "subject_name",
            "award_type",
            "award_type_name",
            "rating",
            "initiative",
            "excluded_reason",
        ]
        validators: list = []  # uniqueness is the service's (a 400 with a sentence)

    def validate(self, attrs: dict) -> dict:
        if (attrs.get("person") is None) == (attrs.get("unit") is None):
            raise serializers.ValidationError(
                {"person": _("Chọn một cán bộ hoặc một tập thể (không chọn cả hai).")}
            )
        return attrs


class RatingImportSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="Excel (.xlsx), first sheet: Mã cán bộ | Họ và tên | Danh hiệu | Xếp loại; a "
        "collective: Mã cán bộ empty, Mã đơn vị (or Tên đơn vị) given"
    )


# The fields each transition takes (the others are not passed on).
TRANSITION_PARAMS: dict[str, tuple[str, ...]] = {
    "recommend": ("votes_for", "votes_against", "votes_abstain"),
    "decide": ("number", "date", "signer_name", "signer_title", "signer_rank"),
}


class RatingTransitionRequestSerializer(serializers.Serializer):
    """A transition of one list: `recommend` takes the council's tally, `decide` the decision's
    number, date and signer."""

    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")
    expected_state = serializers.ChoiceField(
        choices=RatingListState.choices,
        required=False,
        help_text="The state the client saw; 409 concurrent_change if it has moved since.",
    )
    votes_for = serializers.IntegerField(required=False, min_value=0)
    votes_against = serializers.IntegerField(required=False, min_value=0)
    votes_abstain = serializers.IntegerField(required=False, min_value=0)
    number = serializers.CharField(required=False, max_length=64)
    date = serializers.DateField(required=False)
    signer_name = serializers.CharField(required=False, max_length=255)
    signer_title = serializers.CharField(required=False, max_length=255, allow_blank=True)
    signer_rank = serializers.CharField(required=False, max_length=64, allow_blank=True)


class RatingListsRecommendSerializer(serializers.Serializer):
    lists = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=1000)
    votes_for = serializers.IntegerField(min_value=0)
    votes_against = serializers.IntegerField(min_value=0, default=0)
    votes_abstain = serializers.IntegerField(min_value=0, default=0)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class RatingListsDecideSerializer(serializers.Serializer):
    lists = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=1000)
    number = serializers.CharField(max_length=64)
    date = serializers.DateField()
    signer_name = serializers.CharField(max_length=255)
    signer_title = serializers.CharField(max_length=255)
    signer_rank = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    comment = serializers.CharField(required=False, allow_blank=True, max_length=4000, default="")


class RatingDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    date = serializers.DateField()
    lists = serializers.ListField(child=serializers.IntegerField())
    honours = serializers.IntegerField()


class RegistrationSerializer(serializers.ModelSerializer):
    """A registration at the start of the year: `person` for an officer, empty for the unit."""

    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    person = serializers.PrimaryKeyRelatedField(
        queryset=Person.objects.all(), allow_null=True, required=False
    )
    person_name = serializers.CharField(
        source="person.full_name", read_only=True, allow_null=True, default=None
    )
    award_type = serializers.SlugRelatedField(slug_field="code", queryset=AwardType.objects.all())
    award_type_name = serializers.CharField(source="award_type.name", read_only=True)

    class Meta:
        model = Registration
        fields = [
            "id",
            "unit",
            "unit_name",
            "year",
            "person",
            "person_name",
            "award_type",
            "award_type_name",
        ]
        validators: list = []  # uniqueness is the service's (a 400 with a sentence)


class AnnexPersonSerializer(serializers.Serializer):
    code = serializers.CharField()
    full_name = serializers.CharField()


class AnnexGroupSerializer(serializers.Serializer):
    """One title and one list's unit: the officers recognised, or for a collective title
    (`collective`) the units recognised (their code and name in `people`)."""

    award_type = serializers.CharField()
    unit = serializers.CharField()
    collective = serializers.BooleanField()
    people = AnnexPersonSerializer(many=True)


class RegistrationImportRequestSerializer(serializers.Serializer):
    """Đăng ký thi đua from Excel, for `unit` (and the units below it) and `year`."""

    unit = serializers.PrimaryKeyRelatedField(queryset=Unit.objects.all())
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    file = serializers.FileField(
        help_text="Excel (.xlsx), first sheet: Mã đơn vị (optional) | Mã cán bộ (empty: the unit "
        "itself) | Họ và tên (optional, checked) | Danh hiệu đăng ký (code or name; empty: "
        "the line is skipped)"
    )


class RegistrationImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField(help_text="Registrations made.")
    existing = serializers.IntegerField(help_text="Lines already registered (not repeated).")
    registrations = RegistrationSerializer(many=True, help_text="The registrations made.")


class RegistrationSummaryRequestSerializer(serializers.Serializer):
    year = serializers.IntegerField(
        min_value=2000, max_value=2100, required=False, help_text="Default: this year."
    )
    unit = serializers.IntegerField(
        required=False, help_text="Only this unit and the units below it."
    )


class RegistrationTemplateRequestSerializer(serializers.Serializer):
    unit = serializers.IntegerField(
        required=False, help_text="The unit whose officers the template lists (default: yours)."
    )


class RegistrationTitleCountSerializer(serializers.Serializer):
    award_type = serializers.CharField(help_text="The title's code.")
    award_type_name = serializers.CharField()
    count = serializers.IntegerField()


class RegistrationUnitSummarySerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    unit_name = serializers.CharField()
    titles = RegistrationTitleCountSerializer(many=True)
    total = serializers.IntegerField(help_text="This unit's registrations.")
    with_units_below = serializers.IntegerField(
        help_text="This unit's and those of every unit below it (consolidated up the tree)."
    )


class RegistrationSummarySerializer(serializers.Serializer):
    """Who registered what in a year: per unit and title, with totals."""

    year = serializers.IntegerField()
    units = RegistrationUnitSummarySerializer(many=True)
    titles = RegistrationTitleCountSerializer(many=True, help_text="Totals per title.")
    total = serializers.IntegerField()

    @staticmethod
    def data_of(summary) -> dict:
        def counts(values: list[int]) -> list[dict]:
            return [
                {"award_type": t.code, "award_type_name": t.name, "count": n}
                for t, n in zip(summary.titles, values, strict=True)
                if n
            ]

        return {
            "year": summary.year,
            "units": [
                {
                    "unit": row.unit.pk,
                    "unit_name": row.unit.name,
                    "titles": counts(row.counts),
                    "total": row.total,
                    "with_units_below": row.with_units_below,
                }
                for row in summary.rows
            ],
            "titles": counts(summary.totals),
            "total": summary.total,
        }
