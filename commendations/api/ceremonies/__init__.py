"""The REST endpoints and payloads of ceremonies."""
