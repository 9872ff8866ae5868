"""Client codes come from a database sequence and never repeat."""

import re
import threading

import pytest
from django.db import connection

from cases.services.codes import client_code_allocate, client_numbers_next


@pytest.mark.django_db
def test_codes_have_the_documented_shape_and_increase():
    first = client_code_allocate(year=2026)
    second = client_code_allocate(year=2026)

    assert re.fullmatch(r"AC-2026-\d{5}", first)
    assert int(second[-5:]) == int(first[-5:]) + 1


@pytest.mark.django_db
def test_bulk_allocation_returns_distinct_numbers():
    numbers = client_numbers_next(50)

    assert len(set(numbers)) == 50


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_intakes_never_get_the_same_code():
    # given: eight intakes allocating codes at the same moment on their own connections
    barrier = threading.Barrier(8)
    codes: list[str] = []
    lock = threading.Lock()

    def allocate():
        try:
            barrier.wait()
            for _index in range(25):
                code = client_code_allocate(year=2026)
                with lock:
                    codes.append(code)
        finally:
            connection.close()

    threads = [threading.Thread(target=allocate) for _index in range(8)]
    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    # then
    assert len(codes) == 200
    assert len(set(codes)) == 200
