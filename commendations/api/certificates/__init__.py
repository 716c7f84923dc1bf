"""The REST endpoints and payloads of certificates and their replacements."""
