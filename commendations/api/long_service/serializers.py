"""API payloads of the long-service batch: the proposal (who, the Tờ trình's number, date and
signer) and the recorded decision; requests and answers apart."""

from rest_framework import serializers

from commendations.api.serializers import MAX_ID
from commendations.decisions.models import SignerMode

MAX_PEOPLE = 5000


class SignerRequestSerializer(serializers.Serializer):
    signer_mode = serializers.ChoiceField(
        choices=SignerMode.choices, required=False, allow_blank=True, default=""
    )
    signer_principal_title = serializers.CharField(
        max_length=120, required=False, allow_blank=True, default=""
    )
    signer_title = serializers.CharField(max_length=255)
    signer_rank = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    signer_name = serializers.CharField(max_length=255)


class ProposalRequestSerializer(SignerRequestSerializer):
    """From the due list's long-service rows (`GET /due/?year=`): the people, once each."""

    year = serializers.IntegerField(min_value=1900, max_value=2999)
    people = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=MAX_PEOPLE,
        help_text="Ids of the people (`person.id` of the due list's long-service rows).",
    )
    number = serializers.CharField(max_length=64, help_text="Số Tờ trình, VD: 15/TTr-CAT-PV05")
    date = serializers.DateField()


class ProposedSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    person = serializers.IntegerField(source="nominee_link.person_id")
    nominee_name = serializers.CharField()
    award_type = serializers.CharField(source="award_type.code")
    state = serializers.CharField()
    reason = serializers.CharField(source="achievement_summary")


class ProposalSerializer(serializers.Serializer):
    submission_letter = serializers.IntegerField(source="letter.pk")
    number = serializers.CharField(source="letter.number")
    date = serializers.DateField(source="letter.date")
    nominations = ProposedSerializer(many=True)


class DecisionRequestSerializer(SignerRequestSerializer):
    """The decision as it came back: who decided (an `AwardAuthority` code: the President for the
    medals, the Minister for the Kỷ niệm chương), its number and date, and who got it (the
    nominations of the Tờ trình; all of that authority's when left out)."""

    decided_by = serializers.CharField(max_length=32)
    number = serializers.CharField(max_length=64, help_text="Số quyết định, VD: 1234/QĐ-CTN")
    date = serializers.DateField()
    nominations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        allow_empty=False,
        max_length=MAX_PEOPLE,
        required=False,
    )


class RecordedDecisionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    date = serializers.DateField()
    state = serializers.CharField()
    signer_name = serializers.CharField()
    nominations = serializers.ListField(child=serializers.IntegerField())
