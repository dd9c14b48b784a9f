"""Reads that gather the sections' own figures for the composed pages."""

from contests.selectors import contest_open_count
from dynasties.selectors import dynasty_published_count
from enbek.pagecache import cached_value
from events.selectors import event_upcoming_count


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
