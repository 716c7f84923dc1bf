"""Decisions (Quyết định khen thưởng): drafting, issuing, and their Word documents."""
