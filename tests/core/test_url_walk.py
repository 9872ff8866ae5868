"""Deny by default: walk the whole URL resolver and prove every route outside the allow-list
refuses anonymous visitors, and that a user without a verified second factor reaches nothing but
enrolment and verification."""

from __future__ import annotations

import re
import uuid
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, URLResolver, get_resolver, resolve, reverse
from django.urls.resolvers import RoutePattern

# Values for route converters (int→1, uuid→a random UUID, str/slug→"x", path→"1").
CONVERTER_VALUES = {"int": "1", "uuid": str(uuid.uuid4()), "str": "x", "slug": "x", "path": "1"}
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")
POSITIONAL_GROUP = re.compile(r"\((?!\?)[^()]*\)")


def _regex_group_sample(match: re.Match) -> str:
    body = match.group("body")
    # An alternation of literal words (the admin's app_label) gives its first word.
    first = body.split("|")[0]
    return first if re.fullmatch(r"[\w-]+", first) else "1"


def _sample(pattern) -> str:
    """A concrete path fragment matching one level of a URL pattern."""
    if isinstance(pattern, RoutePattern):
        return ROUTE_PARAMETER.sub(
            lambda match: CONVERTER_VALUES[match.group("converter") or "str"], str(pattern)
        )
    regex = REGEX_GROUP.sub(_regex_group_sample, pattern._regex)
    regex = POSITIONAL_GROUP.sub("1", regex)
    return regex.lstrip("^").rstrip("$").replace("\\", "")


def _walk(entries, prefix="/", namespace=""):
    for entry in entries:
        fragment = _sample(entry.pattern)
        if isinstance(entry, URLResolver):
            child_ns = namespace
            if entry.namespace:
                child_ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry.url_patterns, prefix + fragment, child_ns)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name or f"<unnamed {prefix}{entry.pattern}>", prefix + fragment, entry


def all_routes() -> list[tuple[str, str | None]]:
    """(name, path) for every route in the resolver, the admin's and i18n's included. The path
    is None when the sample does not resolve back to the same view, so the test fails on it."""
    routes = []
    for name, path, entry in _walk(get_resolver().url_patterns):
        try:
            match = resolve(path)
        except Resolver404:
            routes.append((name, None))
            continue
        same_view = match.func == entry.callback or getattr(
            match.func, "view_class", None
        ) is getattr(entry.callback, "view_class", object())
        routes.append((name, path if same_view else None))
    return routes


ROUTES = all_routes()
PUBLIC = set(settings.ACCESS_ALLOW_LIST["public"])
UNVERIFIED = set(settings.ACCESS_ALLOW_LIST["unverified"])


def test_the_walk_finds_the_admin_the_i18n_and_our_own_routes():
    names = {name for name, _path in ROUTES}
    assert {"admin:index", "admin:accounts_user_changelist", "set_language"} <= names
    assert {"core:home", "accounts:staff_list", "accounts:mfa_enrol"} <= names
    assert len(ROUTES) > 40


@pytest.mark.parametrize(("name", "path"), ROUTES, ids=[name for name, _path in ROUTES])
def test_every_route_can_be_reversed(name, path):
    assert path is not None, f"{name}: no sample path resolves back to this route"


def test_the_allow_list_is_exactly_the_reviewed_one():
    # Opening a route to anonymous or unverified visitors is a security decision: changing
    # this list needs a review of the route, not just an edit of the setting.
    assert {
        "accounts:login",
        "accounts:password_reset",
        "accounts:password_reset_done",
        "accounts:password_reset_confirm",
        "accounts:password_reset_complete",
        "core:health",
        "set_language",
        "cases:calendar_feed",
    } == PUBLIC
    assert {"accounts:logout", "accounts:mfa_enrol", "accounts:mfa_verify"} == UNVERIFIED


@pytest.mark.parametrize(
    ("name", "path"),
    [(name, path) for name, path in ROUTES if not name.startswith("<unnamed")],
    ids=[name for name, _path in ROUTES if not name.startswith("<unnamed")],
)
def test_every_named_route_reverses_by_name(name, path):
    match = resolve(path)
    assert reverse(name, args=match.args, kwargs=match.kwargs) == path


def test_every_allow_listed_name_exists():
    names = {name for name, _path in ROUTES}
    assert (PUBLIC | UNVERIFIED) - names == set()


PROTECTED = [(name, path) for name, path in ROUTES if path and name not in PUBLIC]


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize(("name", "path"), PROTECTED, ids=[name for name, _path in PROTECTED])
def test_anonymous_visitor_is_sent_to_login(client, name, path, method):
    # when
    response = getattr(client, method)(path)
    # then
    assert response.status_code == 302, name
    assert urlsplit(response["Location"]).path == reverse("accounts:login")


NOT_FOR_UNVERIFIED = [(name, path) for name, path in PROTECTED if name not in UNVERIFIED]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "path"), NOT_FOR_UNVERIFIED, ids=[name for name, _path in NOT_FOR_UNVERIFIED]
)
def test_user_without_verified_second_factor_reaches_only_enrolment(client, make_user, name, path):
    # given: a coordinator and administrator, logged in with her password only
    user = make_user("coordinator", "admin", is_superuser=True, is_staff=True)
    client.force_login(user)
    # when
    response = client.get(path)
    # then
    assert response.status_code == 302, name
    assert urlsplit(response["Location"]).path == reverse("accounts:mfa_enrol")


@pytest.mark.django_db
def test_unverified_user_with_an_authenticator_is_sent_to_verification(client, make_user):
    from tests.factories import confirmed_device

    user = make_user("attorney")
    confirmed_device(user)
    client.force_login(user)

    response = client.get(reverse("core:home"))

    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == reverse("accounts:mfa_verify")


@pytest.mark.django_db
def test_unverified_user_reaches_enrolment(client, make_user):
    client.force_login(make_user("intake"))

    response = client.get(reverse("accounts:mfa_enrol"))

    assert response.status_code == 200
