"""Reads for clients, enforcing who may see what (docs/permissions.md).

* coordinators: every client;
* attorneys (and any staff member on her team): clients with an open assignment to them;
* intake staff: the clients they registered, until a coordinator assigns them;
* psychosocial staff and administrators: no client records through these selectors.

Every view goes through ``client_get_for_user`` / ``client_list_for_user``: a client outside the
user's scope raises 404, exactly like a client that does not exist.
"""

from __future__ import annotations

import re

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404

from clinic.accounts.models import Role, User

from . import choices
from .duplicates import PersonFacts
from .identifiers import normalize_name
from .models import (
    Client,
    ClientAssignment,
    ClientNationality,
    ClientPhone,
    ClientUrgentFlag,
    DisclosureRestriction,
    FamilyMember,
)

NOTHING = Q(pk__in=[])


def _assigned_to(user: User):
    return Exists(
        ClientAssignment.objects.filter(client=OuterRef("pk"), user=user, ended_at__isnull=True)
    )


def client_scope_q(*, user: User) -> Q:
    """The filter that limits clients to the user's scope (NOTHING for no role)."""
    if not user.is_active:
        return NOTHING
    if user.has_role(Role.COORDINATOR):
        return Q()
    scope = NOTHING
    if user.has_role(Role.ATTORNEY):
        scope |= Q(_assigned_to(user))
    if user.has_role(Role.INTAKE):
        scope |= Q(
            registered_by=user,
            status__in=[choices.ClientStatus.DRAFT, choices.ClientStatus.SUBMITTED],
        )
    return scope


def clients_for_user(*, user: User, include_archived: bool = False) -> QuerySet[Client]:
    queryset = Client.objects.filter(client_scope_q(user=user))
    if not include_archived:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset


