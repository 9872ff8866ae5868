"""The intake flow: consent → person → family → documents → contact and safety → migration and
journey → violence and crimes (optional) → needs → review and submit.

Nothing is stored before consent to legal services: the consent answers wait in the session
(no personal data there) until the person step passes the duplicate check and creates the
draft. From then on every step saves the draft, so it can be resumed from the client list.

Only the registering user or a coordinator edits a draft. Once submitted, every step sends
the user to the client's page except "violencia", where restricted information can still be
added — write-only for anyone who may not read it (``can_read_restricted``).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from cases import choices
from cases.duplicates import LIKELY, PersonFacts
from cases.forms.intake import (
    ArchiveForm,
    ConsentForm,
    ContactForm,
    CrimeForm,
    DisclosureRestrictionForm,
    DuplicateAnswersForm,
    FamilyMemberForm,
    IdentityDocumentForm,
    MigrationForm,
    NarrativeAppendForm,
    NarrativeForm,
    NeedsForm,
    PersonForm,
    PhoneFormSet,
    ViolenceIncidentForm,
)
from cases.identifiers import format_phone
from cases.models import Client
from cases.selectors import (
    can_read_restricted,
    can_write_restricted,
    client_get_for_user,
    client_is_in_scope,
    conflict_matches,
    duplicate_candidates,
)
from cases.services.clients import (
    ConsentAnswer,
    DuplicateAnswer,
    PersonData,
    PhoneData,
    client_create_draft,
    client_needs_set,
    client_phones_set,
    client_submit,
    client_update,
    client_urgent_flags_set,
)
from cases.services.common import StaleEditError
from cases.services.consent import consent_states, privacy_notice_current
from cases.services.family import (
    family_member_archive,
    family_member_create,
    family_member_update,
    identity_document_archive,
    identity_document_create,
    identity_document_update,
)
from cases.services.safety import disclosure_restriction_add, disclosure_restriction_archive
from cases.services.violence import (
    crime_add,
    narrative_append,
    narrative_save,
    violence_incident_add,
)
from cases.views.common import (
    add_service_errors as _add_service_errors,
)
from cases.views.common import (
    rebind_with_version as _rebind_with_version,
)
from cases.views.common import (
    their_changes as _their_changes,
)
from clinic.accounts.models import Role
from clinic.audit.models import AuditAction
from clinic.audit.services import audit_record
from clinic.core.permissions import role_required

SESSION_KEY = "intake_consent"
intake_staff = role_required(Role.INTAKE, Role.COORDINATOR)

# (slug, label). "consent" and "person" come before the draft exists; "persona" edits it after.
STEPS = [
    ("consent", gettext_lazy("Consent")),
    ("persona", gettext_lazy("Person")),
    ("familia", gettext_lazy("Family")),
    ("documentos", gettext_lazy("Documents")),
    ("contacto", gettext_lazy("Contact and safety")),
    ("migracion", gettext_lazy("Migration and journey")),
    ("violencia", gettext_lazy("Violence and crimes")),
    ("necesidades", gettext_lazy("Needs")),
    ("enviar", gettext_lazy("Review and submit")),
]
DRAFT_STEPS = [slug for slug, _label in STEPS[1:]]


def _neighbour(step: str, offset: int) -> str | None:
    index = DRAFT_STEPS.index(step) + offset
    return DRAFT_STEPS[index] if 0 <= index < len(DRAFT_STEPS) else None


def _step_url(client: Client, step: str) -> str:
    return reverse("cases:intake_step", kwargs={"pk": client.pk, "step": step})


def _steps(current: str, client: Client | None = None, has_consent: bool = False) -> list[dict]:
    """The step indicator. Before the draft exists only consent (and person, once consent is
    given) link somewhere; afterwards consent is done and every other step links."""
    steps = []
    for slug, label in STEPS:
        url = None
        if client is None:
            if slug == "consent":
                url = reverse("cases:intake_consent")
            elif slug == "persona" and has_consent:
                url = reverse("cases:intake_person")
        elif slug != "consent":
            url = _step_url(client, slug)
        is_current = slug == current or (slug == "persona" and current == "person")
        steps.append({"slug": slug, "label": label, "url": url, "is_current": is_current})
    return steps


def _after_save(request: HttpRequest, client: Client, step: str, stay_message: str = ""):
    """Where a saving POST goes: "later" → the client list (the draft waits there), "stay" →
    this step again, anything else → the next step."""
    then = request.POST.get("then", "continue")
    if then == "later":
        messages.success(
            request, _("Draft saved. You can resume it from the client list at any time.")
        )
        return redirect("cases:client_list")
    if then == "stay":
        if stay_message:
            messages.success(request, stay_message)
        return redirect(_step_url(client, step))
    return redirect(_step_url(client, _neighbour(step, 1) or step))


def _get_or_404(queryset, pk):
    """One row of ``queryset`` (already limited to the client) by a pk from the request."""
    try:
        return queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def _intake_client(request: HttpRequest, pk: int) -> Client:
    """The client of an intake step: in the user's scope (else 404) and, while a draft, only
    for the user who registered her or a coordinator."""
    client = client_get_for_user(user=request.user, pk=pk)
    if (
        client.status == choices.ClientStatus.DRAFT
        and client.registered_by_id != request.user.pk
        and not request.user.has_role(Role.COORDINATOR)
    ):
        raise Http404
    return client


# --- 1. Consent --------------------------------------------------------------------------------


def _session_consent(request: HttpRequest) -> dict | None:
    """The consent answers in the session, if they were given against the current notice."""
    stored = request.session.get(SESSION_KEY)
    notice = privacy_notice_current()
    if not stored or notice is None or stored.get("notice_version") != notice.version:
        return None
    return stored


@intake_staff
def intake_consent(request: HttpRequest) -> HttpResponse:
    """The privacy notice and her consent per purpose. The answers stay in the session until
    the draft is created (nothing sensitive has been collected yet)."""
    notice = privacy_notice_current()
    context = {
        "title": _("New intake: consent"),
        "notice": notice,
        "can_publish_notice": request.user.has_role(Role.ADMIN),
        "steps": _steps("consent", has_consent=_session_consent(request) is not None),
    }
    if notice is None:
        return render(request, "cases/intake/consent.html", context)
    if request.method == "POST":
        form = ConsentForm(request.POST)
        if form.is_valid():
            request.session[SESSION_KEY] = {
                "notice_version": notice.version,
                "answers": form.answers(),
            }
            return redirect("cases:intake_person")
    else:
        form = ConsentForm(initial=_consent_initial(_session_consent(request)))
    context["form"] = form
    return render(request, "cases/intake/consent.html", context)


def _consent_initial(stored: dict | None) -> dict:
    if not stored:
        return {}
    given = {answer["purpose"]: answer for answer in stored["answers"]}
    initial = {
        ConsentForm.purpose_field(purpose): "given" if purpose in given else "not_given"
        for purpose in choices.ConsentPurpose.values
    }
    legal = given.get(choices.ConsentPurpose.LEGAL_SERVICES)
    if legal:
        initial.update(method=legal["method"], witness_name=legal["witness_name"])
    return initial


# --- 2. Person and the duplicate check ---------------------------------------------------------


@intake_staff
def intake_person(request: HttpRequest) -> HttpResponse:
    """Who she is. A valid form first runs the duplicate check; when it finds candidates the
    form comes back (nothing saved, everything kept) until each candidate is answered."""
    consent = _session_consent(request)
    if consent is None:
        messages.warning(
            request,
            _("Start with the privacy notice and her consent: nothing is recorded before that."),
        )
        return redirect("cases:intake_consent")
    if request.method == "POST" and request.POST.get("action") == "open_existing":
        return _open_existing(request)

    answers_form = None
    candidates = []
    if request.method == "POST":
        form = PersonForm(request.POST, check_unique=False)
        if form.is_valid():
            candidates = _check_duplicates(request, form)
            if candidates:
                answers_form = DuplicateAnswersForm(
                    request.POST if DuplicateAnswersForm.has_answers(request.POST) else None,
                    candidates=candidates,
                )
            if not candidates or answers_form.is_valid():
                try:
                    client = _create_draft(request, form, consent, answers_form)
                except ValidationError as error:
                    _add_service_errors(form, error)
                else:
                    del request.session[SESSION_KEY]
                    messages.success(
                        request,
                        _("Intake %(code)s started. Consent and her details are saved.")
                        % {"code": client.client_code},
                    )
                    return redirect(_step_url(client, "familia"))
    else:
        form = PersonForm(check_unique=False)
    return render(
        request,
        "cases/intake/person.html",
        {
            "title": _("New intake: who she is"),
            "form": form,
            "answers_form": answers_form,
            "candidates": _candidate_rows(request, answers_form),
            "steps": _steps("person", has_consent=True),
        },
    )


def _check_duplicates(request: HttpRequest, form: PersonForm) -> list:
    data = form.cleaned_data
    facts = PersonFacts(
        given_names=data["given_names"],
        first_surname=data["first_surname"],
        second_surname=data.get("second_surname", ""),
        date_of_birth=data.get("date_of_birth"),
        date_of_birth_estimated=data.get("date_of_birth_estimated", False),
        phones=frozenset([data["phone"]]) if data.get("phone") else frozenset(),
        curp=data.get("curp", ""),
    )
    candidates = duplicate_candidates(facts=facts)
    audit_record(action=AuditAction.SEARCH, request=request, object_type="cases.client")
    return candidates


def _candidate_rows(request: HttpRequest, answers_form) -> list[dict]:
    """What the user may see of each candidate: everything in her scope, else only the
    client code, initials, birth year and nationalities (docs/permissions.md)."""
    if answers_form is None:
        return []
    rows = []
    for candidate, score, decision_field, note_field in answers_form.rows():
        rows.append(
            {
                "client": candidate,
                "score": score,
                "is_likely": score.score >= LIKELY,
                "in_scope": client_is_in_scope(user=request.user, client=candidate),
                "nationalities": [row.country.name for row in candidate.nationalities.all()],
                "decision_field": decision_field,
                "note_field": note_field,
            }
        )
    return rows


def _open_existing(request: HttpRequest) -> HttpResponse:
    """Open a candidate from the duplicate check (only one in the user's scope: 404 else)."""
    candidate = client_get_for_user(user=request.user, pk=request.POST.get("candidate"))
    audit_record(action=AuditAction.VIEW, request=request, obj=candidate)
    return redirect("cases:client_detail", pk=candidate.pk)


@transaction.atomic
def _create_draft(request, form: PersonForm, consent: dict, answers_form) -> Client:
    """The draft, her consent records, the duplicate answers and her phone: all or nothing."""
    duplicates = []
    if answers_form is not None:
        for candidate, score in answers_form.candidates:
            duplicates.append(
                DuplicateAnswer(
                    candidate=candidate,
                    score=score.score,
                    decision=answers_form.cleaned_data[answers_form.decision_field(candidate)],
                    note=answers_form.cleaned_data[answers_form.note_field(candidate)],
                )
            )
    client = client_create_draft(
        by=request.user,
        person=PersonData(
            fields=form.person_fields(),
            nationalities=form.cleaned_data["nationalities"],
            languages=list(form.cleaned_data["languages"]),
        ),
        consents=[ConsentAnswer(**answer) for answer in consent["answers"]],
        duplicates=duplicates,
    )
    if form.cleaned_data.get("phone"):
        client_phones_set(
            client=client, by=request.user, phones=[PhoneData(number=form.cleaned_data["phone"])]
        )
    return client


# --- Steps of an existing draft ----------------------------------------------------------------


@role_required(Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)
def intake_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """A step of the intake. A draft is edited by whoever registered her (or a coordinator);
    after submission, coordinators and her assigned team edit every step but the review, and
    anyone with her in scope may still add restricted information (write-only for intake)."""
    handler = STEP_HANDLERS.get(step)
    if handler is None:
        raise Http404
    client = _intake_client(request, pk)
    if client.is_archived:
        return redirect("cases:client_detail", pk=client.pk)
    if client.status != choices.ClientStatus.DRAFT and step != "violencia":
        is_team = (
            request.user.has_role(Role.COORDINATOR)
            or client.assignments.filter(user=request.user, ended_at__isnull=True).exists()
        )
        if not is_team or step == "enviar":
            return redirect("cases:client_detail", pk=client.pk)
    return handler(request, client)


def _render_step(request, client: Client, step: str, template: str, context: dict):
    context = {
        "client": client,
        "step": step,
        "is_draft": client.status == choices.ClientStatus.DRAFT,
        "steps": _steps(step, client),
        "previous_url": _step_url(client, _neighbour(step, -1)) if _neighbour(step, -1) else None,
        "next_url": _step_url(client, _neighbour(step, 1)) if _neighbour(step, 1) else None,
        **context,
    }
    return render(request, f"cases/intake/{template}", context)


def _step_person(request: HttpRequest, client: Client) -> HttpResponse:
    stale_changes = None
    if request.method == "POST":
        form = PersonForm(request.POST, instance=client, with_phone=False)
        if form.is_valid():
            try:
                client_update(
                    client=client,
                    by=request.user,
                    fields=form.person_fields(),
                    expected_version=form.cleaned_data["version"],
                    nationalities=form.cleaned_data["nationalities"],
                    languages=list(form.cleaned_data["languages"]),
                )
            except StaleEditError as error:
                stale_changes = _their_changes(error.current, form.person_fields())
                form = PersonForm(
                    _rebind_with_version(request, error.current.version),
                    instance=error.current,
                    with_phone=False,
                )
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                return _after_save(request, client, "persona", _("Saved."))
    else:
        form = PersonForm(instance=client, with_phone=False)
    return _render_step(
        request,
        client,
        "persona",
        "person_edit.html",
        {"title": _("Who she is"), "form": form, "stale_changes": stale_changes},
    )


def _archive_row(request, client, step, row, errors: dict, success: str, archive):
    """Archive one row of a step (a family member, a document) with the reason posted in its
    own form. Returns the redirect on success; otherwise records the errors under the row."""
    archive_form = ArchiveForm(request.POST, prefix=f"archive-{row.pk}")
    if not archive_form.is_valid():
        errors[row.pk] = archive_form.errors["reason"]
        return None
    try:
        archive(archive_form.cleaned_data["reason"])
    except ValidationError as error:
        errors[row.pk] = error.messages
        return None
    messages.success(request, success)
    return redirect(_step_url(client, step))


def _step_family(request: HttpRequest, client: Client) -> HttpResponse:
    members = list(client.family_members.filter(archived_at__isnull=True))
    action = request.POST.get("action") if request.method == "POST" else None
    add_form = FamilyMemberForm(prefix="add")
    edit_form = edit_member = stale_changes = None
    archive_errors = {}
    editing = request.POST.get("member") if action == "edit" else request.GET.get("editar")
    if editing:
        edit_member = _get_or_404(
            client.family_members.filter(archived_at__isnull=True), pk=editing
        )
        edit_form = FamilyMemberForm(prefix="edit", instance=edit_member)

    if action == "add":
        add_form = FamilyMemberForm(request.POST, prefix="add")
        if add_form.is_valid():
            try:
                family_member_create(
                    client=client, by=request.user, fields=add_form.member_fields()
                )
            except ValidationError as error:
                _add_service_errors(add_form, error)
            else:
                return _after_save(request, client, "familia", _("Family member added."))
    elif action == "edit" and edit_member is not None:
        edit_form = FamilyMemberForm(request.POST, prefix="edit", instance=edit_member)
        if edit_form.is_valid():
            try:
                family_member_update(
                    member=edit_member,
                    by=request.user,
                    fields=edit_form.member_fields(),
                    expected_version=edit_form.cleaned_data["version"],
                )
            except StaleEditError as error:
                stale_changes = _their_changes(error.current, edit_form.member_fields())
                edit_form = FamilyMemberForm(
                    _rebind_with_version(request, error.current.version, prefix="edit"),
                    prefix="edit",
                    instance=error.current,
                )
                edit_form.is_valid()
                edit_form.add_error(None, error.messages)
            except ValidationError as error:
                _add_service_errors(edit_form, error)
            else:
                return _after_save(request, client, "familia", _("Family member saved."))
    elif action == "archive":
        member = _get_or_404(
            client.family_members.filter(archived_at__isnull=True), pk=request.POST.get("member")
        )
        done = _archive_row(
            request,
            client,
            "familia",
            member,
            archive_errors,
            _("Family member archived."),
            lambda reason: family_member_archive(member=member, by=request.user, reason=reason),
        )
        if done:
            return done

    rows = [
        {
            "member": member,
            "archive_form": ArchiveForm(prefix=f"archive-{member.pk}"),
            "archive_errors": archive_errors.get(member.pk),
        }
        for member in members
    ]
    return _render_step(
        request,
        client,
        "familia",
        "family.html",
        {
            "title": _("Her family"),
            "rows": rows,
            "add_form": add_form,
            "edit_form": edit_form,
            "edit_member": edit_member,
            "stale_changes": stale_changes,
        },
    )


def _step_documents(request: HttpRequest, client: Client) -> HttpResponse:
    members = list(client.family_members.filter(archived_at__isnull=True))
    documents = list(
        client.identity_documents.filter(archived_at__isnull=True).select_related("family_member")
    )
    action = request.POST.get("action") if request.method == "POST" else None
    add_form = IdentityDocumentForm(prefix="add", members=members)
    edit_form = edit_document = None
    archive_errors = {}
    editing = request.POST.get("document") if action == "edit" else request.GET.get("editar")
    if editing:
        edit_document = _get_or_404(
            client.identity_documents.filter(archived_at__isnull=True), pk=editing
        )
        edit_form = IdentityDocumentForm(prefix="edit", members=members, instance=edit_document)

    if action == "add":
        add_form = IdentityDocumentForm(request.POST, prefix="add", members=members)
        if add_form.is_valid():
            try:
                identity_document_create(
                    client=client,
                    by=request.user,
                    fields=add_form.document_fields(),
                    family_member=add_form.cleaned_data["owner"],
                )
            except ValidationError as error:
                _add_service_errors(add_form, error)
            else:
                return _after_save(request, client, "documentos", _("Document added."))
    elif action == "edit" and edit_document is not None:
        edit_form = IdentityDocumentForm(
            request.POST, prefix="edit", members=members, instance=edit_document
        )
        if edit_form.is_valid():
            try:
                identity_document_update(
                    document=edit_document,
                    by=request.user,
                    fields=edit_form.document_fields(),
                    family_member=edit_form.cleaned_data["owner"],
                )
            except ValidationError as error:
                _add_service_errors(edit_form, error)
            else:
                return _after_save(request, client, "documentos", _("Document saved."))
    elif action == "archive":
        document = _get_or_404(
            client.identity_documents.filter(archived_at__isnull=True),
            pk=request.POST.get("document"),
        )
        done = _archive_row(
            request,
            client,
            "documentos",
            document,
            archive_errors,
            _("Document archived."),
            lambda reason: identity_document_archive(
                document=document, by=request.user, reason=reason
            ),
        )
        if done:
            return done

    rows = [
        {
            "document": document,
            "archive_form": ArchiveForm(prefix=f"archive-{document.pk}"),
            "archive_errors": archive_errors.get(document.pk),
        }
        for document in documents
    ]
    return _render_step(
        request,
        client,
        "documentos",
        "documents.html",
        {
            "title": _("Identity documents"),
            "rows": rows,
            "add_form": add_form,
            "edit_form": edit_form,
            "edit_document": edit_document,
        },
    )


def _conflicts_for(request: HttpRequest, client: Client) -> list[dict]:
    """Conflict-check matches; ``show_details`` only for people who may read the restricted
    data of the client whose entry matched (her team and coordinators)."""
    rows = []
    readable = {}
    for match in conflict_matches(client=client):
        owner = client if match["direction"] == "hers" else match["client"]
        if owner.pk not in readable:
            readable[owner.pk] = can_read_restricted(user=request.user, client=owner)
        rows.append({**match, "show_details": readable[owner.pk]})
    return rows


def _phone_initial(client: Client) -> list[dict]:
    return [
        {
            "number": phone.number,
            "label": phone.label,
            "has_whatsapp": phone.has_whatsapp,
            "safe_to_call": phone.safe_to_call,
            "safe_to_message": phone.safe_to_message,
            "safe_times": phone.safe_times,
        }
        for phone in client.phones.order_by("pk")
    ]


def _step_contact(request: HttpRequest, client: Client) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    restrictions = list(client.disclosure_restrictions.filter(archived_at__isnull=True))
    form = ContactForm(instance=client)
    phones = PhoneFormSet(prefix="phones", initial=_phone_initial(client))
    restriction_form = DisclosureRestrictionForm(prefix="restriction")
    stale_changes = None
    archive_errors = {}

    if action == "save":
        form = ContactForm(request.POST, instance=client)
        phones = PhoneFormSet(request.POST, prefix="phones", initial=_phone_initial(client))
        if form.is_valid() and phones.is_valid():
            try:
                with transaction.atomic():
                    client_update(
                        client=client,
                        by=request.user,
                        fields=form.client_fields(),
                        expected_version=form.cleaned_data["version"],
                    )
                    client_phones_set(
                        client=client,
                        by=request.user,
                        phones=[PhoneData(**phone) for phone in phones.phones()],
                    )
            except StaleEditError as error:
                stale_changes = _their_changes(error.current, form.client_fields())
                form = ContactForm(
                    _rebind_with_version(request, error.current.version), instance=error.current
                )
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                if conflict_matches(client=client):
                    messages.warning(request, _("Read the conflict warning before you continue."))
                    return redirect(_step_url(client, "contacto"))
                return _after_save(request, client, "contacto", _("Saved."))
    elif action == "add_restriction":
        restriction_form = DisclosureRestrictionForm(request.POST, prefix="restriction")
        if restriction_form.is_valid():
            try:
                disclosure_restriction_add(
                    client=client,
                    by=request.user,
                    kind=restriction_form.cleaned_data["kind"],
                    name=restriction_form.cleaned_data["name"],
                    identifiers=restriction_form.cleaned_data["identifiers"],
                )
            except ValidationError as error:
                _add_service_errors(restriction_form, error)
            else:
                messages.success(request, _("Do-not-disclose entry added."))
                return redirect(_step_url(client, "contacto"))
    elif action == "archive_restriction":
        restriction = _get_or_404(
            client.disclosure_restrictions.filter(archived_at__isnull=True),
            pk=request.POST.get("restriction"),
        )
        archive_form = ArchiveForm(request.POST, prefix=f"archive-{restriction.pk}")
        if archive_form.is_valid():
            disclosure_restriction_archive(
                restriction=restriction,
                by=request.user,
                reason=archive_form.cleaned_data["reason"],
            )
            messages.success(request, _("Do-not-disclose entry archived."))
            return redirect(_step_url(client, "contacto"))
        archive_errors[restriction.pk] = archive_form.errors["reason"]

    return _render_step(
        request,
        client,
        "contacto",
        "contact.html",
        {
            "title": _("Contact and safety"),
            "form": form,
            "phones": phones,
            "restriction_form": restriction_form,
            "restrictions": [
                {
                    "restriction": restriction,
                    "archive_form": ArchiveForm(prefix=f"archive-{restriction.pk}"),
                    "archive_errors": archive_errors.get(restriction.pk),
                }
                for restriction in restrictions
            ],
            "conflicts": _conflicts_for(request, client),
            "stale_changes": stale_changes,
        },
    )


def _step_migration(request: HttpRequest, client: Client) -> HttpResponse:
    stale_changes = None
    if request.method == "POST":
        form = MigrationForm(request.POST, instance=client)
        if form.is_valid():
            try:
                client_update(
                    client=client,
                    by=request.user,
                    fields=form.client_fields(),
                    expected_version=form.cleaned_data["version"],
                )
            except StaleEditError as error:
                stale_changes = _their_changes(error.current, form.client_fields())
                form = MigrationForm(
                    _rebind_with_version(request, error.current.version), instance=error.current
                )
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                return _after_save(request, client, "migracion", _("Saved."))
    else:
        form = MigrationForm(instance=client)
    return _render_step(
        request,
        client,
        "migracion",
        "migration.html",
        {
            "title": _("Migration and journey"),
            "form": form,
            "stale_changes": stale_changes,
            "is_mexican": client.migration_status == choices.MigrationStatus.MEXICAN,
        },
    )


def _step_violence(request: HttpRequest, client: Client) -> HttpResponse:
    if not can_write_restricted(user=request.user, client=client):
        raise Http404
    readable = can_read_restricted(user=request.user, client=client)
    narrative_class = NarrativeForm if readable else NarrativeAppendForm
    action = request.POST.get("action") if request.method == "POST" else None
    incident_form = ViolenceIncidentForm(prefix="incident")
    crime_form = CrimeForm(prefix="crime")
    narrative = getattr(client, "violence_narrative", None) if readable else None
    narrative_form = narrative_class(
        prefix="narrative", initial={"text": narrative.text} if narrative else None
    )

    if action == "add_incident":
        incident_form = ViolenceIncidentForm(request.POST, prefix="incident")
        if incident_form.is_valid():
            try:
                violence_incident_add(client=client, by=request.user, **incident_form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(incident_form, error)
            else:
                return _after_save(request, client, "violencia", _("Incident recorded."))
    elif action == "add_crime":
        crime_form = CrimeForm(request.POST, prefix="crime")
        if crime_form.is_valid():
            try:
                crime_add(client=client, by=request.user, **crime_form.cleaned_data)
            except ValidationError as error:
                _add_service_errors(crime_form, error)
            else:
                return _after_save(request, client, "violencia", _("Crime recorded."))
    elif action == "save_narrative":
        narrative_form = narrative_class(request.POST, prefix="narrative")
        if narrative_form.is_valid():
            save = narrative_save if readable else narrative_append
            try:
                save(client=client, by=request.user, text=narrative_form.cleaned_data["text"])
            except ValidationError as error:
                _add_service_errors(narrative_form, error)
            else:
                return _after_save(request, client, "violencia", _("Her account was saved."))

    context = {
        "title": _("Violence and crimes"),
        "readable": readable,
        "incident_form": incident_form,
        "crime_form": crime_form,
        "narrative_form": narrative_form,
    }
    if readable:
        context["incidents"] = client.violence_incidents.filter(
            archived_at__isnull=True
        ).prefetch_related("types")
        context["crimes"] = client.crimes.filter(archived_at__isnull=True)
    return _render_step(request, client, "violencia", "violence.html", context)


def _step_needs(request: HttpRequest, client: Client) -> HttpResponse:
    stale_changes = None
    if request.method == "POST":
        form = NeedsForm(request.POST, client=client)
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():
                    client_update(
                        client=client,
                        by=request.user,
                        fields={"needs_note": data["needs_note"]},
                        expected_version=data["version"],
                    )
                    client_needs_set(client=client, by=request.user, case_types=data["case_types"])
                    client_urgent_flags_set(
                        client=client, by=request.user, flags=data["urgent_flags"]
                    )
            except StaleEditError as error:
                stale_changes = _their_changes(error.current, {"needs_note": data["needs_note"]})
                form = NeedsForm(
                    _rebind_with_version(request, error.current.version), client=error.current
                )
                form.is_valid()
                form.add_error(None, error.messages)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                return _after_save(request, client, "necesidades", _("Saved."))
    else:
        form = NeedsForm(client=client)
    return _render_step(
        request,
        client,
        "necesidades",
        "needs.html",
        {"title": _("What she needs"), "form": form, "stale_changes": stale_changes},
    )


def _review_problems(client: Client, states: dict) -> tuple[list[dict], list[dict]]:
    """(blocking, warnings): what stops the submission and what is merely missing."""
    blocking, warnings = [], []
    if states[choices.ConsentPurpose.LEGAL_SERVICES] not in (
        choices.ConsentState.GIVEN,
        choices.ConsentState.PENDING_SIGNATURE,
    ):
        blocking.append({"text": _("Her consent to legal services is missing."), "step": None})
    if not client.needs.exists():
        blocking.append({"text": _("Say which legal services she needs."), "step": "necesidades"})
    if not client.migration_status:
        warnings.append({"text": _("Her migration status is not recorded."), "step": "migracion"})
    if client.migration_status == choices.MigrationStatus.DETAINED and not client.detained_at:
        warnings.append(
            {"text": _("The date and time of detention are missing."), "step": "migracion"}
        )
    if not client.date_of_birth:
        warnings.append({"text": _("Her date of birth is not recorded."), "step": "persona"})
    if not client.nationalities.exists() and not client.is_stateless:
        warnings.append({"text": _("Her nationality is not recorded."), "step": "persona"})
    if not client.sleeping_place:
        warnings.append(
            {"text": _("Where she sleeps tonight is not recorded."), "step": "contacto"}
        )
    if not client.phones.exists() and not client.email:
        warnings.append({"text": _("There is no way to contact her."), "step": "contacto"})
    if (
        client.migration_status != choices.MigrationStatus.MEXICAN
        and client.migration_status
        and not client.entry_date
    ):
        warnings.append(
            {"text": _("Her date of entry to Mexico is not recorded."), "step": "migracion"}
        )
    for problem in (*blocking, *warnings):
        problem["url"] = _step_url(client, problem["step"]) if problem["step"] else None
    return blocking, warnings


def _step_review(request: HttpRequest, client: Client) -> HttpResponse:
    states = consent_states(client=client)
    blocking, warnings = _review_problems(client, states)
    consent_rows = [
        {
            "purpose": choices.ConsentPurpose(purpose).label,
            "state": choices.ConsentState(states[purpose]),
        }
        for purpose in choices.ConsentPurpose.values
    ]
    return _render_step(
        request,
        client,
        "enviar",
        "review.html",
        {
            "title": _("Review and submit"),
            "consents": consent_rows,
            "blocking": blocking,
            "warnings": warnings,
            "nationalities": [row.country.name for row in client.nationalities.all()],
            "languages": list(client.languages.all()),
            "phones": [
                {
                    "display": format_phone(phone.number),
                    "safe_to_call": phone.safe_to_call,
                    "safe_to_message": phone.safe_to_message,
                }
                for phone in client.phones.order_by("pk")
            ],
            "members": list(client.family_members.filter(archived_at__isnull=True)),
            "documents": list(
                client.identity_documents.filter(archived_at__isnull=True).select_related(
                    "family_member"
                )
            ),
            "restriction_count": client.disclosure_restrictions.filter(
                archived_at__isnull=True
            ).count(),
            "incident_count": client.violence_incidents.filter(archived_at__isnull=True).count(),
            "crime_count": client.crimes.filter(archived_at__isnull=True).count(),
            "has_narrative": bool(getattr(getattr(client, "violence_narrative", None), "text", "")),
            "needs": list(client.needs.all()),
            "open_flags": list(client.urgent_flags.filter(resolved_at__isnull=True)),
        },
    )


STEP_HANDLERS = {
    "persona": _step_person,
    "familia": _step_family,
    "documentos": _step_documents,
    "contacto": _step_contact,
    "migracion": _step_migration,
    "violencia": _step_violence,
    "necesidades": _step_needs,
    "enviar": _step_review,
}


@intake_staff
@require_POST
def intake_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Submit the draft: she enters the coordinator's unassigned queue."""
    client = _intake_client(request, pk)
    try:
        client = client_submit(client=client, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        if client.status != choices.ClientStatus.DRAFT:
            return redirect("cases:client_detail", pk=client.pk)
        return redirect(_step_url(client, "enviar"))
    messages.success(
        request,
        _("Intake %(code)s submitted: she is now in the coordinator's queue.")
        % {"code": client.client_code},
    )
    return redirect("cases:client_detail", pk=client.pk)
