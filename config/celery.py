"""The Celery app: `celery -A config worker`.

With REDIS_URL / CELERY_BROKER_URL unset it uses kombu's filesystem transport, so a machine with
nothing but Python can run the worker next to the web server.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
