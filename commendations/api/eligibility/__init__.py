"""The REST endpoints and payloads of eligibility."""
