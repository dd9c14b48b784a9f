"""Fixtures of the events tests: an enterprise with its representative, and English messages."""

import pytest
from django.utils import translation

from enbek.enums import Role
from tests.celery_conf import eager as celery_eager
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
def eager_celery():
    with celery_eager() as app:
        yield app
