"""The web screens of certificates and their replacements."""
