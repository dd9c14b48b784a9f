"""The indicators app's own measures (plans, outreach) and breakdowns, against hand-built rows."""

import datetime

import pytest

from dynasties.enums import MediaKind
from dynasties.models import MediaEpisode, PhotoExhibition
from indicators import selectors
from indicators.enums import ItemStatus, OutreachKind
from tests.factories import DynastyFactory, region
from tests.factories.indicators import ActionPlanFactory, ActionPlanItemFactory, OutreachActivityFactory

D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2026, 1, 1)}

pytestmark = pytest.mark.usefixtures("source_language")


def as_dict(rows) -> dict:
    from enbek.models import Region

    codes = dict(Region.objects.values_list("id", "code"))
    return {(codes.get(r["region_id"]), r["period_start"]): r["value"] for r in rows}


@pytest.fixture
def plans(db):
    republic = ActionPlanFactory(region=None, year=2025)
    almaty = ActionPlanFactory(region=region("75"), year=2025)
    astana = ActionPlanFactory(region=region("71"), year=2025)
    ActionPlanFactory(region=region("79"), year=2025)  # a plan with no items: not covered
    item = ActionPlanItemFactory
    item(plan=republic, deadline=D(2025, 3, 31), status=ItemStatus.DONE, completed_on=D(2025, 3, 1))
    item(plan=almaty, deadline=D(2025, 2, 28), status=ItemStatus.DONE, completed_on=D(2025, 4, 2))
    item(plan=almaty, deadline=D(2025, 2, 10), status=ItemStatus.OVERDUE)
    item(plan=almaty, deadline=D(2025, 9, 1), status=ItemStatus.PLANNED)
    item(plan=astana, deadline=D(2025, 5, 15), status=ItemStatus.IN_PROGRESS)
    item(plan=astana, deadline=D(2025, 1, 20), status=ItemStatus.DONE, completed_on=D(2025, 1, 19))
    return {"republic": republic, "almaty": almaty, "astana": astana}


