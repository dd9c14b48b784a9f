from django.db import connection
from django.test.utils import CaptureQueriesContext


def test_regions_api_paginated_with_codes_and_both_names(client, db):
    body = client.get("/api/v1/regions/").json()
    assert body["count"] == 20
    assert set(body) == {"count", "next", "previous", "results"}
    assert len(body["results"]) == 20
    almaty = next(r for r in body["results"] if r["code"] == "75")
    assert almaty["kato"] == "750000000"
    assert almaty["iso"] == "KZ-75"
    assert almaty["name_kk"] == "Алматы қаласы"
    assert almaty["name_ru"] == "город Алматы"


def test_regions_api_pages(client, db):
    body = client.get("/api/v1/regions/?page_size=5&page=2").json()
    assert [r["code"] for r in body["results"]] == ["27", "31", "33", "35", "39"]
    assert body["next"].endswith("/api/v1/regions/?page=3&page_size=5")


def test_regions_api_language_from_query_parameter(client, db):
    ru = client.get("/api/v1/regions/75/?lang=ru").json()
    kk = client.get("/api/v1/regions/75/?lang=kk").json()
    assert ru["name"] == "город Алматы"
    assert kk["name"] == "Алматы қаласы"


def test_regions_api_language_from_accept_language(client, db):
    body = client.get("/api/v1/regions/71/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert body["name"] == "город Астана"
    assert client.get("/api/v1/regions/71/").json()["name"] == "Астана қаласы"


def test_regions_api_constant_queries(client, db):
    with CaptureQueriesContext(connection) as small:
        client.get("/api/v1/regions/?page_size=1")
    with CaptureQueriesContext(connection) as large:
        client.get("/api/v1/regions/?page_size=20")
    assert len(small.captured_queries) == len(large.captured_queries)


def test_unknown_region_is_json_404(client, db):
    response = client.get("/api/v1/regions/99/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Табылмады."} or "detail" in response.json()


def test_schema_and_offline_docs(client, db):
    assert client.get("/api/schema/").status_code == 200
    docs = client.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


# --- Spheres (the shared classifier, moved from dynasties: the output is the same) -------------------
SPHERE_SLUGS = [
    "metallurgy",
    "mining",
    "oil-and-gas",
    "agriculture",
    "railway",
    "construction",
    "energy",
    "machine-building",
    "education",
    "healthcare",
    "culture",
    "transport",
    "public-service",
    "trade-and-services",
    "science",
    "communications",
    "light-industry",
]


def test_spheres_in_both_languages(client, db):
    kk = client.get("/api/v1/spheres/").json()
    ru = client.get("/api/v1/spheres/?lang=ru").json()
    assert kk["count"] == 17
    assert [s["slug"] for s in kk["results"]] == SPHERE_SLUGS
    railway_kk = next(s for s in kk["results"] if s["slug"] == "railway")
    railway_ru = next(s for s in ru["results"] if s["slug"] == "railway")
    assert railway_kk == {
        "slug": "railway",
        "name": "Темір жол көлігі",
        "name_kk": "Темір жол көлігі",
        "name_ru": "Железнодорожный транспорт",
    }
    assert railway_ru["name"] == "Железнодорожный транспорт"
    assert client.get("/api/v1/spheres/railway/").json()["slug"] == "railway"


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_spheres_queries_do_not_grow_with_rows(client, db):
    from enbek.models import Profession, Sphere

    Profession.objects.exclude(sphere__slug="railway").delete()
    Sphere.objects.exclude(slug="railway").delete()
    one = _queries(client, "/api/v1/spheres/")
    for n in range(20):
        Sphere.objects.create(slug=f"sphere-{n}", name_kk=f"Сала {n}", name_ru=f"Сфера {n}", position=100 + n)

    assert client.get("/api/v1/spheres/").json()["count"] == 21
    assert _queries(client, "/api/v1/spheres/") == one
