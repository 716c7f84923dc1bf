"""The REST API: its wiring (routes, token, base view, error translation, OpenAPI schema, shared
payloads) here, and one sub-package per area with its views and serializers."""
