from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Statistics and exports")

    def ready(self) -> None:
        from . import jobs  # noqa: F401  (registers the job handlers)
