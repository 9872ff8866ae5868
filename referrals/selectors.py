"""Reads for referrals, enforcing who may see what (docs/referrals.md, docs/permissions.md).

A referral is visible to whoever may see its client (``cases.selectors.client_scope_q``) and,
when it belongs to a case, that case (``cases.case_selectors.case_scope_q``): a referral of a
confidential case stays with the case's attorneys and the coordinators. Anything outside the
scope is a 404, like a referral that does not exist.

Referring — creating, sending, moving a referral along its life cycle, recording follow-ups —
is for coordinators and for the attorneys of her team (of the case, when it belongs to one).
Intake staff read the referrals of the clients in their scope and record who referred her to
the clinic (inbound referrals).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from cases import choices as case_choices
from cases.case_selectors import can_edit_case, case_scope_q
from cases.identifiers import normalize_name
from cases.models import Case, Client, ClientAssignment, DisclosureRestriction
from cases.selectors import can_read_restricted, client_scope_q, conflict_matches
from cases.services.consent import consent_latest, consent_state_of
from clinic.accounts.models import Role, User
from directory.choices import OrganisationKind
from directory.selectors import consular_warning

from . import choices
from .models import InboundReferral, Referral, ReferralEvent, ReferralService

READ_ROLES = (Role.INTAKE, Role.ATTORNEY, Role.COORDINATOR)
REFER_ROLES = (Role.ATTORNEY, Role.COORDINATOR)
NOTHING = Q(pk__in=[])


# --- Scope ------------------------------------------------------------------------------------


def referral_scope_q(*, user: User) -> Q:
    """Referrals of clients in her scope; of cases in her scope when they belong to one."""
    if not user.has_role(*READ_ROLES):
        return NOTHING
    clients = Client.objects.filter(client_scope_q(user=user))
    cases = Case.objects.filter(case_scope_q(user=user))
    return Q(client__in=clients) & (Q(case__isnull=True) | Q(case__in=cases))


def referrals_for_user(*, user: User) -> QuerySet[Referral]:
    return Referral.objects.filter(referral_scope_q(user=user))


def _with_rows(queryset: QuerySet[Referral]) -> QuerySet[Referral]:
    return queryset.select_related(
        "client",
        "case",
        "organisation",
        "office",
        "referred_by",
        "followup_deadline",
        "delivery_deadline",
    ).prefetch_related(Prefetch("services", queryset=ReferralService.objects.order_by("pk")))


def referral_get_for_user(*, user: User, pk) -> Referral:
    try:
        return _with_rows(referrals_for_user(user=user)).get(pk=pk)
    except (Referral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def can_refer(*, user: User, client: Client, case: Case | None = None) -> bool:
    """May ``user`` refer ``client`` (for ``case``)? Coordinators; attorneys of her team, and of
    the case when there is one. Never for an archived client."""
    if client.archived_at is not None or not user.has_role(*REFER_ROLES):
        return False
    if case is not None:
        return case.client_id == client.pk and can_edit_case(user=user, case=case)
    if user.has_role(Role.COORDINATOR):
        return True
    return ClientAssignment.objects.filter(client=client, user=user, ended_at=None).exists()


def can_manage_referral(*, user: User, referral: Referral) -> bool:
    return can_refer(user=user, client=referral.client, case=referral.case)


def can_override_consent(*, user: User) -> bool:
    return user.has_role(Role.COORDINATOR)


def can_record_inbound(*, user: User, client: Client) -> bool:
    """Who may record who referred her: anyone who may read her record and work on it (intake
    staff during her intake, her team, coordinators)."""
    if client.archived_at is not None or not user.has_role(*READ_ROLES):
        return False
    return Client.objects.filter(client_scope_q(user=user), pk=client.pk).exists()


# --- Lists ------------------------------------------------------------------------------------


def referral_list_for_user(*, user: User, filters: dict | None = None) -> QuerySet[Referral]:
    """Her referrals list: the scope, filtered (status, "open", organisation, mine, overdue
    follow-up), newest first. Two queries per page whatever its size (rows + services)."""
    filters = filters or {}
    queryset = referrals_for_user(user=user)
    status = filters.get("status")
    if status == "open":
        queryset = queryset.filter(status__in=choices.OPEN_STATUSES)
    elif status:
        queryset = queryset.filter(status=status)
    if filters.get("organisation"):
        queryset = queryset.filter(organisation=filters["organisation"])
    if filters.get("mine"):
        queryset = queryset.filter(referred_by=user)
    if filters.get("kind"):
        queryset = queryset.filter(kind=filters["kind"])
    return _with_rows(queryset).order_by("-created_at", "-pk")


def client_referrals(*, user: User, client: Client) -> list[Referral]:
    return list(_with_rows(referrals_for_user(user=user).filter(client=client)))


def case_referrals(*, user: User, case: Case) -> list[Referral]:
    return list(_with_rows(referrals_for_user(user=user).filter(case=case)))


def client_inbound_referrals(*, client: Client) -> list[InboundReferral]:
    return list(
        InboundReferral.objects.filter(client=client, archived_at__isnull=True)
        .select_related("organisation", "office", "recorded_by")
        .order_by("-received_on", "-pk")
    )


def inbound_referral_get_for_user(*, user: User, pk) -> InboundReferral:
    clients = Client.objects.filter(client_scope_q(user=user))
    try:
        return (
            InboundReferral.objects.filter(client__in=clients)
            .select_related("client", "organisation")
            .get(pk=pk)
        )
    except (InboundReferral.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def referral_events(referral: Referral) -> list[ReferralEvent]:
    return list(referral.events.select_related("by").order_by("at", "pk"))


# --- The consent gate and the warnings ---------------------------------------------------------


@dataclass(frozen=True)
class ConsentGate:
    """Whether her consent lets this referral be sent. Internal referrals stay within the
    clinic: no sharing consent is needed."""

    needed: bool
    state: str  # cases.choices.ConsentState
    record: object | None

    @property
    def open(self) -> bool:
        return not self.needed or self.state == case_choices.ConsentState.GIVEN


def consent_gate(referral: Referral) -> ConsentGate:
    record = consent_latest(client=referral.client, purpose=case_choices.ConsentPurpose.SHARING)
    return ConsentGate(needed=referral.is_outbound, state=consent_state_of(record), record=record)


def letter_refusal(
    *,
    user: User,
    referral: Referral,
    gate: ConsentGate | None = None,
    can_manage: bool | None = None,
) -> str | None:
    """Why ``user`` may not print the referral's letter now, or None. The letter carries her
    details, and each print is a new copy of them:
    - a draft's letter is a preview for those who will send it (its gate has not run yet);
    - a revoked referral prints none;
    - an outside referral prints only while she agrees to share (or, sent on a coordinator's
      override, until she withdraws)."""
    if referral.status == choices.ReferralStatus.REVOKED:
        return _("The referral was revoked: its letter is no longer printed.")
    if referral.status == choices.ReferralStatus.DRAFT:
        if can_manage is None:
            can_manage = can_manage_referral(user=user, referral=referral)
        if not can_manage:
            return _("A draft's letter is printed only by those who may send the referral.")
        return None
    gate = gate or consent_gate(referral)
    relied_on = referral.consent_checked_id or gate.state == case_choices.ConsentState.WITHDRAWN
    if gate.needed and not gate.open and relied_on:
        return _(
            "She no longer agrees to share her information with partner organisations: "
            "the letter is no longer printed."
        )
    return None


@dataclass(frozen=True)
class ReferralWarning:
    code: str
    text: str


def _names_of(organisation) -> set[str]:
    names = {organisation.name, organisation.acronym, *organisation.other_names.split(",")}
    return {normalize_name(name) for name in names if name and name.strip()}


def _restriction_names_destination(restriction: DisclosureRestriction, names: set[str]) -> bool:
    """Her "do not disclose to" entry names this organisation: every word of the entry's name
    is in one of the organisation's names, or one of its names (or acronym) appears in the
    entry's name or identifiers as whole words."""
    entry_words = restriction.norm_name.split()
    if entry_words and any(all(word in name.split() for word in entry_words) for name in names):
        return True
    text = f" {restriction.norm_name} {normalize_name(restriction.identifiers)} "
    return any(name and f" {name} " in text for name in names)


