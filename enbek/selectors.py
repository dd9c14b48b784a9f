"""Reads of the shared core: regions, proverbs, and the home page's figures gathered from the sections."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from .models import Proverb, Region


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def proverb_in_language(language: str) -> QuerySet[Proverb]:
    """Active proverbs that have a text in this language (their own or a translation/equivalent)."""
    language = "ru" if language[:2] == "ru" else "kk"
    field = f"text_{language}"
    return (
        Proverb.objects.filter(is_active=True)
        .exclude(Q(**{f"{field}__isnull": True}) | Q(**{field: ""}))
        .order_by("id")
    )


def proverb_of_the_day(*, day: datetime.date | None = None, language: str | None = None) -> Proverb | None:
    """The same active proverb all day (Almaty time), the next one tomorrow, cycling through all.

    Always one with a text in the page's language: a proverb still waiting for its translation is
    left out of that language's cycle (the editors' list in the admin shows which ones).
    """
    day = day or timezone.localdate()
    active = proverb_in_language(language or get_language() or "kk")
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
