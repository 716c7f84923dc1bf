"""The REST endpoints and payloads of notifications."""