def referral_warnings(*, referral: Referral, user: User) -> list[ReferralWarning]:
    """What must be read and acknowledged before sending: the consular guard, her "do not
    disclose to" entries that name the destination (or home-country authorities when it is a
    consulate), and the conflict check. The text never shows restricted details to someone who
    may not read them."""
    warnings: list[ReferralWarning] = []
    organisation = referral.organisation
    if organisation is not None:
        if consular_warning(organisation=organisation, client=referral.client) is not None:
            warnings.append(
                ReferralWarning(
                    "consular",
                    _(
                        "Her family has an asylum claim open or refugee status: contacting "
                        "her consulate can harm the claim or end her protection (LRPCAP arts. "
                        "21 and 32-I). Send only with her express consent for this contact."
                    ),
                )
            )
        restrictions = list(
            DisclosureRestriction.objects.filter(client=referral.client, archived_at__isnull=True)
        )
        names = _names_of(organisation)
        named = [entry for entry in restrictions if _restriction_names_destination(entry, names)]
        if organisation.kind == OrganisationKind.CONSULATE:
            named += [
                entry
                for entry in restrictions
                if entry.kind == case_choices.DisclosureKind.HOME_AUTHORITIES and entry not in named
            ]
        if named:
            if can_read_restricted(user=user, client=referral.client):
                details = "; ".join(
                    f"{entry.get_kind_display()}{': ' + entry.name if entry.name else ''}"
                    for entry in named
                )
                text = _(
                    "Her “do not disclose to” list names this destination (%(entries)s). Do "
                    "not send unless she has confirmed it is safe."
                ) % {"entries": details}
            else:
                text = _(
                    "Her “do not disclose to” list names this destination. Talk to her "
                    "attorney or a coordinator before sending."
                )
            warnings.append(ReferralWarning("do_not_disclose", text))
    if conflict_matches(client=referral.client):
        warnings.append(
            ReferralWarning(
                "conflict",
                _(
                    "The conflict check found a “do not disclose to” entry that matches "
                    "another record of hers or of her family. Check what you share."
                ),
            )
        )
    return warnings


