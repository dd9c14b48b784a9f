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


def test_quiz_completions_for_the_republic_only(db):
    from enbek.models import QuizCompletionDay
    from enbek.services import quiz_completion_record

    QuizCompletionDay.objects.create(day=D(2025, 2, 3), count=4)
    QuizCompletionDay.objects.create(day=D(2025, 2, 28), count=1)
    quiz_completion_record(day=D(2025, 5, 10))
    quiz_completion_record(day=D(2025, 5, 10))
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("quiz.completions", "month")) == {
        (None, D(2025, 2, 1)): 5,
        (None, D(2025, 5, 1)): 2,
    }
    assert nonzero(values_of("quiz.completions", "year")) == {(None, D(2025, 1, 1)): 7}


@pytest.fixture
def events_2025(db):
    from zoneinfo import ZoneInfo

    from events.models import Registration
    from tests.factories import EventFactory, OrganizationFactory, RegistrationFactory, region

    almaty = ZoneInfo("Asia/Almaty")

    def at(day: D, hour: int = 10) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=almaty)

    plant = OrganizationFactory(is_verified=True, region=region("75"))
    railway = OrganizationFactory(is_verified=True, region=region("71"))
    first = EventFactory(organization=plant, starts_at=at(D(2025, 2, 10)), ends_at=at(D(2025, 2, 10), 12))
    EventFactory(
        organization=plant, starts_at=at(D(2025, 2, 20)), ends_at=at(D(2025, 2, 20), 12), status="finished"
    )
    astana = EventFactory(organization=railway, starts_at=at(D(2025, 5, 5)), ends_at=at(D(2025, 5, 5), 12))
    EventFactory(
        organization=railway, starts_at=at(D(2025, 5, 9)), ends_at=at(D(2025, 5, 9), 12), status="cancelled"
    )
    rows = [
        RegistrationFactory(event=first, status="attended"),
        RegistrationFactory(event=first, status="attended", seats=2),
        RegistrationFactory(event=first, status="no_show"),
        RegistrationFactory(event=first, status="cancelled"),  # withdrawn: counted nowhere
        RegistrationFactory(event=astana, status="attended"),
        RegistrationFactory(event=astana, status="no_show"),
    ]
    for registration in rows:
        Registration.objects.filter(pk=registration.pk).update(
            created_at=registration.event.starts_at - datetime.timedelta(days=3)
        )


def test_events_indicators_from_events_and_registrations(events_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("events.held", "month")) == {
        ("75", D(2025, 2, 1)): 2,
        ("71", D(2025, 5, 1)): 1,
        (None, D(2025, 2, 1)): 2,
        (None, D(2025, 5, 1)): 1,
    }
    # People, a group's seats included; the withdrawn registration is not counted.
    assert nonzero(values_of("events.registrations", "month")) == {
        ("75", D(2025, 2, 1)): 4,
        ("71", D(2025, 5, 1)): 2,
        (None, D(2025, 2, 1)): 4,
        (None, D(2025, 5, 1)): 2,
    }
    # Attended 3 of 4 seats in Almaty, 1 of 2 in Astana; 4 of 6 in the republic.
    assert nonzero(values_of("events.attendance_rate", "year")) == {
        ("75", D(2025, 1, 1)): 75,
        ("71", D(2025, 1, 1)): 50,
        (None, D(2025, 1, 1)): pytest.approx(66.67, abs=0.01),
    }
    assert nonzero(values_of("events.enterprises", "year")) == {
        ("75", D(2025, 1, 1)): 1,
        ("71", D(2025, 1, 1)): 1,
        (None, D(2025, 1, 1)): 2,
    }


@pytest.fixture
def contests_2025(db):
    import datetime as dt
    from zoneinfo import ZoneInfo

    from tests.factories import region
    from tests.factories.contests import ApplicationFactory, ContestFactory

    almaty = ZoneInfo("Asia/Almaty")
    last = ContestFactory(year=2025, results_published_at=dt.datetime(2025, 5, 20, 12, tzinfo=almaty))
    ApplicationFactory(
        contest=last, region=region("75"), submitted_at=dt.datetime(2025, 3, 3, 10, tzinfo=almaty)
    )
    ApplicationFactory(
        contest=last, region=region("75"), submitted_at=dt.datetime(2025, 3, 9, 10, tzinfo=almaty)
    )
    ApplicationFactory(
        contest=last,
        region=region("71"),
        submitted_at=dt.datetime(2025, 4, 1, 0, 30, tzinfo=almaty),  # 31 March in UTC: April in Almaty
        status="winner",
        place=1,
    )
    ApplicationFactory(contest=last, region=region("71"), status="draft", submitted_at=None)  # not counted


def test_contest_indicators_from_applications_and_winners(contests_2025):
    run = aggregation_run_execute(kind=RunKind.FULL, today=TODAY)

    assert run.status == RunStatus.SUCCEEDED, run.error
    assert nonzero(values_of("contests.applications", "month")) == {
        ("75", D(2025, 3, 1)): 2,
        ("71", D(2025, 4, 1)): 1,
        (None, D(2025, 3, 1)): 2,
        (None, D(2025, 4, 1)): 1,
    }
    assert nonzero(values_of("contests.winners", "year")) == {
        ("71", D(2025, 1, 1)): 1,
        (None, D(2025, 1, 1)): 1,
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
