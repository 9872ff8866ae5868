"""Reads of client files, enforcing who may see what (docs/files.md, docs/permissions.md).

A file is readable by a user when all of these hold:

* its client is in her client scope (``client_scope_q``: coordinators, the client's team,
  intake staff for the clients they registered until assignment);
* a file attached to a case: the case is in her case scope too (``case_scope_q``), so a
  confidential case's files stay with its assigned attorneys and the coordinators;
* evidence: she may read the client's restricted data (the same rule as ``can_read_restricted``);
* an archived file: she is a coordinator.

Everything else is a 404, exactly like a file that does not exist.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from clinic.accounts.models import Role, User

from . import choices
from .case_selectors import can_edit_case, case_scope_q
from .models import Case, CaseAssignment, Client, ClientAssignment, ClientFile
from .selectors import can_read_restricted, client_scope_q

NOTHING = Q(pk__in=[])
RESTRICTED_CATEGORIES = (choices.FileCategory.EVIDENCE,)


def _restricted_readable_q(user: User) -> Q:
    """Files whose client's restricted data a non-coordinator may read (mirrors
    ``can_read_restricted``: anyone with an open assignment to the client, intake staff in their
    own draft). Coordinators read everything; the caller leaves them out of this filter."""
    if not user.is_active:
        return NOTHING
    readable = Q(
        Exists(ClientAssignment.objects.filter(client=OuterRef("client"), user=user, ended_at=None))
    )
    if user.has_role(Role.INTAKE):
        readable |= Q(client__registered_by=user, client__status=choices.ClientStatus.DRAFT)
    return readable


def client_file_scope_q(*, user: User) -> Q:
    """The filter that limits client files to those the user may read (archived included for
    coordinators only)."""
    if not user.is_active:
        return NOTHING
    scope = Q(client__in=Client.objects.filter(client_scope_q(user=user)))
    scope &= Q(case__isnull=True) | Q(case__in=Case.objects.filter(case_scope_q(user=user)))
    if user.has_role(Role.COORDINATOR):
        return scope
    # (Not for coordinators: ``Q(...) | Q()`` drops the empty Q and would hide their evidence.)
    scope &= ~Q(category__in=RESTRICTED_CATEGORIES) | _restricted_readable_q(user)
    return scope & Q(archived_at__isnull=True)


def client_file_get_for_user(*, user: User, pk) -> ClientFile:
    """One file the user may read, or 404."""
    try:
        return (
            ClientFile.objects.filter(client_file_scope_q(user=user))
            .select_related("client", "case", "uploaded_by", "archived_by")
            .get(pk=pk)
        )
    except (ClientFile.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def client_files_for_user(
    *, user: User, client: Client, case: Case | None = None, include_archived: bool = False
) -> QuerySet[ClientFile]:
    """The files of one client (of one of her cases, when given) that the user may read, newest
    first. ``include_archived`` only widens the list for coordinators."""
    files = ClientFile.objects.filter(client_file_scope_q(user=user), client=client)
    if case is not None:
        files = files.filter(case=case)
    if not include_archived:
        files = files.filter(archived_at__isnull=True)
    return files.select_related("case", "uploaded_by", "archived_by").order_by(
        "-uploaded_at", "-pk"
    )


def evidence_is_hidden(*, user: User, client: Client) -> bool:
    """True when this client's evidence files are hidden from the user (the page says so)."""
    return not can_read_restricted(user=user, client=client)


# --- Who may add and archive -------------------------------------------------------------------


def cases_for_file_upload(*, user: User, client: Client) -> QuerySet[Case]:
    """The cases of the client a user may attach a file to: in her case scope and editable by
    her (coordinators, the attorneys assigned to the case)."""
    cases = Case.objects.filter(case_scope_q(user=user), client=client)
    if not user.has_role(Role.COORDINATOR):
        cases = cases.filter(
            Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), user=user, ended_at=None))
        )
    return cases.order_by("sequence")


class ArchiveRights:
    """Who may archive which files of one client, computed with two queries for a whole list:
    coordinators any; the person who uploaded it; her team the files not attached to a case;
    the attorneys assigned to a case that case's files."""

    def __init__(self, *, user: User, client: Client):
        self.user = user
        self.is_coordinator = user.is_active and user.has_role(Role.COORDINATOR)
        if self.is_coordinator or not user.is_active:
            self.on_team, self.editable_case_ids = False, set()
            return
        self.on_team = ClientAssignment.objects.filter(
            client=client, user=user, ended_at=None
        ).exists()
        self.editable_case_ids = set(
            CaseAssignment.objects.filter(
                case__client=client, user=user, ended_at=None
            ).values_list("case_id", flat=True)
        )

    def may_archive(self, client_file: ClientFile) -> bool:
        if not self.user.is_active or client_file.is_archived:
            return False
        if self.is_coordinator or client_file.uploaded_by_id == self.user.pk:
            return True
        if client_file.case_id is None:
            return self.on_team
        return client_file.case_id in self.editable_case_ids


def can_archive_client_file(*, user: User, client_file: ClientFile) -> bool:
    return ArchiveRights(user=user, client=client_file.client).may_archive(client_file)


def can_attach_to_case(*, user: User, case: Case) -> bool:
    return can_edit_case(user=user, case=case)
