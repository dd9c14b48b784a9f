"""Fixtures of the events tests: an enterprise with its representative, and English messages."""

import pytest
from django.utils import translation

from enbek.enums import Role
from tests.factories import OrganizationFactory, UserFactory, region


@pytest.fixture
def source_language():
    """Messages in English, the language of the msgids, so that assertions are exact."""
    with translation.override("en"):
        yield


@pytest.fixture
def enterprise(db):
    return OrganizationFactory(is_verified=True, region=region("75"))


@pytest.fixture
def representative(enterprise):
    user = UserFactory(roles=[Role.ENTERPRISE_REPRESENTATIVE], phone="+77011112233")
    enterprise.representatives.add(user)
    return user


@pytest.fixture
def other_enterprise(db):
    return OrganizationFactory(is_verified=True, region=region("71"))


@pytest.fixture
def other_representative(other_enterprise):
    user = UserFactory(roles=[Role.ENTERPRISE_REPRESENTATIVE])
    other_enterprise.representatives.add(user)
    return user


@pytest.fixture
def eager_celery(settings):
    from enbek.celery import app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    try:
        yield app
    finally:
        app.conf.task_always_eager, app.conf.task_eager_propagates = previous
