"""Units, user profiles, and people with their service records."""