def test_plan_items_by_deadline_regions_and_republic(plans):
    assert as_dict(selectors.plan_items_aggregate(**YEAR, period="quarter")) == {
        ("75", D(2025, 1, 1)): 2,
        ("75", D(2025, 7, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
        ("71", D(2025, 4, 1)): 1,
    }
    # The republic counts the republican plan's own item as well.
    assert as_dict(selectors.plan_items_aggregate(**YEAR, period="year", by_region=False)) == {
        (None, D(2025, 1, 1)): 6
    }


def test_plan_items_done_by_completion_day_and_overdue_by_deadline(plans):
    assert as_dict(selectors.plan_items_done_aggregate(**YEAR, period="month")) == {
        ("75", D(2025, 4, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
    }
    assert as_dict(selectors.plan_items_done_aggregate(**YEAR, period="month", by_region=False)) == {
        (None, D(2025, 1, 1)): 1,
        (None, D(2025, 3, 1)): 1,
        (None, D(2025, 4, 1)): 1,
    }
    assert as_dict(selectors.plan_items_overdue_aggregate(**YEAR, period="year")) == {
        ("75", D(2025, 1, 1)): 1
    }
    assert as_dict(selectors.plan_items_due_done_aggregate(**YEAR, period="quarter")) == {
        ("75", D(2025, 1, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
    }
    assert [i.status for i in selectors.plan_items_overdue_rows(**YEAR)] == [ItemStatus.OVERDUE]


def test_regions_covered_by_a_plan_with_items(plans):
    with_items = selectors.plan_regions_with_items_aggregate(**YEAR, period="year")
    assert as_dict(with_items) == {("71", D(2025, 1, 1)): 1, ("75", D(2025, 1, 1)): 1}
    assert selectors.plan_regions_with_items_aggregate(**YEAR, period="year", by_region=False) == [
        {"region_id": None, "period_start": D(2025, 1, 1), "value": 2}
    ]
    assert selectors.plan_regions_with_items_aggregate(**YEAR, period="month") == []
    regions = selectors.plan_regions_aggregate(**YEAR, period="year")
    assert len(regions) == 20 and {r["value"] for r in regions} == {1}
    assert selectors.plan_regions_aggregate(**YEAR, period="year", by_region=False)[0]["value"] == 20
    assert [p.region.code for p in selectors.plan_regions_with_items_rows(**YEAR)] == ["71", "75"]


def test_plan_items_by_status_breakdown(plans):
    rows = selectors.plan_items_by_status(**YEAR, region_id=region("75").id)
    assert [(r["key"], r["value"]) for r in rows] == [
        ("planned", 1),
        ("in_progress", 0),
        ("done", 1),
        ("overdue", 1),
    ]


@pytest.fixture
def outreach(db):
    make = OutreachActivityFactory
    make(kind=OutreachKind.TV, region=region("75"), date=D(2025, 1, 5), estimated_reach=1000)
    make(kind=OutreachKind.RADIO, region=region("75"), date=D(2025, 1, 25), estimated_reach=300)
    make(kind=OutreachKind.BILLBOARD, region=region("71"), date=D(2025, 2, 1), estimated_reach=50)
    make(kind=OutreachKind.SOCIAL, region=region("71"), date=D(2025, 5, 1), estimated_reach=0)
    make(kind=OutreachKind.PUBLICATION, region=None, date=D(2025, 5, 9), estimated_reach=7000)  # national
    make(kind=OutreachKind.TV, region=region("75"), date=D(2024, 12, 31), estimated_reach=99)


def test_outreach_counts_and_reach(outreach):
    assert as_dict(selectors.outreach_activities_aggregate(**YEAR, period="month")) == {
        ("75", D(2025, 1, 1)): 2,
        ("71", D(2025, 2, 1)): 1,
        ("71", D(2025, 5, 1)): 1,
    }
    assert as_dict(selectors.outreach_activities_aggregate(**YEAR, period="year", by_region=False)) == {
        (None, D(2025, 1, 1)): 5
    }
    assert as_dict(selectors.outreach_reach_aggregate(**YEAR, period="year")) == {
        ("75", D(2025, 1, 1)): 1300,
        ("71", D(2025, 1, 1)): 50,
    }
    assert as_dict(selectors.outreach_reach_aggregate(**YEAR, period="year", by_region=False)) == {
        (None, D(2025, 1, 1)): 8350
    }
    assert as_dict(selectors.outreach_broadcasts_aggregate(**YEAR, period="year")) == {
        ("75", D(2025, 1, 1)): 2
    }
    assert as_dict(selectors.outreach_publications_aggregate(**YEAR, period="year", by_region=False)) == {
        (None, D(2025, 1, 1)): 2
    }
    assert as_dict(selectors.outreach_billboards_aggregate(**YEAR, period="year")) == {
        ("71", D(2025, 1, 1)): 1
    }
    assert (
        selectors.outreach_reach_rows(**YEAR).count() == 4
    )  # the post with no estimate is not behind the sum


def test_outreach_by_kind_adds_dynasty_media_and_exhibitions(outreach):
    dynasty = DynastyFactory(region=region("75"))
    MediaEpisode.objects.create(
        dynasty=dynasty, title="Т", kind=MediaKind.TV, date=D(2025, 3, 1), url="https://a.kz/1"
    )
    MediaEpisode.objects.create(
        dynasty=dynasty, title="М", kind=MediaKind.ARTICLE, date=D(2025, 3, 2), url="https://a.kz/2"
    )
    PhotoExhibition.objects.create(title="К", place="Музей", region=region("75"), starts_on=D(2025, 4, 1))
    rows = selectors.outreach_by_kind(**YEAR, region_id=region("75").id)
    assert {r["key"]: r["value"] for r in rows} == {
        "tv": 2,
        "radio": 1,
        "podcast": 0,
        "publication": 1,
        "social": 0,
        "billboard": 0,
        "exhibition": 1,
        "event_coverage": 0,
    }
