"""API tokens: their endpoints, payloads and the `Authorization: Token` authentication."""
