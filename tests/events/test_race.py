"""Twenty-four people press "Register" at the same moment for 5 seats: PostgreSQL keeps exactly 5 confirmed.

Each thread has its own database connection (Django opens one per thread), and the event row lock in
registration_create makes them queue; the rest land on the waiting list, nobody gets an error.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection

from events import services
from events.models import Registration
from tests.factories import EventFactory, UserFactory

THREADS = 24


def test_concurrent_registrations_never_exceed_capacity(
    empty_before_serialized_rollback, transactional_db, django_db_serialized_rollback
):
    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: the race needs real row locks (set DATABASE_URL=postgres://…).")
    event = EventFactory(capacity=5)
    people = UserFactory.create_batch(THREADS)
    barrier = threading.Barrier(THREADS)
    results: list[object] = []
    backends: set[int] = set()
    lock = threading.Lock()

    def register(person) -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid = cursor.fetchone()[0]
            barrier.wait(timeout=20)
            status = services.registration_create(event_id=event.pk, user=person).status
            with lock:
                results.append(status)
                backends.add(pid)
        except Exception as error:  # recorded and checked below
            with lock:
                results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(map(str, results)) == ["confirmed"] * 5 + ["waitlisted"] * (THREADS - 5)
    assert len(backends) == THREADS  # separate connections
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert sorted(statuses) == ["confirmed"] * 5 + ["waitlisted"] * (THREADS - 5)
