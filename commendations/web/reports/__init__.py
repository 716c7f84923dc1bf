"""The web screens of reports."""
