"""Members count, generations and combined years: computed in SQL, stored by the services."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from dynasties.models import Dynasty
from dynasties.selectors import dynasty_with_live_figures, member_list_with_years
from dynasties.services import dynasty_create, dynasty_refresh_figures, member_delete, member_save
from tests.factories import DynastyFactory, MemberFactory, region, sphere

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("source_language")]


def _stored(dynasty: Dynasty) -> tuple[int, int, int]:
    row = Dynasty.objects.values_list("members_count", "generations", "total_years").get(pk=dynasty.pk)
    return tuple(row)


def _live(dynasty: Dynasty) -> tuple[int, int, int]:
    row = dynasty_with_live_figures(Dynasty.objects.filter(pk=dynasty.pk)).get()
    return row.live_members_count, row.live_generations, row.live_total_years


@pytest.fixture
def family(citizen):
    """Founder 1950–1990 (40), son 1975–2015 (40), grandson since 2005, granddaughter not yet at work (0)."""
    dynasty = dynasty_create(
        submitted_by=citizen,
        family_name_kk="Жұмабековтер",
        family_name_ru="Жумабековы",
        sphere=sphere("metallurgy"),
        region=region("75"),
    )
    founder = member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Жұмабек Сейітов",
        generation=1,
        birth_year=1930,
        start_year=1950,
        end_year=1990,
    )
    son = member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Мұрат Жұмабеков",
        generation=2,
        parent=founder,
        birth_year=1955,
        start_year=1975,
        end_year=2015,
    )
    grandson = member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Ерлан Жұмабеков",
        generation=3,
        parent=son,
        birth_year=1985,
        start_year=2005,
    )
    granddaughter = member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Әйгерім Жұмабекова",
        generation=3,
        parent=son,
        birth_year=2005,
    )
    return {
        "dynasty": dynasty,
        "founder": founder,
        "son": son,
        "grandson": grandson,
        "granddaughter": granddaughter,
    }


def test_figures_new_dynasty_without_members_are_zero(citizen):
    dynasty = dynasty_create(
        submitted_by=citizen, family_name_kk="Сейітовтер", sphere=sphere("railway"), region=region("75")
    )

    assert _stored(dynasty) == (0, 0, 0)
    assert _live(dynasty) == (0, 0, 0)


def test_figures_hand_built_family_exact(family):
    this_year = timezone.localdate().year

    assert _stored(family["dynasty"]) == (4, 3, 40 + 40 + (this_year - 2005) + 0)


def test_figures_stored_equal_live_selector(family):
    assert _stored(family["dynasty"]) == _live(family["dynasty"])


def test_figures_member_years_annotation_per_member(family):
    this_year = timezone.localdate().year

    years = {m.full_name: m.years for m in member_list_with_years(family["dynasty"])}

    assert years == {
        "Жұмабек Сейітов": 40,
        "Мұрат Жұмабеков": 40,
        "Ерлан Жұмабеков": this_year - 2005,
        "Әйгерім Жұмабекова": 0,
    }


def test_figures_member_save_returns_dynasty_figures_on_each_add(citizen):
    dynasty = dynasty_create(
        submitted_by=citizen, family_name_kk="Сейітовтер", sphere=sphere("railway"), region=region("75")
    )

    founder = member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Сейіт",
        generation=1,
        birth_year=1930,
        start_year=1950,
        end_year=1980,
    )
    assert _stored(dynasty) == (1, 1, 30)

    member_save(
        dynasty=dynasty,
        user=citizen,
        full_name="Асқар",
        generation=2,
        parent=founder,
        birth_year=1960,
        start_year=1980,
        end_year=2000,
    )
    assert _stored(dynasty) == (2, 2, 50)


def test_figures_editing_a_member_updates_them(family, citizen):
    this_year = timezone.localdate().year
    son = family["son"]

    member_save(
        dynasty=family["dynasty"],
        user=citizen,
        member=son,
        full_name=son.full_name,
        generation=2,
        parent=family["founder"],
        birth_year=1955,
        start_year=1975,
        end_year=2020,
    )

    assert _stored(family["dynasty"]) == (4, 3, 40 + 45 + (this_year - 2005))
    assert _stored(family["dynasty"]) == _live(family["dynasty"])


def test_figures_deleting_a_member_updates_them(family, citizen):
    member_delete(member=family["grandson"], user=citizen)
    assert _stored(family["dynasty"]) == (3, 3, 80)

    member_delete(member=family["granddaughter"], user=citizen)
    assert _stored(family["dynasty"]) == (2, 2, 80)
    assert _stored(family["dynasty"]) == _live(family["dynasty"])


def test_figures_refresh_all_when_ids_none(db):
    this_year = timezone.localdate().year
    first, second, empty = DynastyFactory.create_batch(3)
    MemberFactory(dynasty=first, generation=1, start_year=1960, end_year=2000)
    MemberFactory(dynasty=first, generation=2, start_year=1990, end_year=2010)
    MemberFactory(dynasty=second, generation=1, start_year=2000, end_year=None)
    # Factories write rows directly, so the stored figures are stale until the refresh.
    assert [_stored(d) for d in (first, second, empty)] == [(0, 0, 0)] * 3
    Dynasty.objects.filter(pk=empty.pk).update(members_count=9, generations=9, total_years=99)

    changed = dynasty_refresh_figures(dynasty_ids=None)

    assert changed == 3
    assert _stored(first) == (2, 2, 60)
    assert _stored(second) == (1, 1, this_year - 2000)
    assert _stored(empty) == (0, 0, 0)


def test_figures_refresh_some_ids_leaves_the_others(db):
    refreshed, untouched = DynastyFactory.create_batch(2)
    MemberFactory(dynasty=refreshed, generation=1, start_year=1960, end_year=2000)
    MemberFactory(dynasty=untouched, generation=1, start_year=1960, end_year=2000)

    changed = dynasty_refresh_figures(dynasty_ids=[refreshed.pk])

    assert changed == 1
    assert _stored(refreshed) == (1, 1, 40)
    assert _stored(untouched) == (0, 0, 0)


def _refresh_queries(ids: list[int] | None) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        dynasty_refresh_figures(dynasty_ids=ids)
    return [q["sql"] for q in captured.captured_queries]


def test_figures_refresh_is_one_sql_update_whatever_the_number_of_dynasties(db):
    dynasties = DynastyFactory.create_batch(50)
    for index, dynasty in enumerate(dynasties):
        MemberFactory(dynasty=dynasty, generation=1, start_year=1950, end_year=1990)
        MemberFactory(dynasty=dynasty, generation=2, start_year=1980, end_year=1980 + index)

    one = _refresh_queries([dynasties[0].pk])
    fifty = _refresh_queries([d.pk for d in dynasties])
    every = _refresh_queries(None)

    assert len(one) == len(fifty) == len(every) == 1
    assert all(sql.lstrip().upper().startswith("UPDATE") for sql in one + fifty + every)
    assert [_stored(d) for d in dynasties] == [(2, 2, 40 + index) for index in range(50)]
