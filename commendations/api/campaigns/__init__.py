"""The REST endpoints and payloads of campaigns."""
