"""The web screens of decisions."""
