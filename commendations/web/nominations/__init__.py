"""The web screens of nominations."""
