"""Shared fixtures.

Service-marked tests (``postgres``, ``redis``, ``browser``) skip when the service is missing —
unless ``ACOMPANA_REQUIRE_SERVICES=1`` (set by the README's test command and CI), which turns every
such skip into a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest
from django.conf import settings
from django.core.management.sql import sql_flush as _django_sql_flush
from django.db import connection
from django_otp import DEVICE_ID_SESSION_KEY

from tests.factories import UserFactory, confirmed_device

REQUIRE_SERVICES = os.environ.get("ACOMPANA_REQUIRE_SERVICES") == "1"
CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told otherwise (tests only).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _redis_available() -> bool:
    if not settings.REDIS_URL:
        return False
    import redis

    try:
        return bool(redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1).ping())
    except redis.RedisError:
        return False


def _missing_service(item: pytest.Item) -> str | None:
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        return "PostgreSQL is not configured (set DATABASE_URL=postgres://…)"
    if item.get_closest_marker("redis") and not _redis_available():
        return "Redis is not reachable (set REDIS_URL=redis://…)"
    if item.get_closest_marker("browser") and not shutil.which(CHROMIUM):
        return f"Chromium is not installed at {CHROMIUM}"
    return None


@pytest.fixture(autouse=True)
def _require_services(request):
    reason = _missing_service(request.node)
    if reason:
        if REQUIRE_SERVICES:
            pytest.fail(f"required service missing: {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    tmp_path_factory,
):
    """The test database, migrated once per run even with several pytest-xdist workers.

    pytest-django would migrate one database per worker, all at once: on a 2-core machine two
    workers took 90 s each. Here the first worker to take a file lock migrates
    ``test_acompana``; then each worker (the first one too) gets its own copy of it —
    ``CREATE DATABASE … TEMPLATE``, a file copy of a second or two — and uses it, as Django's
    own parallel test runner does. Without xdist, on SQLite, or with ``--reuse-db``, this is
    pytest-django's usual set-up."""
    import fcntl

    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    reuse = django_db_keepdb and not django_db_createdb
    if not worker or not postgres or reuse or not django_db_use_migrations:
        request.getfixturevalue("django_db_modify_db_settings")  # the per-worker name
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=0, interactive=False, keepdb=reuse)
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=0)
        return

    shared = tmp_path_factory.getbasetemp().parent  # the same folder for every worker of a run
    ready = shared / "test-database.ready"
    creation = connection.creation
    original_name = connection.settings_dict["NAME"]
    with open(shared / "test-database.lock", "w") as lock, django_db_blocker.unblock():
        fcntl.flock(lock, fcntl.LOCK_EX)
        if ready.exists():
            connection.settings_dict["NAME"] = ready.read_text()
        else:
            name = creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
            ready.write_text(name)
        connections.close_all()  # no session may stay open on the template
        creation.clone_test_db(suffix=worker, verbosity=0, autoclobber=True)
        creation.setup_worker_connection(worker)
        fcntl.flock(lock, fcntl.LOCK_UN)
    yield
    with django_db_blocker.unblock():
        creation.destroy_test_db(old_database_name=original_name, verbosity=0)


KEPT_BY_FLUSH = frozenset({"django_content_type", "auth_permission"})


def _sql_empty_filled_tables(style, connection, reset_sequences=True, allow_cascade=False):
    """What ``flush`` runs after a transactional test, on PostgreSQL: ``DELETE`` of the tables
    that hold rows, instead of a ``TRUNCATE`` of all of them — on a 2-core machine a
    ``TRUNCATE`` of some 150 tables took 0.6 to 1.2 s, and 35 tests pay it. Django's foreign keys
    are ``DEFERRABLE INITIALLY DEFERRED``, so the order of the deletions does not matter: the
    keys are checked at the commit, when every table is empty. Content types and permissions
    stay (their ``post_migrate`` handlers then have nothing to recreate); the append-only
    audit table, whose trigger refuses ``DELETE``, is truncated, as Django would."""
    if connection.vendor != "postgresql":
        return _django_sql_flush(style, connection, reset_sequences, allow_cascade)
    tables = [
        table
        for table in connection.introspection.django_table_names(only_existing=True)
        if table not in KEPT_BY_FLUSH
    ]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            " UNION ALL ".join(
                # table names come from Django's own model registry, quoted
                f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608
                for table in tables
            ),
            tables,
        )
        filled = [table for (table,) in cursor.fetchall()]
    delete = "DELETE FROM {}"  # the quoted names of the registry's tables
    return [
        f"TRUNCATE {quote(table)}" if table == "audit_auditevent" else delete.format(quote(table))
        for table in filled
    ]


