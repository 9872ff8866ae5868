"""Production settings: HTTPS only, secure cookies, HSTS, and no start without real secrets."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import ALLOWED_HOSTS_FROM_ENV, DATABASES, EMAIL_BACKEND, SECRET_KEY_FROM_ENV

if not SECRET_KEY_FROM_ENV:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")
if not ALLOWED_HOSTS_FROM_ENV:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS must be set in production.")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # The audit trail's append-only trigger, SKIP LOCKED and trigram search live there.
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")
if EMAIL_BACKEND in {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}:
    # Console e-mail would write password links into the logs.
    raise ImproperlyConfigured("EMAIL_URL must point at a real mail server in production.")

DEBUG = False
IS_PRODUCTION = True
# Two-factor login cannot be switched off in production, whatever REQUIRE_MFA says.
REQUIRE_MFA = True
SECRET_KEY = SECRET_KEY_FROM_ENV
ALLOWED_HOSTS = ALLOWED_HOSTS_FROM_ENV
if not SITE_URL_FROM_ENV:  # noqa: F405
    SITE_URL = f"https://{ALLOWED_HOSTS[0].lstrip('.')}"

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
# Ask browsers to preload HTTPS-only for this domain (a site is listed only once its operator
# submits it to the preload list).
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-acompana_session"
CSRF_COOKIE_NAME = "__Host-acompana_csrftoken"
