"""System checks of the cases app (run by every ``manage.py`` command, ``migrate`` included)."""

from django.core.checks import Error, Tags, register

from .files import private_root_problem


@register(Tags.security)
def private_files_root_check(app_configs, **kwargs) -> list[Error]:
    """Client files must never sit in a folder served by URL (docs/files.md)."""
    problem = private_root_problem()
    if problem is None:
        return []
    return [
        Error(
            problem,
            hint="Point DJANGO_PRIVATE_FILES_ROOT at a folder outside the static and media roots.",
            id="cases.E001",
        )
    ]
