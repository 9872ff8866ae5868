"""Home dashboard, health check and error pages."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from clinic.accounts import selectors as account_selectors
from clinic.accounts.models import Role
from clinic.accounts.services import mfa_recovery_codes_remaining

from . import health as checks


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: one panel per role the user holds, plus her own account's security."""
    user = request.user
    context = {
        "title": _("Home"),
        "events": account_selectors.user_security_events(user=user, limit=8),
        "recovery_codes_remaining": mfa_recovery_codes_remaining(user=user),
    }
    if user.has_role(Role.ADMIN):
        context["staff_summary"] = account_selectors.staff_summary(user=user)
    if user.has_role(Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR):
        from cases.selectors import dashboard_counts

        context["counts"] = dashboard_counts(user=user)
    if user.has_role(Role.ATTORNEY, Role.COORDINATOR):
        from cases.case_selectors import next_deadline_counts

        context["deadline_counts"] = next_deadline_counts(user=user)
    return render(request, "core/home.html", context)


@never_cache
@require_GET
def job_status(request: HttpRequest, pk: int) -> JsonResponse:
    """Status of a background job for the person who requested it (404 for anyone else):
    polled by pages that wait for a PDF or an export."""
    from .jobs import job_get_for_user

    job = job_get_for_user(user=request.user, pk=pk)
    return JsonResponse(
        {
            "status": job.status,
            "status_label": job.get_status_display(),
            "progress": job.progress,
            "finished": job.is_finished,
        }
    )


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    """Liveness for load balancers and docker-compose: 200 "ok" when the database and broker
    answer, 200 "degraded" when only the broker is down (saves still work; jobs wait), 503 when
    the database is down. Reveals nothing else."""
    database = checks.database_ok()
    broker = checks.broker_ok()
    if not database:
        status, code = "error", 503
    elif not broker:
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {
            "status": status,
            "database": "ok" if database else "unreachable",
            "broker": "ok" if broker else "unreachable",
        },
        status=code,
    )


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "403.html", {"title": _("Access denied")}, status=403)


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return render(request, "404.html", {"title": _("Page not found")}, status=404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Our own page for a failed CSRF check (Django's has an inline style, which the Content
    Security Policy forbids). The reason is not shown: it helps attackers more than users."""
    return render(request, "403_csrf.html", {"title": _("Form expired")}, status=403)
