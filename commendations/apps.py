from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _roles_after_migrate(sender, **kwargs) -> None:  # noqa: ANN001
    from .roles import roles_ensure

    roles_ensure()


class CommendationsConfig(AppConfig):
    name = "commendations"
    verbose_name = _("Thi đua - Khen thưởng")

    def ready(self) -> None:
        post_migrate.connect(_roles_after_migrate, sender=self)
        from .services import certificates  # noqa: F401 - registers the decision-issued hook
