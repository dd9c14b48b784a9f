import pytest
from django.utils import translation

from tests.factories.surveys import wave


@pytest.fixture
def source_language():
    """Messages in English, the language of the msgids, so that assertions are exact."""
    with translation.override("en"):
        yield


@pytest.fixture
def survey(db):
    return wave(year=2026)
