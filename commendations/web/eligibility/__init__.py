"""The web screens of eligibility."""
