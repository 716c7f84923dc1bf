"""Certificates: registry numbering, rendering from Word templates, verification, revocation."""
