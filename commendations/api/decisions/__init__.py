"""The REST endpoints and payloads of decisions."""
