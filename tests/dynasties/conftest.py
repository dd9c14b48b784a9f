"""Shared fixtures of the dynasties service tests: backend switches, eager Celery, a family in each state."""

import os

import pytest
from django.conf import settings
from django.utils import translation

from dynasties import services
from dynasties.models import Dynasty
from tests.celery_conf import eager as always_eager
from tests.factories import region, sphere


@pytest.fixture
def source_language():
    """Pin the active language to English, the language of the msgids, so that messages are exact.

    Without it gettext uses LANGUAGE_CODE ("kk"), and the assertions would change as the Kazakh
    catalogue fills up. Code that picks a language itself (the decision e-mail) still does so.
    Modules use it with `pytestmark = pytest.mark.usefixtures("source_language")`.
    """
    with translation.override("en"):
        yield


@pytest.fixture
def postgres_only():
    """Skip (with the reason) when the suite runs on SQLite; evaluated at run time, not at import."""
    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run this test.")


@pytest.fixture
def sqlite_only():
    if settings.IS_POSTGRES:
        pytest.skip("SQLite only: this checks the substring fallback used without PostgreSQL.")


@pytest.fixture
def eager_celery():
    with always_eager() as app:
        yield app


@pytest.fixture
def worker_prerequisites(monkeypatch):
    """Skip before any database is set up when a real worker cannot run; keep its e-mail in memory.

    Request it before `celery_worker_process`: that fixture copies os.environ for the worker, which
    then uses the locmem e-mail backend instead of writing files into var/mail.
    """
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis (CI sets it).")
    if not settings.IS_POSTGRES:
        pytest.skip("The worker process needs a database it can share: run the suite on PostgreSQL.")
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")


def build_family(
    owner,
    *,
    family_name_kk="Жұмабековтер",
    family_name_ru="Жумабековы",
    region_code="75",
    story=True,
    generations=2,
) -> Dynasty:
    """A draft written through the services: `generations` generations of one line, a story in kk and ru."""
    dynasty = services.dynasty_create(
        submitted_by=owner,
        family_name_kk=family_name_kk,
        family_name_ru=family_name_ru,
        sphere=sphere("metallurgy"),
        region=region(region_code),
    )
    parent = None
    for generation in range(1, generations + 1):
        parent = services.member_save(
            dynasty=dynasty,
            user=owner,
            full_name=f"Буын {generation} {family_name_kk}",
            generation=generation,
            parent=parent,
            birth_year=1920 + 25 * generation,
            start_year=1940 + 25 * generation,
            end_year=min(1965 + 25 * generation, 2020) if generation < generations else None,
        )
    if story:
        services.dynasty_set_story(
            dynasty=dynasty,
            user=owner,
            story_kk="Отбасы үш буын бойы металлург болып еңбек етті.",
            story_ru="Семья трёх поколений металлургов.",
        )
    dynasty.refresh_from_db()
    return dynasty


@pytest.fixture
def draft(citizen) -> Dynasty:
    """A complete draft of region 75 owned by `citizen`, ready to submit."""
    return build_family(citizen)


@pytest.fixture
def submitted(draft, citizen) -> Dynasty:
    """The same family, submitted for review by its owner."""
    return services.dynasty_submit(dynasty=draft, user=citizen)
