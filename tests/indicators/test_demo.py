"""indicators/demo.py: plans for the republic and every region, items in every status, outreach, targets."""

import pytest
from django.db.models import Count
from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.demo.seed import SECTION_SEEDERS
from indicators import demo
from indicators.enums import ItemStatus
from indicators.models import ActionPlan, ActionPlanItem, IndicatorValue, OutreachActivity, Target
from indicators.sources import SOURCES


def context() -> DemoContext:
    now = timezone.now()
    return DemoContext(
        size="small", seed=7, now=now, today=timezone.localdate(now), users={}, organizations=[]
    )


def test_demo_is_listed_and_seeds_everything_once(db):
    assert "indicators.demo" in SECTION_SEEDERS
    ctx = context()
    first = demo.seed(ctx)
    items = list(ActionPlanItem.objects.order_by("id").values_list("plan_id", "number", "status", "deadline"))
    second = demo.seed(context())

    assert first == second
    assert (
        list(ActionPlanItem.objects.order_by("id").values_list("plan_id", "number", "status", "deadline"))
        == items
    )
    this_year, last_year = ctx.today.year, ctx.today.year - 1
    assert first["action plans"] == ActionPlan.objects.count() == 42  # republic + 20 regions, two years
    assert set(ActionPlan.objects.values_list("year", flat=True)) == {this_year, last_year}
    assert ActionPlan.objects.filter(region=None).count() == 2
    assert first["outreach activities"] == OutreachActivity.objects.count() == 20 * 12
    # Every plan of this year but one region's (left empty on purpose) has an item in every status.
    for plan in ActionPlan.objects.filter(year=this_year).annotate(n=Count("items")):
        statuses = set(plan.items.values_list("status", flat=True))
        if plan.region and plan.region.code == "62":
            assert statuses == set()
        else:
            assert statuses == set(ItemStatus.values), plan
    # Targets for both years, every computed indicator, the republic and the 20 regions.
    assert Target.objects.count() == first["indicator targets"] == 2 * len(SOURCES) * 21
    assert first["indicator values"] == IndicatorValue.objects.count() > 0


@pytest.mark.parametrize("code", ["plan.items", "outreach.activities"])
def test_demo_targets_give_more_than_one_status(db, code):
    from indicators.models import Indicator
    from indicators.selectors import region_cells

    ctx = context()
    demo.seed(ctx)
    cells = region_cells(indicator=Indicator.objects.get(code=code), year=ctx.today.year - 1, regions=None)
    assert len({c.assessment.status for c in cells}) >= 2
