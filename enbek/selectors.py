"""Reads of the shared core: regions, spheres, professions and proverbs. No section is imported here
(the home page's figures gathered from the sections are in enbek.site.selectors)."""

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
