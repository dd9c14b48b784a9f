"""The catalogue names every indicator of the issue; the registry composes section measures."""

import datetime

import pytest

from indicators.catalogue import CATALOGUE, SPECS
from indicators.checks import check_sources
from indicators.enums import Direction, Unit
from indicators.models import Indicator
from indicators.registry import Measure, Total, ratio, total
from indicators.sources import SOURCES

D = datetime.date
YEAR = {"date_from": D(2025, 1, 1), "date_to": D(2026, 1, 1)}

# Every indicator issue 11 lists, including those whose sections are built on other branches.
ISSUE_INDICATORS = {
    "plan.items", "plan.items_done", "plan.items_overdue", "plan.completion_rate", "plan.regions_coverage",
    "outreach.activities", "outreach.broadcasts", "outreach.publications", "outreach.billboards",
    "outreach.reach", "dynasties.published", "dynasties.submitted", "dynasties.members",
    "dynasties.challenge_entries", "contests.applications", "contests.winners", "events.held",
    "events.registrations", "events.attendance_rate", "events.enterprises", "quiz.completions",
    "survey.respondents", "survey.labour_values_index", "nudge.banners_placed", "nudge.qr_visits",
}  # fmt: skip
NOT_YET: set[str] = set()  # every section now feeds its indicators


# Stand-in section measures (test doubles of another section's selectors, not of our code).
def regional_aggregate(*, date_from, date_to, period, by_region=True):
    if by_region:
        return [
            {"region_id": 1, "period_start": D(2025, 1, 1), "value": 3},
            {"region_id": 2, "period_start": D(2025, 1, 1), "value": 0},
        ]
    return [{"region_id": None, "period_start": D(2025, 1, 1), "value": 3}]


def regional_rows(*, date_from, date_to, region_id=None):
    return Indicator.objects.none()


def anonymous_aggregate(*, date_from, date_to, period, by_region=True):
    # A measure without regions answers the republic only, whatever by_region says.
    return [{"region_id": None, "period_start": datetime.datetime(2025, 1, 1, 0, 0), "value": 4}]


def anonymous_rows(*, date_from, date_to, region_id=None):
    return Indicator.objects.none()


def test_catalogue_has_every_issue_indicator_with_names_in_both_languages():
    assert set(SPECS) == ISSUE_INDICATORS
    assert len(CATALOGUE) == len(SPECS)
    for spec in CATALOGUE:
        assert spec.name_kk and spec.name_ru and spec.name_kk != spec.name_ru
        assert spec.description_kk and spec.description_ru
        assert spec.unit in Unit.values and spec.direction in Direction.values
    assert SPECS["plan.items_overdue"].direction == Direction.LOWER
    assert SPECS["survey.labour_values_index"].unit == Unit.INDEX


def test_catalogue_is_synced_to_the_database(db):
    assert set(Indicator.objects.values_list("code", flat=True)) == ISSUE_INDICATORS
    overdue = Indicator.objects.get(code="plan.items_overdue")
    assert (overdue.name_ru, overdue.direction) == ("Просроченные пункты планов", "lower")


def test_sources_only_for_sections_that_exist():
    assert set(SOURCES) == ISSUE_INDICATORS - NOT_YET
    assert check_sources() == []


def test_check_reports_a_source_whose_function_is_missing(monkeypatch):
    missing = "indicators.selectors:no_such_measure"
    monkeypatch.setitem(SOURCES, "plan.items", total(missing))
    monkeypatch.setitem(SOURCES, "nope.nothing", total("indicators.selectors:plan_items"))
    messages = sorted(error.msg for error in check_sources())
    assert messages == [
        f"The source of 'plan.items' refers to {missing}_aggregate, which does not exist.",
        f"The source of 'plan.items' refers to {missing}_rows, which does not exist.",
        "indicators.SOURCES has 'nope.nothing', which is not in the catalogue.",
    ]


def test_total_sums_measures_and_keeps_the_republic_from_sql(db):
    source = total("tests.indicators.test_registry:regional", "tests.indicators.test_registry:anonymous")
    assert isinstance(source, Total)
    assert source.values(**YEAR, period="year", by_region=True) == {
        (1, D(2025, 1, 1)): 3.0,
        (2, D(2025, 1, 1)): 0.0,
    }
    assert source.values(**YEAR, period="year", by_region=False) == {(None, D(2025, 1, 1)): 7.0}


def test_ratio_divides_per_region_and_skips_an_empty_denominator():
    source = ratio("tests.indicators.test_registry:anonymous", "tests.indicators.test_registry:regional")
    assert source.values(**YEAR, period="year", by_region=False) == {
        (None, D(2025, 1, 1)): round(4 * 100 / 3, 4)
    }
    # By region: the numerator has no regional rows (0 %), region 2's denominator is 0 (no value).
    assert source.values(**YEAR, period="year", by_region=True) == {(1, D(2025, 1, 1)): 0.0}
    assert source.fills_zero is False


def test_measure_names_its_pair_of_functions():
    measure = Measure("dynasties.selectors:dynasties_published")
    from dynasties import selectors

    assert measure.aggregate_function is selectors.dynasties_published_aggregate
    assert measure.rows_function is selectors.dynasties_published_rows
    assert measure.app_label == "dynasties"
    with pytest.raises(ModuleNotFoundError):
        Measure("surveys_none.selectors:x").aggregate_function  # noqa: B018
