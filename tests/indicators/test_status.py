"""Target status: share of the year passed, pro-rating of counts, levels, direction, tolerance."""

import datetime

import pytest

from indicators.periods import share_of_year_passed
from indicators.status import assess

D = datetime.date
pytestmark = pytest.mark.usefixtures("source_language")


def status(value, target, *, direction="higher", cumulative=True, year=2025, today=D(2025, 7, 2)):
    return assess(
        value=value, target=target, direction=direction, cumulative=cumulative, year=year, today=today
    )


def test_share_of_year_passed():
    assert share_of_year_passed(2025, D(2025, 1, 1)) == 1 / 365
    assert share_of_year_passed(2025, D(2025, 7, 2)) == 183 / 365
    assert share_of_year_passed(2024, D(2024, 12, 31)) == 1.0  # 366 of 366
    assert share_of_year_passed(2024, D(2025, 3, 1)) == 1.0
    assert share_of_year_passed(2026, D(2025, 3, 1)) == 0.0


@pytest.mark.parametrize(
    ("value", "expected_status"),
    [
        (50.2, "on_track"),
        (60, "on_track"),
        (50.1, "at_risk"),
        (42.7, "at_risk"),
        (42.6, "behind"),
        (0, "behind"),
    ],
)
def test_count_higher_is_better_is_pro_rated(value, expected_status):
    # Target 100 for 2025; on 2 July 183 of 365 days have passed: 50.137 is due by now.
    result = status(value, 100)
    assert result.expected == round(100 * 183 / 365, 4) == 50.137
    assert result.status == expected_status


@pytest.mark.parametrize(
    ("value", "expected_status"), [(5.0, "on_track"), (5.013, "on_track"), (5.7, "at_risk"), (5.8, "behind")]
)
def test_count_lower_is_better_is_a_pro_rated_ceiling(value, expected_status):
    # At most 10 overdue items in the year: 5.0137 allowed by now, at risk up to 5.7658.
    assert status(value, 10, direction="lower").status == expected_status


@pytest.mark.parametrize(("value", "expected_status"), [(80, "on_track"), (68, "at_risk"), (67.9, "behind")])
def test_level_is_compared_with_the_whole_target(value, expected_status):
    result = status(value, 80, cumulative=False)
    assert result.expected == 80
    assert result.status == expected_status


def test_past_year_compares_with_the_full_target():
    assert status(99, 100, year=2024).status == "at_risk"
    assert status(100, 100, year=2024).status == "on_track"
    assert status(84, 100, year=2024).status == "behind"


def test_missing_target_or_value():
    assert status(10, None).status == "no_target"
    assert status(None, 100).status == "no_data"
    assert status(0, 0, direction="lower").status == "on_track"
    assert status(1, 0, direction="lower").status == "behind"
    assert status(0, 0).status == "on_track"


def test_labels_and_css():
    result = status(60, 100)
    assert (result.css, str(result.label)) == ("on-track", "On track")