# --- Counts (the organisation's page, the statistics) -----------------------------------------


def organisation_referral_counts(*, organisation) -> dict:
    """Outbound referrals to the organisation by status, and how many women it referred to
    the clinic: aggregates only (two queries), no client data, so every reader of the
    directory sees them."""
    by_status = dict(
        # sent ones only: a draft discarded (revoked) before sending never reached it
        Referral.objects.filter(organisation=organisation, sent_on__isnull=False)
        .values_list("status")
        .annotate(total=Count("pk"))
        .values_list("status", "total")
    )
    rows = [
        {"status": status, "label": label, "total": by_status.get(status, 0)}
        for status, label in choices.ReferralStatus.choices
        if status != choices.ReferralStatus.DRAFT
    ]
    return {
        "rows": rows,
        "sent": sum(row["total"] for row in rows),
        "inbound": InboundReferral.objects.filter(
            organisation=organisation, archived_at__isnull=True
        ).count(),
    }


def sent_referrals(
    *,
    start: datetime.date,
    end: datetime.date,
    grant_tag: str = "",
) -> QuerySet[Referral]:
    """Referrals sent (the hand-off recorded) between ``start`` and ``end`` inclusive — the
    statistics' population. With ``grant_tag``, only referrals of cases under that grant or of
    clients with such a case. Archived clients and cases are never counted (docs/statistics.md).
    """
    queryset = Referral.objects.filter(
        Q(case__isnull=True) | Q(case__archived_at__isnull=True),
        sent_on__gte=start,
        sent_on__lte=end,
        client__archived_at__isnull=True,
    )
    if grant_tag:
        tagged = Case.objects.filter(grant_tag=grant_tag)
        queryset = queryset.filter(
            Q(case__grant_tag=grant_tag)
            | Q(case__isnull=True) & Q(Exists(tagged.filter(client=OuterRef("client"))))
        )
    return queryset


def referral_counts(
    *, start: datetime.date, end: datetime.date, grant_tag: str = ""
) -> dict[str, list[dict]]:
    """Referrals sent in the period counted in SQL: by organisation (with the internal team
    for internal ones), by service requested, and by outcome (current status). For the
    reports app."""
    sent = sent_referrals(start=start, end=end, grant_tag=grant_tag)
    by_organisation = list(
        sent.values("kind", "organisation_id", "organisation__name", "internal_team")
        .annotate(total=Count("pk"))
        .order_by("-total", "organisation__name", "internal_team")
    )
    by_service = list(
        ReferralService.objects.filter(referral__in=sent)
        .values("service")
        .annotate(total=Count("pk"))
        .order_by("-total", "service")
    )
    by_outcome = list(sent.values("status").annotate(total=Count("pk")).order_by("status"))
    return {"organisation": by_organisation, "service": by_service, "outcome": by_outcome}
