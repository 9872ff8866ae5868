"""The partner directory: list and search, an organisation's page with its offices, its
history, and (administrators and coordinators) adding, editing and archiving organisations and
offices. Every record goes through the selectors (404 outside the scope); writes need an
editing role (403)."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cases.services.common import StaleEditError
from clinic.core.permissions import role_required
from referrals.selectors import organisation_referral_counts

from . import selectors, services
from .forms import (
    ArchiveForm,
    EmailFormSet,
    OfficeForm,
    OrganisationFilterForm,
    OrganisationForm,
    PhoneFormSet,
)
from .selectors import EDIT_ROLES, READ_ROLES

PAGE_SIZE = 25


def _add_service_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for name, field_errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        form.add_error(None, error.messages)


def _their_changes(current, yours: dict) -> list[dict]:
    """The fields where the record someone else saved differs from what you typed."""
    mine = copy.copy(current)
    for name, value in yours.items():
        setattr(mine, name, value)
    changes = []
    for name in yours:
        model_field = current._meta.get_field(name)
        if model_field.many_to_many:
            continue
        theirs, typed = (
            selectors.display_value(current, model_field),
            selectors.display_value(mine, model_field),
        )
        if theirs != typed:
            changes.append(
                {"label": capfirst(model_field.verbose_name), "theirs": theirs, "yours": typed}
            )
    return changes


def _rebind(request: HttpRequest, version: int):
    data = request.POST.copy()
    data["version"] = str(version)
    return data


# --- Organisations ---------------------------------------------------------------------------


@role_required(*READ_ROLES)
def organisation_list(request: HttpRequest) -> HttpResponse:
    # A bare "?page=2" is no search: only the filter fields bind the form.
    form = OrganisationFilterForm(request.GET if set(request.GET) - {"page"} else None)
    filters = form.as_filters() if form.is_bound else {}
    organisations = selectors.organisation_list_for_user(user=request.user, filters=filters)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    query = {name: (value.pk if hasattr(value, "pk") else value) for name, value in filters.items()}
    return render(
        request,
        "directory/organisation_list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode(query),
            "searching": bool(set(filters) - {"status"}),
            "can_edit": selectors.can_edit_directory(user=request.user),
            "title": _("Partner directory"),
        },
    )


@role_required(*READ_ROLES)
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    offices, archived_offices = selectors.organisation_offices(organisation=organisation)
    return render(
        request,
        "directory/organisation_detail.html",
        {
            "organisation": organisation,
            "offices": offices,
            "archived_offices": archived_offices,
            "languages": organisation.languages.all(),
            "can_edit": selectors.can_edit_directory(user=request.user),
            "referral_counts": organisation_referral_counts(organisation=organisation),
            "title": organisation.name,
        },
    )


@role_required(*READ_ROLES)
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    entries = selectors.organisation_history(organisation=organisation)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/organisation_history.html",
        {
            "organisation": organisation,
            "page": page,
            "title": _("History of %(name)s") % {"name": organisation.name},
        },
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(
                by=request.user,
                data=form.service_data(),
                languages=form.cleaned_data["languages"],
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(
                request, _("%(name)s was added. Add its offices.") % {"name": organisation.name}
            )
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form, "organisation": None, "title": _("New organisation")},
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if not form.is_bound:
        form.initial["languages"] = list(organisation.languages.all())
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            services.organisation_update(
                organisation=organisation,
                by=request.user,
                data=data,
                version=form.cleaned_data["version"],
                languages=form.cleaned_data["languages"],
            )
        except StaleEditError as error:
            stale_changes = _their_changes(error.current, data)
            form = OrganisationForm(_rebind(request, error.current.version), instance=error.current)
            form.is_valid()
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Organisation saved."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "directory/organisation_form.html",
        {
            "form": form,
            "organisation": organisation,
            "stale_changes": stale_changes,
            "title": _("Edit %(name)s") % {"name": organisation.name},
        },
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def organisation_archive(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_archive(
                organisation=organisation, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The organisation was archived. It can be restored."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "directory/archive_confirm.html",
        {
            "form": form,
            "record": organisation,
            "organisation_pk": organisation.pk,
            "explanation": _(
                "It will no longer appear in the directory list and cannot receive new "
                "referrals. Nothing is deleted: its offices and history stay, and it can be "
                "restored."
            ),
            "title": _("Archive %(name)s") % {"name": organisation.name},
        },
    )


@role_required(*EDIT_ROLES)
@require_POST
def organisation_restore(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    try:
        services.organisation_restore(organisation=organisation, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The organisation was restored."))
    return redirect("directory:organisation_detail", pk=organisation.pk)


# --- Offices ---------------------------------------------------------------------------------


def _office_page(request, *, organisation, office, title):
    """The office form with its phone and e-mail rows; nothing typed is lost on an error."""
    form = OfficeForm(request.POST or None, instance=office)
    initial_phones = office.phones if office else []
    initial_emails = office.emails if office else []
    phones = PhoneFormSet(request.POST or None, prefix="phones", initial=initial_phones)
    emails = EmailFormSet(request.POST or None, prefix="emails", initial=initial_emails)
    stale_changes = None
    if request.method == "POST" and all([form.is_valid(), phones.is_valid(), emails.is_valid()]):
        data = {name: form.cleaned_data[name] for name in OfficeForm.Meta.fields}
        data["phones"] = phones.entries()
        data["emails"] = emails.entries()
        try:
            if office is None:
                office = services.office_create(
                    organisation=organisation, by=request.user, data=data
                )
            else:
                services.office_update(
                    office=office,
                    by=request.user,
                    data=data,
                    version=form.cleaned_data["version"],
                )
        except StaleEditError as error:
            stale_changes = _their_changes(error.current, data)
            form = OfficeForm(_rebind(request, error.current.version), instance=error.current)
            form.is_valid()
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("Office saved."))
            return redirect("directory:organisation_detail", pk=organisation.pk)
    return render(
        request,
        "directory/office_form.html",
        {
            "form": form,
            "phones": phones,
            "emails": emails,
            "organisation": organisation,
            "office": office,
            "stale_changes": stale_changes,
            "title": title,
        },
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def office_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    return _office_page(
        request,
        organisation=organisation,
        office=None,
        title=_("New office of %(name)s") % {"name": organisation.name},
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def office_edit(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_get_for_user(user=request.user, pk=pk)
    return _office_page(
        request,
        organisation=office.organisation,
        office=office,
        title=_("Edit office of %(name)s") % {"name": office.organisation.name},
    )


@role_required(*EDIT_ROLES)
@require_http_methods(["GET", "POST"])
def office_archive(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_get_for_user(user=request.user, pk=pk)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.office_archive(
                office=office, by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            _add_service_errors(form, error)
        else:
            messages.success(request, _("The office was archived. It can be restored."))
            return redirect("directory:organisation_detail", pk=office.organisation_id)
    return render(
        request,
        "directory/archive_confirm.html",
        {
            "form": form,
            "record": office,
            "organisation_pk": office.organisation_id,
            "explanation": _(
                "The office will no longer be shown with the organisation. Nothing is "
                "deleted: its details and history stay, and it can be restored."
            ),
            "title": _("Archive office %(name)s") % {"name": str(office)},
        },
    )


@role_required(*EDIT_ROLES)
@require_POST
def office_restore(request: HttpRequest, pk: int) -> HttpResponse:
    office = selectors.office_get_for_user(user=request.user, pk=pk)
    try:
        services.office_restore(office=office, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The office was restored."))
    return redirect("directory:organisation_detail", pk=office.organisation_id)
