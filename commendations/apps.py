"""The app's start-up: roles after migrate, Celery task registration, signal receivers."""

from importlib import import_module

from django.apps import AppConfig
from django.contrib.auth import get_user_model
from django.db.models.signals import post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, **kwargs) -> None:
    from commendations.access.roles import roles_ensure

    roles_ensure()


def _notify_after_transition(sender, instance, name, target, **kwargs) -> None:
    """Every nomination transition but `approve` (told in bulk on `decision_issued`) notifies."""
    if name == "approve" or kwargs.get("exception") is not None:
        return
    from commendations.notifications.services import notifications_for_transition

    actor = (kwargs.get("method_kwargs") or {}).get("actor")
    notifications_for_transition(nomination=instance, target=target, actor=actor)


# Packages with Celery tasks; importing them at start-up registers the tasks by name.
TASK_PACKAGES = (
    "commendations.certificates",
    "commendations.ceremonies",
    "commendations.notifications",
    "commendations.nominations",
    "commendations.decisions",
)


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Thi đua - Khen thưởng")

    def ready(self) -> None:
        for package in TASK_PACKAGES:
            import_module(f"{package}.tasks")
        post_migrate.connect(_roles_after_migrate, sender=self)
        from django_fsm.signals import post_transition

        from commendations.certificates.services import certificates_on_decision_issued
        from commendations.nominations.models import Nomination
        from commendations.notifications.services import notifications_for_decision_issued
        from commendations.signals import decision_issued
        from commendations.tokens.services import api_tokens_on_user_saved

        # A password change or a deactivation revokes the user's API tokens.
        post_save.connect(
            api_tokens_on_user_saved, sender=get_user_model(), dispatch_uid="api_tokens_revoke"
        )
        post_transition.connect(
            _notify_after_transition, sender=Nomination, dispatch_uid="nomination_notify"
        )
        # In this order: the certificates are numbered before anyone is told of the decision.
        decision_issued.connect(
            certificates_on_decision_issued, dispatch_uid="decision_issued_certificates"
        )
        decision_issued.connect(
            notifications_for_decision_issued, dispatch_uid="decision_issued_notifications"
        )
        from django.core import checks

        from commendations.signatures.checks import seal_configuration_check

        checks.register(seal_configuration_check, "signatures")
