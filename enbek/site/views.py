"""The composed pages: home (the proverb of the day, the sections' figures, recent dynasties) and about."""

from django.shortcuts import render
from django.utils import timezone

from dynasties.selectors import dynasty_recent_published
from enbek.pagecache import cache_public_page, cached_value
from enbek.selectors import proverb_of_the_day

from .selectors import home_figures


# The proverb of the day turns at midnight and other sections' figures are not announced: one minute.
@cache_public_page("dynasties", "proverbs", timeout=60)
def home(request):
    language = (request.LANGUAGE_CODE or "kk")[:2]
    # The same proverb all day: asked of the database once per day and language, not per visit.
    day = timezone.localdate()
    proverb = cached_value(
        "proverbs",
        f"of-the-day:{day.isoformat()}:{language}",
        lambda: proverb_of_the_day(day=day, language=language),
    )
    proverb_text, proverb_language = proverb.display(language) if proverb else ("", "")
    return render(
        request,
        "home.html",
        {
            "proverb": proverb,
            "proverb_text": proverb_text,
            "proverb_language": proverb_language,
            "figures": home_figures(),
            "recent_dynasties": list(dynasty_recent_published(limit=6)),
        },
    )


def about(request):
    return render(request, "about.html")
