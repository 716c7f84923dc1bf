"""API tokens: issued by the token endpoint, expiring, revoked on a password change or a
deactivation, listed and revoked by their owner (web page and API)."""
