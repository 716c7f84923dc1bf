"""The REST endpoints and payloads of nominations."""
