"""Aggregations for the indicators (exact values, one query each) and the A/B comparison."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from nudges.selectors import (
    ab_comparison,
    banner_visits_aggregate,
    banner_visits_rows,
    banners_placed_aggregate,
    banners_placed_rows,
)
from tests.factories import region
from tests.factories.nudges import BannerFactory, PlacementFactory, VisitFactory, proverb

D = datetime.date


@pytest.fixture
def placed(db):
    """Almaty (75): 2 in January, 1 in February, 1 online in February; Astana (71): 1 in January;
    one outside the period (December 2025) and one in April."""
    almaty, astana = region("75"), region("71")
    rows = {
        "a1": PlacementFactory(region=almaty, starts_on=D(2026, 1, 5)),
        "a2": PlacementFactory(region=almaty, starts_on=D(2026, 1, 31), place_type="school"),
        "a3": PlacementFactory(region=almaty, starts_on=D(2026, 2, 1)),
        "online": PlacementFactory(region=almaty, starts_on=D(2026, 2, 3), place_type="online"),
        "b1": PlacementFactory(region=astana, starts_on=D(2026, 1, 20)),
        "before": PlacementFactory(region=astana, starts_on=D(2025, 12, 31)),
        "april": PlacementFactory(region=astana, starts_on=D(2026, 4, 1)),
    }
    return rows


def test_banners_placed_by_region_and_month(placed):
    with CaptureQueriesContext(connection) as queries:
        rows = banners_placed_aggregate(date_from=D(2026, 1, 1), date_to=D(2026, 4, 1), period="month")
    assert len(queries) == 1
    assert rows == [
        {"region_id": region("71").pk, "period_start": D(2026, 1, 1), "value": 1},
        {"region_id": region("75").pk, "period_start": D(2026, 1, 1), "value": 2},
        {"region_id": region("75").pk, "period_start": D(2026, 2, 1), "value": 1},
    ]


def test_banners_placed_for_the_republic_by_quarter_and_year(placed):
    assert banners_placed_aggregate(
        date_from=D(2026, 1, 1), date_to=D(2027, 1, 1), period="quarter", by_region=False
    ) == [
        {"region_id": None, "period_start": D(2026, 1, 1), "value": 4},
        {"region_id": None, "period_start": D(2026, 4, 1), "value": 1},
    ]
    assert banners_placed_aggregate(
        date_from=D(2025, 1, 1), date_to=D(2027, 1, 1), period="year", by_region=False
    ) == [
        {"region_id": None, "period_start": D(2025, 1, 1), "value": 1},
        {"region_id": None, "period_start": D(2026, 1, 1), "value": 5},
    ]


def test_banners_placed_rows_are_the_ones_counted(placed):
    rows = banners_placed_rows(date_from=D(2026, 1, 1), date_to=D(2026, 4, 1), region_id=region("75").pk)
    assert list(rows) == [placed["a1"], placed["a2"], placed["a3"]]


def test_unknown_period_is_refused(db):
    with pytest.raises(ValueError):
        banners_placed_aggregate(date_from=D(2026, 1, 1), date_to=D(2026, 2, 1), period="week")


@pytest.fixture
def visited(placed):
    VisitFactory(placement=placed["a1"], day=D(2026, 1, 5), count=3)
    VisitFactory(placement=placed["a1"], day=D(2026, 2, 10), count=4)
    VisitFactory(placement=placed["b1"], day=D(2026, 1, 21), count=5)
    VisitFactory(placement=placed["online"], day=D(2026, 3, 31), count=10)
    VisitFactory(placement=placed["before"], day=D(2025, 12, 31), count=100)  # before the period
    VisitFactory(
        placement=None, banner=BannerFactory(design="bold"), day=D(2026, 1, 9), count=2
    )  # self-printed
    return placed


def test_banner_visits_by_region_and_month(visited):
    with CaptureQueriesContext(connection) as queries:
        rows = banner_visits_aggregate(date_from=D(2026, 1, 1), date_to=D(2026, 4, 1), period="month")
    assert len(queries) == 1
    assert rows == [
        {"region_id": region("71").pk, "period_start": D(2026, 1, 1), "value": 5},
        {"region_id": region("75").pk, "period_start": D(2026, 1, 1), "value": 3},
        {"region_id": region("75").pk, "period_start": D(2026, 2, 1), "value": 4},
        {"region_id": region("75").pk, "period_start": D(2026, 3, 1), "value": 10},
    ]


def test_banner_visits_for_the_republic_include_self_printed_copies(visited):
    with CaptureQueriesContext(connection) as queries:
        rows = banner_visits_aggregate(
            date_from=D(2026, 1, 1), date_to=D(2026, 4, 1), period="quarter", by_region=False
        )
    assert len(queries) == 1
    assert rows == [{"region_id": None, "period_start": D(2026, 1, 1), "value": 24}]


def test_banner_visits_rows_of_one_region(visited):
    rows = banner_visits_rows(date_from=D(2026, 1, 1), date_to=D(2026, 4, 1), region_id=region("75").pk)
    assert [(row.day, row.count) for row in rows] == [
        (D(2026, 1, 5), 3),
        (D(2026, 2, 10), 4),
        (D(2026, 3, 31), 10),
    ]
    assert banner_visits_rows(date_from=D(2026, 1, 1), date_to=D(2026, 4, 1)).count() == 5


# --- A/B -----------------------------------------------------------------------------------------------
def test_ab_compares_designs_by_visits_per_placement_day(ministry_admin):
    item = proverb(0)
    steppe = BannerFactory(proverb=item, design="steppe")
    bold = BannerFactory(proverb=item, design="bold")
    # Steppe: two placements, 10 + 10 days inside 1–20 March, 30 visits → 1.5 a placement-day.
    s1 = PlacementFactory(banner=steppe, starts_on=D(2026, 3, 1), ends_on=D(2026, 3, 10))
    s2 = PlacementFactory(banner=steppe, starts_on=D(2026, 3, 11), ends_on=None, region=region("71"))
    # Bold: placed before the period, hangs all 20 days, 50 visits → 2.5.
    b1 = PlacementFactory(banner=bold, starts_on=D(2026, 2, 1))
    VisitFactory(placement=s1, day=D(2026, 3, 2), count=12)
    VisitFactory(placement=s2, day=D(2026, 3, 12), count=18)
    VisitFactory(placement=b1, day=D(2026, 3, 5), count=50)
    VisitFactory(placement=b1, day=D(2026, 2, 5), count=99)  # before the period
    PlacementFactory(banner=BannerFactory(proverb=proverb(1), design="classic"))  # another proverb
    ministry_admin.has_perm("nudges.view_placement")  # the permission cache, loaded once per request

    with CaptureQueriesContext(connection) as queries:
        rows = ab_comparison(
            user=ministry_admin,
            proverb=item,
            dimension="design",
            date_from=D(2026, 3, 1),
            date_to=D(2026, 3, 21),
        )
    assert len(queries) == 2
    assert [(r.key, r.placements, r.placement_days, r.visits, r.per_placement_day) for r in rows] == [
        ("bold", 1, 20, 50, 2.5),
        ("steppe", 2, 20, 30, 1.5),
    ]


def test_ab_compares_place_types_within_the_coordinators_region(coordinator):
    item = proverb(0)
    banner = BannerFactory(proverb=item)
    today = timezone.localdate()
    start = today - datetime.timedelta(days=9)
    stop = PlacementFactory(banner=banner, place_type="bus_stop", starts_on=start)
    school = PlacementFactory(banner=banner, place_type="school", starts_on=start)
    hidden = PlacementFactory(
        banner=banner, place_type="railway_station", starts_on=start, region=region("71")
    )
    VisitFactory(placement=stop, day=today, count=40)
    VisitFactory(placement=school, day=today, count=5)
    VisitFactory(placement=hidden, day=today, count=500)

    rows = ab_comparison(
        user=coordinator,
        proverb=item,
        dimension="place_type",
        date_from=today - datetime.timedelta(days=29),
        date_to=today + datetime.timedelta(days=1),
    )
    assert [(r.key, r.placement_days, r.visits, r.per_placement_day) for r in rows] == [
        ("bus_stop", 10, 40, 4.0),
        ("school", 10, 5, 0.5),
    ]


def test_ab_page_shows_the_variants_side_by_side(client, ministry_analyst):
    item = proverb(0)
    for design, count in (("steppe", 6), ("classic", 3)):
        placement = PlacementFactory(
            banner=BannerFactory(proverb=item, design=design), starts_on=timezone.localdate()
        )
        VisitFactory(placement=placement, day=timezone.localdate(), count=count)
    client.force_login(ministry_analyst)

    response = client.get("/ru/banners/ab/", {"proverb": item.pk, "dimension": "design"})

    assert response.status_code == 200
    assert [(row["row"].key, row["share"]) for row in response.context["rows"]] == [
        ("steppe", 100),
        ("classic", 50),
    ]
    html = response.content.decode()
    assert "Степь: синий и золотой" in html and "Классика: кремовая бумага, шрифт с засечками" in html
    assert (
        client.get("/ru/banners/ab/", {"date_from": "2026-05-01", "date_to": "2026-04-01"}).status_code == 200
    )
