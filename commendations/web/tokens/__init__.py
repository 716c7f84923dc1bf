"""The web screens of tokens."""