@pytest.fixture(scope="session", autouse=True)
def _quick_flush():
    from django.core.management.commands import flush

    flush.sql_flush = _sql_empty_filled_tables
    yield
    flush.sql_flush = _django_sql_flush


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


def _load_reference_data() -> None:
    """The rows data migrations create (languages, case stages, deadline rules, document
    templates), which a transactional test's flush removes."""
    from cases.demo import ensure_languages
    from cases.documents.seed import load_default_templates
    from cases.models import CaseStage, DeadlineRule, DocumentTemplate, DocumentTemplateVersion
    from cases.stages import load_default_rules, load_default_stages

    ensure_languages()
    load_default_stages(CaseStage)
    load_default_rules(DeadlineRule)
    load_default_templates(DocumentTemplate, DocumentTemplateVersion)


@pytest.fixture(autouse=True)
def _languages(request):
    """Transactional tests (browser, Celery) flush every table after they run, including the
    rows data migrations created: put them back before each such test. Ordinary tests never
    see a flushed database, because pytest-django runs the transactional tests last — in each
    pytest-xdist worker too, as ``bin/test`` hands tests out in order (``--dist load``)."""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _load_reference_data()


@pytest.fixture(autouse=True)
def _private_files_root(settings, tmp_path):
    """Each test stores client files in its own throwaway folder (cases/files.py)."""
    settings.PRIVATE_FILES_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _reset_caches():
    # Axes and Django's cache hold nothing between tests.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def clock():
    """The injectable clock: moves ``clinic.core.clock`` (and everything else reading the time)
    to 2026-11-23 10:00 in Mexico City, ticking. It patches the process, so the live server's
    thread in browser tests sees the same time. Move it with ``clock.move_to(...)``."""
    import time_machine

    with time_machine.travel("2026-11-23 10:00 -06:00", tick=True) as traveller:
        yield traveller


def login_verified(client, user) -> None:
    """Log ``user`` in on the Django test client with a verified second factor.

    The session is written directly — what ``login()`` and the verification step leave in it,
    and the ``LoginSession`` row that ties it to her — instead of through ``force_login`` and a
    second save: the same state in three queries, for the thousands of logins the permission
    matrices make. The login path itself is tested in ``tests/accounts``."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from clinic.accounts.models import LoginSession

    device = confirmed_device(user)
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = user._meta.pk.value_to_string(user)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    LoginSession.objects.create(session_key=session.session_key, user=user)
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


@pytest.fixture
def make_user(db):
    def make(*roles: str, **kwargs):
        return UserFactory(roles=roles, **kwargs)

    return make


@pytest.fixture
def verified_client(client):
    """A function that logs a user in (verified) on the test client and returns the client."""

    def login(user):
        login_verified(client, user)
        return client

    return login


# --- Browser (Playwright driving Debian's Chromium) -------------------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "es-MX", "timezone_id": "America/Mexico_City"}


CSP_RECORDER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', function (event) {
  window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture
def csp_page(page):
    """A Playwright page that fails the test on any Content Security Policy violation, console
    error or uncaught page error."""
    problems: list[str] = []
    page.add_init_script(CSP_RECORDER)

    def on_console(message):
        if message.type != "error" and "Content Security Policy" not in message.text:
            return
        # A page deliberately answered 403/404/429 logs its own status; any other resource
        # (a stylesheet, a script, an image) that fails to load is a real problem.
        if "Failed to load resource" in message.text and message.location.get("url") == page.url:
            return
        problems.append(f"console {message.type}: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))

    def collect_violations():
        try:
            problems.extend(page.evaluate("window.__cspViolations || []"))
        except Exception:  # the page may be closed or navigating
            return

    page.collect_violations = collect_violations
    yield page
    collect_violations()
    assert problems == [], problems


@pytest.fixture(scope="session")
def screenshot_dir():
    path = settings.BASE_DIR / "tests" / "screenshots"
    path.mkdir(exist_ok=True)
    return path


# --- Celery: one real worker for the whole session, on Redis ----------------------------------


@pytest.fixture(scope="session")
def celery_worker_on_redis(django_db_setup, django_db_blocker):
    """A real Celery worker thread consuming from Redis (see ENVIRONMENT.md). Tests using it
    need ``django_db(transaction=True)`` so that the worker sees their rows."""
    if not _redis_available():
        reason = "Redis is not reachable (set REDIS_URL=redis://…)"
        if REQUIRE_SERVICES:
            pytest.fail(f"required service missing: {reason}", pytrace=False)
        pytest.skip(reason)
    import celery.contrib.testing.tasks  # noqa: F401  (registers the ping task)
    from celery.contrib.testing.worker import start_worker

    from clinic.celery import app

    app.conf.broker_url = settings.REDIS_URL
    with (
        django_db_blocker.unblock(),
        start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as worker,
    ):
        yield worker
