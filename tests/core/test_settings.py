"""Settings: production refuses to start without secrets; deploy checks pass; nothing silenced."""

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


def _run(code: str, **environment: str) -> subprocess.CompletedProcess:
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
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


SETUP = "import django; django.setup()"


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ({"DJANGO_SECRET_KEY": ""}, "DJANGO_SECRET_KEY must be set in production"),
        ({"DJANGO_ALLOWED_HOSTS": ""}, "DJANGO_ALLOWED_HOSTS must be set in production"),
        ({"DATABASE_URL": ""}, "DATABASE_URL must point at PostgreSQL in production"),
        ({"EMAIL_URL": "consolemail://"}, "EMAIL_URL must point at a real mail server"),
        ({"EMAIL_URL": ""}, "EMAIL_URL must point at a real mail server"),
    ],
)
def test_production_settings_refuse_to_start_without_what_they_need(override, message):
    result = _run(SETUP, **{**PRODUCTION, **override})

    assert result.returncode != 0
    assert message in result.stderr


def test_production_keeps_two_factor_login_on_whatever_the_environment_says():
    result = _run(
        "from django.conf import settings; import django; django.setup();"
        "print(settings.REQUIRE_MFA)",
        **PRODUCTION,
        REQUIRE_MFA="false",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


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


def test_embedded_default_needs_no_services():
    result = _run(
        "from django.conf import settings; import django; django.setup();"
        "print(settings.DATABASES['default']['ENGINE'], settings.CELERY_BROKER_URL,"
        " settings.EMAIL_BACKEND, settings.DATABASES['default']['OPTIONS']['init_command'])",
        DJANGO_SETTINGS_MODULE="clinic.settings.base",
        DATABASE_URL="",
        REDIS_URL="",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:3] == [
        "django.db.backends.sqlite3",
        "filesystem://",
        "django.core.mail.backends.console.EmailBackend",
    ]
    assert "journal_mode=WAL" in result.stdout
    assert "busy_timeout=5000" in result.stdout


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


def test_production_uses_secure_cookies_https_and_hsts_but_not_for_health():
    result = _run(
        "from django.conf import settings; import django; django.setup();"
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,"
        " settings.SECURE_SSL_REDIRECT, settings.SECURE_HSTS_SECONDS,"
        " settings.SECURE_REDIRECT_EXEMPT, settings.DEBUG)",
        **PRODUCTION,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True True 31536000 ['^health/$'] False"
