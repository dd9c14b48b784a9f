"""Reads that gather the sections' own figures for the composed pages."""

from contests.selectors import contest_open_count
from dynasties.selectors import dynasty_published_count, dynasty_published_with_profession
from enbek.models import Profession, Region
from enbek.pagecache import cached_value
from enbek.selectors import training_programmes_for
from events.selectors import event_upcoming_count

# How many dynasty cards and related professions a profession's page shows.
PROFESSION_DYNASTY_CARDS = 4
RELATED_PROFESSIONS = 6


def home_figures() -> dict[str, int]:
    """Counts for the home page; each section computes its own in SQL. Kept in the cache until the
    section invalidates its page group (pagecache_invalidate_on_commit("events") in its services) or for
    a minute at most: a COUNT(*) per section on every signed-in visit of the home page was a third of
    its queries."""
    return {
        "dynasties": dynasty_published_count(),
        "events": cached_value("events", "home.upcoming_count", event_upcoming_count, timeout=60),
        "contests": cached_value("contests", "home.open_count", contest_open_count, timeout=60),
    }


def profession_public_detail(*, code: str) -> Profession:
    """An active profession of the classifier by code, with its sphere; else Profession.DoesNotExist."""
    return Profession.objects.active().select_related("sphere").get(code=code)


def profession_page(profession: Profession, *, region: Region | None) -> dict:
    """What a profession's page shows besides the profession itself, each part in one query: the
    published dynasties that have a member of it (count and a few cards), where to learn it (the
    visitor's region first) and other professions of its sphere."""
    dynasties = dynasty_published_with_profession(profession.pk)
    return {
        "dynasties_count": dynasties.count(),
        "dynasties": list(dynasties[:PROFESSION_DYNASTY_CARDS]),
        "programmes": training_programmes_for(profession, region_id=region.pk if region else None),
        "related": list(
            Profession.objects.active()
            .filter(sphere_id=profession.sphere_id)
            .exclude(pk=profession.pk)
            .order_by("code")[:RELATED_PROFESSIONS]
        ),
    }


def profession_dynasties_count(profession: Profession) -> int:
    return dynasty_published_with_profession(profession.pk).count()
