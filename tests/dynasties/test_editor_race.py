"""Step 1 of a new dynasty sent twice at the same moment (a double click): PostgreSQL keeps one draft.

Apart from test_editor_steps.py: a race needs committed data (a transactional test, restored from
the serialized reference data), which a module-wide django_db mark would not let it ask for.
"""

import threading
import uuid

from django.db import connection

from dynasties.models import Dynasty
from tests.factories import UserFactory, region

from .test_editor_steps import _draft


def test_same_token_sent_twice_at_once_creates_one_draft(
    postgres_only, empty_before_serialized_rollback, transactional_db, django_db_serialized_rollback
):
    owner = UserFactory(region=region("75"))
    token = uuid.uuid4()
    barrier = threading.Barrier(2)
    results: list[object] = []

    def create() -> None:
        try:
            barrier.wait(timeout=10)
            results.append(_draft(owner, creation_token=token).pk)
        except Exception as error:  # recorded and checked below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert Dynasty.objects.filter(submitted_by=owner).count() == 1
    assert results == [Dynasty.objects.get(submitted_by=owner).pk] * 2
