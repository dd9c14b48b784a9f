import pytest

from surveys import selectors
from surveys.models import Answer
from tests.factories import region
from tests.factories.surveys import answers, population, respond

pytestmark = pytest.mark.usefixtures("source_language")


@pytest.fixture
def answered(survey):
    """30 men (20 learnt), 70 women (35 learnt) in Almaty city, 25–34; population 50/50 by sex."""
    population(2026, {("75", "m", "25-34"): 500, ("75", "f", "25-34"): 500}, is_demo=True)
    for i in range(30):
        respond(
            survey,
            sex="m",
            answers_=answers(
                learning="yes" if i < 20 else "no", learning_how=["courses"] if i < 20 else None
            ),
        )
    for i in range(70):
        respond(
            survey,
            sex="f",
            answers_=answers(learning="yes" if i < 35 else "no", learning_how=["job"] if i < 35 else None),
        )
    return survey


def table(tables, code):
    return next(t for t in tables if t.question.code == code)


def test_question_table_weighted_share_and_margin_match_the_hand_example(answered):
    weights = selectors.survey_weights(answered)
    assert weights.demo_population is True
    learning = table(selectors.question_tables(answered, weights=weights), "learning")
    assert learning.base == 100
    yes = learning.rows[0].as_dict()
    # The hand-computed example of tests/surveys/test_weighting.py: 58.33 % ± 10.54.
    assert yes == {
        "code": "yes", "label": "Иә", "count": 55, "share": 55.0, "weighted_share": 58.33, "margin": 10.54,
        "suppressed": False,
    }  # fmt: skip


def test_suppression_of_small_cells_and_groups(answered):
    respond(answered, region="71", sex="m", answers_=answers(learning="no", learning_how=None))
    tables = selectors.question_tables(answered, by="region")
    how = table(tables, "learning_how")
    rows = {r.key: r for r in how.rows}
    assert rows["courses"].count == 20 and rows["job"].count == 35
    assert (
        rows["online"].suppressed and rows["online"].count is None and rows["online"].weighted_share is None
    )
    groups = {g.key: g for g in table(tables, "learning").groups}
    assert groups[str(region("71").pk)].suppressed is True
    assert groups[str(region("71").pk)].base is None and groups[str(region("71").pk)].rows == []
    assert groups[str(region("75").pk)].base == 100


def test_cross_tab_by_a_demographic_outside_the_weighting_cell(answered):
    respond(answered, education="vocational")
    groups = {g.key: g for g in table(selectors.question_tables(answered, by="education"), "learning").groups}
    assert groups["higher"].base == 100
    assert groups["vocational"].suppressed is True


def test_open_text_counted_only_after_review(answered):
    respond(answered, answers_=answers(comment="Жақсы"))
    assert table(selectors.question_tables(answered), "comment").suppressed is True
    assert list(selectors.open_texts(answered, question=answered.questions.get(code="comment"))) == []
    Answer.objects.filter(text="Жақсы").update(text_review="approved")
    assert [
        a.text for a in selectors.open_texts(answered, question=answered.questions.get(code="comment"))
    ] == ["Жақсы"]


def test_labour_values_index_formula(survey):
    # Unweighted (no population figures): work_meaning 5 → 100, state_provides 2 reversed → 75,
    # work_satisfaction 8 → 80; ten such answers and ten with 3, 4 → 25, 5 → 50: means 75, 50, 65 → 63.3.
    for _ in range(10):
        respond(survey)
    for _ in range(10):
        respond(survey, answers_=answers(work_meaning=3, state_provides=4, work_satisfaction=5))
    index = selectors.labour_values_index(survey)
    # (100+50)/2 = 75; (75+25)/2 = 50; (80+50)/2 = 65; (75 + 50 + 65) / 3 = 63.33
    assert index["republic"] == 63.3
    assert index["regions"] == {region("75").pk: 63.3}


def test_labour_values_index_suppresses_small_regions(survey):
    for _ in range(10):
        respond(survey)
    respond(survey, region="71")
    index = selectors.labour_values_index(survey)
    assert index["regions"][region("71").pk] is None


def test_question_tables_query_count_does_not_grow_with_questions_or_responses(
    answered, django_assert_num_queries
):
    weights = selectors.survey_weights(answered)
    # questions with choices (2), answers grouped (1), respondents grouped (1)
    with django_assert_num_queries(4):
        selectors.question_tables(answered, weights=weights)
    with django_assert_num_queries(5):  # + the regions' names
        selectors.question_tables(answered, weights=weights, by="region")
