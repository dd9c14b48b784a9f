"""Reads of the shared core: regions, proverbs, and the home page's figures gathered from the sections."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from .models import Proverb, Region, Sphere


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def sphere_list() -> QuerySet[Sphere]:
    return Sphere.objects.order_by("position", "slug")


def proverb_of_the_day(*, day: datetime.date | None = None) -> Proverb | None:
    """The same active proverb all day (Almaty time), the next one tomorrow, cycling through all."""
    day = day or timezone.localdate()
    active = Proverb.objects.filter(is_active=True).order_by("id")
    count = active.count()
    if not count:
        return None
    return active[day.toordinal() % count]


def home_figures() -> dict[str, int]:
    """Live counts for the home page; each section computes its own in SQL."""
    from contests.selectors import contest_open_count
    from dynasties.selectors import dynasty_published_count
    from events.selectors import event_upcoming_count

    return {
        "dynasties": dynasty_published_count(),
        "events": event_upcoming_count(),
        "contests": contest_open_count(),
    }
