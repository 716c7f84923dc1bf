"""Django's admin autodiscovery imports this package; one module per area registers its models."""

from commendations.admin import (  # noqa: F401
    annual_titles,
    campaigns,
    ceremonies,
    certificates,
    committee,
    decisions,
    documents,
    due,
    eligibility,
    long_service,
    nominations,
    signatures,
    tokens,
    units,
)
