"""Settings: production refuses to start without secrets; deploy checks pass; nothing silenced."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from clinic.settings import base

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "clinic.settings.production",
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-" + "x7Qz" * 10,
    "DJANGO_ALLOWED_HOSTS": "acompana.example.org",
    "DATABASE_URL": "postgres://acompana:unused@db.invalid:5432/acompana",
    "EMAIL_URL": "smtp+tls://mailer:unused@smtp.invalid:587",
}


def _run(code: str, input: str | None = None, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DJANGO_SECRET_KEY",
            "DJANGO_ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for Playwright tests only
            "DATABASE_URL",
            "EMAIL_URL",
            "REQUIRE_MFA",
        }
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-c", code],
        input=input,
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


# Importing a settings module is what starting the application does first: each scenario below
# imports one afresh in the environment it names, all in one subprocess (one Python start-up
# instead of one per scenario), and reports the error it raised or the values asked for.
LOAD_SETTINGS = """
import importlib, json, os, sys
scenarios = json.load(sys.stdin)
clean = dict(os.environ)
results = []
for module, environment, names in scenarios:
    os.environ.clear()
    os.environ.update(clean)
    os.environ.update(environment)
    for loaded in [name for name in sys.modules if name.startswith("clinic.settings")]:
        del sys.modules[loaded]
    try:
        settings = importlib.import_module(module)
    except Exception as error:
        results.append({"error": f"{type(error).__name__}: {error}"})
    else:
        results.append({"values": {name: repr(getattr(settings, name)) for name in names}})
print(json.dumps(results))
"""

REFUSALS = [
    ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set in production"),
    ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS must be set in production"),
    ({"DATABASE_URL": ""}, "DATABASE_URL must point at PostgreSQL in production"),
    ({"EMAIL_URL": "consolemail://"}, "EMAIL_URL must point at a real mail server"),
    ({"EMAIL_URL": ""}, "EMAIL_URL must point at a real mail server"),
]
SECURE = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SECURE_SSL_REDIRECT",
    "SECURE_HSTS_SECONDS",
    "SECURE_REDIRECT_EXEMPT",
    "DEBUG",
]
SCENARIOS = {
    **{
        f"refuse-{index}": ("clinic.settings.production", {**PRODUCTION, **override}, [])
        for index, (override, _message) in enumerate(REFUSALS)
    },
    "mfa": ("clinic.settings.production", {**PRODUCTION, "REQUIRE_MFA": "false"}, ["REQUIRE_MFA"]),
    "secure": ("clinic.settings.production", PRODUCTION, SECURE),
    "embedded": (
        "clinic.settings.base",
        {"DATABASE_URL": "", "REDIS_URL": ""},
        ["DATABASES", "CELERY_BROKER_URL", "EMAIL_BACKEND"],
    ),
}


@pytest.fixture(scope="module")
def loaded() -> dict:
    """What each of ``SCENARIOS`` gave: ``{"error": …}`` or ``{"values": {name: repr}}``."""
    result = _run(LOAD_SETTINGS, input=json.dumps(list(SCENARIOS.values())))
    assert result.returncode == 0, result.stderr
    return dict(zip(SCENARIOS, json.loads(result.stdout), strict=True))


@pytest.mark.parametrize(("index", "message"), [(i, m) for i, (_o, m) in enumerate(REFUSALS)])
def test_production_settings_refuse_to_start_without_what_they_need(loaded, index, message):
    outcome = loaded[f"refuse-{index}"]

    assert outcome.get("error", "").startswith("ImproperlyConfigured: "), outcome
    assert message in outcome["error"]


def test_production_settings_start_with_everything_they_need(loaded):
    assert "error" not in loaded["secure"], loaded["secure"]


def test_production_keeps_two_factor_login_on_whatever_the_environment_says(loaded):
    assert loaded["mfa"] == {"values": {"REQUIRE_MFA": "True"}}


def test_check_deploy_reports_no_issue_on_production_settings():
    code = (
        "import sys; from django.core.management import call_command; import django;"
        "django.setup(); call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _run(code, **PRODUCTION)

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)" in result.stdout + result.stderr


def test_no_security_check_is_silenced():
    silenced = getattr(settings, "SILENCED_SYSTEM_CHECKS", [])
    assert [check for check in silenced if check.startswith("security.")] == []
    assert getattr(base, "SILENCED_SYSTEM_CHECKS", []) == []


def test_embedded_default_needs_no_services(loaded):
    values = loaded["embedded"]["values"]

    assert "'ENGINE': 'django.db.backends.sqlite3'" in values["DATABASES"]
    assert "journal_mode=WAL" in values["DATABASES"]
    assert "busy_timeout=5000" in values["DATABASES"]
    assert values["CELERY_BROKER_URL"] == "'filesystem://'"
    assert values["EMAIL_BACKEND"] == "'django.core.mail.backends.console.EmailBackend'"


def test_locale_time_zone_and_passwords():
    assert base.LANGUAGE_CODE == "es-mx"
    assert [code for code, _name in base.LANGUAGES] == ["es-mx", "en"]
    assert base.TIME_ZONE == "America/Mexico_City"
    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    minimum = next(
        validator
        for validator in base.AUTH_PASSWORD_VALIDATORS
        if validator["NAME"].endswith("MinimumLengthValidator")
    )
    assert minimum["OPTIONS"]["min_length"] == 12


def test_celery_is_configured_for_safe_delivery():
    assert base.CELERY_TASK_SERIALIZER == "json"
    assert base.CELERY_ACCEPT_CONTENT == ["json"]
    assert base.CELERY_TASK_ACKS_LATE is True
    assert base.CELERY_TASK_IGNORE_RESULT is True
    assert base.CELERY_BROKER_CONNECTION_TIMEOUT <= 1
    assert base.CELERY_TASK_TIME_LIMIT > base.CELERY_TASK_SOFT_TIME_LIMIT


def test_production_uses_secure_cookies_https_and_hsts_but_not_for_health(loaded):
    assert loaded["secure"]["values"] == {
        "SESSION_COOKIE_SECURE": "True",
        "CSRF_COOKIE_SECURE": "True",
        "SECURE_SSL_REDIRECT": "True",
        "SECURE_HSTS_SECONDS": "31536000",
        "SECURE_REDIRECT_EXEMPT": "['^health/$']",
        "DEBUG": "False",
    }
