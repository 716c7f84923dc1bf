"""The web screens of committee."""
