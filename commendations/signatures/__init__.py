"""Digital signatures (PAdES, with pyHanko): the organisation's seal applied by the server, the
trust roots, and the check of a signed PDF anyone uploads (run in a bounded child process)."""