def client_get_for_user(*, user: User, pk: int, include_archived: bool = True) -> Client:
    """One client in the user's scope, or 404."""
    try:
        return (
            clients_for_user(user=user, include_archived=include_archived)
            .select_related("registered_by")
            .get(pk=pk)
        )
    except (Client.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def client_is_in_scope(*, user: User, client: Client) -> bool:
    return clients_for_user(user=user, include_archived=True).filter(pk=client.pk).exists()


def can_read_restricted(*, user: User, client: Client) -> bool:
    """Violence, crimes and the narrative: coordinators and the client's team; intake staff
    only while the intake is still a draft (after submission they may add, not read)."""
    if not user.is_active:
        return False
    if user.has_role(Role.COORDINATOR):
        return True
    if ClientAssignment.objects.filter(client=client, user=user, ended_at__isnull=True).exists():
        return True
    return (
        user.has_role(Role.INTAKE)
        and client.registered_by_id == user.pk
        and client.status == choices.ClientStatus.DRAFT
    )


def can_write_restricted(*, user: User, client: Client) -> bool:
    """Anyone with the client in scope may add restricted records (write-only for intake)."""
    return can_read_restricted(user=user, client=client) or client_is_in_scope(
        user=user, client=client
    )


def open_urgent_flags():
    return Prefetch(
        "urgent_flags",
        queryset=ClientUrgentFlag.objects.filter(resolved_at__isnull=True).order_by("flag"),
        to_attr="open_flags",
    )


def unassigned_queue(*, user: User) -> QuerySet[Client]:
    """Submitted intakes waiting for an attorney: urgent first, then oldest first."""
    if not user.has_role(Role.COORDINATOR):
        return Client.objects.none()
    urgent = Exists(
        ClientUrgentFlag.objects.filter(client=OuterRef("pk"), resolved_at__isnull=True)
    )
    return (
        Client.objects.filter(status=choices.ClientStatus.SUBMITTED, archived_at__isnull=True)
        .annotate(is_urgent=urgent)
        .select_related("registered_by")
        .prefetch_related(open_urgent_flags(), "needs", "nationalities")
        .order_by("-is_urgent", "submitted_at", "pk")
    )


# --- Conflict check ----------------------------------------------------------------------------


def _name_matches(queryset: QuerySet, field: str, norm_name: str) -> list:
    """Rows whose normalised name contains every word of ``norm_name`` as a whole word.
    A single word ("MS 13", "Pedro") would match far too many people and is not checked."""
    tokens = [token for token in norm_name.split() if len(token) > 1]
    if len(tokens) < 2:
        return []
    for token in tokens:  # SQL prefilter (substring; trigram-indexed on PostgreSQL)
        queryset = queryset.filter(**{f"{field}__contains": token})
    return [
        row
        for row in queryset[:200]
        if all(token in getattr(row, field).split() for token in tokens)
    ]


def conflict_matches(*, client: Client) -> list[dict]:
    """Where this client's "do not disclose to" entries match another client or family member,
    and where she or her family match another client's entries. Each match says which side it
    comes from; callers decide how much of it a user may see."""
    matches = []
    restrictions = DisclosureRestriction.objects.filter(client=client, archived_at__isnull=True)
    for restriction in restrictions:
        if not restriction.norm_name:
            continue
        for other in _name_matches(
            Client.objects.exclude(pk=client.pk).only("pk", "client_code", "norm_full_name"),
            "norm_full_name",
            restriction.norm_name,
        ):
            matches.append(
                {"direction": "hers", "restriction": restriction, "client": other, "member": None}
            )
        members = FamilyMember.objects.exclude(client=client).select_related("client")
        for member in _name_matches(members, "norm_full_name", restriction.norm_name):
            matches.append(
                {
                    "direction": "hers",
                    "restriction": restriction,
                    "client": member.client,
                    "member": member,
                }
            )
    names = [
        client.norm_full_name,
        *FamilyMember.objects.filter(client=client).values_list("norm_full_name", flat=True),
    ]
    name_tokens = {token for name in names for token in name.split() if len(token) > 1}
    if name_tokens:
        # SQL prefilter: entries sharing at least one word with her or her family's names
        # (trigram-indexed on PostgreSQL); the exact all-words check runs on that small set.
        shares_a_word = Q()
        for token in name_tokens:
            shares_a_word |= Q(norm_name__contains=token)
        others = (
            DisclosureRestriction.objects.exclude(client=client)
            .filter(shares_a_word, archived_at__isnull=True)
            .select_related("client")[:200]
        )
        for restriction in others:
            tokens = [token for token in restriction.norm_name.split() if len(token) > 1]
            if len(tokens) >= 2 and any(
                all(token in name.split() for token in tokens) for name in names
            ):
                matches.append(
                    {
                        "direction": "theirs",
                        "restriction": restriction,
                        "client": restriction.client,
                        "member": None,
                    }
                )
    return matches


def nationality_codes(client: Client) -> list[str]:
    return [item.country.code for item in client.nationalities.all()]


def nationalities_prefetch():
    return Prefetch("nationalities", queryset=ClientNationality.objects.order_by("country"))


def search_normalize(text: str) -> str:
    return normalize_name(text)


# --- Duplicate check -------------------------------------------------------------------------


def person_facts_of(client: Client) -> PersonFacts:
    return PersonFacts(
        given_names=client.given_names,
        first_surname=client.first_surname,
        second_surname=client.second_surname,
        date_of_birth=client.date_of_birth,
        date_of_birth_estimated=client.date_of_birth_estimated,
        phones=frozenset(phone.number for phone in client.phones.all()),
        curp=client.curp,
    )


def duplicate_candidates(*, facts, exclude_pk: int | None = None) -> list[tuple[Client, object]]:
    """Every existing client (archived included) that scores at least POSSIBLE against
    ``facts``, best first, as (client, DuplicateScore).

    The SQL prefilter implements ``duplicates.retrieval_keys`` exactly, which guarantees that
    no client scoring 50 or more is left out; scoring runs on the retrieved rows only. The
    caller decides how much of each candidate the user may see (minimal data outside scope)."""
    from .duplicates import POSSIBLE, rank, retrieval_keys

    keys = retrieval_keys(facts)
    wanted = NOTHING
    if keys["curp"]:
        wanted |= Q(curp=keys["curp"])
    if keys["phones"]:
        wanted |= Q(pk__in=ClientPhone.objects.filter(number__in=keys["phones"]).values("client"))
    if keys["surnames"]:
        shares_surname = Q(norm_first_surname__in=keys["surnames"]) | Q(
            norm_second_surname__in=keys["surnames"]
        )
        window = keys["surname_birth_window"]
        if window is not None:
            shares_surname &= Q(date_of_birth__isnull=True) | Q(date_of_birth__range=window)
        wanted |= shares_surname
    if keys["exact_birth_date"] is not None:
        wanted |= Q(date_of_birth=keys["exact_birth_date"], date_of_birth_estimated=False)
    if wanted == NOTHING:
        return []
    rows = Client.objects.filter(wanted).prefetch_related(
        Prefetch("phones", queryset=ClientPhone.objects.only("client_id", "number")),
        nationalities_prefetch(),
    )
    if exclude_pk is not None:
        rows = rows.exclude(pk=exclude_pk)
    by_pk = {row.pk: row for row in rows}
    ranked = rank(facts, ((pk, person_facts_of(row)) for pk, row in by_pk.items()), POSSIBLE)
    return [(by_pk[pk], score) for pk, score in ranked]


# --- List and search -------------------------------------------------------------------------


def attorneys_active() -> QuerySet[User]:
    return User.objects.filter(is_active=True, is_attorney=True).order_by("first_name", "last_name")


def client_list_for_user(*, user: User, filters: dict | None = None) -> QuerySet[Client]:
    """Clients in the user's scope matching ``filters`` (see ClientSearchForm), in Spanish
    alphabetical order by surname. Related data is prefetched so that a page of any size costs
    the same number of queries."""
    from .identifiers import normalize_curp, normalize_phone

    filters = filters or {}
    queryset = clients_for_user(user=user, include_archived=bool(filters.get("archived")))
    name_tokens = normalize_name(filters.get("name") or "").split()
    for token in name_tokens:
        queryset = queryset.filter(norm_full_name__contains=token)
    if filters.get("code"):
        code = filters["code"].strip().upper()
        # A complete code finds exactly her; a fragment ("00123") finds every code containing it.
        if re.fullmatch(r"AC-\d{4}-\d{5,}", code):
            queryset = queryset.filter(client_code=code)
        else:
            queryset = queryset.filter(client_code__icontains=code)
    if filters.get("phone"):
        try:
            number = normalize_phone(filters["phone"])
        except Exception:  # an unparsable number matches nobody rather than everybody
            return queryset.none()
        queryset = queryset.filter(
            pk__in=ClientPhone.objects.filter(number=number).values("client")
        )
    if filters.get("curp"):
        queryset = queryset.filter(curp=normalize_curp(filters["curp"]))
    if filters.get("nationality"):
        queryset = queryset.filter(
            pk__in=ClientNationality.objects.filter(country=filters["nationality"]).values("client")
        )
    if filters.get("state"):
        queryset = queryset.filter(current_state=filters["state"])
    if filters.get("migration_status"):
        queryset = queryset.filter(migration_status=filters["migration_status"])
    if filters.get("status"):
        queryset = queryset.filter(status=filters["status"])
    if filters.get("attorney"):
        queryset = queryset.filter(
            pk__in=ClientAssignment.objects.filter(
                user_id=filters["attorney"], ended_at__isnull=True
            ).values("client")
        )
    urgent = Exists(
        ClientUrgentFlag.objects.filter(client=OuterRef("pk"), resolved_at__isnull=True)
    )
    queryset = queryset.annotate(is_urgent=urgent)
    if filters.get("urgent"):
        queryset = queryset.filter(is_urgent=True)
    # A name search orders by an expression no index provides (the key is already lowercase,
    # so the order is the same): PostgreSQL then finds the matches through the trigram index
    # and sorts the few hundred hits, instead of walking every client in name order and
    # filtering (it underestimates how selective a partial name is).
    ordering = (Lower("sort_name"), "pk") if name_tokens else ("sort_name", "pk")
    return queryset.prefetch_related(
        nationalities_prefetch(),
        open_urgent_flags(),
        Prefetch(
            "assignments",
            queryset=ClientAssignment.objects.filter(ended_at__isnull=True).select_related("user"),
            to_attr="open_assignments",
        ),
    ).order_by(*ordering)


def dashboard_counts(*, user: User) -> dict[str, int]:
    """Counts for the home dashboard: a few indexed counts, only for the roles she holds
    (an aggregate over every client in scope took half a second at 100 000 clients)."""
    active = Client.objects.filter(archived_at__isnull=True)
    counts = {"queue": 0, "queue_urgent": 0, "my_drafts": 0, "my_submitted": 0, "my_clients": 0}
    if user.has_role(Role.COORDINATOR):
        counts["queue"] = active.filter(status=choices.ClientStatus.SUBMITTED).count()
        counts["queue_urgent"] = (
            ClientUrgentFlag.objects.filter(
                resolved_at__isnull=True,
                client__status=choices.ClientStatus.SUBMITTED,
                client__archived_at__isnull=True,
            )
            .values("client_id")
            .distinct()
            .count()
        )
    if user.has_role(Role.INTAKE):
        counts["my_drafts"] = active.filter(
            registered_by=user, status=choices.ClientStatus.DRAFT
        ).count()
        counts["my_submitted"] = active.filter(
            registered_by=user, status=choices.ClientStatus.SUBMITTED
        ).count()
    if user.has_role(Role.ATTORNEY):
        counts["my_clients"] = ClientAssignment.objects.filter(
            user=user, ended_at__isnull=True, client__archived_at__isnull=True
        ).count()
    return counts
