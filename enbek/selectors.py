"""Reads of the shared core: regions, spheres, professions and proverbs. No section is imported here
(the home page's figures gathered from the sections are in enbek.site.selectors)."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import get_language

from .models import Profession, Proverb, Region, Sphere
from .text import fold_for_search


def region_list() -> QuerySet[Region]:
    return Region.objects.order_by("code")


def sphere_list() -> QuerySet[Sphere]:
    return Sphere.objects.order_by("position", "slug")


def profession_choices(*, keep: int | None = None) -> QuerySet[Profession]:
    """Active professions for a form's select, with their sphere, in the classifier's order by sphere;
    `keep` (a profession id already chosen) stays selectable even if it has been retired since."""
    condition = Q(is_active=True) | Q(pk=keep) if keep else Q(is_active=True)
    return (
        Profession.objects.filter(condition)
        .select_related("sphere")
        .order_by("sphere__position", "sphere__slug", "code")
    )


def profession_search_text(profession: Profession) -> str:
    """What a search for this profession matches: its code and its names in both languages, folded."""
    return fold_for_search(f"{profession.code} {profession.name_kk} {profession.name_ru}")


def profession_matches(professions, query: str) -> list[Profession]:
    """The professions (already loaded) whose code or name in either language contains every word typed.

    Done in Python over the few hundred rows of a form's select: the same folding as the browser's
    filter (Kazakh letters typed on a Russian keyboard, ё as е), which SQL LIKE cannot do on SQLite.
    """
    words = fold_for_search(query).split()
    if not words:
        return []
    return [p for p in professions if all(word in profession_search_text(p) for word in words)]


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
