"""The app's start-up: roles after migrate, Celery task registration, signal receivers."""

from importlib import import_module

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.core import checks
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, **kwargs) -> None:
    # Imported here: apps.py loads before models may be imported, and roles imports auth's.
    from commendations.access.roles import roles_ensure

    roles_ensure()


# Importing them at start-up registers the Celery tasks by name (web process and worker alike)
# and the actions a screen may fire by name.
STARTUP_MODULES = (
    "commendations.tasks.certificates",
    "commendations.tasks.ceremonies",
    "commendations.tasks.notifications",
    "commendations.tasks.nominations",
    "commendations.tasks.decisions",
    "commendations.actions.nominations",
    "commendations.actions.committee",
    "commendations.actions.decisions",
    "commendations.actions.certificates",
    "commendations.actions.annual_titles",
    # Registers the long-service source of the due list.
    "commendations.long_service.due_source",
)


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Thi đua - Khen thưởng")

    def ready(self) -> None:
        for module in STARTUP_MODULES:
            import_module(module)
        # Imported here, once the app registry is ready: both modules import models.
        from commendations.signatures.system_checks import seal_configuration_check
        from commendations.tokens.services import api_tokens_on_user_saved

        post_migrate.connect(_roles_after_migrate, sender=self)
        # A password change or a deactivation revokes the user's API tokens.
        post_save.connect(
            api_tokens_on_user_saved, sender=get_user_model(), dispatch_uid="api_tokens_revoke"
        )
        checks.register(seal_configuration_check, "signatures")
