from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "clinic.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from clinic.celery import ensure_filesystem_broker_folders

        ensure_filesystem_broker_folders()
