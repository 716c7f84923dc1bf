"""The REST endpoints and payloads of units."""
