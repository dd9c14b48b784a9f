"""The composed pages: home (the proverb of the day, the sections' figures, recent dynasties) and about."""

from django.shortcuts import render

from dynasties.selectors import dynasty_recent_published
from enbek.selectors import proverb_of_the_day
from events.selectors import event_upcoming_near

from .selectors import home_figures


def home(request):
    language = (request.LANGUAGE_CODE or "kk")[:2]
    proverb = proverb_of_the_day(language=language)
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
            # Upcoming career-guidance events in the signed-in person's region (else anywhere).
            "upcoming_events": event_upcoming_near(region_id=getattr(request.user, "region_id", None)),
        },
    )


def about(request):
    return render(request, "about.html")
