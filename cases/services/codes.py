"""Client codes: ``AC-YYYY-NNNNN``, from a database sequence so that concurrent intakes never
get the same number."""

from django.db import connection

from cases.models import ClientCodeAllocation

SEQUENCE = "cases_client_code_seq"


def client_number_next() -> int:
    """The next client number. PostgreSQL: ``nextval`` on a real sequence (never rolls back,
    never repeats). Other databases: an insert into an auto-increment table, which SQLite
    serialises."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s)", [SEQUENCE])
            return cursor.fetchone()[0]
    return ClientCodeAllocation.objects.create().pk


def client_code_allocate(*, year: int) -> str:
    return f"AC-{year}-{client_number_next():05d}"


def client_numbers_next(count: int) -> list[int]:
    """``count`` new client numbers at once (bulk loading)."""
    if count <= 0:
        return []
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT nextval(%s) FROM generate_series(1, %s)", [SEQUENCE, count])
            return [row[0] for row in cursor.fetchall()]
    allocations = ClientCodeAllocation.objects.bulk_create(
        [ClientCodeAllocation() for _index in range(count)]
    )
    return [allocation.pk for allocation in allocations]
