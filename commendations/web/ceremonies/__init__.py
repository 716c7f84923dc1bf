"""The web screens of ceremonies."""
