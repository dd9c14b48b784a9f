"""GET /api/v1/proverbs/ and /api/v1/proverbs/<id>/banner.png."""

import io

import pytest
import zxingcpp
from django.db import connection
from django.test.utils import CaptureQueriesContext
from PIL import Image

from enbek.models import Proverb
from nudges.models import Banner
from tests.factories.nudges import proverb


def test_proverb_list_fields(client, db):
    response = client.get("/api/v1/proverbs/", {"lang": "ru", "page_size": 100})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 30
    first = data["results"][0]
    item = proverb(0)
    assert first == {
        "id": item.pk,
        "text_kk": "Күшің барда, істе, тісің барда тісте!",
        "text_ru": "Пока силён – дерзай, пока зубаст – кусай!",
        "original_lang": "kk",
        "translation_kind": "translation",
        "text": "Пока силён – дерзай, пока зубаст – кусай!",
        "text_lang": "ru",
        "themes": ["labour", "diligence"],
    }


def test_proverb_list_text_falls_back_to_the_original(client, db):
    item = proverb(0)
    Proverb.objects.filter(pk=item.pk).update(text_ru="")
    first = client.get("/api/v1/proverbs/", HTTP_ACCEPT_LANGUAGE="ru")["Content-Language"]
    assert first == "ru"
    result = client.get("/api/v1/proverbs/", {"lang": "ru"}).json()["results"][0]
    assert (result["text"], result["text_lang"], result["text_ru"]) == (item.text_kk, "kk", "")


def test_proverb_list_by_theme_and_inactive_ones_left_out(client, db):
    Proverb.objects.filter(pk=proverb(0).pk).update(is_active=False)
    data = client.get("/api/v1/proverbs/", {"theme": "unity"}).json()
    assert data["count"] == Proverb.objects.filter(is_active=True, themes__slug="unity").count() == 4
    assert client.get(f"/api/v1/proverbs/{Proverb.objects.order_by('id').first().pk}/").status_code == 404


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_proverb_list_queries_do_not_grow(client, db):
    many = _queries(client, "/api/v1/proverbs/?page_size=100")
    Proverb.objects.exclude(pk=proverb(0).pk).update(is_active=False)
    assert _queries(client, "/api/v1/proverbs/?page_size=100") == many == 3


@pytest.mark.parametrize(
    ("size", "expected"),
    [
        ("a4", (2480, 3508)),
        ("a3", (3508, 4961)),
        ("billboard", (3543, 1772)),
        ("square", (1080, 1080)),
        ("story", (1080, 1920)),
    ],
)
def test_banner_png_has_the_documented_size(client, db, site_url, size, expected):
    item = proverb(5)
    response = client.get(
        f"/api/v1/proverbs/{item.pk}/banner.png", {"size": size, "lang": "both", "design": "bold"}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == expected
    if size in {"square", "story"}:
        code = Banner.objects.get(proverb=item, design="bold", language="both").code
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [f"https://enbek.gov.kz/b/{code}"]


def test_banner_png_with_a_client_that_accepts_only_png(client, db):
    response = client.get(f"/api/v1/proverbs/{proverb(0).pk}/banner.png?size=square", HTTP_ACCEPT="image/png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"size": "a5"}, "size"),
        ({"lang": "en"}, "lang"),
        ({"design": "neon"}, "design"),
    ],
)
def test_banner_png_unknown_value_is_a_400_naming_the_field(client, db, query, field):
    response = client.get(f"/api/v1/proverbs/{proverb(0).pk}/banner.png", query, HTTP_ACCEPT="image/png")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert list(response.json()) == [field]


def test_banner_png_of_an_unknown_proverb_is_404(client, db):
    assert client.get("/api/v1/proverbs/999999/banner.png").status_code == 404


def test_banner_png_is_in_the_openapi_schema(client, db):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/proverbs/{id}/banner.png" in schema
    assert "/api/v1/proverbs/" in schema
