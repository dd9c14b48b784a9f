"""Reads of the shared core: regions, spheres, professions and proverbs. No section is imported here
(the home page's figures gathered from the sections are in enbek.site.selectors)."""

import datetime

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Sum, Value, When
from django.utils import timezone
from django.utils.translation import get_language

from .aggregations import aggregate_by_period
from .enums import Audience, HollandType
from .models import (
    Profession,
    Proverb,
    QuizCompletionDay,
    QuizResult,
    QuizStatement,
    Region,
    Sphere,
    TrainingProgramme,
    User,
)
from .quiz import best_matches, score_profile, top_types
from .text import fold_for_search
from .transliteration import fold_latin, latin_variants


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


# --- The profession catalogue (the explorer's list and the API) ----------------------------------
def profession_catalogue(
    *, sphere: str | None = None, interest: str | None = None, audience: str | None = None
) -> QuerySet[Profession]:
    """Active professions with their sphere, by sphere then code, filtered by sphere slug, a Holland
    letter and an audience (Audience value). One query."""
    queryset = Profession.objects.active().select_related("sphere")
    if sphere:
        queryset = queryset.filter(sphere__slug=sphere)
    if interest and interest.upper() in HollandType.values:
        queryset = queryset.with_interest(interest)
    if audience and audience in Audience.values:
        queryset = queryset.suiting(audience)
    return queryset.order_by("sphere__position", "sphere__slug", "code")


def profession_catalogue_text(profession: Profession) -> str:
    """What the catalogue's search matches: code and names in both languages folded, and the names'
    common Latin spellings («dänekerleuşı», «svarshchik»), so a phone without Cyrillic finds them too."""
    names = f"{profession.name_kk} {profession.name_ru}"
    return " ".join([fold_for_search(f"{profession.code} {names}"), *latin_variants(names)])


def profession_catalogue_search(professions, query: str) -> list[Profession]:
    """The professions (already loaded) whose code or names contain every word typed, in Cyrillic (any
    keyboard) or Latin. Done in Python over the classifier's few hundred rows: no extra query, and the
    same folding as the dynasty editor's picker."""
    words = fold_for_search(fold_latin(query)).split()
    professions = list(professions)
    if not words:
        return professions
    return [p for p in professions if all(word in profession_catalogue_text(p) for word in words)]


def sphere_profession_counts() -> QuerySet[Sphere]:
    """Spheres with the number of their active professions (professions_count), in order. One query."""
    return sphere_list().annotate(
        professions_count=Count("professions", filter=Q(professions__is_active=True))
    )


# --- The interest quiz ---------------------------------------------------------------------------
def quiz_statements() -> QuerySet[QuizStatement]:
    return QuizStatement.objects.filter(is_active=True).order_by("position", "id")


def quiz_result_of(user: User) -> QuizResult | None:
    if not user.is_authenticated:
        return None
    return QuizResult.objects.filter(user=user).first()


def quiz_completions_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[QuizCompletionDay]:
    """Days with finished quizzes on [date_from, date_to). Completions are anonymous and have no region:
    a region's rows are none, the republic's are all."""
    queryset = QuizCompletionDay.objects.filter(day__gte=date_from, day__lt=date_to)
    if region_id is not None:
        queryset = queryset.none()
    return queryset.order_by("day")


def quiz_completions_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Finished quizzes summed per period, for the republic only (region_id None). One query."""
    return aggregate_by_period(
        QuizCompletionDay.objects.all(),
        date_field="day",
        region_field=None,
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Sum("count"),
    )


def quiz_types_of(statements) -> dict[str, str]:
    """{str(statement id): its Holland type}: the key every form and the API answer by."""
    return {str(statement.pk): statement.holland_type for statement in statements}


def quiz_outcome(answers: dict[str, int], types_of: dict[str, str], *, limit: int = 10) -> dict:
    """The result of complete, valid answers: the profile, the three strongest types and the best
    matching active professions [(profession, match)], best first (enbek.quiz). Two queries."""
    return quiz_outcome_from_profile(score_profile(answers, types_of), limit=limit)


def quiz_outcome_from_profile(profile: dict[str, int], *, limit: int = 10) -> dict:
    """As quiz_outcome, from a profile already scored (a saved result). Two queries."""
    pairs = Profession.objects.active().values_list("code", "interest_code")
    matches = best_matches(profile, pairs, limit=limit)
    by_code = Profession.objects.select_related("sphere").in_bulk(
        [m.code for m in matches], field_name="code"
    )
    return {
        "profile": profile,
        "top_types": top_types(profile),
        "professions": [(by_code[m.code], m.score) for m in matches if m.code in by_code],
    }


def training_programmes_for(profession: Profession, *, region_id: int | None = None, limit: int = 30):
    """Active programmes of education providers for a profession, those of
    `region_id` first, then by region code and provider name. One query."""
    queryset = TrainingProgramme.objects.filter(profession=profession, is_active=True).select_related(
        "organization__region"
    )
    order = ["organization__region__code", "organization__name", "id"]
    if region_id:
        queryset = queryset.annotate(
            elsewhere=Case(
                When(organization__region_id=region_id, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        order.insert(0, "elsewhere")
    return list(queryset.order_by(*order)[:limit])
