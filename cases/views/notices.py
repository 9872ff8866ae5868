"""Privacy notice versions, managed by administrators."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from cases.forms.clients import PrivacyNoticeForm
from cases.models import PrivacyNotice
from cases.services.notices import privacy_notice_publish
from clinic.accounts.models import Role
from clinic.core.permissions import role_required


@role_required(Role.ADMIN, Role.COORDINATOR)
def notice_list(request: HttpRequest) -> HttpResponse:
    notices = PrivacyNotice.objects.select_related("published_by").order_by("-version")
    return render(
        request,
        "cases/notice_list.html",
        {
            "notices": notices,
            "current": notices.first(),
            "title": _("Privacy notice"),
            "can_publish": request.user.has_role(Role.ADMIN),
        },
    )


@role_required(Role.ADMIN)
@require_http_methods(["GET", "POST"])
def notice_create(request: HttpRequest) -> HttpResponse:
    current = PrivacyNotice.objects.order_by("-version").first()
    initial = {"title": current.title, "body": current.body} if current else {}
    form = PrivacyNoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        notice = privacy_notice_publish(by=request.user, **form.cleaned_data)
        messages.success(request, _("Version %(version)s published.") % {"version": notice.version})
        return redirect("cases:notice_list")
    return render(
        request, "cases/notice_form.html", {"form": form, "title": _("New privacy notice version")}
    )
