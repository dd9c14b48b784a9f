"""dynasties.selectors.dynasty_public_list: search in both languages, filters and orderings.

PostgreSQL searches the stored tsvector (simple + russian); SQLite falls back to substrings of the
stored lower-cased text. Everything except Russian stemming behaves the same on both.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dynasties.enums import DynastyOrdering, DynastyStatus
from dynasties.selectors import dynasty_public_list
from dynasties.services import dynasty_refresh_figures, dynasty_refresh_search
from tests.factories import DynastyFactory, MemberFactory, region, sphere

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("source_language")]


def _dynasty(*, kk, ru, region_code, sphere_slug, story_kk, story_ru, days_ago, members, status=None):
    """A dynasty with members (name, generation, start, end); its search text refreshed by the service."""
    published_at = timezone.now() - timedelta(days=days_ago)
    extra = {"published_at": published_at} if status is None else {"status": status, "published_at": None}
    dynasty = DynastyFactory(
        family_name_kk=kk,
        family_name_ru=ru,
        region=region(region_code),
        sphere=sphere(sphere_slug),
        story_kk=story_kk,
        story_ru=story_ru,
        **extra,
    )
    for name, generation, start, end in members:
        MemberFactory(
            dynasty=dynasty,
            full_name=name,
            generation=generation,
            birth_year=start - 20,
            start_year=start,
            end_year=end,
        )
    dynasty_refresh_search(dynasty=dynasty)
    return dynasty


@pytest.fixture
def catalogue(db):
    """Four published families with fixed figures, and one submitted family that must never show."""
    a = _dynasty(  # region 75, metallurgy, 3 generations, 40 + 40 + 15 = 95 years
        kk="Жұмабековтер",
        ru="Жумабековы",
        region_code="75",
        sphere_slug="metallurgy",
        story_kk="Теміртаудағы үш буын болат балқытушы.",
        story_ru="Три поколения металлургов Темиртау.",
        days_ago=3,
        members=[
            ("Жұмабек Сейітов", 1, 1950, 1990),
            ("Мұрат Жұмабеков", 2, 1975, 2015),
            ("Ерлан Жұмабеков", 3, 2005, 2020),
        ],
    )
    b = _dynasty(  # region 71, railway, 2 generations, 40 + 30 = 70 years
        kk="Сейітовтер",
        ru="Сеитовы",
        region_code="71",
        sphere_slug="railway",
        story_kk="Теміржолшылар әулеті.",
        story_ru="Отец — машинист, сын — металлург на заводе.",
        days_ago=2,
        members=[("Сейіт Омаров", 1, 1960, 2000), ("Бауыржан Сейітов", 2, 1990, 2020)],
    )
    c = _dynasty(  # region 75, railway, 4 generations, 50 + 40 + 20 + 5 = 115 years
        kk="Әбеновтер",
        ru="Абеновы",
        region_code="75",
        sphere_slug="railway",
        story_kk="Мұғалімдер мен теміржолшылар.",
        story_ru="Учителя и железнодорожники.",
        days_ago=1,
        members=[
            ("Әбен Құлов", 1, 1940, 1990),
            ("Нұрлан Әбенов", 2, 1970, 2010),
            ("Айгүл Әбенова", 3, 2000, 2020),
            ("Дәурен Әбенов", 4, 2015, 2020),
        ],
    )
    d = _dynasty(  # region 71, metallurgy, 3 generations, 50 + 30 + 15 = 95 years (ties with a)
        kk="Қасымовтар",
        ru="Касымовы",
        region_code="71",
        sphere_slug="metallurgy",
        story_kk="Балқаш мыс қорыту зауыты.",
        story_ru="Балхашский медеплавильный завод.",
        days_ago=0,
        members=[
            ("Қасым Бекұлы", 1, 1950, 2000),
            ("Серік Қасымов", 2, 1980, 2010),
            ("Алмас Қасымов", 3, 2005, 2020),
        ],
    )
    hidden = _dynasty(
        kk="Жұмабековтер жобасы",
        ru="Жумабековы черновик",
        region_code="75",
        sphere_slug="metallurgy",
        story_kk="Металлург.",
        story_ru="Металлургов семья.",
        days_ago=5,
        status=DynastyStatus.SUBMITTED,
        members=[("Ерлан Жасырын", 1, 1960, 2000), ("Жұмабек Жасырын", 2, 1990, 2020)],
    )
    dynasty_refresh_figures(dynasty_ids=None)
    return {"a": a, "b": b, "c": c, "d": d, "hidden": hidden}


def names(queryset) -> list[str]:
    return [d.family_name_kk for d in queryset]


def test_search_catalogue_figures_as_built(catalogue):
    figures = {
        d.family_name_kk: (d.members_count, d.generations, d.total_years) for d in dynasty_public_list()
    }

    assert figures == {
        "Жұмабековтер": (3, 3, 95),
        "Сейітовтер": (2, 2, 70),
        "Әбеновтер": (4, 4, 115),
        "Қасымовтар": (3, 3, 95),
    }


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("Жұмабековтер", ["Жұмабековтер"]),  # Kazakh family name
        ("Жумабековы", ["Жұмабековтер"]),  # Russian family name
        ("Ерлан", ["Жұмабековтер"]),  # a member's name
        ("Бауыржан", ["Сейітовтер"]),
        ("Жұмабек", ["Жұмабековтер"]),  # a Kazakh prefix finds "Жұмабековтер" and "Жұмабеков"
        ("жұмабек", ["Жұмабековтер"]),
        ("ЖҰМАБЕК", ["Жұмабековтер"]),
        ("Теміржолшылар", ["Әбеновтер", "Сейітовтер"]),  # a word from the Kazakh stories
        ("железнодорожники", ["Әбеновтер"]),  # a word from the Russian story
        ("медеплавильный", ["Қасымовтар"]),
        ("Жұмабек Ерлан", ["Жұмабековтер"]),  # every word must match
        ("Жұмабековтер әулеті", ["Жұмабековтер"]),  # the generic word is left out
        ("династия Жумабековы", ["Жұмабековтер"]),
        ("Жұмабек Абеновы", []),
        ("Бейтаныс", []),  # no match
        ("Жасырын", []),  # only in the submitted family
    ],
)
def test_search_public_list_both_languages(catalogue, search, expected):
    assert sorted(names(dynasty_public_list(search=search))) == sorted(expected)


def test_search_word_from_russian_story_exact_form(catalogue):
    assert "Жұмабековтер" in names(dynasty_public_list(search="металлургов"))


def test_search_member_surname_prefix_finds_family_and_member(catalogue):
    # "Сейітов" is a member of the Жұмабековтер and the stem of the Сейітовтер family name.
    assert sorted(names(dynasty_public_list(search="Сейітов"))) == ["Жұмабековтер", "Сейітовтер"]


def test_search_russian_stemming_postgres(postgres_only, catalogue):
    # "металлургов" (genitive plural) also finds the story that says "металлург".
    assert sorted(names(dynasty_public_list(search="металлургов"))) == ["Жұмабековтер", "Сейітовтер"]
    assert sorted(names(dynasty_public_list(search="металлург"))) == ["Жұмабековтер", "Сейітовтер"]


def test_search_substring_fallback_sqlite(sqlite_only, catalogue):
    # Without PostgreSQL there is no stemming: the exact form is a substring of one story only.
    assert names(dynasty_public_list(search="металлургов")) == ["Жұмабековтер"]
    assert sorted(names(dynasty_public_list(search="металлург"))) == ["Жұмабековтер", "Сейітовтер"]


@pytest.mark.parametrize(
    "search", ["", "   ", "!!!", "«»", "& | ! :*", "әулеті", "Династия", "династии әулет"]
)
def test_search_without_words_returns_everything_newest_first(catalogue, search):
    assert names(dynasty_public_list(search=search)) == [
        "Қасымовтар",
        "Әбеновтер",
        "Сейітовтер",
        "Жұмабековтер",
    ]


def test_search_tsquery_syntax_is_not_injected(catalogue):
    assert names(dynasty_public_list(search="Жұмабек:* | Әбен")) == []
    assert names(dynasty_public_list(search="Жұмабек' & 'x")) == []
    assert names(dynasty_public_list(search="Жұмабек)(")) == ["Жұмабековтер"]


def test_search_follows_stored_text_after_refresh(catalogue):
    a = catalogue["a"]
    a.story_ru = "Новая история о доменщиках."
    a.save(update_fields=["story_ru"])
    assert names(dynasty_public_list(search="доменщиках")) == []  # not yet in the stored text

    dynasty_refresh_search(dynasty=a)

    assert names(dynasty_public_list(search="доменщиках")) == ["Жұмабековтер"]


def test_search_with_filters_and_ordering(catalogue):
    assert names(dynasty_public_list(search="Сейітов", region="71")) == ["Сейітовтер"]
    assert names(dynasty_public_list(search="Сейітов", ordering=DynastyOrdering.YEARS)) == [
        "Жұмабековтер",
        "Сейітовтер",
    ]
    assert names(dynasty_public_list(search="Теміржолшылар", ordering=DynastyOrdering.GENERATIONS)) == [
        "Әбеновтер",
        "Сейітовтер",
    ]


# --- Filters --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({}, ["Қасымовтар", "Әбеновтер", "Сейітовтер", "Жұмабековтер"]),
        ({"region": "75"}, ["Әбеновтер", "Жұмабековтер"]),
        ({"region": "71"}, ["Қасымовтар", "Сейітовтер"]),
        ({"region": "99"}, []),
        ({"sphere": "metallurgy"}, ["Қасымовтар", "Жұмабековтер"]),
        ({"sphere": "railway"}, ["Әбеновтер", "Сейітовтер"]),
        ({"sphere": "education"}, []),
        ({"min_generations": 3}, ["Қасымовтар", "Әбеновтер", "Жұмабековтер"]),
        ({"min_generations": 4}, ["Әбеновтер"]),
        ({"min_generations": 5}, []),
        ({"min_years": 95}, ["Қасымовтар", "Әбеновтер", "Жұмабековтер"]),
        ({"min_years": 96}, ["Әбеновтер"]),
        ({"min_years": 70}, ["Қасымовтар", "Әбеновтер", "Сейітовтер", "Жұмабековтер"]),
        ({"region": "75", "sphere": "metallurgy", "min_generations": 3}, ["Жұмабековтер"]),
        ({"region": "71", "min_years": 90}, ["Қасымовтар"]),
    ],
)
def test_public_list_filters(catalogue, filters, expected):
    assert names(dynasty_public_list(**filters)) == expected


# --- Orderings ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        (DynastyOrdering.NEWEST, ["Қасымовтар", "Әбеновтер", "Сейітовтер", "Жұмабековтер"]),
        # generations, then years, then the newer row: Қасымовтар and Жұмабековтер tie on (3, 95).
        (DynastyOrdering.GENERATIONS, ["Әбеновтер", "Қасымовтар", "Жұмабековтер", "Сейітовтер"]),
        (DynastyOrdering.YEARS, ["Әбеновтер", "Қасымовтар", "Жұмабековтер", "Сейітовтер"]),
        ("unknown", ["Қасымовтар", "Әбеновтер", "Сейітовтер", "Жұмабековтер"]),
    ],
)
def test_public_list_orderings(catalogue, ordering, expected):
    assert names(dynasty_public_list(ordering=ordering)) == expected


def test_public_list_years_ordering_breaks_ties_by_generations(catalogue):
    # Give Сейітовтер 95 years with 2 generations: it ties Жұмабековтер and Қасымовтар on years only.
    MemberFactory(dynasty=catalogue["b"], full_name="Қосымша", generation=2, start_year=1995, end_year=2020)
    dynasty_refresh_figures(dynasty_ids=[catalogue["b"].pk])

    assert names(dynasty_public_list(ordering=DynastyOrdering.YEARS)) == [
        "Әбеновтер",
        "Қасымовтар",
        "Жұмабековтер",
        "Сейітовтер",
    ]
    assert names(dynasty_public_list(ordering=DynastyOrdering.YEARS, min_years=95)) == [
        "Әбеновтер",
        "Қасымовтар",
        "Жұмабековтер",
        "Сейітовтер",
    ]


def test_public_list_is_one_query(catalogue):
    with CaptureQueriesContext(connection) as captured:
        rows = list(dynasty_public_list(search="Жұмабек", region="75", min_generations=2))
        assert [(d.sphere.slug, d.region.code) for d in rows] == [("metallurgy", "75")]

    assert len(captured.captured_queries) == 1
