"""The demo placements: across every region, with visits, the same on a second run."""

import datetime

from django.db.models import Sum
from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.demo.core import ensure_users
from enbek.demo.seed import SECTION_SEEDERS
from nudges import demo
from nudges.models import Placement, Visit


def _ctx(size="small") -> DemoContext:
    now = timezone.now()
    return DemoContext(
        size=size, seed=2026, now=now, today=timezone.localdate(now), users=ensure_users(), organizations=[]
    )


def test_demo_is_orchestrated_by_seed_demo():
    assert "nudges.demo" in SECTION_SEEDERS


def test_demo_places_banners_in_every_region_with_visits_and_is_idempotent(db):
    ctx = _ctx()
    counts = demo.seed(ctx)

    assert counts["banner placements"] == Placement.objects.count() == 40
    assert Placement.objects.values("region").distinct().count() == 20
    assert counts["banner QR visits"] == Visit.objects.aggregate(total=Sum("count"))["total"] > 0
    assert Placement.objects.values("banner__design").distinct().count() == 3
    almaty = Placement.objects.filter(region__code="75").first()
    assert almaty.created_by.email == "coordinator.almaty@enbek.local"
    assert not Visit.objects.filter(day__gt=ctx.today).exists()
    assert not Visit.objects.filter(day__lt=ctx.today - datetime.timedelta(days=121)).exists()
    codes = set(Placement.objects.values_list("code", flat=True))

    assert demo.seed(_ctx()) == counts
    assert set(Placement.objects.values_list("code", flat=True)) == codes
