"""The use cases: one function per state change (permission, locks, checks, the transition, the
audit row, side effects). Above every domain package; below the tasks and the screens."""
