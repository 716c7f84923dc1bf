"""The awards workflow: one Django app, a package per part of the domain (docs/architecture.md)."""
