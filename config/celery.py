"""The Celery app: `celery -A config worker`, and the one place where tasks are routed to queues.

With REDIS_URL / CELERY_BROKER_URL unset it uses kombu's filesystem transport, so a machine with
nothing but Python can run the worker next to the web server.

Queues by kind of work, so a big print pack never holds up an e-mail:
- `render`: certificate chunks (docxtpl, CPU);
- `convert`: print pack chunks (compose + LibreOffice) and their merge, certificate PDFs;
- `mail`: notification e-mails (short, waiting on the mail server);
- `default`: everything else (sweeps, the daily digest, imports).
`make run` starts one worker on every queue (`ALL`); docker-compose starts one worker
service per kind, each with its own concurrency.
"""

import os

from celery import Celery
from kombu import Queue

from commendations.queues import ALL, CONVERT, DEFAULT, MAIL, RENDER

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# Task name -> queue. A task not listed goes to `default`.
TASK_ROUTES: dict[str, dict[str, str]] = {
    "commendations.certificates.tasks.render_certificates": {"queue": RENDER},
    "commendations.ceremonies.tasks.build_print_pack": {"queue": DEFAULT},
    "commendations.ceremonies.tasks.print_pack_chunk": {"queue": CONVERT},
    "commendations.ceremonies.tasks.print_pack_merge": {"queue": CONVERT},
    "commendations.notifications.tasks.notifications_email_send": {"queue": MAIL},
    "commendations.decisions.tasks.decision_pdf_make": {"queue": CONVERT},
    "commendations.certificates.tasks.make_certificate_pdfs": {"queue": CONVERT},
}

app = Celery("khenthuong")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.conf.task_default_queue = DEFAULT
app.conf.task_queues = tuple(Queue(name, routing_key=name) for name in ALL)
app.conf.task_routes = TASK_ROUTES
app.autodiscover_tasks()
