"""Settings modules: ``base`` (reads the environment), ``test`` and ``production``.

``manage.py`` defaults to ``clinic.settings.base``: the embedded default (SQLite, local files,
console e-mail, Celery on kombu's filesystem transport) that runs with no variables set.
"""
