"""The REST API's wiring: views, serializers, error translation and the OpenAPI schema."""
