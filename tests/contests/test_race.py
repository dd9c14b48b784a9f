"""Two applications with the same IIN at the same moment: one 201, one clear refusal (PostgreSQL).

A transactional test (the threads need committed data), restored from the serialized reference data.
"""

import threading

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from contests.models import Application
from tests.factories import UserFactory
from tests.factories.contests import ContestFactory, NominationFactory, next_iin


@pytest.fixture
def postgres_only():
    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run this test.")


def test_same_iin_twice_at_once_gives_one_application(
    postgres_only, empty_before_serialized_rollback, transactional_db, django_db_serialized_rollback
):
    contest = ContestFactory()
    nomination = NominationFactory(contest=contest)
    users = [UserFactory(), UserFactory()]
    iin = next_iin()
    barrier = threading.Barrier(2)
    results: list[object] = []

    def apply(user) -> None:
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            response = client.post(
                f"/api/v1/contests/{contest.pk}/applications/",
                {
                    "iin": iin,
                    "nomination": nomination.pk,
                    "full_name": "Асқар Дәнекеров",
                    "phone": "+77011234567",
                    "region": "75",
                    "employer_name": "«Болат» ЖШС",
                    "experience_years": 5,
                    "education": "vocational",
                    "story": "Жолым.",
                    "consent": True,
                },
                content_type="application/json",
            )
            results.append((response.status_code, response.json()))
        except Exception as error:  # recorded and checked below
            results.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(user,)) for user in users]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(code for code, _body in results) == [201, 409]
    refusal = next(body for code, body in results if code == 409)
    with translation.override("kk"):
        expected = gettext(
            "An application with this IIN has already been made to this contest: one per person."
        )
    assert refusal["detail"] == expected
    assert Application.objects.filter(contest=contest).count() == 1
