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
