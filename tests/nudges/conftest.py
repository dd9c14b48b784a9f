"""Fixtures of the nudge banner tests."""

import os

import pytest
from django.conf import settings
from django.utils import translation

from tests.celery_conf import eager as celery_eager


@pytest.fixture
def source_language():
    """The language of the msgids, so that messages are exact whatever the catalogues say."""
    with translation.override("en"):
        yield


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = "https://enbek.gov.kz"
    return settings.SITE_URL


@pytest.fixture
def postgres_only():
    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run this test.")


@pytest.fixture
def worker_prerequisites():
    """Skip before any database is set up when a real worker cannot run (request it first)."""
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis (CI sets it).")
    if not settings.IS_POSTGRES:
        pytest.skip("The worker process needs a database it can share: run the suite on PostgreSQL.")


@pytest.fixture
def eager_celery():
    with celery_eager() as app:
        yield app
