"""A Kazakh or Russian family name typed in Latin letters finds the dynasty (PostgreSQL and SQLite)."""

import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dynasties import services
from dynasties.models import Dynasty
from dynasties.selectors import dynasty_public_list
from tests.factories import DynastyFactory, MemberFactory

pytestmark = pytest.mark.django_db


def _family(kk: str, ru: str, members: list[str], slug: str) -> Dynasty:
    dynasty = DynastyFactory(
        family_name_kk=kk, family_name_ru=ru, slug=slug, story_kk="Әулет тарихы.", story_ru="История семьи."
    )
    for generation, name in enumerate(members, start=1):
        MemberFactory(dynasty=dynasty, full_name=name, generation=generation)
    services.dynasty_refresh_search(dynasty=dynasty)
    return dynasty


@pytest.fixture
def families(db):
    return {
        "otepov": _family("Өтеповтер", "Өтеповы", ["Сапар Өтепов", "Гүлнар Өтепова"], "otepovter"),
        "ermekov": _family("Ермековтер", "Ермековы", ["Ермек Тестбеков", "Жанар Ермекова"], "ermekovter"),
        "zhumabekov": _family("Жұмабековтер", "Жумабековы", ["Мұрат Жұмабеков", "Шолпан Шаймерденова"], "zh"),
    }


def _found(search: str) -> list[str]:
    return sorted(dynasty_public_list(search=search).values_list("slug", flat=True))


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Otepov", ["otepovter"]),
        ("Ötepov", ["otepovter"]),
        ("OTEPOVA", ["otepovter"]),
        ("Ermekov", ["ermekovter"]),
        ("Yermekov", ["ermekovter"]),
        ("Testbekov", ["ermekovter"]),
        ("Jumabekov", ["zh"]),
        ("Zhumabekov", ["zh"]),
        ("Shaimerdenova", ["zh"]),
        ("Şaimerdenova", ["zh"]),
        ("Shaymerdenova Murat", ["zh"]),
        ("Ermekov auleti", ["ermekovter"]),
        ("Өтепов", ["otepovter"]),
        ("Testbekov Otepov", []),
    ],
)
def test_search_by_latin_spelling(families, typed, expected):
    assert _found(typed) == expected


def test_search_by_latin_on_html_list_and_api(client, families):
    html = client.get("/kk/dynasties/?q=Otepov").content.decode()
    assert 'href="/kk/dynasties/otepovter/"' in html
    assert 'href="/kk/dynasties/ermekovter/"' not in html
    body = client.get("/api/v1/dynasties/?search=Ötepov").json()
    assert [row["slug"] for row in body["results"]] == ["otepovter"]


def test_search_by_latin_is_one_query(families):
    with CaptureQueriesContext(connection) as queries:
        assert len(list(dynasty_public_list(search="Zhumabekov"))) == 1
    assert len(queries) == 1


def test_member_saved_through_the_service_is_found_in_latin(citizen, families):
    dynasty = services.dynasty_create(
        submitted_by=citizen,
        family_name_kk="Сейітовтер",
        sphere=families["otepov"].sphere,
        region=families["otepov"].region,
    )
    services.member_save(dynasty=dynasty, user=citizen, full_name="Бауыржан Құдайбергенов", generation=1)
    Dynasty.objects.filter(pk=dynasty.pk).update(status="published")
    assert dynasty.slug in _found("Kudaibergenov")
    assert dynasty.slug in _found("Qudaibergenov")


def test_data_migration_adds_latin_spellings_to_existing_rows(families):
    import importlib

    from django.apps import apps

    from dynasties.services import search_vector_expression

    migration = importlib.import_module("dynasties.migrations.0007_search_text_latin")
    # Rows saved before: the names and stories as written, no Latin.
    Dynasty.objects.update(search_text="өтеповтер өтеповы сапар өтепов")
    if connection.vendor == "postgresql":
        Dynasty.objects.update(search_vector=search_vector_expression())
    assert _found("Otepov") == []

    migration.add_latin_spellings(apps, types.SimpleNamespace(connection=connection))

    assert _found("Otepov") == ["otepovter"]
    assert _found("Zhumabekov") == ["zh"]
    # The migration writes what the service writes when a dynasty is saved.
    migrated = dict(Dynasty.objects.values_list("slug", "search_text"))
    for dynasty in families.values():
        services.dynasty_refresh_search(dynasty=dynasty)
    assert dict(Dynasty.objects.values_list("slug", "search_text")) == migrated
