"""The public API: /api/v1/dynasties/ (list, filters, search, ordering, detail), schema."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dynasties.enums import DynastyStatus
from dynasties.models import MediaEpisode
from dynasties.services import dynasty_refresh_figures, dynasty_refresh_search
from enbek.models import Profession
from tests.factories import DynastyFactory, MemberFactory, PhotoFactory, profession, region, sphere

LIST_KEYS = {
    "slug",
    "family_name",
    "family_name_kk",
    "family_name_ru",
    "region",
    "region_name",
    "sphere",
    "sphere_name",
    "generations",
    "members_count",
    "total_years",
    "founded_year",
    "published_at",
    "cover",
    "url",
}
DETAIL_KEYS = LIST_KEYS | {"organization", "story", "members", "photos", "media"}
MEMBER_KEYS = {
    "id",
    "full_name",
    "generation",
    "parent",
    "birth_year",
    "death_year",
    "profession",
    "profession_ref",
    "organization_name",
    "start_year",
    "end_year",
    "years",
    "awards",
}
THIS_YEAR = timezone.localdate().year


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The anonymous rate limit counts in the cache, which outlives a single test.
    cache.clear()
    yield
    cache.clear()


def published(days_ago: int) -> datetime.datetime:
    return timezone.now().replace(microsecond=0) - datetime.timedelta(days=days_ago)


def make_dynasty(
    *,
    slug: str,
    family_kk: str = "Сейітовтер әулеті",
    family_ru: str = "Династия Сеитовых",
    region_code: str = "75",
    sphere_slug: str = "railway",
    generations: int = 2,
    start: int = 1960,
    status: str = DynastyStatus.PUBLISHED,
    days_ago: int = 10,
    story_kk: str = "Темір жолшылар әулеті.",
    story_ru: str = "Династия железнодорожников.",
    cover: bool = False,
):
    """One member per generation, each starting 25 years after the previous and working 20 years."""
    dynasty = DynastyFactory(
        slug=slug,
        family_name_kk=family_kk,
        family_name_ru=family_ru,
        family_name=family_kk,
        region=region(region_code),
        sphere=sphere(sphere_slug),
        status=status,
        published_at=published(days_ago) if status == DynastyStatus.PUBLISHED else None,
        story_kk=story_kk,
        story_ru=story_ru,
        story=story_kk,
    )
    parent = None
    for generation in range(1, generations + 1):
        begin = start + 25 * (generation - 1)
        parent = MemberFactory(
            dynasty=dynasty,
            full_name=f"Буын {generation} {family_kk.split()[0]}",
            generation=generation,
            parent=parent,
            birth_year=begin - 20,
            start_year=begin,
            end_year=begin + 20,
        )
    if cover:
        photo = PhotoFactory(dynasty=dynasty)
        dynasty.cover = photo
        dynasty.save(update_fields=["cover"])
    dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    dynasty_refresh_search(dynasty=dynasty)
    dynasty.refresh_from_db()
    return dynasty


@pytest.fixture
def zhumabekov(db):
    """Three generations of Karaganda steelworkers with a cover photo, a TV episode and a hostile story."""
    dynasty = DynastyFactory(
        slug="zhumabekovter",
        family_name_kk="Жұмабековтер әулеті",
        family_name_ru="Династия Жумабековых",
        family_name="Жұмабековтер әулеті",
        region=region("35"),
        sphere=sphere("metallurgy"),
        founded_year=1950,
        story_kk="**Үш** буын металлург.\n\n<script>alert('x')</script>",
        story_ru="Три поколения *металлургов*.",
        story="**Үш** буын металлург.\n\n<script>alert('x')</script>",
        published_at=datetime.datetime(2025, 3, 1, 10, 0, tzinfo=datetime.UTC),
    )
    founder = MemberFactory(
        dynasty=dynasty,
        full_name="Мұрат Жұмабеков",
        generation=1,
        birth_year=1930,
        start_year=1950,
        end_year=1990,
        profession_kk="Болат балқытушы",
        profession_ru="Сталевар",
        profession_ref=profession("8121-01"),
        awards_kk="«Еңбек даңқы» орденінің иегері",
        awards_ru="кавалер ордена «Еңбек даңқы»",
    )
    son = MemberFactory(
        dynasty=dynasty,
        full_name="Серік Жұмабеков",
        generation=2,
        parent=founder,
        birth_year=1955,
        start_year=1975,
        end_year=2015,
        profession_kk="Прокатшы",
        profession_ru="Вальцовщик",
    )
    MemberFactory(
        dynasty=dynasty,
        full_name="Ерлан Жұмабеков",
        generation=3,
        parent=son,
        birth_year=1985,
        start_year=2005,
        end_year=None,
        profession_kk="Металлург инженер",
        profession_ru="Инженер-металлург",
    )
    photo = PhotoFactory(dynasty=dynasty, caption_kk="Отбасы", caption_ru="Семья")
    dynasty.cover = photo
    dynasty.save(update_fields=["cover"])
    MediaEpisode.objects.create(
        dynasty=dynasty,
        title_kk="Еңбек әулеті",
        title_ru="Трудовая династия",
        kind="tv",
        outlet="Өңірлік телеарна",
        date=datetime.date(2024, 5, 1),
        url="https://example.com/tv/zhumabekov",
    )
    dynasty_refresh_figures(dynasty_ids=[dynasty.pk])
    dynasty_refresh_search(dynasty=dynasty)
    dynasty.refresh_from_db()
    return dynasty


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


# --- Shape -----------------------------------------------------------------------------------------
def test_list_shape_exact_keys_and_values(client, zhumabekov):
    response = client.get("/api/v1/dynasties/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert (body["count"], body["next"], body["previous"]) == (1, None, None)
    row = body["results"][0]
    assert set(row) == LIST_KEYS
    photo = zhumabekov.cover
    assert row == {
        "slug": "zhumabekovter",
        "family_name": "Жұмабековтер әулеті",
        "family_name_kk": "Жұмабековтер әулеті",
        "family_name_ru": "Династия Жумабековых",
        "region": "35",
        "region_name": "Қарағанды облысы",
        "sphere": "metallurgy",
        "sphere_name": "Металлургия",
        "generations": 3,
        "members_count": 3,
        "total_years": 40 + 40 + (THIS_YEAR - 2005),
        "founded_year": 1950,
        "published_at": row["published_at"],
        "cover": f"http://testserver/media/{photo.thumbnail.name}",
        "url": "http://testserver/kk/dynasties/zhumabekovter/",
    }
    assert datetime.datetime.fromisoformat(row["published_at"]) == zhumabekov.published_at


def test_detail_shape_members_photos_media_and_sanitised_story(client, zhumabekov):
    response = client.get("/api/v1/dynasties/zhumabekovter/")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == DETAIL_KEYS
    assert body["slug"] == "zhumabekovter"
    assert body["total_years"] == 80 + THIS_YEAR - 2005
    assert body["organization"] is None
    assert body["story"].startswith("<p><strong>Үш</strong> буын металлург.</p>")
    assert "<script" not in body["story"] and "alert" not in body["story"]

    members = body["members"]
    assert [set(m) for m in members] == [MEMBER_KEYS] * 3
    founder, son, grandson = members
    assert {
        k: founder[k] for k in ("full_name", "generation", "profession", "start_year", "end_year", "years")
    } == {
        "full_name": "Мұрат Жұмабеков",
        "generation": 1,
        "profession": "Болат балқытушы",
        "start_year": 1950,
        "end_year": 1990,
        "years": 40,
    }
    assert founder["parent"] is None and founder["awards"] == "«Еңбек даңқы» орденінің иегері"
    assert founder["profession_ref"] == {"code": "8121-01", "name": "Болат балқытушы"}
    assert son["profession_ref"] is None
    assert (son["full_name"], son["generation"], son["parent"], son["years"]) == (
        "Серік Жұмабеков",
        2,
        founder["id"],
        40,
    )
    assert (grandson["end_year"], grandson["years"], grandson["parent"]) == (
        None,
        THIS_YEAR - 2005,
        son["id"],
    )

    photo = zhumabekov.cover
    assert body["photos"] == [
        {
            "image": f"http://testserver/media/{photo.image.name}",
            "thumbnail": f"http://testserver/media/{photo.thumbnail.name}",
            "width": 64,
            "height": 48,
            "caption": "Отбасы",
        }
    ]
    assert body["media"] == [
        {
            "title": "Еңбек әулеті",
            "kind": "tv",
            "outlet": "Өңірлік телеарна",
            "date": "2024-05-01",
            "url": "https://example.com/tv/zhumabekov",
        }
    ]


def test_cover_is_null_without_a_photo(client, db):
    make_dynasty(slug="no-photo")
    assert client.get("/api/v1/dynasties/").json()["results"][0]["cover"] is None


# --- Filters ---------------------------------------------------------------------------------------
@pytest.fixture
def three(db):
    return [
        make_dynasty(slug="almaty-rail", region_code="75", sphere_slug="railway", generations=2, days_ago=30),
        make_dynasty(
            slug="almaty-school", region_code="75", sphere_slug="education", generations=4, days_ago=20
        ),
        make_dynasty(slug="astana-rail", region_code="71", sphere_slug="railway", generations=3, days_ago=10),
    ]


def test_filter_by_region_code(client, three):
    assert slugs(client.get("/api/v1/dynasties/?region=75")) == ["almaty-school", "almaty-rail"]
    assert slugs(client.get("/api/v1/dynasties/?region=71")) == ["astana-rail"]
    assert slugs(client.get("/api/v1/dynasties/?region=35")) == []


def test_filter_by_sphere_slug(client, three):
    assert slugs(client.get("/api/v1/dynasties/?sphere=railway")) == ["astana-rail", "almaty-rail"]
    assert slugs(client.get("/api/v1/dynasties/?sphere=education&region=75")) == ["almaty-school"]


def test_filter_min_generations(client, three):
    assert slugs(client.get("/api/v1/dynasties/?min_generations=3")) == ["astana-rail", "almaty-school"]
    assert slugs(client.get("/api/v1/dynasties/?min_generations=4")) == ["almaty-school"]
    assert slugs(client.get("/api/v1/dynasties/?min_generations=5")) == []


def test_filter_min_years(client, three):
    # 20 years of service per generation.
    assert slugs(client.get("/api/v1/dynasties/?min_years=60")) == ["astana-rail", "almaty-school"]
    assert slugs(client.get("/api/v1/dynasties/?min_years=80&region=75")) == ["almaty-school"]


# --- Search ----------------------------------------------------------------------------------------
@pytest.fixture
def searchable(db):
    return [
        make_dynasty(slug="zhumabek", family_kk="Жұмабековтер әулеті", family_ru="Династия Жумабековых"),
        make_dynasty(
            slug="ivanov",
            family_kk="Ивановтар әулеті",
            family_ru="Династия Ивановых",
            story_kk="Шахтерлер әулеті.",
            story_ru="Династия шахтёров Караганды.",
        ),
    ]


def test_search_in_kazakh(client, searchable):
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Жұмабековтер"})) == ["zhumabek"]
    assert slugs(client.get("/api/v1/dynasties/", {"search": "жұмабек"})) == ["zhumabek"]


def test_search_in_russian(client, searchable):
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Жумабековых"})) == ["zhumabek"]
    assert slugs(client.get("/api/v1/dynasties/", {"search": "шахтёров"})) == ["ivanov"]
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Иванов"})) == ["ivanov"]


def test_search_combines_with_filters_and_finds_nothing_gracefully(client, searchable):
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Иванов", "region": "71"})) == []
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Балтабаевтар"})) == []
    assert len(slugs(client.get("/api/v1/dynasties/", {"search": "  "}))) == 2


def test_search_ranks_the_stored_vector_not_a_reparsed_one(client, searchable, settings):
    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: ranking exists only with full-text search.")
    with CaptureQueriesContext(connection) as captured:
        assert slugs(client.get("/api/v1/dynasties/", {"search": "Жұмабековтер"})) == ["zhumabek"]
    sql = "\n".join(q["sql"] for q in captured.captured_queries)
    # to_tsvector(search_vector::text) re-parsed every matching row: 85 of 98 ms on 20,000 dynasties.
    assert "ts_rank" in sql and "to_tsvector" not in sql


def test_search_with_explicit_newest_ordering(client, db):
    make_dynasty(slug="older", family_kk="Ермековтер әулеті", days_ago=50)
    make_dynasty(slug="newer", family_kk="Ермековтер әулеті", days_ago=5)
    response = client.get("/api/v1/dynasties/", {"search": "Ермековтер", "ordering": "-published_at"})
    assert slugs(response) == ["newer", "older"]


# --- Ordering --------------------------------------------------------------------------------------
@pytest.fixture
def ranked(db):
    return [
        # generations, then years: 2 gens × 20 = 40, 3 gens × 20 = 60; the third started earlier and works on.
        make_dynasty(slug="two-gens", generations=2, days_ago=1),
        make_dynasty(slug="three-gens", generations=3, days_ago=300),
        make_dynasty(slug="four-gens", generations=4, days_ago=100),
    ]


def test_default_ordering_is_newest_first(client, ranked):
    assert slugs(client.get("/api/v1/dynasties/")) == ["two-gens", "four-gens", "three-gens"]


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("-total_years", ["four-gens", "three-gens", "two-gens"]),
        ("-generations", ["four-gens", "three-gens", "two-gens"]),
        ("-published_at", ["two-gens", "four-gens", "three-gens"]),
    ],
)
def test_ordering(client, ranked, ordering, expected):
    assert slugs(client.get(f"/api/v1/dynasties/?ordering={ordering}")) == expected


def test_ordering_by_years_differs_from_generations(client, db):
    make_dynasty(slug="long-two", generations=2, start=1900)  # 2 × 20 years
    make_dynasty(slug="short-three", generations=3)  # 3 × 20 years
    MemberFactory(
        dynasty=make_dynasty(slug="veteran-two", generations=2),
        generation=2,
        birth_year=1940,
        start_year=1960,
        end_year=2020,
    )
    dynasty_refresh_figures()
    assert slugs(client.get("/api/v1/dynasties/?ordering=-total_years")) == [
        "veteran-two",
        "short-three",
        "long-two",
    ]
    assert slugs(client.get("/api/v1/dynasties/?ordering=-generations"))[0] == "short-three"


def test_pagination_is_stable_and_complete(client, db):
    for k in range(25):
        make_dynasty(slug=f"d{k:02d}", days_ago=k % 3)  # ties in published_at are broken by id
    first = client.get("/api/v1/dynasties/?ordering=-total_years").json()
    assert first["count"] == 25 and len(first["results"]) == 20 and first["next"]
    second = client.get(first["next"]).json()
    seen = [r["slug"] for r in first["results"] + second["results"]]
    assert sorted(seen) == [f"d{k:02d}" for k in range(25)]


# --- Languages -------------------------------------------------------------------------------------
def test_lang_parameter_switches_translated_fields(client, three):
    kk = client.get("/api/v1/dynasties/?region=71").json()["results"][0]
    ru = client.get("/api/v1/dynasties/?region=71&lang=ru").json()["results"][0]
    assert (kk["family_name"], kk["sphere_name"], kk["region_name"]) == (
        "Сейітовтер әулеті",
        "Темір жол көлігі",
        "Астана қаласы",
    )
    assert (ru["family_name"], ru["sphere_name"], ru["region_name"]) == (
        "Династия Сеитовых",
        "Железнодорожный транспорт",
        "город Астана",
    )
    assert ru["url"] == "http://testserver/ru/dynasties/astana-rail/"


def test_accept_language_switches_translated_fields(client, zhumabekov):
    response = client.get("/api/v1/dynasties/zhumabekovter/", headers={"accept-language": "ru"})
    body = response.json()
    assert response["Content-Language"] == "ru"
    assert body["family_name"] == "Династия Жумабековых"
    assert body["region_name"] == "Карагандинская область"
    assert body["story"] == "<p>Три поколения <em>металлургов</em>.</p>"
    assert body["members"][0]["profession"] == "Сталевар"
    assert body["members"][0]["profession_ref"] == {"code": "8121-01", "name": "Сталевар"}
    assert body["members"][0]["awards"] == "кавалер ордена «Еңбек даңқы»"
    assert body["photos"][0]["caption"] == "Семья"
    assert body["media"][0]["title"] == "Трудовая династия"


def test_lang_parameter_wins_over_accept_language(client, zhumabekov):
    body = client.get("/api/v1/dynasties/?lang=kk", headers={"accept-language": "ru"}).json()
    assert body["results"][0]["family_name"] == "Жұмабековтер әулеті"


def test_missing_russian_name_falls_back_to_kazakh(client, db):
    make_dynasty(slug="kk-only", family_kk="Досымовтар әулеті", family_ru="")
    row = client.get("/api/v1/dynasties/?lang=ru").json()["results"][0]
    assert row["family_name"] == "Досымовтар әулеті"


# --- Visibility ------------------------------------------------------------------------------------
@pytest.mark.parametrize("status", [DynastyStatus.DRAFT, DynastyStatus.SUBMITTED, DynastyStatus.RETURNED])
def test_unpublished_dynasties_are_404_and_not_listed(client, db, status):
    make_dynasty(slug="hidden", status=status)
    make_dynasty(slug="visible")
    response = client.get("/api/v1/dynasties/hidden/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert slugs(client.get("/api/v1/dynasties/")) == ["visible"]
    assert slugs(client.get("/api/v1/dynasties/", {"search": "Сейітовтер"})) == ["visible"]


def test_unknown_slug_is_404(client, db):
    assert client.get("/api/v1/dynasties/no-such-family/").status_code == 404


def test_detail_ignores_list_parameters(client, zhumabekov):
    assert client.get("/api/v1/dynasties/zhumabekovter/?region=zz&min_generations=abc").status_code == 200


def test_api_is_read_only(client, zhumabekov):
    assert client.post("/api/v1/dynasties/", {}).status_code in {401, 403, 405}
    assert client.delete("/api/v1/dynasties/zhumabekovter/").status_code in {401, 403, 405}


# --- Invalid parameters ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("region=zz", "region"),
        ("region=99", "region"),
        ("sphere=no-such-sphere", "sphere"),
        ("min_generations=abc", "min_generations"),
        ("min_generations=2.5", "min_generations"),
        ("min_generations=-1", "min_generations"),
        ("min_years=abc", "min_years"),
        ("min_years=99999999999999999999", "min_years"),
        ("ordering=family_name", "ordering"),
        ("ordering=-total_years,-id", "ordering"),
    ],
)
def test_invalid_parameters_are_400_with_field_errors(client, zhumabekov, query, field):
    response = client.get(f"/api/v1/dynasties/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert list(body) == [field]
    assert isinstance(body[field], list) and body[field] and all(isinstance(m, str) for m in body[field])


def test_several_invalid_parameters_are_reported_together(client, db):
    body = client.get("/api/v1/dynasties/?region=zz&min_generations=abc&lang=ru").json()
    assert set(body) == {"region", "min_generations"}


# --- Constant number of queries --------------------------------------------------------------------
def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/dynasties/?page_size=50",
        "/api/v1/dynasties/?region=75&sphere=railway&min_generations=2&ordering=-total_years&page_size=50",
        "/api/v1/dynasties/?search=Сейітовтер&page_size=50",
    ],
)
def test_list_queries_do_not_grow_with_rows(client, db, url):
    make_dynasty(slug="d-0", cover=True)
    one = _queries(client, url)
    for k in range(1, 30):
        make_dynasty(slug=f"d-{k}", cover=True, generations=2 + k % 3)
    rows = client.get(url).json()
    assert rows["count"] >= 20
    assert _queries(client, url) == one


def test_detail_queries_do_not_grow_with_members_photos_and_media(client, db):
    small = make_dynasty(slug="small", cover=True, generations=1)
    large = make_dynasty(slug="large", cover=True, generations=5)
    codes = list(Profession.objects.values_list("code", flat=True)[:25])
    for k in range(25):
        MemberFactory(
            dynasty=large,
            generation=5,
            full_name=f"Немере {k}",
            start_year=2000,
            end_year=2010,
            profession_ref=profession(codes[k]),
        )
        PhotoFactory(dynasty=large)
        MediaEpisode.objects.create(
            dynasty=large,
            title_kk=f"Эфир {k}",
            title_ru=f"Эфир {k}",
            kind="radio",
            url=f"https://example.com/{k}",
        )
    dynasty_refresh_figures()
    assert client.get("/api/v1/dynasties/large/").json()["members_count"] == 30
    assert len(client.get("/api/v1/dynasties/large/").json()["photos"]) == 26
    assert _queries(client, "/api/v1/dynasties/small/") == _queries(client, "/api/v1/dynasties/large/")
    assert small.members_count == 1


# --- Regions and schema ----------------------------------------------------------------------------
def test_regions_twenty_rows_over_pages(client, db):
    url, rows, pages = "/api/v1/regions/?page_size=7", [], 0
    while url:
        body = client.get(url).json()
        assert body["count"] == 20
        rows += body["results"]
        url, pages = body["next"], pages + 1
    assert pages == 3 and len(rows) == 20
    assert len({r["code"] for r in rows}) == 20
    almaty = next(r for r in rows if r["code"] == "75")
    assert (almaty["kato"], almaty["iso"], almaty["kind"]) == ("750000000", "KZ-75", "city")
    assert (almaty["name_kk"], almaty["name_ru"], almaty["name"]) == (
        "Алматы қаласы",
        "город Алматы",
        "Алматы қаласы",
    )
    assert client.get("/api/v1/regions/75/?lang=ru").json()["name"] == "город Алматы"


def test_openapi_schema(client, db):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "/api/v1/dynasties/" in text and "min_generations" in text and "-total_years" in text
