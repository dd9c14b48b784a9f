"""GET /api/v1/indicators/ and /api/v1/indicators/values/: published indicators only, exact rows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from indicators.enums import RunKind
from indicators.models import Indicator
from indicators.services import aggregation_run_execute
from indicators.sources import SOURCES
from tests.factories import DynastyFactory, region
from tests.factories.indicators import target

from .conftest import TODAY


@pytest.fixture
def published(data_2025, short_history):
    Indicator.objects.update(is_published=False)
    Indicator.objects.filter(code__in=["dynasties.published", "outreach.reach", "events.held"]).update(
        is_published=True
    )
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    target("dynasties.published", 3, year=2025)
    target("dynasties.published", 4, year=2025, region_code="75")


def test_catalogue_lists_published_indicators(client, published):
    body = client.get("/api/v1/indicators/?lang=ru").json()
    assert body["count"] == 3
    first = body["results"][0]
    assert first == {
        "code": "outreach.reach",
        "name": "Общий охват информационных материалов",
        "name_kk": "Ақпараттық материалдардың жалпы қамтуы",
        "name_ru": "Общий охват информационных материалов",
        "description": "Сумма оценочного охвата внесённых материалов.",
        "unit": "people",
        "direction": "higher",
        "mechanism": "media",
        "has_data_source": True,
    }
    # events.held has a source once the events section is merged; until then it says it has none.
    assert [r["has_data_source"] for r in body["results"] if r["code"] == "events.held"] == [
        "events.held" in SOURCES
    ]
    assert client.get("/api/v1/indicators/dynasties.members/").status_code == 404
    assert client.get("/api/v1/indicators/dynasties.published/").json()["unit"] == "count"


def test_values_of_the_republic_by_year(client, published):
    body = client.get("/api/v1/indicators/values/?code=dynasties.published&year=2025&region=republic").json()
    assert body["results"] == [
        {"code": "dynasties.published", "region": None, "period_start": "2025-01-01", "period": "year",
         "value": 3.0, "target": 3.0, "status": "on_track"},
    ]  # fmt: skip


def test_values_of_a_region_by_month(client, published):
    body = client.get(
        "/api/v1/indicators/values/?code=dynasties.published&year=2025&region=75&period=month"
    ).json()
    assert body["count"] == 6  # January to June: zero-filled up to the run's day
    rows = {r["period_start"]: (r["value"], r["target"], r["status"]) for r in body["results"]}
    assert rows["2025-01-01"] == (1.0, 4.0, "behind")  # 2 of 4 for the whole (past) year
    assert rows["2025-03-01"] == (0.0, 4.0, "behind")


def test_values_of_every_region_and_unpublished_are_hidden(client, published):
    body = client.get("/api/v1/indicators/values/?year=2025&page_size=100").json()
    codes = {r["code"] for r in body["results"]}
    # events.held has a source (the events section): its zeros of 2025 are values too.
    assert codes == {"dynasties.published", "outreach.reach", "events.held"}
    assert body["count"] == 3 * 21
    assert client.get("/api/v1/indicators/values/?code=dynasties.members").json() == {
        "code": ["Unknown or unpublished indicator."]
    }


@pytest.mark.parametrize(
    ("query", "field"), [("region=99", "region"), ("period=week", "period"), ("year=1900", "year")]
)
def test_values_bad_parameters_are_400_with_field_errors(client, published, query, field):
    response = client.get(f"/api/v1/indicators/values/?{query}")
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_values_queries_do_not_grow_with_rows(client, published):
    url = "/api/v1/indicators/values/?year=2025&period=month&page_size="
    client.get(url + "2")
    with CaptureQueriesContext(connection) as few:
        client.get(url + "2")
    with CaptureQueriesContext(connection) as many:
        body = client.get(url + "100").json()
    assert len(body["results"]) == 100
    # The valid codes and regions (for the 400s the schema declares), the values, their count, targets.
    assert len(few.captured_queries) == len(many.captured_queries) == 6


def test_values_of_the_current_year_by_default(client, db):
    Indicator.objects.filter(code="dynasties.published").update(is_published=True)
    DynastyFactory(region=region("75"))
    aggregation_run_execute(kind=RunKind.INCREMENTAL)
    body = client.get("/api/v1/indicators/values/?code=dynasties.published&region=75").json()
    assert body["results"][0]["period_start"] == datetime.date.today().replace(month=1, day=1).isoformat()
    assert body["results"][0]["value"] == 1.0
