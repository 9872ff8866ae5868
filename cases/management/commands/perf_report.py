"""Measure list, search, duplicate-check, caseload, week, case-summary PDF, statistics page and
statistics export latency on a realistic dataset (run by hand on PostgreSQL; too slow for CI).

    DATABASE_URL=postgres://… python manage.py perf_report --clients 100000

Seeds the dataset if it has fewer clients (reusing it otherwise), warms up, then runs a fixed
mix of requests through the real views (Django test client: URL routing, middleware, selectors,
templates and SQL — no network) and prints p50/p95 latency and SQL query counts per request.
"""

from __future__ import annotations

import statistics
import time
from datetime import date

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from cases.duplicates import PersonFacts
from cases.models import Case, Client, ClientPhone
from cases.selectors import duplicate_candidates
from clinic.accounts.models import User
from tests_support import verified_session

# About 130 synthetic clients give a typical attorney's caseload: some 60 open cases.
TYPICAL_CLIENTS = 130
TYPICAL_SEED = 60


def _case_summary_pdf(case, user, iterations: int, warmup: int):
    """The one-page case summary rendered as the document job does (context, sandbox,
    WeasyPrint with the shared font configuration), without storing it."""
    from cases.models import DocumentTemplate
    from cases.services.documents import document_render_bytes

    template = DocumentTemplate.objects.get(code="case_summary")
    timings, queries = [], 0
    for index in range(warmup + iterations):
        connection.queries_log.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            document_render_bytes(case=case, template=template, language="es", user=user)
            elapsed = (time.perf_counter() - started) * 1000
        if index >= warmup:
            timings.append(elapsed)
            queries = len(captured)
    return ("case summary PDF (render, no HTTP)", timings, queries)


