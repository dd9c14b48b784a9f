"""The outlet of a media episode is shown in the page's language; the migration keeps existing names."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dynasties.enums import MediaKind
from dynasties.models import MediaEpisode
from tests.factories import DynastyFactory


@pytest.fixture
def episode(db):
    dynasty = DynastyFactory(slug="media-outlet")
    return MediaEpisode.objects.create(
        dynasty=dynasty,
        title_kk="Еңбек адамы",
        title_ru="Человек труда",
        kind=MediaKind.TV,
        outlet_kk="Өңірлік телеарна",
        outlet_ru="Региональный телеканал",
        date=datetime.date(2025, 3, 8),
        url="https://example.kz/tv/1",
    )


@pytest.mark.parametrize(
    ("lang", "shown", "hidden"),
    [
        ("kk", "Өңірлік телеарна", "Региональный телеканал"),
        ("ru", "Региональный телеканал", "Өңірлік телеарна"),
    ],
)
def test_detail_shows_outlet_in_page_language(client, episode, lang, shown, hidden):
    html = client.get(f"/{lang}/dynasties/media-outlet/").content.decode()
    assert f"{shown} · <time" in html
    assert hidden not in html


@pytest.mark.parametrize(("lang", "shown"), [("kk", "Өңірлік телеарна"), ("ru", "Региональный телеканал")])
def test_api_gives_outlet_in_requested_language(client, episode, lang, shown):
    body = client.get(f"/api/v1/dynasties/media-outlet/?lang={lang}").json()
    assert [m["outlet"] for m in body["media"]] == [shown]


def test_outlet_without_russian_name_falls_back_to_kazakh(client, episode):
    MediaEpisode.objects.filter(pk=episode.pk).update(outlet_ru="")
    assert "Өңірлік телеарна · <time" in client.get("/ru/dynasties/media-outlet/").content.decode()


def test_migration_keeps_existing_outlet_names(
    empty_before_serialized_rollback, transactional_db, django_db_serialized_rollback
):
    before = [("dynasties", "0003_spheres_search_index")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    try:
        apps = executor.loader.project_state(before).apps
        Region = apps.get_model("enbek", "Region")
        Sphere = apps.get_model("dynasties", "Sphere")
        Dynasty = apps.get_model("dynasties", "Dynasty")
        MediaEpisodeThen = apps.get_model("dynasties", "MediaEpisode")
        region = Region.objects.create(code="99", kato="990000000", iso="KZ-XX", kind="oblast", name="Сынақ")
        sphere = Sphere.objects.create(slug="test-sphere", name="Сынақ", name_kk="Сынақ", name_ru="Тест")
        dynasty = Dynasty.objects.create(
            family_name="Өтеповтер",
            family_name_kk="Өтеповтер",
            slug="otepovter",
            sphere=sphere,
            region=region,
        )
        MediaEpisodeThen.objects.create(
            dynasty=dynasty, title="Әулет", kind="tv", outlet="Qazaqstan", url="https://example.kz/1"
        )
        MediaEpisodeThen.objects.create(
            dynasty=dynasty, title="Әулет", kind="radio", url="https://example.kz/2"
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    rows = MediaEpisode.objects.filter(dynasty__slug="otepovter").order_by("url")
    assert list(rows.values_list("outlet_kk", "outlet_ru")) == [("Qazaqstan", None), (None, None)]
