"""Celery tasks: entry points like the screens, above the actions they call. Each takes ids,
calls one action or service and is safe to run twice. The registered names (`name=`) are the
wire names queued messages, routes and the beat schedule use; they stay as they are when a
module moves."""
