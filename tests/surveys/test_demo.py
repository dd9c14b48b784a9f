"""The demo survey: last year's published wave with results, this year's open wave with the same codes."""

from django.utils import timezone

from enbek.demo.context import DemoContext
from enbek.demo.seed import SECTION_SEEDERS
from surveys import demo, selectors
from surveys.enums import SurveyStatus
from surveys.models import PopulationCell, Response, Survey


def _ctx(**overrides) -> DemoContext:
    now = timezone.now()
    return DemoContext(
        size="small",
        seed=2026,
        now=now,
        today=timezone.localdate(now),
        users={},
        organizations=[],
        overrides=overrides,
    )


def test_demo_is_seeded_before_the_indicators():
    assert SECTION_SEEDERS.index("surveys.demo") < SECTION_SEEDERS.index("indicators.demo")


def test_demo_two_waves_same_codes_demo_population_results_and_idempotent(db):
    ctx = _ctx(surveys=300)
    counts = demo.seed(ctx)
    year = ctx.today.year
    past, current = Survey.objects.get(year=year - 1), Survey.objects.get(year=year)
    assert (past.status, current.status) == (SurveyStatus.PUBLISHED, SurveyStatus.OPEN)
    assert current.is_open_on(ctx.today)
    assert past.questions.count() == 30

    def codes(s):
        return sorted((q.code, tuple(q.choices.values_list("code", flat=True))) for q in s.questions.all())

    assert codes(past) == codes(current)
    assert counts["survey responses"] == Response.objects.count() == 300 + 150
    assert PopulationCell.objects.filter(is_demo=False).count() == 0
    assert counts["population cells (demo)"] == 20 * 2 * 6
    weights = selectors.survey_weights(past)
    assert weights.weighted and weights.demo_population
    index = selectors.labour_values_index(past, weights=weights)
    assert 0 < index["republic"] < 100
    # Weighting changes the answer: the demo sample over-represents the young.
    meaning = next(
        t for t in selectors.question_tables(past, weights=weights) if t.question.code == "learn_past_year"
    )
    assert meaning.rows[0].share != meaning.rows[0].weighted_share
    assert demo.seed(_ctx(surveys=300)) == counts
