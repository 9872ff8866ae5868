"""The notification list ("avisos"), marking as read, and opening a notification's link."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from clinic.core import clock

from . import selectors, services
from .forms import MarkReadForm, ReminderPreferenceForm
from .models import is_app_path
from .reminders import digest_content, preference_for, reminder_preference_set

PAGE_SIZE = 25


@require_GET
def notification_list(request: HttpRequest) -> HttpResponse:
    """The user's own notifications, newest first, unread ones highlighted."""
    notifications = selectors.notifications_for_user(user=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/notification_list.html",
        {"page": page, "title": _("Notifications")},
    )


@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    """Mark one notification (hidden ``pk``) or all unread ones as read. Only the user's own
    rows change: another user's pk changes nothing."""
    form = MarkReadForm(request.POST)
    if form.is_valid():
        pk = form.cleaned_data["pk"]
        services.notifications_mark_read(user=request.user, pks=None if pk is None else [pk])
        if pk is None:
            messages.success(request, _("All notifications are marked as read."))
    return redirect("notifications:notification_list")


@require_POST
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the user's own notification as read and follow its link (a path on this site only;
    anything else leads back to the list)."""
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    services.notifications_mark_read(user=request.user, pks=[notification.pk])
    if notification.url and is_app_path(notification.url):
        return redirect(notification.url)
    return redirect("notifications:notification_list")


@require_http_methods(["GET", "POST"])
def reminder_preferences(request: HttpRequest) -> HttpResponse:
    """Her own reminder preferences: offsets, channels and the daily summary."""
    preference = preference_for(request.user)
    if request.method == "POST":
        form = ReminderPreferenceForm(request.POST)
        if form.is_valid():
            reminder_preference_set(user=request.user, **form.cleaned_data)
            messages.success(request, _("Your reminder preferences are saved."))
            return redirect("notifications:reminder_preferences")
    else:
        form = ReminderPreferenceForm(
            initial={
                "business_day_offsets": preference.business_day_offsets,
                "hour_offsets": preference.hour_offsets,
                "by_email": preference.by_email,
                "in_app": preference.in_app,
                "daily_digest": preference.daily_digest,
            }
        )
    return render(
        request,
        "notifications/reminder_preferences.html",
        {"form": form, "title": _("Reminders"), "has_email": bool(request.user.email)},
    )


@require_GET
def digest_preview(request: HttpRequest) -> HttpResponse:
    """Today's summary, as the 07:00 e-mail carries it (case numbers and links only), built by
    the same scoped selector as "Esta semana"."""
    context = digest_content(user=request.user, today=clock.today(), absolute=False)
    context["title"] = _("Today's summary")
    return render(request, "notifications/digest_preview.html", context)
