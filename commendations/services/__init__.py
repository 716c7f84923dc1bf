"""Use cases that write. One function per action, keyword-only arguments, one transaction."""
