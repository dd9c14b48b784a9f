"""Reads that gather the sections' own figures for the composed pages."""

from contests.selectors import contest_open_count
from dynasties.selectors import dynasty_published_count
from events.selectors import event_upcoming_count


def home_figures() -> dict[str, int]:
    """Live counts for the home page; each section computes its own in SQL."""
    return {
        "dynasties": dynasty_published_count(),
        "events": event_upcoming_count(),
        "contests": contest_open_count(),
    }
