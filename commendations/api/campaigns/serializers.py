"""API payloads of campaigns and award types."""

from rest_framework import serializers

from commendations.campaigns.models import AwardType, Campaign


class AwardTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwardType
        fields = ["id", "code", "name", "short_name", "authority", "accepted_kinds"]

    accepted_kinds = serializers.ListField(child=serializers.CharField(), read_only=True)


class CampaignSerializer(serializers.ModelSerializer):
    code = serializers.SerializerMethodField()

    class Meta:
        model = Campaign
        fields = ["id", "code", "name", "year", "opens_on", "closes_on", "award_types"]

    def get_code(self, campaign: Campaign) -> str:
        """Campaigns have no code of their own: the id and year identify them."""
        return f"{campaign.year}-{campaign.pk}"
