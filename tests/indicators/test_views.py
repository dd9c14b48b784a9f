"""The dashboard, an indicator's page, the counted rows, exports and runs: who sees what, exact values."""

import csv
import io
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from indicators.catalogue import SPECS
from indicators.enums import RunKind
from indicators.models import AggregationRun
from indicators.services import aggregation_run_execute
from indicators.sources import SOURCES
from tests.celery_conf import eager as celery_eager
from tests.factories import DynastyFactory, region
from tests.factories.indicators import target

from .conftest import TODAY
from .test_registry import NOT_YET

DASHBOARD = "/ru/indicators/dashboard/"


@pytest.fixture
def computed(data_2025, short_history):
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    target("dynasties.published", 4, year=2025)
    target("dynasties.published", 2, year=2025, region_code="75")
    target("dynasties.published", 5, year=2025, region_code="71")
    return data_2025


def html_of(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def row_html(html: str, code: str) -> str:
    match = re.search(rf'<tr data-code="{re.escape(code)}">(.*?)</tr>', html, re.S)
    assert match, code
    return match.group(1)


# --- Who may open it ------------------------------------------------------------------------------------
def test_dashboard_needs_sign_in(client, db):
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/ru/accounts/login/")


def test_dashboard_forbidden_to_citizens(client, citizen):
    client.force_login(citizen)
    assert client.get(DASHBOARD).status_code == 403
    assert client.get("/ru/indicators/plans/").status_code == 403
    assert client.get("/ru/indicators/outreach/").status_code == 403


def test_analyst_sees_every_indicator_value_target_and_status(client, ministry_analyst, computed):
    html = html_of(client, ministry_analyst, f"{DASHBOARD}?year=2025")
    assert len(re.findall(r'<tr data-code="', html)) == 25
    published = row_html(html, "dynasties.published")
    assert 'rows/?year=2025&amp;period=year" title="' in published
    assert re.findall(r'<td class="num[^"]*"[^>]*>(?:<a [^>]+>)?([^<]*)', published) == ["3", "4", "4"]
    assert "status-behind" in published  # 3 of 4 in a past year: 75 %, more than 15 % short
    for code in NOT_YET:
        assert 'class="no-source"' in row_html(html, code)
    assert html.count('class="no-source"') == len(NOT_YET)
    assert '<svg class="tile-map"' in html


def test_coordinator_sees_own_region_only(client, coordinator, computed):
    html = html_of(client, coordinator, f"{DASHBOARD}?year=2025")
    published = row_html(html, "dynasties.published")
    assert 'rows/?year=2025&amp;region=75&amp;period=year" title="' in published
    assert re.findall(r'<td class="num[^"]*"[^>]*>(?:<a [^>]+>)?([^<]*)', published) == ["2", "2", "2"]
    assert "status-on-track" in published
    # On the map only their region is a link with a value; the other 19 tiles are blank.
    assert re.findall(r'<a href="[^"]*" data-region="(\d+)"', html) == ["75"]
    assert html.count('<g data-region="') == 19
    assert "indicators/dashboard/runs/" not in html


@pytest.mark.parametrize(
    "url",
    [
        f"{DASHBOARD}?region=71",
        f"{DASHBOARD}export.csv?region=71",
        "/ru/indicators/dashboard/dynasties.published/?region=71",
        "/ru/indicators/dashboard/dynasties.published/rows/?region=71",
        "/ru/indicators/dashboard/dynasties.published/rows.csv?region=71",
        "/ru/indicators/dashboard/dynasties.published/export.xlsx?region=71",
    ],
)
def test_coordinator_gets_404_for_another_region(client, coordinator, computed, url):
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_coordinator_cannot_see_runs(client, coordinator, computed):
    client.force_login(coordinator)
    run = AggregationRun.objects.first()
    assert client.get(f"/ru/indicators/dashboard/runs/{run.pk}/").status_code == 403
    assert client.post("/ru/indicators/dashboard/run/").status_code == 403


def test_dashboard_queries_do_not_grow_with_data(client, ministry_analyst, computed, short_history):
    client.force_login(ministry_analyst)
    url = f"{DASHBOARD}?year=2025&map=outreach.reach"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    DynastyFactory.create_batch(5, region=region("10"))
    aggregation_run_execute(kind=RunKind.FULL, today=TODAY)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries) <= 25


# --- Drill-down ---------------------------------------------------------------------------------------
def test_indicator_page_months_regions_and_breakdown(client, ministry_analyst, computed):
    html = html_of(
        client, ministry_analyst, "/ru/indicators/dashboard/outreach.activities/?year=2025&region=75"
    )
    assert re.search(r"<tr data-region=\"75\">.*?<td class=\"num\">1</td>", html, re.S)
    assert 'period=month&amp;start=2025-06-01&amp;region=75">1</a>' in html
    assert 'id="breakdown-table"' in html


