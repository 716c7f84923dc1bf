"""The REST endpoints and payloads of reports."""
