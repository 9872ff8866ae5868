"""Request middleware: session lifetime, deny-by-default access, and no caching of pages."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _

from clinic.core import clock

SESSION_STARTED_KEY = "_acompana_started"
SESSION_ACTIVITY_KEY = "_acompana_activity"
ACTIVITY_RESOLUTION_SECONDS = 60


class SessionTimeoutMiddleware:
    """Ends a session after ``SESSION_IDLE_TIMEOUT`` without requests, or
    ``SESSION_ABSOLUTE_TIMEOUT`` after login, whichever comes first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = clock.now()
            started = request.session.get(SESSION_STARTED_KEY)
            activity = request.session.get(SESSION_ACTIVITY_KEY)
            if started is None:
                request.session[SESSION_STARTED_KEY] = now.timestamp()
            elif self._expired(now, started, activity):
                from clinic.audit.models import AuditAction
                from clinic.audit.services import audit_record

                audit_record(action=AuditAction.SESSION_EXPIRED, request=request)
                logout(request)
                messages.info(request, _("Your session expired. Please log in again."))
                return redirect(settings.LOGIN_URL)
            # Recorded at most once a minute: a session write on every request costs a
            # database round trip, and a minute is nothing next to a 30-minute idle limit.
            if activity is None or now.timestamp() - activity >= ACTIVITY_RESOLUTION_SECONDS:
                request.session[SESSION_ACTIVITY_KEY] = now.timestamp()
        return self.get_response(request)

    @staticmethod
    def _expired(now: datetime, started: float, activity: float | None) -> bool:
        if now.timestamp() - started > settings.SESSION_ABSOLUTE_TIMEOUT.total_seconds():
            return True
        return (
            activity is not None
            and now.timestamp() - activity > settings.SESSION_IDLE_TIMEOUT.total_seconds()
        )


def url_name_for_path(path: str) -> str | None:
    """The namespaced url name that ``path`` resolves to, or None when nothing matches. With
    APPEND_SLASH, "/health" is treated as "/health/" (CommonMiddleware redirects it later)."""
    try:
        return resolve(path).view_name
    except Resolver404:
        if settings.APPEND_SLASH and not path.endswith("/"):
            try:
                return resolve(path + "/").view_name
            except Resolver404:
                return None
        return None


class DenyByDefaultMiddleware:
    """Every URL needs a logged-in user with a verified second factor, except the url names in
    ``settings.ACCESS_ALLOW_LIST`` ("public": anonymous; "unverified": password step done)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.public = frozenset(settings.ACCESS_ALLOW_LIST["public"])
        self.unverified = frozenset(settings.ACCESS_ALLOW_LIST["unverified"])

    def __call__(self, request: HttpRequest) -> HttpResponse:
        name = url_name_for_path(request.path_info)
        if name in self.public:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return self._to_login(request)
        if settings.REQUIRE_MFA and not user.is_verified() and name not in self.unverified:
            from django_otp import user_has_device

            target = "accounts:mfa_verify" if user_has_device(user) else "accounts:mfa_enrol"
            return redirect(self._with_next(reverse(target), request))
        return self.get_response(request)

    def _to_login(self, request: HttpRequest) -> HttpResponse:
        return redirect(self._with_next(reverse(settings.LOGIN_URL), request))

    @staticmethod
    def _with_next(url: str, request: HttpRequest) -> str:
        if request.method == "GET" and url_has_allowed_host_and_scheme(
            request.get_full_path(), allowed_hosts={request.get_host()}
        ):
            return f"{url}?{urlencode({'next': request.get_full_path()})}"
        return url


class NoStoreMiddleware:
    """Pages shown to a logged-in user may carry personal data: no browser or proxy may keep
    them. Applies to every response of an authenticated session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response["Cache-Control"] = "no-store, private"
            response["Pragma"] = "no-cache"
        return response