class Command(BaseCommand):
    help = "Seed or reuse a synthetic dataset and print p50/p95 latency and query counts."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=100_000)
        # 60 samples give a p95 that moves by ±25 ms between runs on a small VM; 200 are stable.
        parser.add_argument("--iterations", type=int, default=200)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument(
            "--heavy-iterations",
            type=int,
            default=20,
            help="Samples for the statistics page and the XLSX export (seconds each, not ms).",
        )
        parser.add_argument(
            "--only", default="", help="Measure only the requests whose name contains this text."
        )
        parser.add_argument(
            "--typical",
            action="store_true",
            help=(
                "Also measure an attorney with a typical caseload (about 60 open cases; the "
                "seeded attorneys hold over 1 100 each). Her clients and cases are created for "
                "the run and rolled back: the dataset stays as seeded."
            ),
        )

    def handle(
        self,
        *args,
        clients: int,
        iterations: int,
        warmup: int,
        only: str,
        typical: bool,
        heavy_iterations: int,
        **options,
    ):
        if settings.IS_PRODUCTION:
            raise CommandError("perf_report refuses to run with production settings.")
        if connection.vendor != "postgresql":
            self.stderr.write("Warning: not PostgreSQL — figures are not the ones that count.")
        if Client.objects.count() < clients:
            call_command("seed_demo", clients=clients, stdout=self.stdout)
        self._seed_statistics()
        self.stdout.write(f"Dataset: {Client.objects.count()} clients on {connection.vendor}.")
        with override_settings(ALLOWED_HOSTS=["testserver", *settings.ALLOWED_HOSTS]):
            results = self._run(iterations=iterations, warmup=warmup, only=only)
            if typical:
                results += self._run_typical(iterations=iterations, warmup=warmup, only=only)
            results += self._run_statistics(
                iterations=heavy_iterations, warmup=min(warmup, 2), only=only
            )
        self.stdout.write(
            f"Samples per request: {iterations} (after {warmup} warm-up); statistics page and "
            f"export: {heavy_iterations} (after {min(warmup, 2)})."
        )
        self.stdout.write(f"{'request':<50} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8}")
        for name, timings, queries in results:
            p50 = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[18] if len(timings) >= 20 else max(timings)
            self.stdout.write(f"{name:<50} {p50:>8.1f} {p95:>8.1f} {queries:>8}")

    def _run(self, *, iterations: int, warmup: int, only: str = ""):
        coordinator = User.objects.get(username="coordinadora")
        attorney = User.objects.get(username="abogada")
        intake = User.objects.get(username="recepcion")
        sample = Client.objects.filter(date_of_birth__isnull=False).order_by("pk")[
            Client.objects.count() // 2
        ]
        phone = ClientPhone.objects.filter(client=sample).values_list("number", flat=True).first()
        searches = {
            "search by name (surname, partial)": {"name": sample.first_surname[:5]},
            "search by full name, accents off": {
                "name": f"{sample.given_names.split()[0]} {sample.first_surname}".lower()
            },
            "search by client code": {"code": sample.client_code},
            "search by phone": {"phone": phone or "+525512345678"},
        }
        facts = PersonFacts(
            given_names=sample.given_names,
            first_surname=sample.first_surname,
            second_surname="",
            date_of_birth=sample.date_of_birth or date(1990, 1, 1),
        )
        mix = [
            ("home dashboard, coordinator", coordinator, "get", reverse("core:home"), None),
            ("home dashboard, attorney", attorney, "get", reverse("core:home"), None),
            (
                "client list, coordinator, page 1",
                coordinator,
                "get",
                reverse("cases:client_list"),
                None,
            ),
            (
                "client list, coordinator, page 200",
                coordinator,
                "get",
                reverse("cases:client_list") + "?page=200",
                None,
            ),
            ("client list, attorney", attorney, "get", reverse("cases:client_list"), None),
            ("client list, intake", intake, "get", reverse("cases:client_list"), None),
            (
                "unassigned queue, coordinator",
                coordinator,
                "get",
                reverse("cases:unassigned_queue"),
                None,
            ),
            (
                "client page, coordinator",
                coordinator,
                "get",
                reverse("cases:client_detail", kwargs={"pk": sample.pk}),
                None,
            ),
            ("my cases, attorney", attorney, "get", reverse("cases:my_cases"), None),
            (
                "my cases, attorney, sorted by client",
                attorney,
                "get",
                reverse("cases:my_cases") + "?sort=client",
                None,
            ),
            ("this week, attorney", attorney, "get", reverse("cases:week"), None),
            ("team, coordinator", coordinator, "get", reverse("cases:team"), None),
        ]
        case = (
            Case.objects.filter(assignments__user=attorney, status="open", case_type="asylum")
            .order_by("pk")
            .first()
        )
        if case is not None:
            mix.append(
                (
                    "case page, attorney",
                    attorney,
                    "get",
                    reverse("cases:case_detail", kwargs={"pk": case.pk}),
                    None,
                )
            )
        for label, filters in searches.items():
            mix.append((label, coordinator, "search", reverse("cases:client_list"), filters))
        results = self._measure(mix, iterations=iterations, warmup=warmup, only=only)
        if case is not None and only in "case summary PDF (render, no HTTP)":
            results.append(_case_summary_pdf(case, attorney, iterations, warmup))
        if only and only not in "duplicate check":
            return results
        timings, queries = [], 0
        for index in range(warmup + iterations):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                duplicate_candidates(facts=facts)
                elapsed = (time.perf_counter() - started) * 1000
            if index >= warmup:
                timings.append(elapsed)
                queries = len(captured)
        results.append(("duplicate check (selector + scoring)", timings, queries))
        return results

    def _seed_statistics(self) -> None:
        """What the statistics count (violence, crimes, outcomes of closed cases, deadlines met
        and missed, births, referrals), once: skipped when the dataset already has it."""
        import time

        from cases.models import ViolenceIncident
        from reports.demo import seed_statistics

        if ViolenceIncident.objects.exists():
            return
        started = time.monotonic()
        created = seed_statistics()
        summary = ", ".join(f"{count} {name}" for name, count in created.items())
        self.stdout.write(f"Statistics data: {summary} in {time.monotonic() - started:.0f} s.")

    def _run_statistics(self, *, iterations: int, warmup: int, only: str):
        """The statistics page for one year (this calendar year, and last year: stages read
        from the cases' history) and the XLSX export job (statistics, workbook, private
        storage), for the demo coordinator. Each export runs in a transaction rolled back
        afterwards, and its file is removed."""
        from cases.files import file_discard
        from clinic.core import clock
        from clinic.core.jobs import job_run
        from reports.models import StatisticsExport
        from reports.selectors import default_period
        from reports.services import statistics_export_request

        coordinator = User.objects.get(username="coordinadora")
        last_year = clock.today().year - 1
        url = reverse("reports:statistics")
        mix = [
            ("statistics page, this year, coordinator", coordinator, "get", url, None),
            (
                f"statistics page, {last_year}, coordinator",
                coordinator,
                "get",
                f"{url}?desde={last_year}-01-01&hasta={last_year}-12-31",
                None,
            ),
        ]
        results = self._measure(mix, iterations=iterations, warmup=warmup, only=only)
        name = "XLSX export job, this year (compute, build, store)"
        if only not in name:
            return results
        timings, queries, size = [], 0, 0
        for index in range(warmup + iterations):
            with transaction.atomic():
                export = statistics_export_request(
                    by=coordinator,
                    period=default_period(),
                    export_format="xlsx",
                    is_internal=False,
                    language="es-mx",
                )
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    status = job_run(export.job_id)
                    elapsed = (time.perf_counter() - started) * 1000
                built = StatisticsExport.objects.get(pk=export.pk)
                if status != "done":
                    raise CommandError(f"{name}: job {status}")
                file_discard(built.file_name)
                size = built.size
                transaction.set_rollback(True)
            if index >= warmup:
                timings.append(elapsed)
                queries = len(captured)
        results.append((f"{name}, {size // 1024} KB", timings, queries))
        return results

    def _run_typical(self, *, iterations: int, warmup: int, only: str):
        """Her caseload pages for an attorney with about 60 open cases, created inside a
        transaction that is rolled back (savepoints of the seeding commit into it)."""
        from cases.demo import seed_clients
        from cases.demo_cases import seed_cases

        mix_names = ("my cases, typical attorney", "this week, typical attorney")
        if not any(only in name for name in mix_names):
            return []
        with transaction.atomic():
            attorney = User.objects.create(
                username="perf-typical-attorney",
                first_name="Abogada",
                last_name="Típica",
                is_attorney=True,
            )
            seed_clients(
                count=TYPICAL_CLIENTS,
                attorneys=[attorney],
                registrars=list(User.objects.filter(username="recepcion")),
                coordinator=User.objects.get(username="coordinadora"),
                seed=TYPICAL_SEED,
            )
            seed_cases(seed=TYPICAL_SEED)
            open_cases = (
                Case.objects.filter(assignments__user=attorney, assignments__ended_at=None)
                .exclude(status="closed")
                .count()
            )
            label = f"typical attorney ({open_cases} open)"
            mix = [
                (f"my cases, {label}", attorney, "get", reverse("cases:my_cases"), None),
                (
                    f"my cases, {label}, by client",
                    attorney,
                    "get",
                    reverse("cases:my_cases") + "?sort=client",
                    None,
                ),
                (f"this week, {label}", attorney, "get", reverse("cases:week"), None),
            ]
            results = self._measure(mix, iterations=iterations, warmup=warmup, only=only)
            transaction.set_rollback(True)
        return results

    def _measure(self, mix, *, iterations: int, warmup: int, only: str):
        results = []
        mix = [entry for entry in mix if only in entry[0]]
        for name, user, method, url, data in mix:
            http = HttpClient()
            verified_session(http, user)
            timings, queries = [], 0
            for index in range(warmup + iterations):
                # The query log is a bounded deque: once full, CaptureQueriesContext would
                # count 0. Empty it before each measured request.
                connection.queries_log.clear()
                with CaptureQueriesContext(connection) as captured:
                    started = time.perf_counter()
                    # A search is one POST answered with its first page of results.
                    response = http.post(url, data) if method == "search" else http.get(url)
                    elapsed = (time.perf_counter() - started) * 1000
                if response.status_code != 200:
                    raise CommandError(f"{name}: HTTP {response.status_code}")
                if index >= warmup:
                    timings.append(elapsed)
                    queries = len(captured)
            results.append((name, timings, queries))
        return results