def test_indicator_without_source_says_so(client, ministry_analyst, computed):
    unsourced = sorted(set(SPECS) - set(SOURCES))
    if not unsourced:
        pytest.skip("every indicator of the catalogue has a source")
    code = unsourced[0]
    html = html_of(client, ministry_analyst, f"/ru/indicators/dashboard/{code}/?year=2025")
    assert 'class="notice no-source"' in html
    client.force_login(ministry_analyst)
    assert client.get(f"/ru/indicators/dashboard/{code}/rows/?year=2025").status_code == 404


def test_rows_behind_a_value_are_the_counted_dynasties(client, ministry_analyst, computed):
    html = html_of(client, ministry_analyst, "/ru/indicators/dashboard/dynasties.published/rows/?year=2025")
    names = re.findall(r'<td><a href="/ru/dynasties/[^"]+/">([^<]+)</a></td>', html)
    assert names == [d.family_name for d in computed["dynasties"]]
    month = html_of(
        client,
        ministry_analyst,
        "/ru/indicators/dashboard/dynasties.published/rows/?period=month&start=2025-02-01",
    )
    assert re.findall(r'<td><a href="/ru/dynasties/[^"]+/">([^<]+)</a></td>', month) == [
        computed["dynasties"][1].family_name
    ]


def test_rows_page_queries_do_not_grow_with_rows(client, ministry_analyst, computed):
    client.force_login(ministry_analyst)
    url = "/ru/indicators/dashboard/dynasties.members/rows/?year=2025"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    from tests.factories import MemberFactory

    MemberFactory.create_batch(6, dynasty=computed["dynasties"][2])
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.content.decode().count("<tr><td>") == 8
    assert len(many.captured_queries) == len(few.captured_queries)


# --- Exports -------------------------------------------------------------------------------------------
def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_dashboard_csv_export(client, ministry_analyst, computed):
    client.force_login(ministry_analyst)
    response = client.get(f"{DASHBOARD}export.csv?year=2025&region=75")
    assert response["Content-Disposition"] == 'attachment; filename="indicators-2025-75.csv"'
    rows = _csv(response)
    assert len(rows) == 26
    published = next(r for r in rows if r[0] == "dynasties.published")
    assert published[5:8] == ["2025", "2.0", "2.0"]
    for code in NOT_YET:  # no value where there is no data source, not a 0
        assert next(r for r in rows if r[0] == code)[6] == ""


def test_dashboard_xlsx_export(client, ministry_analyst, computed):
    client.force_login(ministry_analyst)
    response = client.get(f"{DASHBOARD}export.xlsx?year=2025")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 26
    assert next(r for r in rows if r[0] == "dynasties.published")[6:8] == (3, 4)


def test_rows_and_region_table_exports(client, ministry_analyst, computed):
    client.force_login(ministry_analyst)
    rows = _csv(client.get("/ru/indicators/dashboard/dynasties.published/rows.csv?year=2025&region=75"))
    assert [r[1] for r in rows[1:]] == [str(d.pk) for d in computed["dynasties"][:2]]
    regions = _csv(
        client.get("/ru/indicators/dashboard/dynasties.published/export.csv?year=2025&table=regions")
    )
    assert len(regions) == 21
    assert next(r for r in regions if r[0] == "71")[2:4] == ["1.0", "5.0"]


def test_open_data_page_and_export_are_public(client, computed):
    from indicators.models import Indicator

    Indicator.objects.filter(code="dynasties.published").update(is_published=True)
    Indicator.objects.filter(code="dynasties.members").update(is_published=False)
    html = client.get("/ru/indicators/?year=2025").content.decode()
    assert 'data-code="dynasties.published"' in html
    assert 'data-code="dynasties.members"' not in html
    rows = _csv(client.get("/ru/indicators/open-data.csv?year=2025"))
    codes = {r[0] for r in rows[1:]}
    assert "dynasties.published" in codes and "dynasties.members" not in codes


# --- Runs from the dashboard ------------------------------------------------------------------------------
def test_analyst_starts_a_full_run_and_follows_it(client, ministry_analyst, db, settings):
    with celery_eager():
        client.force_login(ministry_analyst)
        response = client.post("/ru/indicators/dashboard/run/")
    run = AggregationRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/ru/indicators/dashboard/runs/{run.pk}/"


def test_run_page_refreshes_while_the_run_is_active(client, ministry_analyst, db):
    run = AggregationRun.objects.create(kind="full", progress_done=3, progress_total=12)
    html = html_of(client, ministry_analyst, f"/ru/indicators/dashboard/runs/{run.pk}/")
    assert '<meta http-equiv="refresh" content="3">' in html
    assert '<progress max="100" value="25">' in html
    run.status = "succeeded"
    run.save()
    assert 'http-equiv="refresh"' not in html_of(
        client, ministry_analyst, f"/ru/indicators/dashboard/runs/{run.pk}/"
    )


def test_dashboard_is_in_the_staff_navigation(client, ministry_analyst, coordinator, citizen, computed):
    assert 'data-work="indicators.dashboard"' in html_of(client, ministry_analyst, "/ru/about/")
    assert 'data-work="indicators.dashboard"' in html_of(client, coordinator, "/ru/about/")
    assert 'data-work="indicators.dashboard"' not in html_of(client, citizen, "/ru/about/")
