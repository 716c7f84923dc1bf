"""Production settings for the load run, with one change: static files get hashed names (as in
production) but are not pre-compressed. The scenario requests no static file, and compressing
the ~1,300 collected files takes two minutes of the shared machine on every run."""

from config.settings.production import *  # noqa: F403
from config.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
