"""The REST endpoints and payloads of committee."""
