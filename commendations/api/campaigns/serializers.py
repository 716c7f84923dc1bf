"""API payloads of campaigns and award types."""

from rest_framework import serializers

from commendations.campaigns.models import AwardAuthority, AwardCriterion, AwardType, Campaign


class AwardAuthoritySerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardAuthority
        fields = ["id", "code", "name", "level"]


class AwardCriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardCriterion
        fields = ["id", "text", "mandatory", "legal_reference", "valid_from", "valid_to"]


class AwardTypeSerializer(serializers.ModelSerializer):
    """An entry of the catalogue: its category, who decides it and its checklist (every dated
    version of each criterion; `valid_from`/`valid_to` say when each holds)."""

    class Meta:
        model = AwardType
        fields = [
            "id",
            "code",
            "name",
            "short_name",
            "category",
            "authority",
            "decided_by",
            "accepted_kinds",
            "criteria",
        ]

    accepted_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)
    decided_by = AwardAuthoritySerializer(read_only=True, allow_null=True)
    criteria = AwardCriterionSerializer(many=True, read_only=True)


class CampaignSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["id", "code", "name", "year", "opens_on", "closes_on", "award_types"]

    def get_code(self, campaign: Campaign) -> str:
        """Campaigns have no code of their own: the id and year identify them."""
        return f"{campaign.year}-{campaign.pk}"
