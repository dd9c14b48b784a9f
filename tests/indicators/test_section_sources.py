"""Each section's indicators, computed by a full run from that section's own measures, against
hand-built rows with known values (the sections test their measures; this tests the wiring)."""

import datetime

import pytest

from indicators.enums import RunKind, RunStatus
from indicators.services import aggregation_run_execute

from .conftest import TODAY, nonzero, values_of

D = datetime.date
pytestmark = pytest.mark.usefixtures("short_history")


@pytest.fixture
def banners_2025(db):
    from nudges.enums import PlaceType
    from tests.factories import region
    from tests.factories.nudges import BannerFactory, PlacementFactory, VisitFactory

    street = PlacementFactory(region=region("75"), starts_on=D(2025, 2, 3))
    school = PlacementFactory(region=region("75"), starts_on=D(2025, 2, 20), place_type=PlaceType.SCHOOL)
    station = PlacementFactory(
        region=region("71"), starts_on=D(2025, 5, 1), place_type=PlaceType.RAILWAY_STATION
    )
    PlacementFactory(
        region=region("71"), starts_on=D(2025, 5, 2), place_type=PlaceType.ONLINE
    )  # not a banner
    VisitFactory(placement=street, day=D(2025, 2, 4), count=5)
    VisitFactory(placement=school, day=D(2025, 3, 1), count=2)
    VisitFactory(placement=station, day=D(2025, 5, 10), count=4)
    # A copy printed from /proverbs/: its visits count for the republic only (no region).
    VisitFactory(placement=None, banner=BannerFactory(), day=D(2025, 5, 11), count=3)


def test_nudge_indicators_from_placements_and_visits(banners_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("nudge.banners_placed", "month")) == {
        ("75", D(2025, 2, 1)): 2,
        ("71", D(2025, 5, 1)): 1,
        (None, D(2025, 2, 1)): 2,
        (None, D(2025, 5, 1)): 1,
    }
    assert nonzero(values_of("nudge.qr_visits", "year")) == {
        ("75", D(2025, 1, 1)): 7,
        ("71", D(2025, 1, 1)): 4,
        (None, D(2025, 1, 1)): 14,
    }
    # The placed banners are billboards of the outreach indicator too (entered once, in nudges).
    assert nonzero(values_of("outreach.billboards", "quarter", region_code=None)) == {
        (None, D(2025, 1, 1)): 2,
        (None, D(2025, 4, 1)): 1,
    }


@pytest.fixture
def survey_2025(db):
    from surveys import services
    from surveys.enums import SurveyStatus
    from tests.factories.surveys import answers, demographics, wave

    survey = wave(year=2025)
    for i in range(10):
        services.response_submit(
            survey=survey,
            token=f"a{i}",
            answers=answers(),
            demographics=demographics(region="75"),
            today=D(2025, 2, 3),
        )
    for i in range(2):
        services.response_submit(
            survey=survey,
            token=f"b{i}",
            answers=answers(),
            demographics=demographics(region="71"),
            today=D(2025, 5, 6),
        )
    survey.status = SurveyStatus.CLOSED
    survey.save()
    return survey


def test_survey_indicators_from_responses_and_the_index(survey_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("survey.respondents", "month")) == {
        ("75", D(2025, 2, 1)): 10,
        ("71", D(2025, 5, 1)): 2,
        (None, D(2025, 2, 1)): 10,
        (None, D(2025, 5, 1)): 2,
    }
    # Each answer: work_meaning 5 → 100, state_provides 2 reversed → 75, work_satisfaction 8 → 80:
    # (100 + 75 + 80) / 3 = 85.0; Astana's 2 respondents are suppressed (fewer than 10).
    assert values_of("survey.labour_values_index", "year") == {
        ("75", D(2025, 1, 1)): 85.0,
        (None, D(2025, 1, 1)): 85.0,
    }
