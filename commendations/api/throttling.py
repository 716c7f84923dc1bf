"""The API's rate limit: API_RATE_LIMIT requests per user (per address without a login), read
when asked so a deployment (or a test) can change it. Its state gives the RateLimit-* headers
(commendations.api.base)."""

from django.conf import settings
from rest_framework.throttling import UserRateThrottle


class ApiRateThrottle(UserRateThrottle):
    scope = "api"

    def get_rate(self) -> str | None:
        return settings.API_RATE_LIMIT or None
